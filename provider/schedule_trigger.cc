#include "provider/schedule_trigger.h"

#include <algorithm>
#include <climits>

#include "internal/schedule/cron.h"
#include "internal/schedule/recurrence.h"
#include "internal/schedule/time_parse.h"
#include "internal/schedule/time_zone.h"
#include "provider/value_helpers.h"

namespace aoa::provider {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;

void add_trigger_schema(BlockBuilder& b, bool resource) {
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
      .description("Every how many periods, a whole number, at least 1 (*Invalid recurrence.interval*), counted "
                   "from `start_time`. Default 1.");
  // In the resource the lists are also computed, so that `[]` and leaving a list out are the same
  // (no change after an import either way); their default is empty.
  auto list = [&](const char* name, Type element, const char* description) {
    r.attribute(name, Type::list(element)).optional();
    if (resource) r.computed();
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
  const schema::Block recurrence = r.build();
  b.attribute("cron", Type::string())
      .optional()
      .description("A five-field cron expression (minute hour day-of-month month day-of-week) with ranges, steps,"
                   " lists and the names JAN-DEC, SUN-SAT, as Vixie cron / cronie read it (*Invalid cron*). Set "
                   "exactly one of `cron` and `recurrence` (*Conflicting triggers*, *Missing trigger*, both at "
                   "`cron`).")
      .attribute("time_zone", Type::string())
      .optional();
  if (resource) b.computed();
  b.description("The IANA time zone of the trigger and of `start_time`/`end_time`, e.g. `Europe/Berlin`: a "
                "case-sensitive name from the system time-zone database that has a Windows equivalent (*Invalid "
                "time_zone*). The file carries the Windows name Azure ML requires. Default `UTC`.")
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
  if (resource) b.computed();
  b.description("`false` writes the schedule disabled (property `appofapps.io/enabled: \"false\"`); it has no "
                "next runs. Default `true`.")
      .attribute("azureml_time_zone", Type::string())
      .computed()
      .description("The Windows time zone name written to the file, e.g. `W. Europe Standard Time`.")
      .block("recurrence", schema::Nesting::Single, recurrence);
}

void report(const schedule::ScheduleError& e, schema::Diagnostics& diags) {
  AttributePath path;
  std::string rest = e.field;
  bool first = true;
  while (!rest.empty()) {
    const auto dot = rest.find('.');
    const std::string part = rest.substr(0, dot);
    path = first ? AttributePath::root(part) : path.attr(part);
    first = false;
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  diags.error("Invalid " + e.field, e.what(), first ? std::optional<AttributePath>{} : std::optional<AttributePath>{path});
}

namespace {

// Whole numbers only; range checks (with the allowed range in the message) are validate()'s.
std::vector<int> int_list(const Value& obj, const std::string& name) {
  std::vector<int> out;
  for (const Value& v : elements_of(obj, name)) {
    const cty::Number& n = v.as_number();
    auto i = n.to_int64();
    if (!n.is_integer() || !i)
      throw schedule::ScheduleError("recurrence." + name, n.to_string() + " is not a whole number");
    out.push_back(static_cast<int>(std::clamp<int64_t>(*i, -1000000, 1000000)));
  }
  return out;
}

}  // namespace

bool read_trigger(const Value& config, schedule::ScheduleSpec& spec, schema::Diagnostics& diags) {
  const auto before = diags.size();
  const auto cron = opt_string(config, "cron");
  const Value& rec = config.attr("recurrence");
  const bool has_rec = !rec.is_null();
  if (cron && has_rec) {
    diags.error("Conflicting triggers", "Set either cron or a recurrence block, not both.", AttributePath::root("cron"));
    return false;
  }
  if (!cron && !has_rec) {
    diags.error("Missing trigger", "Set cron (e.g. \"30 2 * * *\") or a recurrence block.", AttributePath::root("cron"));
    return false;
  }
  try {
    if (cron) {
      spec.rule = schedule::CronExpression::parse(*cron);
    } else {
      schedule::Recurrence r;
      r.frequency = schedule::parse_frequency(string_or(rec, "frequency", ""));
      if (!rec.attr("interval").is_null()) {
        const cty::Number& n = rec.attr("interval").as_number();
        auto i = n.to_int64();
        if (!n.is_integer() || !i)
          throw schedule::ScheduleError("recurrence.interval", "interval must be a whole number of periods, at least 1");
        r.interval = static_cast<int>(std::clamp<int64_t>(*i, INT32_MIN, INT32_MAX));
      }
      r.hours = int_list(rec, "hours");
      r.minutes = int_list(rec, "minutes");
      r.month_days = int_list(rec, "month_days");
      for (const Value& d : elements_of(rec, "week_days")) r.week_days.push_back(d.as_string());
      spec.rule = schedule::canonical(r);
    }
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
  }
  try {
    spec.time_zone = string_or(config, "time_zone", "UTC");
    const date::time_zone* zone = schedule::locate_zone(spec.time_zone);
    spec.windows_time_zone = schedule::windows_zone(spec.time_zone);
    for (const char* f : {"start_time", "end_time"}) {
      try {
        if (auto t = opt_string(config, f)) (f[0] == 's' ? spec.start_time : spec.end_time) = schedule::normalize_time(*t, zone, f);
      } catch (const schedule::ScheduleError& e) {
        report(e, diags);
      }
    }
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
  }
  spec.enabled = opt_bool(config, "enabled").value_or(true);
  if (diags.size() != before) return false;
  try {
    schedule::validate(schedule::make_trigger(spec));
  } catch (const schedule::ScheduleError& e) {
    report(e, diags);
    return false;
  }
  return true;
}

Value run_list(const std::vector<date::sys_seconds>& runs, const date::time_zone* zone) {
  std::vector<Value> out;
  for (const auto& t : runs) out.push_back(Value::string(schedule::format_rfc3339(t, zone)));
  return Value::list(Type::string(), std::move(out));
}

}  // namespace aoa::provider
