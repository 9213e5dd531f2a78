// data "appofapps_rollout": the current release graph of one root in one environment, read from
// the GitOps repository at the branch tip (whichever Terraform state wrote the apps): the sync
// waves in deploy order and, per app, its model and version, wave, owner, namespace and
// dependencies. For outputs and pipelines; it never writes.
#pragma once

#include <string>
#include <utility>

#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class RolloutDataSource final : public schema::DataSource {
 public:
  explicit RolloutDataSource(const ContextHolder& context);
  const schema::Schema& schema() const override { return schema_; }
  // Checks `root` and `environment` when they are known (DNS-1123 labels).
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  cty::Value read(const cty::Value& config, schema::Diagnostics& diags) const override;

 private:
  const ContextHolder& context_;
  schema::Schema schema_;
};

// Checks `root` and `environment` of a data source config when they are known (DNS-1123 labels).
void validate_root_and_environment(const cty::Value& config, schema::Diagnostics& diags);

// "<model>:<version>" -> {model, version}, split at the last ':'; no ':' -> {whole, ""}.
std::pair<std::string, std::string> split_model(const std::string& model);

}  // namespace aoa::provider
