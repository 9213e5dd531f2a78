// provider::appofapps::cron_next, validate_cron and azureml_time_zone: internal/schedule's cron
// parser, run search and time-zone mapping, exactly as appofapps_schedule uses them.
#include "internal/schedule/cron.h"
#include "internal/schedule/next_runs.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/functions/functions.h"
#include "provider/runtime/status_diagnostic.h"
#include "provider/shared/schema_names.h"

namespace aoa::provider {
namespace {

using schema::FunctionResult;

constexpr const char* kCronText =
    "A five-field cron expression (`minute hour day-of-month month day-of-week`) with the rules of "
    "`appofapps_schedule`'s `cron`: numbers, ranges, lists, steps, month and weekday names; no `?`, `L`, `W`, `#`, "
    "macros or seconds.";
constexpr const char* kZoneText = "An IANA time zone name such as `Europe/Berlin` or `UTC` (case-sensitive).";

// cron_next's arguments: 0 expression, 1 time_zone, 2 from, 3 count.
FunctionResult cron_next(const std::vector<Value>& args) {
  const std::optional<int64_t> count = args[3].as_number().to_int64();
  if (!count || *count < 1 || *count > schedule::kMaxRuns)
    return FunctionResult::fail("count must be a whole number from 1 to " + std::to_string(schedule::kMaxRuns) +
                                    "; got " + args[3].as_number().to_string() + ".",
                                3);
  schedule::Trigger trigger;
  Result<schedule::CronExpression> cron = schedule::CronExpression::parse(args[0].as_string());
  if (!cron.ok()) return runtime::function_failure(cron.status(), 0);
  trigger.rule = std::move(cron).value();
  const Result<const date::time_zone*> zone = schedule::locate_zone(args[1].as_string());
  if (!zone.ok()) return runtime::function_failure(zone.status(), 1);
  trigger.zone = *zone;
  const Result<date::sys_seconds> from = schedule::parse_time(args[2].as_string(), trigger.zone, "from");
  if (!from.ok()) return runtime::function_failure(from.status(), 2);
  const Result<std::vector<date::sys_seconds>> found = schedule::next_runs(trigger, *from, static_cast<int>(*count));
  if (!found.ok()) return runtime::function_failure(found.status(), 3);
  std::vector<Value> runs;
  for (const auto& t : *found) runs.push_back(Value::string(schedule::format_rfc3339(t, trigger.zone)));
  return FunctionResult::ok(Value::list(Type::string(), std::move(runs)));
}

FunctionResult validate_cron(const std::vector<Value>& args) {
  return FunctionResult::ok(Value::boolean(schedule::CronExpression::parse(args[0].as_string()).ok()));
}

FunctionResult azureml_time_zone(const std::vector<Value>& args) {
  const Result<std::string> windows = schedule::windows_zone(args[0].as_string());
  if (!windows.ok()) return runtime::function_failure(windows.status(), 0);
  return FunctionResult::ok(Value::string(*windows));
}

}  // namespace

std::shared_ptr<schema::Function> make_cron_next_function() {
  return schema::make_function(
      {.summary = "The next fire times of a cron expression in a time zone.",
       .description =
           "Returns the first `count` times strictly after `from` at which the cron expression fires in "
           "`time_zone`, as RFC 3339 text with the zone's offset at that instant (`2026-03-29T03:00:00+02:00`), in "
           "ascending order. It uses the search and the daylight-saving rules of `appofapps_schedule` and "
           "`data.appofapps_schedule_preview`: a fixed-time job whose local time is skipped fires once after the "
           "gap, one whose local time repeats fires once. Fewer than `count` times when the expression can never "
           "fire (`0 0 30 2 *` gives `[]`) or no run exists before the year 10000.",
       .parameters = {{"expression", Type::string(), kCronText},
                      {"time_zone", Type::string(), kZoneText},
                      {"from", Type::string(),
                       "The runs are strictly after this instant: RFC 3339 with `Z` or an offset "
                       "(`2026-03-28T00:00:00Z`), or a local time `YYYY-MM-DDTHH:MM:SS` in `time_zone` (one inside "
                       "a spring-forward gap is an error). With `timestamp()` the result changes with every plan."},
                      {"count", Type::number(), "How many runs: a whole number from 1 to 50."}},
       .return_type = Type::list(Type::string())},
      cron_next);
}

std::shared_ptr<schema::Function> make_validate_cron_function() {
  return schema::make_function(
      {.summary = "Whether a cron expression is one appofapps_schedule accepts.",
       .description =
           "Returns `true` when `appofapps_schedule` would accept the expression as its `cron`, `false` "
           "otherwise, never an error, so that it fits a variable's `validation` block. The schedule resource says "
           "what is wrong with an expression it rejects. An expression that is valid but can never fire "
           "(`0 0 30 2 *`) is `true`.",
       .parameters = {{"expression", Type::string(), kCronText}},
       .return_type = Type::boolean()},
      validate_cron);
}

std::shared_ptr<schema::Function> make_azureml_time_zone_function() {
  return schema::make_function(
      {.summary = "The Windows time zone name Azure ML schedules take for an IANA time zone.",
       .description =
           "Returns the name that `appofapps_schedule` writes as the `time_zone` of the Azure ML schedule YAML: "
           "`Europe/Berlin` gives `W. Europe Standard Time`, `UTC` gives `UTC`. The mapping is CLDR's (through "
           "ICU), aliases included (`Europe/Kiev` and `Europe/Kyiv` give `FLE Standard Time`). An unknown zone, or "
           "one without a Windows name (`Antarctica/Troll`, the legacy `CET`, `EET`, `MET`, `WET`), is an error.",
       .parameters = {{"iana", Type::string(), kZoneText}},
       .return_type = Type::string()},
      azureml_time_zone);
}

std::map<std::string, std::shared_ptr<schema::Function>> make_functions() {
  return {{"sync_waves", make_sync_waves_function()},
          {"cron_next", make_cron_next_function()},
          {"validate_cron", make_validate_cron_function()},
          {"azureml_time_zone", make_azureml_time_zone_function()}};
}

}  // namespace aoa::provider
