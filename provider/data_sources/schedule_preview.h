// data "appofapps_schedule_preview": the next fire times of a cron expression or recurrence in an
// IANA time zone, from any instant, with the same rules (and DST behaviour) as appofapps_schedule.
// Writes nothing, reads nothing: it works before the provider is configured.
#pragma once

#include <memory>
#include <tuple>

#include "provider/runtime/data_source.h"
#include "provider/runtime/model.h"
#include "provider/shared/schedule_trigger.h"

namespace aoa::provider {

struct SchedulePreviewModel {
  runtime::String cron, time_zone, start_time, end_time, from, azureml_time_zone;
  runtime::Bool enabled;
  runtime::Field<RecurrenceModel> recurrence;
  runtime::Number run_count;
  runtime::StringList runs, runs_utc;
  bool operator==(const SchedulePreviewModel&) const = default;
  static constexpr auto fields() {
    using M = SchedulePreviewModel;
    return std::tuple{runtime::field("cron", &M::cron),
                      runtime::field("time_zone", &M::time_zone),
                      runtime::field("start_time", &M::start_time),
                      runtime::field("end_time", &M::end_time),
                      runtime::field("from", &M::from),
                      runtime::field("azureml_time_zone", &M::azureml_time_zone),
                      runtime::field("enabled", &M::enabled),
                      runtime::field("recurrence", &M::recurrence),
                      runtime::field("run_count", &M::run_count),
                      runtime::field("runs", &M::runs),
                      runtime::field("runs_utc", &M::runs_utc)};
  }
};

class SchedulePreviewDataSource final : public runtime::DataSource<SchedulePreviewModel> {
 public:
  SchedulePreviewDataSource();
  const runtime::DataSourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }
  std::optional<SchedulePreviewModel> read(const SchedulePreviewModel& config,
                                           runtime::DataReadStep& step) const override;

 private:
  schema::Schema schema_;
};

std::shared_ptr<schema::DataSource> make_schedule_preview_data_source();

}  // namespace aoa::provider
