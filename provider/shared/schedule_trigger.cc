#include "provider/shared/schedule_trigger.h"
#include "provider/shared/schema_names.h"

#include <algorithm>
#include <climits>

#include "internal/schedule/cron.h"
#include "internal/schedule/next_runs.h"
#include "internal/schedule/recurrence.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/runtime/status_diagnostic.h"

namespace aoa::provider {

namespace {

schema::Block recurrence_block(bool resource) {
  BlockBuilder r;
  r.description("An Azure ML recurrence: every `interval` minutes or hours, or on days, weeks or months at local "
                "times, counted from `start_time`. Set exactly one of `cron` and `recurrence`. No list may name a"
                " value twice; a run happens at every combination of `hours` and `minutes`; an empty list and a "
                "left-out list mean the same.")
      .attribute("frequency", Type::string())
      .required()
      .description("`minute`, `hour`, `day`, `week` or `month`, in any case; written in lower case (*Invalid "
                   "recurrence.frequency*).")
      .attribute("interval", Type::number())
      .optional()
      .computed()
      .description(std::string("Every how many periods, a whole number, at least 1 (*Invalid recurrence.interval*), "
                               "counted from `start_time`.") + (resource ? "" : " Default 1."));
  // The resource plans its defaults (provider/runtime/rules.h); the data source's engine applies the same.
  if (resource) r.default_value(Value::number(int64_t{1}));
  // In the resource the lists are also computed, so that `[]` and leaving a list out are the same
  // (no change after an import either way); their default is empty.
  auto list = [&](const char* name, Type element, const char* description) {
    r.attribute(name, Type::list(element)).optional();
    if (resource) r.computed().default_value(Value::list(element, {}));
    r.description(description);
  };
  list("hours", Type::number(),
       "Local hours 0-23. Required for `day`, `week` and `month`; not allowed for `minute` and `hour` (*Invalid "
       "recurrence.hours*). Default: none (`[]`).");
  list("minutes", Type::number(),
       "Minutes 0-59. Required for `day`, `week` and `month`; not allowed for `minute` and `hour` (*Invalid "
       "recurrence.minutes*). Default: none (`[]`).");
  list("week_days", Type::string(),
       "`monday` … `sunday`, in any case, written in lower case; only with `week` (*Invalid "
       "recurrence.week_days*). Default: the weekday of `start_time`.");
  list("month_days", Type::number(),
       "Days 1-31; only with `month` (*Invalid recurrence.month_days*). A month without that day is skipped for "
       "that month. Default: the day of month of `start_time`.");
  return r.build();
}

}  // namespace

void add_trigger_schema(BlockBuilder& b, bool resource) {
  const schema::Block recurrence = recurrence_block(resource);
  b.attribute("cron", Type::string())
      .optional()
      .description("A five-field cron expression (minute hour day-of-month month day-of-week) with ranges, steps,"
                   " lists and the names JAN-DEC, SUN-SAT, as Vixie cron / cronie read it (*Invalid cron*). Set "
                   "exactly one of `cron` and `recurrence` (*Conflicting triggers*, *Missing trigger*, both at "
                   "`cron`).")
      .attribute("time_zone", Type::string())
      .optional();
  if (resource) b.computed().default_value(Value::string("UTC"));
  b.description(std::string("The IANA time zone of the trigger and of `start_time`/`end_time`, e.g. `Europe/Berlin`: "
                            "a case-sensitive name from the system time-zone database that has a Windows equivalent "
                            "(*Invalid time_zone*). The file carries the Windows name Azure ML requires.") +
                (resource ? "" : " Default `UTC`."))
      .attribute("start_time", Type::string())
      .optional();
  if (resource) b.computed();
  b.description(std::string("No run before it: a local wall time `YYYY-MM-DDTHH:MM:SS` in `time_zone` (e.g. "
                            "`2026-12-01T02:00:00`) or RFC 3339 with `Z` or an offset; seconds required, years "
                            "1900-9999. A time inside a spring-forward gap is an error (*Invalid start_time*). Anchors a "
                            "recurrence's intervals.") +
                (resource ? " Default for a recurrence: the time of the apply that creates the schedule, to the "
                            "minute, kept afterwards."
                          : " Default for a recurrence: `from`."))
      .attribute("end_time", Type::string())
      .optional()
      .description("No run after it: the same formats as `start_time`, and after it (*Invalid end_time*).")
      .attribute("enabled", Type::boolean())
      .optional();
  if (resource) b.computed().default_value(Value::boolean(true));
  b.description(std::string("`false` writes the schedule disabled (property `appofapps.io/enabled: \"false\"`); it "
                            "has no next runs.") + (resource ? "" : " Default `true`."))
      .attribute("azureml_time_zone", Type::string())
      .computed()
      .description("The Windows time zone name written to the file, e.g. `W. Europe Standard Time`.")
      .block("recurrence", schema::Nesting::Single, recurrence);
}

bool report(const Status& status, schema::Diagnostics& diags) { return runtime::report_status(status, diags); }

namespace {

// A whole number (invalid at `field` otherwise), clamped to [lo, hi]; range checks (with the
// allowed range in the message) are the engine's.
Result<int> whole(const cty::Number& n, const std::string& field, const std::string& what, int64_t lo, int64_t hi) {
  auto i = n.to_int64();
  if (!n.is_integer() || !i) return Status::invalid_argument(what, field);
  return static_cast<int>(std::clamp<int64_t>(*i, lo, hi));
}

Result<std::vector<int>> int_list(const runtime::Field<std::vector<cty::Number>>& list, const std::string& name) {
  std::vector<int> out;
  for (const cty::Number& n : list.value_or({})) {
    AOA_ASSIGN_OR_RETURN(const int i, whole(n, "recurrence." + name, n.to_string() + " is not a whole number",
                                            -1000000, 1000000));
    out.push_back(i);
  }
  return out;
}

Result<schedule::Recurrence> recurrence_of(const RecurrenceModel& rec) {
  schedule::Recurrence r;
  AOA_ASSIGN_OR_RETURN(r.frequency, schedule::parse_frequency(rec.frequency.value_or("")));
  if (rec.interval.is_known()) {
    AOA_ASSIGN_OR_RETURN(r.interval, whole(rec.interval.get(), "recurrence.interval",
                                           "interval must be a whole number of periods, at least 1", INT32_MIN,
                                           INT32_MAX));
  }
  AOA_ASSIGN_OR_RETURN(r.hours, int_list(rec.hours, "hours"));
  AOA_ASSIGN_OR_RETURN(r.minutes, int_list(rec.minutes, "minutes"));
  AOA_ASSIGN_OR_RETURN(r.month_days, int_list(rec.month_days, "month_days"));
  r.week_days = rec.week_days.value_or({});
  return schedule::canonical(r);
}

// time_zone, windows_time_zone, start_time and end_time of `spec`; errors to `diags`.
void read_zone_and_window(const TriggerModel& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  spec.time_zone = config.time_zone.value_or("UTC");
  const Result<const date::time_zone*> zone = schedule::locate_zone(spec.time_zone);
  if (!report(zone.status(), diags)) return;
  Result<std::string> windows = schedule::windows_zone(spec.time_zone);
  if (!report(windows.status(), diags)) return;
  spec.windows_time_zone = std::move(windows).value();
  for (auto [f, value, out] : {std::tuple{"start_time", &config.start_time, &spec.start_time},
                               std::tuple{"end_time", &config.end_time, &spec.end_time}}) {
    if (!value->is_known()) continue;
    Result<std::string> normalized = schedule::normalize_time(value->get(), *zone, f);
    if (report(normalized.status(), diags)) *out = std::move(normalized).value();
  }
}

}  // namespace

bool read_trigger(const TriggerModel& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  const auto before = diags.size();
  const bool has_cron = config.cron.is_known(), has_rec = !config.recurrence.is_null();
  if (has_cron && has_rec) {
    diags.error("Conflicting triggers", "Set either cron or a recurrence block, not both.", AttributePath::root("cron"));
    return false;
  }
  if (!has_cron && !has_rec) {
    diags.error("Missing trigger", "Set cron (e.g. \"30 2 * * *\") or a recurrence block.", AttributePath::root("cron"));
    return false;
  }
  if (has_cron) {
    Result<schedule::CronExpression> cron = schedule::CronExpression::parse(config.cron.get());
    if (report(cron.status(), diags)) spec.rule = std::move(cron).value();
  } else {
    Result<schedule::Recurrence> recurrence = recurrence_of(config.recurrence.get());
    if (report(recurrence.status(), diags)) spec.rule = std::move(recurrence).value();
  }
  read_zone_and_window(config, spec, diags);
  spec.enabled = config.enabled.value_or(true);
  if (diags.size() != before) return false;
  const Result<schedule::Trigger> trigger = schedule::make_trigger(spec);
  return report(trigger.ok() ? schedule::validate(*trigger) : trigger.status(), diags);
}

bool read_trigger(const Value& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  return read_trigger(runtime::decode<TriggerModel>(config), spec, diags);
}

Value run_list(const std::vector<date::sys_seconds>& runs, const date::time_zone* zone) {
  std::vector<Value> out;
  for (const auto& t : runs) out.push_back(Value::string(schedule::format_rfc3339(t, zone)));
  return Value::list(Type::string(), std::move(out));
}

// The next runs from now, RFC 3339 in the schedule's zone.
Result<std::vector<std::string>> next_run_texts(const schedule::ScheduleSpec& spec, date::sys_seconds from,
                                                int count) {
  AOA_ASSIGN_OR_RETURN(const schedule::Trigger trigger, schedule::make_trigger(spec));
  AOA_ASSIGN_OR_RETURN(const std::vector<date::sys_seconds> runs, schedule::next_runs(trigger, from, count));
  std::vector<std::string> out;
  for (const auto& t : runs) out.push_back(schedule::format_rfc3339(t, trigger.zone));
  return out;
}

// The plan's view of the next runs: a warning (the protocol has no informational severity) whose
// summary names the schedule, so Terraform does not fold several schedules into one message.
Status preview_next_runs(const schedule::ScheduleSpec& spec, bool anchor_at_apply, date::sys_seconds now, int count,
                         schema::Diagnostics& diags) {
  AOA_ASSIGN_OR_RETURN(const schedule::Trigger trigger, schedule::make_trigger(spec));
  AOA_ASSIGN_OR_RETURN(const std::vector<date::sys_seconds> runs, schedule::next_runs(trigger, now, count));
  AOA_ASSIGN_OR_RETURN(const std::string name, schedule::azureml_schedule_name(spec.app, spec.environment, spec.name));
  const AttributePath where = AttributePath::root(std::holds_alternative<schedule::CronExpression>(spec.rule) ? "cron" : "recurrence");
  if (!spec.enabled) {
    diags.warning("Next runs of " + name + ": none (disabled)",
                  "The schedule is written with appofapps.io/enabled \"false\" and does not run.", where);
    return {};
  }
  if (runs.empty()) {
    diags.warning("Schedule " + name + " never runs",
                  "No run falls after now" + std::string(spec.end_time.empty() ? "" : " and before end_time " + spec.end_time) +
                      ": check the cron expression or recurrence and the end_time.",
                  where);
    return {};
  }
  std::string detail = "In " + spec.time_zone + " (Azure ML: \"" + spec.windows_time_zone + "\"), from now:";
  for (const auto& t : runs) detail += "\n  " + schedule::format_rfc3339(t, trigger.zone);
  if (anchor_at_apply)
    detail += "\nThe recurrence has no start_time, so it is anchored at the time of the apply; these runs assume "
              "it happens now.";
  detail += "\nnext_runs records the runs as of the apply.";
  diags.warning("Next runs of " + name, detail, where);
  return {};
}

std::vector<cty::Number> numbers(const std::vector<int>& v) {
  std::vector<cty::Number> out;
  for (int i : v) out.push_back(cty::Number::from_int(i));
  return out;
}

// The recurrence as the file has it. Empty lists as [], not null: `[]` and leaving a list out both
// plan no change then.
RecurrenceModel recurrence_model(const schedule::Recurrence& r) {
  RecurrenceModel m;
  m.frequency = std::string(schedule::to_string(r.frequency));
  m.interval = cty::Number::from_int(r.interval);
  m.hours = numbers(r.hours);
  m.minutes = numbers(r.minutes);
  m.month_days = numbers(r.month_days);
  m.week_days = r.week_days;
  return m;
}

}  // namespace aoa::provider
