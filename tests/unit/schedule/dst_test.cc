// Clock changes, after Vixie cron / cronie: fixed-time jobs run once (after a gap: at its end;
// in a repeated hour: the first time), wildcard jobs at every real matching instant.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "internal/schedule/next_runs.h"
#include "test_times.h"

namespace aoa::schedule {
namespace {

using testing::as_local;
using testing::as_utc;
using testing::utc;
using Strings = std::vector<std::string>;

std::vector<date::sys_seconds> cron_runs(const std::string& expression, const std::string& zone,
                                         const std::string& after, int count) {
  Trigger t;
  t.rule = CronExpression::parse(expression).value();
  t.zone = locate_zone(zone).value();
  return next_runs(t, utc(after), count).value();
}

std::vector<date::sys_seconds> daily_runs(std::vector<int> hours, std::vector<int> minutes, const std::string& zone,
                                          const std::string& start, const std::string& after, int count) {
  Recurrence r;
  r.frequency = Frequency::day;
  r.hours = std::move(hours);
  r.minutes = std::move(minutes);
  Trigger t;
  t.rule = r;
  t.zone = locate_zone(zone).value();
  t.start = utc(start);
  return next_runs(t, utc(after), count).value();
}

// --- Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET ------

TEST(BerlinSpringForward, FixedCronFiresAtTheEndOfTheGap) {
  const auto runs = cron_runs("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 3);
  EXPECT_EQ(as_utc(runs), (Strings{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}));
  EXPECT_EQ(as_local(runs, "Europe/Berlin"),
            (Strings{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"}));
}

TEST(BerlinSpringForward, SkippedTimesCollapseIntoOneRun) {
  // 02:00, 02:15, 02:30, 02:45 do not exist; 03:00 does and is the same instant.
  EXPECT_EQ(as_utc(cron_runs("0,15,30,45 2,3 * * *", "Europe/Berlin", "2026-03-28T23:00:00Z", 4)),
            (Strings{"2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z", "2026-03-29T01:30:00Z", "2026-03-29T01:45:00Z"}));
}

TEST(BerlinSpringForward, WildcardCronSkipsTheGap) {
  EXPECT_EQ(as_local(cron_runs("*/30 * * * *", "Europe/Berlin", "2026-03-29T00:00:00+01:00", 4), "Europe/Berlin"),
            (Strings{"2026-03-29T00:30:00+01:00", "2026-03-29T01:00:00+01:00", "2026-03-29T01:30:00+01:00",
                     "2026-03-29T03:00:00+02:00"}));
}

TEST(BerlinSpringForward, DailyRecurrenceLikeAFixedCron) {
  const auto runs = daily_runs({2}, {30}, "Europe/Berlin", "2026-03-01T00:00:00Z", "2026-03-28T00:00:00Z", 3);
  EXPECT_EQ(as_utc(runs), (Strings{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"}));
}

TEST(BerlinFallBack, FixedCronRunsOnceAtTheFirstOccurrence) {
  const auto runs = cron_runs("30 2 * * *", "Europe/Berlin", "2026-10-24T00:00:00Z", 3);
  EXPECT_EQ(as_local(runs, "Europe/Berlin"),
            (Strings{"2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"}));
}

TEST(BerlinFallBack, WildcardCronRunsTwiceInTheRepeatedHour) {
  EXPECT_EQ(as_local(cron_runs("*/30 * * * *", "Europe/Berlin", "2026-10-25T01:45:00+02:00", 5), "Europe/Berlin"),
            (Strings{"2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00",
                     "2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00"}));
}

TEST(BerlinFallBack, DailyRecurrenceRunsOnce) {
  const auto runs = daily_runs({2}, {30}, "Europe/Berlin", "2026-10-01T00:00:00Z", "2026-10-24T12:00:00Z", 2);
  EXPECT_EQ(as_local(runs, "Europe/Berlin"), (Strings{"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"}));
}

TEST(BerlinClockChanges, HourlyRecurrenceIgnoresThem) {
  Recurrence r;
  r.frequency = Frequency::hour;
  Trigger t;
  t.rule = r;
  t.zone = locate_zone("Europe/Berlin").value();
  t.start = utc("2026-03-29T00:00:00Z");
  EXPECT_EQ(as_local(next_runs(t, utc("2026-03-28T00:00:00Z"), 3).value(), "Europe/Berlin"),
            (Strings{"2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"}));
}

// --- Australia/Lord_Howe: 30-minute shifts -------------------------------------------------------

TEST(LordHowe, SpringForwardByHalfAnHour) {
  // 2026-10-04 02:00 (+10:30) -> 02:30 (+11).
  EXPECT_EQ(as_local(cron_runs("15 2 * * *", "Australia/Lord_Howe", "2026-10-02T00:00:00Z", 3), "Australia/Lord_Howe"),
            (Strings{"2026-10-03T02:15:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"}));
  EXPECT_EQ(as_local(cron_runs("*/15 2 * * *", "Australia/Lord_Howe", "2026-10-03T15:00:00Z", 3),
                     "Australia/Lord_Howe"),
            (Strings{"2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00", "2026-10-05T02:00:00+11:00"}));
}

TEST(LordHowe, FallBackByHalfAnHour) {
  // 2026-04-05 02:00 (+11) -> 01:30 (+10:30): 01:30-01:59 happen twice.
  EXPECT_EQ(as_local(cron_runs("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", 2), "Australia/Lord_Howe"),
            (Strings{"2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"}));
  EXPECT_EQ(as_local(cron_runs("*/15 1 * * *", "Australia/Lord_Howe", "2026-04-04T13:00:00Z", 6),
                     "Australia/Lord_Howe"),
            (Strings{"2026-04-05T01:00:00+11:00", "2026-04-05T01:15:00+11:00", "2026-04-05T01:30:00+11:00",
                     "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30", "2026-04-05T01:45:00+10:30"}));
}

// --- America/Sao_Paulo: DST until 2019, started at midnight -------------------------------------

TEST(SaoPaulo, NoDaylightSavingSince2019) {
  EXPECT_EQ(as_local(cron_runs("0 12 * * *", "America/Sao_Paulo", "2026-01-10T00:00:00Z", 1), "America/Sao_Paulo"),
            (Strings{"2026-01-10T12:00:00-03:00"}));
  EXPECT_EQ(as_local(cron_runs("0 12 * * *", "America/Sao_Paulo", "2026-07-10T00:00:00Z", 1), "America/Sao_Paulo"),
            (Strings{"2026-07-10T12:00:00-03:00"}));
}

TEST(SaoPaulo, MidnightDidNotExistOn2018November4) {
  // 00:00 (-03) -> 01:00 (-02): a fixed midnight job ran at 01:00.
  EXPECT_EQ(as_local(cron_runs("0 0 * * *", "America/Sao_Paulo", "2018-11-02T12:00:00Z", 3), "America/Sao_Paulo"),
            (Strings{"2018-11-03T00:00:00-03:00", "2018-11-04T01:00:00-02:00", "2018-11-05T00:00:00-02:00"}));
  // A wildcard job had no 00:xx runs that day.
  EXPECT_EQ(as_local(cron_runs("*/30 0 * * *", "America/Sao_Paulo", "2018-11-03T12:00:00Z", 2), "America/Sao_Paulo"),
            (Strings{"2018-11-05T00:00:00-02:00", "2018-11-05T00:30:00-02:00"}));
}

// --- Pacific/Apia skipped 2011-12-30 (a 24-hour jump across the date line) ----------------------

TEST(Samoa, AWholeSkippedDayCollapsesIntoOneRun) {
  EXPECT_EQ(as_local(cron_runs("0 12 * * *", "Pacific/Apia", "2011-12-29T00:00:00Z", 3), "Pacific/Apia"),
            (Strings{"2011-12-29T12:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T12:00:00+14:00"}));
  // The skipped day's runs and the next day's midnight run are the same instant: one run.
  EXPECT_EQ(as_local(cron_runs("0 0,12 * * *", "Pacific/Apia", "2011-12-29T00:00:00Z", 4), "Pacific/Apia"),
            (Strings{"2011-12-29T00:00:00-10:00", "2011-12-29T12:00:00-10:00", "2011-12-31T00:00:00+14:00",
                     "2011-12-31T12:00:00+14:00"}));
}

}  // namespace
}  // namespace aoa::schedule
