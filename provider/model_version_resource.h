// appofapps_model_version: one model version in the embedded registry (registry/<model>/<version>.yaml):
// artifact URI, metrics and lineage. A record is evidence that promotion gates read, so changing
// anything but `tags` replaces it. Planned records are visible to promotions planned later in the
// same run (PlanOverlay), so a new version can be registered and promoted in one apply.
#pragma once

#include "provider/plan_overlay.h"
#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class ModelVersionResource final : public schema::Resource {
 public:
  ModelVersionResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay);
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
