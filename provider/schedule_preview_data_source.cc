#include "provider/schedule_preview_data_source.h"
#include "schema/rules.h"

#include <chrono>

#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/schedule_trigger.h"
#include "provider/value_helpers.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;

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
      .description("How many runs, a whole number from 1 to 50 (*Invalid run_count*). Default 5.")
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

void SchedulePreviewDataSource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const Value& count = config.attr("run_count");
  if (count.is_known() && !count.is_null()) {
    auto n = count.as_number().to_int64();
    if (!n || !count.as_number().is_integer() || *n < 1 || *n > schedule::kMaxRuns)
      diags.error("Invalid run_count", "run_count must be a whole number from 1 to 50.", AttributePath::root("run_count"));
  }
}

Value SchedulePreviewDataSource::read(const Value& config, schema::Diagnostics& diags) const {
  validate(config, diags);
  if (diags.has_errors()) return config;
  date::sys_seconds from = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  Value trigger_config = config;
  try {
    const date::time_zone* zone = schedule::locate_zone(string_or(config, "time_zone", "UTC"));
    if (auto f = opt_string(config, "from")) from = schedule::parse_time(*f, zone, "from");
    // A recurrence counts its periods from start_time; without one, from `from`.
    if (config.attr("start_time").is_null() && !config.attr("recurrence").is_null())
      trigger_config = config.with_attr(
          "start_time", Value::string(schedule::format_local_time(std::chrono::floor<std::chrono::minutes>(from), zone)));
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
    return config;
  }
  schedule::ScheduleSpec spec;
  if (!read_trigger(trigger_config, spec, diags)) return config;
  const schedule::Trigger trigger = schedule::make_trigger(spec);
  int count = kDefaultCount;
  if (!config.attr("run_count").is_null()) count = static_cast<int>(*config.attr("run_count").as_number().to_int64());
  std::vector<date::sys_seconds> runs;
  try {
    runs = schedule::next_runs(trigger, from, count);
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
    return config;
  }
  std::vector<Value> utc;
  for (const auto& t : runs) utc.push_back(Value::string(date::format("%Y-%m-%dT%H:%M:%SZ", t)));
  Value out = config;
  out = out.with_attr("azureml_time_zone", Value::string(spec.windows_time_zone));
  out = out.with_attr("runs", run_list(runs, trigger.zone));
  out = out.with_attr("runs_utc", Value::list(Type::string(), std::move(utc)));
  return out;
}

}  // namespace aoa::provider
