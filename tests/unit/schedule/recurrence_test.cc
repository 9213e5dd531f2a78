#include "internal/schedule/recurrence.h"

#include <string>

#include <gtest/gtest.h>

#include "../status_testing.h"

namespace aoa::schedule {
namespace {

Recurrence daily(std::vector<int> hours, std::vector<int> minutes) {
  Recurrence r;
  r.frequency = Frequency::day;
  r.hours = std::move(hours);
  r.minutes = std::move(minutes);
  return r;
}

// {field, message} of the Status validate() returns.
std::pair<std::string, std::string> invalid(const Recurrence& r) {
  const Status s = validate(r);
  if (s.ok()) return {"", "valid"};
  return {s.field(), s.message()};
}

TEST(Frequency, ParseAnyCaseWriteLowerCase) {
  EXPECT_EQ(parse_frequency("minute").value(), Frequency::minute);
  EXPECT_EQ(parse_frequency("Hour").value(), Frequency::hour);
  EXPECT_EQ(parse_frequency("DAY").value(), Frequency::day);
  EXPECT_EQ(parse_frequency("week").value(), Frequency::week);
  EXPECT_EQ(parse_frequency("month").value(), Frequency::month);
  EXPECT_EQ(to_string(Frequency::week), "week");
  const Status daily = parse_frequency("daily").status();
  EXPECT_EQ(daily.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(daily.field(), "recurrence.frequency");
  EXPECT_EQ(daily.message(), "unknown frequency \"daily\"; use minute, hour, day, week or month");
}

TEST(RecurrenceValidate, AcceptsWhatAzureMlAccepts) {
  EXPECT_EQ(invalid(daily({4, 5, 10, 11, 12}, {0, 30})).second, "valid");  // the Azure example
  Recurrence weekly = daily({2}, {30});
  weekly.frequency = Frequency::week;
  weekly.interval = 2;
  weekly.week_days = {"Monday", "FRIDAY", "sunday"};
  EXPECT_EQ(invalid(weekly).second, "valid");
  EXPECT_EQ(canonical(weekly)->week_days, (std::vector<std::string>{"monday", "friday", "sunday"}));
  Recurrence monthly = daily({0}, {0});
  monthly.frequency = Frequency::month;
  monthly.month_days = {1, 15, 31};
  EXPECT_EQ(invalid(monthly).second, "valid");
  Recurrence every_five_minutes;
  every_five_minutes.frequency = Frequency::minute;
  every_five_minutes.interval = 5;
  EXPECT_EQ(invalid(every_five_minutes).second, "valid");
}

TEST(RecurrenceValidate, ErrorsNameTheField) {
  using Case = std::pair<Recurrence, std::pair<std::string, std::string>>;
  Recurrence zero = daily({1}, {0});
  zero.interval = 0;
  Recurrence no_hours = daily({}, {0});
  Recurrence no_minutes = daily({1}, {});
  no_minutes.frequency = Frequency::month;
  Recurrence hourly_with_minutes;
  hourly_with_minutes.frequency = Frequency::hour;
  hourly_with_minutes.minutes = {15};
  Recurrence minutely_with_days;
  minutely_with_days.frequency = Frequency::minute;
  minutely_with_days.week_days = {"monday"};
  Recurrence bad_day = daily({1}, {0});
  bad_day.frequency = Frequency::week;
  bad_day.week_days = {"mon"};
  Recurrence twice_day = bad_day;
  twice_day.week_days = {"monday", "Monday"};
  Recurrence days_on_daily = daily({1}, {0});
  days_on_daily.week_days = {"monday"};
  Recurrence month_days_on_weekly = daily({1}, {0});
  month_days_on_weekly.frequency = Frequency::week;
  month_days_on_weekly.month_days = {1};
  Recurrence bad_month_day = daily({1}, {0});
  bad_month_day.frequency = Frequency::month;
  bad_month_day.month_days = {0};
  const std::vector<Case> cases = {
      {zero, {"recurrence.interval", "interval must be at least 1, got 0"}},
      {no_hours,
       {"recurrence.hours", "hours are required with frequency day (Azure ML needs both hours and minutes), e.g. [2]"}},
      {no_minutes,
       {"recurrence.minutes",
        "minutes are required with frequency month (Azure ML needs both hours and minutes), e.g. [0]"}},
      {daily({24}, {0}), {"recurrence.hours", "24 is out of range 0-23"}},
      {daily({-1}, {0}), {"recurrence.hours", "-1 is out of range 0-23"}},
      {daily({1}, {60}), {"recurrence.minutes", "60 is out of range 0-59"}},
      {daily({1, 2, 1}, {0}), {"recurrence.hours", "1 is listed twice"}},
      {hourly_with_minutes,
       {"recurrence.minutes", "minutes cannot be used with frequency hour (it runs every interval from start_time); "
                              "use frequency day, week or month"}},
      {minutely_with_days,
       {"recurrence.week_days", "week_days cannot be used with frequency minute (it runs every interval from "
                                "start_time); use frequency day, week or month"}},
      {bad_day,
       {"recurrence.week_days",
        "unknown week day \"mon\"; use monday, tuesday, wednesday, thursday, friday, saturday or sunday"}},
      {twice_day, {"recurrence.week_days", "\"monday\" is listed twice"}},
      {days_on_daily, {"recurrence.week_days", "week_days can only be used with frequency week, not day"}},
      {month_days_on_weekly, {"recurrence.month_days", "month_days can only be used with frequency month, not week"}},
      {bad_month_day, {"recurrence.month_days", "0 is out of range 1-31"}},
  };
  for (const auto& [recurrence, expected] : cases) EXPECT_EQ(invalid(recurrence), expected);
}

TEST(RecurrenceWeekDay, Numbers) {
  EXPECT_EQ(week_day_number("sunday").value(), 0u);
  EXPECT_EQ(week_day_number("Monday").value(), 1u);
  EXPECT_EQ(week_day_number("SATURDAY").value(), 6u);
}

}  // namespace
}  // namespace aoa::schedule
