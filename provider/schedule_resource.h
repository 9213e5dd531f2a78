// appofapps_schedule: a retraining schedule of one app in one environment, written as the Azure ML
// CLI v2 schedule file schedules/<root>/<env>/<app>/<name>.yaml (cron or recurrence trigger, the
// Windows time-zone name Azure ML requires, start/end, the job to create). `next_runs`, the next
// fire times in the schedule's zone, is computed when the schedule is created or changed, so the
// plan shows them; an unchanged configuration keeps them and plans no change.
#pragma once

#include "provider/plan_overlay.h"
#include "provider/provider_context.h"
#include "schema/provider.h"

namespace aoa::provider {

class ScheduleResource final : public schema::Resource {
 public:
  ScheduleResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay);
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
