// data "appofapps_environment": which model version of each app runs in one environment of a
// root, read from the child Application files at the branch tip. "Promote whatever staging
// runs" is `versions = data.appofapps_environment.staging.versions`.
#pragma once

#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class EnvironmentDataSource final : public schema::DataSource {
 public:
  explicit EnvironmentDataSource(const ContextHolder& context);
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  cty::Value read(const cty::Value& config, schema::Diagnostics& diags) const override;

 private:
  const ContextHolder& context_;
  schema::Schema schema_;
};

}  // namespace aoa::provider
