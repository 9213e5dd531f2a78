#include "internal/schedule/duration.h"

#include <gtest/gtest.h>

namespace aoa::schedule {
namespace {

using std::chrono::seconds;

TEST(DurationTest, ReadsEveryUnitAndTheirSums) {
  EXPECT_EQ(parse_duration("45s").value(), seconds(45));
  EXPECT_EQ(parse_duration("30m").value(), seconds(1800));
  EXPECT_EQ(parse_duration("24h").value(), seconds(86400));
  EXPECT_EQ(parse_duration("7d").value(), seconds(7 * 86400));
  EXPECT_EQ(parse_duration("1h30m").value(), seconds(5400));
  EXPECT_EQ(parse_duration("1d2h3m4s").value(), seconds(86400 + 7200 + 180 + 4));
  EXPECT_EQ(parse_duration("0s").value(), seconds(0));
  EXPECT_EQ(parse_duration("90m").value(), seconds(5400));
}

TEST(DurationTest, RejectsWhatIsNotADurationAndSaysWhatIsAllowed) {
  for (const char* bad : {"", "24", "h", "1x", "1h1h", "30m1h", "-1h", "1.5h", " 1h", "1h ", "1H", "10000000000s"}) {
    auto r = parse_duration(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find("such as \"30m\""), std::string::npos) << r.status().message();
  }
}

TEST(DurationTest, CapsAtAYear) {
  EXPECT_TRUE(parse_duration("366d").ok());
  auto r = parse_duration("367d");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("longest duration allowed"), std::string::npos);
}

TEST(DurationTest, FormatsTheShortestTextThatReadsBack) {
  EXPECT_EQ(format_duration(seconds(0)), "0s");
  EXPECT_EQ(format_duration(seconds(5400)), "1h30m");
  EXPECT_EQ(format_duration(seconds(86400 + 3600 + 1)), "1d1h1s");
  for (long s : {1L, 59L, 61L, 3599L, 86399L, 86401L, 1234567L}) {
    EXPECT_EQ(parse_duration(format_duration(seconds(s))).value(), seconds(s)) << s;
  }
}

}  // namespace
}  // namespace aoa::schedule
