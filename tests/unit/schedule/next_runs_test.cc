// next_runs away from clock changes: calendars, windows, bounds and validation. dst_test.cc has the
// daylight-saving cases.
#include "internal/schedule/next_runs.h"

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../status_testing.h"
#include "test_times.h"

namespace aoa::schedule {
namespace {

using testing::as_utc;
using testing::utc;
using Strings = std::vector<std::string>;

Trigger cron_trigger(const std::string& expression, const std::string& zone = "UTC") {
  Trigger t;
  t.rule = CronExpression::parse(expression).value();
  t.zone = locate_zone(zone).value();
  return t;
}

Trigger recurrence_trigger(Recurrence r, const std::string& start, const std::string& zone = "UTC") {
  Trigger t;
  t.rule = std::move(r);
  t.zone = locate_zone(zone).value();
  t.start = utc(start);
  return t;
}

Recurrence recurrence(Frequency frequency, int interval, std::vector<int> hours = {}, std::vector<int> minutes = {}) {
  Recurrence r;
  r.frequency = frequency;
  r.interval = interval;
  r.hours = std::move(hours);
  r.minutes = std::move(minutes);
  return r;
}

std::pair<std::string, std::string> error_of(const Trigger& trigger, int count = 5) {
  return status_testing::field_and_message(next_runs(trigger, utc("2026-01-01T00:00:00Z"), count).status());
}

TEST(NextRunsCron, February29) {
  EXPECT_EQ(as_utc(next_runs(cron_trigger("0 12 29 2 *"), utc("2026-01-01T00:00:00Z"), 4).value()),
            (Strings{"2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z", "2036-02-29T12:00:00Z", "2040-02-29T12:00:00Z"}));
  // 2100 is not a leap year: eight years between two runs.
  EXPECT_EQ(as_utc(next_runs(cron_trigger("0 12 29 2 *"), utc("2096-03-01T00:00:00Z"), 1).value()),
            (Strings{"2104-02-29T12:00:00Z"}));
}

TEST(NextRunsCron, DayOfMonthOrDayOfWeek) {
  // Every 13th and every Friday.
  EXPECT_EQ(as_utc(next_runs(cron_trigger("0 9 13 * FRI"), utc("2026-03-01T00:00:00Z"), 8).value()),
            (Strings{"2026-03-06T09:00:00Z", "2026-03-13T09:00:00Z", "2026-03-20T09:00:00Z", "2026-03-27T09:00:00Z",
                     "2026-04-03T09:00:00Z", "2026-04-10T09:00:00Z", "2026-04-13T09:00:00Z", "2026-04-17T09:00:00Z"}));
  // A '*' day of month: both must match (odd days that are Mondays).
  EXPECT_EQ(as_utc(next_runs(cron_trigger("0 9 */2 * MON"), utc("2026-03-01T00:00:00Z"), 3).value()),
            (Strings{"2026-03-09T09:00:00Z", "2026-03-23T09:00:00Z", "2026-04-13T09:00:00Z"}));
}

TEST(NextRunsCron, StrictlyAfterAtOrAfterStartAtOrBeforeEnd) {
  Trigger t = cron_trigger("0 0 * * *");
  EXPECT_EQ(as_utc(next_runs(t, utc("2026-01-01T00:00:00Z"), 2).value()),
            (Strings{"2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"}));
  t.start = utc("2026-02-01T00:00:00Z");
  EXPECT_EQ(as_utc(next_runs(t, utc("2026-01-01T00:00:00Z"), 1).value()), (Strings{"2026-02-01T00:00:00Z"}));
  t.end = utc("2026-02-03T00:00:00Z");
  EXPECT_EQ(as_utc(next_runs(t, utc("2026-01-01T00:00:00Z"), 10).value()),
            (Strings{"2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z", "2026-02-03T00:00:00Z"}));
  EXPECT_TRUE(next_runs(t, utc("2026-02-03T00:00:00Z"), 10)->empty());
}

TEST(NextRunsCron, DisabledSchedulesNeverRun) {
  Trigger t = cron_trigger("* * * * *");
  t.enabled = false;
  EXPECT_TRUE(next_runs(t, utc("2026-01-01T00:00:00Z"), 50)->empty());
}

TEST(NextRunsCron, EveryMinuteIsCheap) {
  const auto runs = next_runs(cron_trigger("* * * * *", "Europe/Berlin"), utc("2026-01-01T00:00:30Z"), 50).value();
  ASSERT_EQ(runs.size(), 50u);
  EXPECT_EQ(as_utc(runs).front(), "2026-01-01T00:01:00Z");
  EXPECT_EQ(as_utc(runs).back(), "2026-01-01T00:50:00Z");
}

TEST(NextRunsCron, ImpossibleAndRareExpressionsReturnQuickly) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(next_runs(cron_trigger("0 0 30 2 *"), utc("2026-01-01T00:00:00Z"), 50)->empty());
  EXPECT_TRUE(next_runs(cron_trigger("0 0 31 4,6,9,11 *"), utc("2026-01-01T00:00:00Z"), 50)->empty());
  // February 29 on a Sunday: decades apart.
  const auto rare = next_runs(cron_trigger("0 0 29 2 */7"), utc("2026-01-01T00:00:00Z"), 50).value();
  ASSERT_EQ(rare.size(), 50u);
  EXPECT_EQ(as_utc(rare).front(), "2032-02-29T00:00:00Z");
  for (auto t : rare) EXPECT_EQ(date::weekday(date::floor<date::days>(t)), date::Sunday);
  // Nothing after 9999.
  EXPECT_EQ(as_utc(next_runs(cron_trigger("0 0 29 2 *"), utc("9990-01-01T00:00:00Z"), 50).value()),
            (Strings{"9992-02-29T00:00:00Z", "9996-02-29T00:00:00Z"}));
  EXPECT_TRUE(next_runs(cron_trigger("* * * * *"), utc("9999-12-31T23:59:00Z"), 5)->empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(NextRunsRecurrence, MinuteAndHourAreAbsoluteIntervals) {
  auto every_20_minutes = recurrence_trigger(recurrence(Frequency::minute, 20), "2026-01-01T00:50:00Z");
  EXPECT_EQ(as_utc(next_runs(every_20_minutes, utc("2025-12-31T00:00:00Z"), 3).value()),
            (Strings{"2026-01-01T00:50:00Z", "2026-01-01T01:10:00Z", "2026-01-01T01:30:00Z"}));
  auto every_5_hours = recurrence_trigger(recurrence(Frequency::hour, 5), "2026-01-01T00:00:00Z");
  EXPECT_EQ(as_utc(next_runs(every_5_hours, utc("2026-01-01T12:00:00Z"), 3).value()),
            (Strings{"2026-01-01T15:00:00Z", "2026-01-01T20:00:00Z", "2026-01-02T01:00:00Z"}));
  EXPECT_EQ(as_utc(next_runs(every_5_hours, utc("2026-01-01T15:00:00Z"), 1).value()), (Strings{"2026-01-01T20:00:00Z"}));
  every_5_hours.end = utc("2026-01-02T00:59:59Z");
  EXPECT_EQ(next_runs(every_5_hours, utc("2026-01-01T12:00:00Z"), 3)->size(), 2u);
}

TEST(NextRunsRecurrence, EveryThirdDayAtSeveralTimes) {
  auto t = recurrence_trigger(recurrence(Frequency::day, 3, {18, 6}, {30, 0}), "2026-01-01T12:00:00Z");
  EXPECT_EQ(as_utc(next_runs(t, utc("2025-01-01T00:00:00Z"), 6).value()),
            (Strings{"2026-01-01T18:00:00Z", "2026-01-01T18:30:00Z", "2026-01-04T06:00:00Z", "2026-01-04T06:30:00Z",
                     "2026-01-04T18:00:00Z", "2026-01-04T18:30:00Z"}));
  // Far from the anchor, the period count is computed, not walked.
  EXPECT_EQ(as_utc(next_runs(t, utc("2030-01-01T07:00:00Z"), 2).value()),  // 1461 days = 487 periods later
            (Strings{"2030-01-01T18:00:00Z", "2030-01-01T18:30:00Z"}));
}

TEST(NextRunsRecurrence, WeeksCountFromTheAnchorsMonday) {
  Recurrence r = recurrence(Frequency::week, 2, {8}, {0});
  r.week_days = {"friday", "Monday"};
  // 2026-04-01 is a Wednesday; its week starts on Monday 2026-03-30 (before the start: skipped).
  auto t = recurrence_trigger(r, "2026-04-01T10:00:00Z");
  EXPECT_EQ(as_utc(next_runs(t, utc("2026-01-01T00:00:00Z"), 5).value()),
            (Strings{"2026-04-03T08:00:00Z", "2026-04-13T08:00:00Z", "2026-04-17T08:00:00Z", "2026-04-27T08:00:00Z",
                     "2026-05-01T08:00:00Z"}));
  // Without week_days: the anchor's weekday.
  auto wednesdays = recurrence_trigger(recurrence(Frequency::week, 1, {10}, {0}), "2026-04-01T10:00:00Z");
  EXPECT_EQ(as_utc(next_runs(wednesdays, utc("2026-01-01T00:00:00Z"), 3).value()),
            (Strings{"2026-04-01T10:00:00Z", "2026-04-08T10:00:00Z", "2026-04-15T10:00:00Z"}));
}

TEST(NextRunsRecurrence, MonthDaysTheMonthLacksAreSkipped) {
  Recurrence r = recurrence(Frequency::month, 1, {9}, {0});
  r.month_days = {31};
  const Strings thirty_firsts = {"2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z",
                                 "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z", "2026-10-31T09:00:00Z",
                                 "2026-12-31T09:00:00Z"};
  EXPECT_EQ(as_utc(next_runs(recurrence_trigger(r, "2026-01-01T00:00:00Z"), utc("2025-01-01T00:00:00Z"), 7).value()),
            thirty_firsts);
  // Without month_days: the anchor's day of the month, skipped the same way.
  EXPECT_EQ(as_utc(next_runs(recurrence_trigger(recurrence(Frequency::month, 1, {9}, {0}), "2026-01-31T08:00:00Z"),
                             utc("2025-01-01T00:00:00Z"), 7).value()),
            thirty_firsts);
  // Every second month from January: only the odd months, February never appears.
  Recurrence r2 = r;
  r2.interval = 2;
  r2.month_days = {29, 30};
  EXPECT_EQ(as_utc(next_runs(recurrence_trigger(r2, "2026-01-01T00:00:00Z"), utc("2025-01-01T00:00:00Z"), 4).value()),
            (Strings{"2026-01-29T09:00:00Z", "2026-01-30T09:00:00Z", "2026-03-29T09:00:00Z", "2026-03-30T09:00:00Z"}));
}

TEST(NextRunsRecurrence, YearlyOnFebruaryDays) {
  Recurrence leap = recurrence(Frequency::month, 12, {0}, {0});
  leap.month_days = {29};
  EXPECT_EQ(as_utc(next_runs(recurrence_trigger(leap, "2026-02-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"), 2).value()),
            (Strings{"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"}));
  Recurrence never = leap;
  never.month_days = {30};
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(next_runs(recurrence_trigger(never, "2026-02-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"), 50)->empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
}

TEST(NextRunsValidation, ErrorsNameTheField) {
  EXPECT_EQ(error_of(cron_trigger("* * * * *"), 0), (std::pair<std::string, std::string>{"count", "count must be 1-50, got 0"}));
  EXPECT_EQ(error_of(cron_trigger("* * * * *"), 51).first, "count");
  Trigger no_zone = cron_trigger("* * * * *");
  no_zone.zone = nullptr;
  EXPECT_EQ(error_of(no_zone).first, "time_zone");
  Trigger no_start;
  no_start.rule = recurrence(Frequency::day, 1, {1}, {0});
  no_start.zone = locate_zone("UTC").value();
  EXPECT_EQ(error_of(no_start), (std::pair<std::string, std::string>{
                                    "start_time", "a recurrence needs start_time: its periods are counted from it"}));
  Trigger bad_recurrence = recurrence_trigger(recurrence(Frequency::day, 0, {1}, {0}), "2026-01-01T00:00:00Z");
  EXPECT_EQ(error_of(bad_recurrence).first, "recurrence.interval");
  Trigger backwards = cron_trigger("* * * * *", "Europe/Berlin");
  backwards.start = utc("2026-02-01T00:00:00Z");
  backwards.end = utc("2025-12-31T23:00:00Z");
  EXPECT_EQ(error_of(backwards), (std::pair<std::string, std::string>{
                                     "end_time", "end_time 2026-01-01T00:00:00 is before start_time 2026-02-01T01:00:00"}));
  backwards.end = backwards.start;
  EXPECT_EQ(error_of(backwards).second, "end_time 2026-02-01T01:00:00 is the same as start_time; it must be later");
}

}  // namespace
}  // namespace aoa::schedule
