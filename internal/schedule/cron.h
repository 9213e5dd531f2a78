// Five-field cron expressions with the meaning Vixie cron / cronie (Debian's cron) gives them.
//
//   minute hour day-of-month month day-of-week
//   0-59   0-23 1-31         1-12  0-7 (0 and 7 are Sunday)
//
// Each field is `*` or a comma-separated list of: a number, a range `a-b` (a <= b), a step over
// the whole field `*/n`, a stepped range `a-b/n`, or `a/n` (from a to the end of the field, every
// n). Month names JAN-DEC and weekday names SUN-SAT may replace numbers, in any case, also in
// ranges; SUN at the end of a range means 7, so FRI-SUN works. Steps are 1 up to the field's
// largest value.
//
// Not supported, each with an error naming the field: `?`, `L`, `W`, `#` (Quartz/cronie
// extensions), `@hourly`-style macros, six or seven fields (seconds, years), step 0, reversed
// ranges (`5-1`) and out-of-range values.
//
// Day matching (crontab(5)): when both day fields are restricted, i.e. neither starts with `*`, a
// day matches if EITHER matches ("0 0 13 * 5" runs on every 13th and every Friday). When either
// starts with `*` (including `*/2`), a day must match both.
//
// A job is a "wildcard" job when its minute or hour field starts with `*`; otherwise it runs at
// fixed times. The two kinds behave differently when clocks change (see next_runs.h).
#pragma once

#include <bitset>
#include <string>
#include <string_view>

#include <date/date.h>

#include "internal/status/status.h"

namespace aoa::schedule {

class CronExpression {
 public:
  // "* * * * *": every minute.
  CronExpression();

  // Invalid argument at field "cron" with a message naming the cron field, e.g.
  // `field 3 (day of month): 32 is out of range 1-31`.
  static Result<CronExpression> parse(std::string_view text);

  // Canonical text: the five fields separated by single spaces, names in upper case, numbers
  // without leading zeros; otherwise as written (the `*` prefixes carry meaning, see above).
  // parse(text()) gives an equal expression. This is what the Azure ML YAML carries.
  const std::string& text() const { return text_; }

  // The values each field selects. Days of the week are 0-6 (7 is folded into 0, Sunday).
  const std::bitset<60>& minutes() const { return minutes_; }
  const std::bitset<24>& hours() const { return hours_; }
  const std::bitset<32>& days_of_month() const { return days_of_month_; }  // bits 1-31
  const std::bitset<13>& months() const { return months_; }                // bits 1-12
  const std::bitset<7>& days_of_week() const { return days_of_week_; }

  // Whether the field's text starts with `*`.
  bool minute_star() const { return minute_star_; }
  bool hour_star() const { return hour_star_; }
  bool day_of_month_star() const { return day_of_month_star_; }
  bool day_of_week_star() const { return day_of_week_star_; }

  // Neither the minute nor the hour field starts with `*`.
  bool fixed_time() const { return !minute_star_ && !hour_star_; }

  // Month and day rules (the OR/AND rule above) for one calendar date.
  bool matches_date(date::year_month_day day) const;

  // Same canonical text.
  friend bool operator==(const CronExpression& a, const CronExpression& b) { return a.text_ == b.text_; }

 private:
  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;
  std::bitset<13> months_;
  std::bitset<7> days_of_week_;
  bool minute_star_ = true, hour_star_ = true, day_of_month_star_ = true, day_of_week_star_ = true;
};

// Whether some calendar date matches the month and day rules, i.e. the job ever runs. Exact: false
// only when the day of month is restricted, the day of week starts with `*` (so both must match),
// and no selected month has any selected day ("0 0 30 2 *", "0 0 31 4,6,9,11 *"). Every other
// expression matches a date at least once in any 400 years (the Gregorian calendar repeats after
// 400 years, weekdays included).
bool can_fire(const CronExpression& cron);

}  // namespace aoa::schedule
