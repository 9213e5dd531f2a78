// appofapps_root: an app-of-apps parent for an ordered set of environments. Writes one root
// Argo CD Application per environment to roots/<root>/<env>.yaml.
#pragma once

#include <memory>

#include "provider/plan_overlay.h"
#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class RootResource final : public schema::Resource {
 public:
  // `stop` is raised by StopProvider: an apply that has not written yet gives up.
  // Planned environments are recorded in `overlay` so apps planned later in the run can use them.
  RootResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay);
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  schema::PlanResponse plan(const schema::PlanRequest& request) const override;
  schema::ApplyResponse apply(const schema::ApplyRequest& request) const override;
  schema::ReadResponse read(const schema::ReadRequest& request) const override;
  schema::ImportResponse import_state(const std::string& id) const override;

 private:
  const ContextHolder& context_;
  const schema::StopToken& stop_;
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

}  // namespace aoa::provider
