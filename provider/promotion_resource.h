// appofapps_promotion: moving a bundle of app versions from one environment of a root to the next.
// The decision (gates, approval, order, dependencies, rollback) is made at plan time and shown in
// the plan; `approved_versions` is known then, so the target environment's apps that reference it
// plan with the promoted (or, on hold, the current) versions. Apply re-checks the decision against
// the repository and writes one audit record (audit/<root>/<UTC timestamp>-<id>.json); destroying a
// promotion writes only its own "withdrawn" record and changes no app.
#pragma once

#include "provider/plan_overlay.h"
#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class PromotionResource final : public schema::Resource {
 public:
  PromotionResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay);
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
