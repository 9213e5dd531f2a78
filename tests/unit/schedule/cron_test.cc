#include "internal/schedule/cron.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>


namespace aoa::schedule {
namespace {

using date::day;
using date::month;
using date::year;

std::vector<int> set_bits(const auto& bits) {
  std::vector<int> out;
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits.test(i)) out.push_back(static_cast<int>(i));
  }
  return out;
}

// The message of the Status that parsing `text` returns; fails when none or another field.
std::string parse_error(const std::string& text) {
  const Status s = CronExpression::parse(text).status();
  if (s.ok()) {
    ADD_FAILURE() << "parsed: " << text;
    return {};
  }
  EXPECT_EQ(s.field(), "cron") << text;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
  return s.message();
}

TEST(CronParse, FieldsAndCanonicalText) {
  const auto cron = CronExpression::parse("  5,35\t 02  1-7   jan,Jul-sep  Mon-Fri ").value();
  EXPECT_EQ(cron.text(), "5,35 2 1-7 JAN,JUL-SEP MON-FRI");
  EXPECT_EQ(set_bits(cron.minutes()), (std::vector<int>{5, 35}));
  EXPECT_EQ(set_bits(cron.hours()), (std::vector<int>{2}));
  EXPECT_EQ(set_bits(cron.days_of_month()), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(set_bits(cron.months()), (std::vector<int>{1, 7, 8, 9}));
  EXPECT_EQ(set_bits(cron.days_of_week()), (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(cron.fixed_time());
  EXPECT_EQ(CronExpression::parse(cron.text()).value(), cron);
}

TEST(CronParse, StepsRangesAndLists) {
  EXPECT_EQ(set_bits(CronExpression::parse("*/15 * * * *")->minutes()), (std::vector<int>{0, 15, 30, 45}));
  EXPECT_EQ(set_bits(CronExpression::parse("10-20/5 * * * *")->minutes()), (std::vector<int>{10, 15, 20}));
  EXPECT_EQ(set_bits(CronExpression::parse("50/4 * * * *")->minutes()), (std::vector<int>{50, 54, 58}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 1,3-9/3,20 * * *")->hours()), (std::vector<int>{1, 3, 6, 9, 20}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 */10 * *")->days_of_month()), (std::vector<int>{1, 11, 21, 31}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * JAN-DEC/3 *")->months()), (std::vector<int>{1, 4, 7, 10}));
  EXPECT_EQ(CronExpression::parse("0 0 * jan-dec/03 *")->text(), "0 0 * JAN-DEC/3 *");
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * 0-7/2")->days_of_week()), (std::vector<int>{0, 2, 4, 6}));
}

TEST(CronParse, SundayIsZeroOrSeven) {
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * 7")->days_of_week()), (std::vector<int>{0}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * 5-7")->days_of_week()), (std::vector<int>{0, 5, 6}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * fri-sun")->days_of_week()), (std::vector<int>{0, 5, 6}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * SUN-TUE")->days_of_week()), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * SUN,sat")->days_of_week()), (std::vector<int>{0, 6}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * SUN-SUN")->days_of_week()), (std::vector<int>{0}));
  EXPECT_EQ(set_bits(CronExpression::parse("0 0 * * 0-SUN")->days_of_week()), (std::vector<int>{0}));
}

TEST(CronParse, StarFlags) {
  const auto wildcard = CronExpression::parse("*/30 * * * *").value();
  EXPECT_TRUE(wildcard.minute_star());
  EXPECT_TRUE(wildcard.hour_star());
  EXPECT_FALSE(wildcard.fixed_time());
  EXPECT_FALSE(CronExpression::parse("0 */2 * * *")->fixed_time());
  EXPECT_FALSE(CronExpression::parse("* 2 * * *")->fixed_time());
  EXPECT_TRUE(CronExpression::parse("0-59 2 * * *")->fixed_time());  // cronie: only a leading '*' counts
  const auto days = CronExpression::parse("0 0 */2 * 1").value();
  EXPECT_TRUE(days.day_of_month_star());
  EXPECT_FALSE(days.day_of_week_star());
  EXPECT_EQ(CronExpression(), CronExpression::parse("* * * * *").value());
}

