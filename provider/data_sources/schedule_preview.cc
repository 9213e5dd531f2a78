#include "provider/data_sources/schedule_preview.h"
#include "provider/shared/schema_names.h"

#include <chrono>

#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/shared/clock.h"
#include "provider/shared/schedule_trigger.h"
#include "schema/rules.h"

namespace aoa::provider {
namespace {

constexpr int kDefaultCount = 5;

schema::Schema build_schema() {
  BlockBuilder b;
  b.description("Previews the next fire times of a cron expression or an Azure ML recurrence in an IANA time zone, "
                "with the daylight-saving rules of appofapps_schedule. Writes nothing.")
      .attribute("from", Type::string())
      .optional()
      .description("The runs are strictly after this instant: RFC 3339 with `Z` or an offset "
                   "(`2026-03-28T00:00:00Z`), or a local time `YYYY-MM-DDTHH:MM:SS` in `time_zone`. A local time "
                   "that does not exist there (inside a spring-forward gap) is an error; one that happens twice "
                   "means its first occurrence (*Invalid from*). Default: now. Also the anchor of a recurrence "
                   "without `start_time` (to the minute).")
      .attribute("run_count", Type::number())
      .optional()
      .rule(schema::Rule::int_between("Invalid run_count", 1, schedule::kMaxRuns))
      .description("How many runs. Default 5.")
      .attribute("runs", Type::list(Type::string()))
      .computed()
      .description("Up to `run_count` fire times in ascending order, RFC 3339 with the zone's offset at that "
                   "instant, e.g. `2026-03-29T03:00:00+02:00`: at or after `start_time`, strictly after `from`, "
                   "at or before `end_time`. Fewer when `end_time` comes first or the schedule has no more runs; "
                   "empty when `enabled = false`.")
      .attribute("runs_utc", Type::list(Type::string()))
      .computed()
      .description("The same instants in UTC, e.g. `2026-03-29T01:00:00Z`.");
  add_trigger_schema(b, false);
  schema::Schema s;
  s.block = b.build();
  return s;
}

}  // namespace

SchedulePreviewDataSource::SchedulePreviewDataSource() : schema_(build_schema()) {}

const runtime::DataSourceInfo& SchedulePreviewDataSource::info() const {
  static const runtime::DataSourceInfo kInfo{"appofapps_schedule_preview", false};
  return kInfo;
}

namespace {

TriggerModel trigger_of(const SchedulePreviewModel& m) {
  TriggerModel t;
  t.cron = m.cron;
  t.time_zone = m.time_zone;
  t.start_time = m.start_time;
  t.end_time = m.end_time;
  t.enabled = m.enabled;
  t.recurrence = m.recurrence;
  return t;
}

std::vector<std::string> utc_texts(const std::vector<date::sys_seconds>& runs) {
  std::vector<std::string> out;
  for (const auto& t : runs) out.push_back(date::format("%Y-%m-%dT%H:%M:%SZ", t));
  return out;
}

}  // namespace

std::optional<SchedulePreviewModel> SchedulePreviewDataSource::read(const SchedulePreviewModel& config,
                                                                   runtime::DataReadStep& step) const {
  date::sys_seconds from = now_seconds();
  TriggerModel trigger_config = trigger_of(config);
  const Result<const date::time_zone*> zone = schedule::locate_zone(config.time_zone.value_or("UTC"));
  if (!report(zone.status(), step.diags)) return std::nullopt;
  if (config.from.is_known()) {
    const Result<date::sys_seconds> parsed = schedule::parse_time(config.from.get(), *zone, "from");
    if (!report(parsed.status(), step.diags)) return std::nullopt;
    from = *parsed;
  }
  // A recurrence counts its periods from start_time; without one, from `from`.
  if (config.start_time.is_null() && !config.recurrence.is_null())
    trigger_config.start_time = schedule::format_local_time(std::chrono::floor<std::chrono::minutes>(from), *zone);
  schedule::ScheduleSpec spec;
  if (!read_trigger(trigger_config, spec, step.diags)) return std::nullopt;
  const Result<schedule::Trigger> trigger = schedule::make_trigger(spec);
  if (!report(trigger.status(), step.diags)) return std::nullopt;
  const int count = config.run_count.is_known() ? static_cast<int>(*config.run_count.get().to_int64()) : kDefaultCount;
  const Result<std::vector<date::sys_seconds>> runs = schedule::next_runs(*trigger, from, count);
  if (!report(runs.status(), step.diags)) return std::nullopt;
  SchedulePreviewModel out = config;
  out.azureml_time_zone = spec.windows_time_zone;
  std::vector<std::string> local;
  const Value local_runs = run_list(*runs, trigger->zone);
  for (const auto& v : local_runs.elements()) local.push_back(v.as_string());
  out.runs = local;
  out.runs_utc = utc_texts(*runs);
  return out;
}

std::shared_ptr<schema::DataSource> make_schedule_preview_data_source() {
  return std::make_shared<runtime::DataSourceLifecycle<SchedulePreviewDataSource>>(
      std::make_shared<const SchedulePreviewDataSource>(), nullptr);
}

}  // namespace aoa::provider
