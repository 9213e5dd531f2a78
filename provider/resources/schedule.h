// appofapps_schedule: a retraining schedule of one app in one environment, written as the Azure ML
// CLI v2 schedule file schedules/<root>/<env>/<app>/<name>.yaml (cron or recurrence trigger, the
// Windows time-zone name Azure ML requires, start/end, the job to create). `next_runs`, the next
// fire times in the schedule's zone, is computed when the schedule is created or changed, so the
// plan shows them; an unchanged configuration keeps them and plans no change.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "provider/shared/plan_overlay.h"
#include "provider/runtime/lifecycle.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"
#include "provider/shared/schedule_trigger.h"

namespace aoa::provider {

struct ScheduleModel {
  runtime::String root, environment, app, name, job, display_name, description;
  runtime::String cron, time_zone, start_time, end_time;
  runtime::Bool enabled;
  runtime::Field<RecurrenceModel> recurrence;
  runtime::String id, azureml_name, azureml_time_zone, commit;
  runtime::StringList next_runs;
  bool operator==(const ScheduleModel&) const = default;
  TriggerModel trigger() const { return {cron, time_zone, start_time, end_time, enabled, recurrence}; }
  static constexpr auto fields() {
    using M = ScheduleModel;
    return std::tuple{runtime::field("root", &M::root),
                      runtime::field("environment", &M::environment),
                      runtime::field("app", &M::app),
                      runtime::field("name", &M::name),
                      runtime::field("job", &M::job),
                      runtime::field("display_name", &M::display_name),
                      runtime::field("description", &M::description),
                      runtime::field("cron", &M::cron),
                      runtime::field("time_zone", &M::time_zone),
                      runtime::field("start_time", &M::start_time),
                      runtime::field("end_time", &M::end_time),
                      runtime::field("enabled", &M::enabled),
                      runtime::field("recurrence", &M::recurrence),
                      runtime::field("id", &M::id),
                      runtime::field("azureml_name", &M::azureml_name),
                      runtime::field("azureml_time_zone", &M::azureml_time_zone),
                      runtime::field("commit", &M::commit),
                      runtime::field("next_runs", &M::next_runs)};
  }
};

class ScheduleResource final : public runtime::Resource<ScheduleModel> {
 public:
  ScheduleResource(const ContextHolder& context, PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  ScheduleModel create(const ScheduleModel& planned, runtime::ApplyStep& step) const override;
  ScheduleModel update(const ScheduleModel& prior, const ScheduleModel& planned, runtime::ApplyStep& step) const override;
  void destroy(const ScheduleModel& prior, runtime::ApplyStep& step) const override;
  std::optional<ScheduleModel> read(const ScheduleModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const ScheduleModel& m) const override;

  void validate(const ScheduleModel& config, schema::Diagnostics& diags) const override;
  void modify_plan(runtime::PlanStep<ScheduleModel>& step) const override;
  std::optional<runtime::Existing> existing(const ScheduleModel& planned, const ProviderContext& ctx) const override;

 private:
  ScheduleModel write(const ScheduleModel& planned, const std::string& action, runtime::ApplyStep& step) const;
  bool plan_identity(runtime::PlanStep<ScheduleModel>& step) const;

  const ContextHolder& context_;  // the plan checks the app against the repository
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

// The resource with its lifecycle, as the provider registers it.
std::shared_ptr<schema::Resource> make_schedule_resource(const runtime::Services& services);

}  // namespace aoa::provider
