// appofapps_app: one child ML app in one environment of a root. Writes its Argo CD Application
// (apps/<root>/<env>/<app>.yaml, with the sync wave the planner computes over the whole
// environment) and its Azure ML endpoint and deployment (workloads/<root>/<env>/<app>/).
#pragma once

#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"
#include "schema/provider.h"

namespace aoa::render {
struct RootEnvironmentSpec;
}

namespace aoa::provider {

struct AppConfig;  // one app's settings, decoded once from a planned or state object

class AppResource final : public schema::Resource {
 public:
  AppResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay);
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  schema::PlanResponse plan(const schema::PlanRequest& request) const override;
  schema::ApplyResponse apply(const schema::ApplyRequest& request) const override;
  schema::ReadResponse read(const schema::ReadRequest& request) const override;
  schema::ImportResponse import_state(const std::string& id) const override;

 private:
  schema::PlanResponse plan_destroy(const schema::PlanRequest& request) const;
  void apply_destroy(const AppConfig& c, const std::string& replaced_by, schema::ApplyResponse& res) const;
  void apply_write(const schema::ApplyRequest& req, schema::ApplyResponse& res) const;
  bool wait_for_ancestors(const AppConfig& c) const;
  void write_app(const ProviderContext& ctx, const render::RootEnvironmentSpec& root, const AppConfig& c, int wave,
                 const EnvironmentApps& loaded, bool creating) const;
  const ContextHolder& context_;
  const schema::StopToken& stop_;
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

}  // namespace aoa::provider
