// Typed data sources: a model struct, a schema with declared rules, and one `read` hook. The
// lifecycle around them is written once here:
// * validate: the declared rules and string limits, then the data source's own `validate`;
// * read: Terraform reads a data source once its arguments are known, so an unknown argument is
//   an error naming it; the rules again; the repository, for data sources that read it (an error
//   before ConfigureProvider); then the hook, whose model is encoded over the configuration.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "provider/shared/provider_context.h"
#include "provider/runtime/model.h"
#include "schema/provider.h"
#include "schema/rules.h"

namespace aoa::runtime {

struct DataSourceInfo {
  std::string type_name;       // "appofapps_rollout"
  bool reads_repository = true;  // false: a pure computation that works before configuration
};

// What the read hook gets: the provider's context (null unless the data source reads the
// repository) and the diagnostics.
struct DataReadStep {
  std::shared_ptr<const provider::ProviderContext> ctx;
  schema::Diagnostics& diags;
};

template <typename M>
class DataSource {
 public:
  using Model = M;
  virtual ~DataSource() = default;
  virtual const DataSourceInfo& info() const = 0;
  virtual const schema::Schema& schema() const = 0;
  // The data source's values from its configuration; nullopt after an error in step.diags.
  virtual std::optional<M> read(const M& config, DataReadStep& step) const = 0;
  // Opt-in: rules between attributes.
  virtual void validate(const M& /*config*/, schema::Diagnostics& /*diags*/) const {}
};

// The names of the top-level attributes of `config` that are not wholly known, "`a` and `b`".
std::string unknown_arguments(const cty::Value& config);

template <typename D>
class DataSourceLifecycle final : public schema::DataSource {
 public:
  using M = typename D::Model;

  DataSourceLifecycle(std::shared_ptr<const D> source, const provider::ContextHolder* context)
      : d_(std::move(source)), context_(context), type_(d_->schema().block.implied_type()) {}

  const schema::Schema& schema() const override { return d_->schema(); }

  void validate(const cty::Value& config, schema::Diagnostics& diags) const override {
    if (config.is_null() || !config.is_known()) return;
    schema::check_rules(d_->schema().block, config, diags);
    if (!diags.has_errors()) d_->validate(decode<M>(config), diags);
  }

  cty::Value read(const cty::Value& config, schema::Diagnostics& diags) const override {
    if (config.is_null() || !config.is_wholly_known()) {
      diags.error("Configuration not known", d_->info().type_name + " was read with unknown " +
                                                 unknown_arguments(config) +
                                                 "; Terraform reads a data source only once its arguments are known.");
      return config;
    }
    validate(config, diags);
    if (diags.has_errors()) return config;
    DataReadStep step{nullptr, diags};
    if (d_->info().reads_repository) {
      try {
        step.ctx = context_->get();
      } catch (const provider::NotConfigured& e) {
        diags.error("Provider not configured", e.what());
        return config;
      }
    }
    const M in = decode<M>(config);
    std::optional<M> out = d_->read(in, step);
    if (!out || diags.has_errors()) return config;
    return encode_over(config, in, *out, type_);
  }

 private:
  std::shared_ptr<const D> d_;
  const provider::ContextHolder* context_;
  cty::Type type_;
};

}  // namespace aoa::runtime
