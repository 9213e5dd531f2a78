// The next fire times of a schedule, for the plan (`next_runs`) and the preview data source.
//
// Daylight saving time, after Vixie cron / cronie (cron(8), "Daylight Saving Time and other time
// changes"), for any size of shift (wall_clock.h):
// * Fixed-time jobs — a cron whose minute and hour fields do not start with `*`, and recurrences
//   with frequency day, week or month: a local time that does not exist (spring forward) fires
//   once at the first instant after the gap (Berlin 2026-03-29 02:30 fires at 03:00 CEST =
//   01:00Z); several skipped times collapse into that one run. A local time that happens twice
//   (fall back) fires once, at its first occurrence (summer time).
// * Wildcard cron jobs (minute or hour field starts with `*`): fire at every real instant whose
//   local wall time matches: nothing for times in a gap, twice for repeated times.
// * Recurrences with frequency minute or hour run every interval of absolute time from the anchor,
//   so clock changes do not affect them.
// Unlike cron, which treats a jump of more than three hours as the clock being set, every zone
// transition is handled the same way. Two runs at the same instant are reported once.
//
// Bounds, so that every call returns quickly:
// * A cron that can never run (can_fire() false, e.g. "0 0 30 2 *") returns nothing at once.
//   Otherwise the search gives up when 400 years (146,097 days) pass without a run: the
//   Gregorian calendar repeats after 400 years, weekdays included, so a cron that matches any day
//   matches one in every 400-year stretch. (The longest real gap is decades, e.g. February 29
//   that is also a Sunday with "0 0 29 2 */7"; plain February 29 recurs within 8 years, across
//   the skipped leap day of 2100.)
// * A monthly recurrence whose month_days no visited month has (month_days = [30], every 12
//   months from February) gives up after 400 periods in a row without a day; only periods that
//   all fall in February can be empty for long, and their pattern repeats within 400 periods.
// * Nothing after 9999-12-31 is returned (RFC 3339 years have four digits).
// * Local times after 2037 follow the zone's continuing rule (see time_zone.h).
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include <date/tz.h>

#include "internal/schedule/cron.h"
#include "internal/schedule/recurrence.h"

namespace aoa::schedule {

inline constexpr int kMaxRuns = 50;

struct Trigger {
  std::variant<CronExpression, Recurrence> rule;
  const date::time_zone* zone = nullptr;  // from locate_zone()
  // Runs happen at or after `start` and at or before `end`. A recurrence counts its periods from
  // `start` (its anchor), so it needs one; the provider always supplies it.
  std::optional<date::sys_seconds> start, end;
  bool enabled = true;
};

// Invalid argument at: no zone ("time_zone"); an invalid recurrence (its own fields); a
// recurrence without start ("start_time"); end not after start ("end_time", e.g. `end_time
// 2026-01-01T00:00:00 is before start_time 2026-02-01T00:00:00`, in the zone's local time).
Status validate(const Trigger& trigger);

// Up to `count` fire times, ascending: strictly after `after`, at or after `start`, at or before
// `end`; none when the trigger is disabled. Validates the trigger first; `count` must be
// 1..kMaxRuns (invalid argument at "count"). Fewer than `count` when `end` or one of the bounds
// above comes first.
Result<std::vector<date::sys_seconds>> next_runs(const Trigger& trigger, date::sys_seconds after, int count);

}  // namespace aoa::schedule