TEST(CronParse, ErrorsNameTheFieldAndWhatIsAllowed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"0 0 32 * *", "field 3 (day of month): 32 is out of range 1-31"},
      {"60 * * * *", "field 1 (minute): 60 is out of range 0-59"},
      {"0 24 * * *", "field 2 (hour): 24 is out of range 0-23"},
      {"0 0 0 * *", "field 3 (day of month): 0 is out of range 1-31"},
      {"0 0 * 13 *", "field 4 (month): 13 is out of range 1-12"},
      {"0 0 * * 8", "field 5 (day of week): 8 is out of range 0-7"},
      {"0 0 * * FUNDAY", "field 5 (day of week): unknown name \"FUNDAY\"; use SUN-SAT or 0-7"},
      {"0 0 * JANUARY *", "field 4 (month): unknown name \"JANUARY\"; use JAN-DEC or 1-12"},
      {"x * * * *", "field 1 (minute): \"x\" is not a number; use 0-59"},
      {"MON * * * *", "field 1 (minute): \"MON\" is not a number; use 0-59"},
      {"*/0 * * * *", "field 1 (minute): step 0 is not allowed; use a step of 1-59"},
      {"0 */24 * * *", "field 2 (hour): step 24 is out of range; use a step of 1-23"},
      {"0 0 * */ *", "field 4 (month): a step is missing after \"/\"; use a step of 1-12"},
      {"0 5-1 * * *", "field 2 (hour): range 5-1 is reversed; write the lower bound first"},
      {"0 0 * * SAT-MON", "field 5 (day of week): range SAT-MON is reversed"},
      {"0 0 1,,2 * *", "field 3 (day of month): empty list item"},
      {"0 0 1, * *", "field 3 (day of month): empty list item"},
      {"0 0 ? * *", "field 3 (day of month): \"?\" (Quartz syntax) is not supported; use \"*\""},
      {"0 0 * * 1?", "field 5 (day of week): \"1?\" uses \"?\" (Quartz syntax), which is not supported; use \"*\""},
      {"0 0 L * *", "field 3 (day of month): \"L\" (last day of the month) is not supported; use 1-31 with \"*\", "
                     "ranges, steps and lists"},
      {"0 0 15W * *", "field 3 (day of month): \"15W\" uses \"W\" (nearest weekday), which is not supported"},
      {"0 0 * * 5L", "field 5 (day of week): \"5L\" uses \"L\" (last weekday of the month), which is not supported"},
      {"0 0 * * MON#2", "field 5 (day of week): \"MON#2\" uses \"#\" (nth weekday of the month), which is not "
                         "supported; use SUN-SAT or 0-7 with \"*\", ranges, steps and lists"},
      {"@hourly", "macros such as \"@hourly\" are not supported; write the 5 fields"},
      {"0 0 0 * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6; seconds and year "
                      "fields are not supported"},
      {"0 0 * * * * 2026", "found 7; seconds and year fields are not supported"},
      {"0 0 * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4"},
      {"", "the expression is empty"},
      {"   ", "the expression is empty"},
      {"0 0 123456789012345678901234567890 * *", "\"123456789012345678901234567890\" is out of range 1-31"},
      {"0 0 1-\xff * *", "field 3 (day of month): \"\\xff\" is not a number; use 1-31"},
      {std::string(300, '1'), "the expression is too long (300 characters; at most 256)"},
  };
  for (const auto& [text, message] : cases) {
    EXPECT_NE(parse_error(text).find(message), std::string::npos) << text << "\n  got: " << parse_error(text);
  }
}

date::year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

TEST(CronMatch, BothDayFieldsRestrictedMeansEither) {
  // The 13th, and every Friday (crontab(5)).
  const auto cron = CronExpression::parse("0 0 13 * FRI").value();
  EXPECT_TRUE(cron.matches_date(ymd(2026, 3, 13)));   // a Friday the 13th
  EXPECT_TRUE(cron.matches_date(ymd(2026, 4, 13)));   // Monday the 13th
  EXPECT_TRUE(cron.matches_date(ymd(2026, 4, 17)));   // Friday
  EXPECT_FALSE(cron.matches_date(ymd(2026, 4, 14)));  // Tuesday the 14th
}

TEST(CronMatch, AStarDayFieldMeansBoth) {
  // "*/2" starts with '*': odd days that are also Mondays.
  const auto cron = CronExpression::parse("0 0 */2 * MON").value();
  EXPECT_TRUE(cron.matches_date(ymd(2026, 4, 13)));   // Monday, odd
  EXPECT_FALSE(cron.matches_date(ymd(2026, 4, 20)));  // Monday, even
  EXPECT_FALSE(cron.matches_date(ymd(2026, 4, 15)));  // odd, Wednesday
  const auto month_only = CronExpression::parse("0 0 * 4 *").value();
  EXPECT_TRUE(month_only.matches_date(ymd(2026, 4, 30)));
  EXPECT_FALSE(month_only.matches_date(ymd(2026, 5, 1)));
}

TEST(CronCanFire, ImpossibleDatesAreDetected) {
  EXPECT_FALSE(can_fire(CronExpression::parse("0 0 30 2 *").value()));
  EXPECT_FALSE(can_fire(CronExpression::parse("0 0 31 4,6,9,11 *").value()));
  EXPECT_FALSE(can_fire(CronExpression::parse("0 0 30-31 FEB */2").value()));
  EXPECT_TRUE(can_fire(CronExpression::parse("0 12 29 2 *").value()));
  EXPECT_TRUE(can_fire(CronExpression::parse("0 0 31 4,5 *").value()));
  EXPECT_TRUE(can_fire(CronExpression::parse("0 0 30 2 MON").value()));  // OR: every Monday in February
  EXPECT_TRUE(can_fire(CronExpression::parse("0 0 */31 2 1").value()));  // AND: February 1st on a Monday
}

}  // namespace
}  // namespace aoa::schedule
