// The appofapps provider: its configuration (repository, author), its resource and data source
// types, and its functions.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class AppofappsProvider final : public schema::Provider {
 public:
  AppofappsProvider();
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  void configure(const std::string& terraform_version, const cty::Value& config,
                 schema::Diagnostics& diags) override;
  const std::map<std::string, std::shared_ptr<schema::Resource>>& resources() const override { return resources_; }
  const std::map<std::string, std::shared_ptr<schema::DataSource>>& data_sources() const override {
    return data_sources_;
  }
  const std::map<std::string, std::shared_ptr<schema::Function>>& functions() const override { return functions_; }
  schema::StopToken& stop_token() override { return stop_; }

  // How configure makes the store from the validated configuration; default: a GitStore.
  // Tests set a factory of MemoryStores to run without a Git repository.
  using StoreFactory = std::function<std::unique_ptr<gitops::Store>(const gitops::StoreConfig&)>;
  void set_store_factory(StoreFactory factory) { store_factory_ = std::move(factory); }

 private:
  schema::Schema schema_;
  ContextHolder context_;
  schema::StopToken stop_;
  PlanOverlay overlay_;
  std::map<std::string, std::shared_ptr<schema::Resource>> resources_;
  std::map<std::string, std::shared_ptr<schema::DataSource>> data_sources_;
  std::map<std::string, std::shared_ptr<schema::Function>> functions_;
  StoreFactory store_factory_;
};

// The embedded default repository, relative to Terraform's working directory.
inline constexpr const char* kEmbeddedRepository = "./gitops";

}  // namespace aoa::provider
