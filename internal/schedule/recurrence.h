// Azure ML recurrence triggers (`trigger.type: recurrence`): a frequency, an interval and, for
// day/week/month frequencies, the local times (and days) in each period.
//
// When it fires (the anchor is the schedule's start_time; next_runs.h computes the instants):
// * minute, hour: at anchor + k * interval minutes/hours, k = 0, 1, …: absolute time, the same
//   length between runs whatever the clocks do (no daylight-saving effect).
// * day: every interval-th local calendar day counted from the anchor's local date, at each
//   hours x minutes local time.
// * week: every interval-th week counted from the week holding the anchor (weeks start on
//   Monday), on `week_days` (default: the anchor's weekday), at each hours x minutes.
// * month: every interval-th month counted from the anchor's month, on `month_days` (default: the
//   anchor's day of the month), at each hours x minutes. A day the month does not have (31 in
//   April, 29-31 in February) is skipped for that month, as cron does; it does not move to the
//   last day.
// Nothing fires before the anchor itself. day/week/month runs are at fixed local times: see
// next_runs.h for what happens when the clocks change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "internal/status/status.h"

namespace aoa::schedule {

enum class Frequency { minute, hour, day, week, month };

// "minute", "hour", "day", "week", "month" (any case); invalid argument at field
// "recurrence.frequency" otherwise.
Result<Frequency> parse_frequency(std::string_view text);
// The lower-case name Azure ML uses.
std::string_view to_string(Frequency frequency);

struct Recurrence {
  Frequency frequency = Frequency::day;
  int interval = 1;
  std::vector<int> hours;    // 0-23, local time
  std::vector<int> minutes;  // 0-59
  // Azure ML spells them monday, tuesday, … sunday (reference-yaml-schedule, "Recurrence
  // schedule"); validate() accepts any case, canonical() lower-cases them.
  std::vector<std::string> week_days;
  std::vector<int> month_days;  // 1-31

  bool operator==(const Recurrence&) const = default;
};

// Invalid argument naming the field ("recurrence.interval", "recurrence.hours", …) when:
// interval < 1; an hour, minute, month day or week day is out of range, unknown or listed twice;
// frequency day/week/month lacks hours or minutes (Azure ML requires both in `schedule`);
// frequency minute/hour has any of hours, minutes, week_days, month_days; week_days is set
// without frequency week, or month_days without frequency month.
Status validate(const Recurrence& recurrence);

// `recurrence` validated, with week_days in lower case (what the YAML carries).
Result<Recurrence> canonical(Recurrence recurrence);

// 0 = Sunday … 6 = Saturday for a valid week day name (any case); invalid argument at
// "recurrence.week_days" otherwise.
Result<unsigned> week_day_number(std::string_view name);

}  // namespace aoa::schedule
