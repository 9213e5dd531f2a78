#include "internal/schedule/time_parse.h"

#include <string>

#include <gtest/gtest.h>

#include "internal/schedule/time_zone.h"
#include "test_times.h"

namespace aoa::schedule {
namespace {

using testing::utc;

const date::time_zone* berlin() { return locate_zone("Europe/Berlin").value(); }

std::string time_error(const std::string& text, const date::time_zone* zone, const std::string& field = "start_time") {
  const Status s = parse_time(text, zone, field).status();
  if (s.ok()) {
    ADD_FAILURE() << "parsed " << text;
    return {};
  }
  EXPECT_EQ(s.field(), field);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  return s.message();
}

TEST(ParseTime, LocalWallTimeInTheZone) {
  EXPECT_EQ(parse_time("2026-07-01T12:00:00", berlin(), "start_time").value(), utc("2026-07-01T10:00:00Z"));
  EXPECT_EQ(parse_time("2026-01-01T12:00:00", berlin(), "start_time").value(), utc("2026-01-01T11:00:00Z"));
}

TEST(ParseTime, Rfc3339IsAbsolute) {
  EXPECT_EQ(parse_time("2026-03-29T03:00:00+02:00", berlin(), "start_time").value(), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parse_time("2026-03-29T01:00:00Z", berlin(), "start_time").value(), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parse_time("2026-03-29t01:00:00z", berlin(), "start_time").value(), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parse_time("2026-03-28T20:00:00-05:00", berlin(), "start_time").value(), utc("2026-03-29T01:00:00Z"));
  // An offset that is not the zone's still names an instant; a local time in a gap with an
  // offset is fine too.
  EXPECT_EQ(parse_time("2026-03-29T02:30:00+01:00", berlin(), "start_time").value(), utc("2026-03-29T01:30:00Z"));
}

TEST(ParseTime, NonexistentLocalTimeIsAnError) {
  EXPECT_EQ(time_error("2026-03-29T02:30:00", berlin()),
            "start_time 2026-03-29T02:30:00 does not exist in Europe/Berlin: clocks go from 02:00 to 03:00; use a "
            "time outside the gap");
  EXPECT_EQ(time_error("2026-10-04T02:10:00", locate_zone("Australia/Lord_Howe").value(), "end_time"),
            "end_time 2026-10-04T02:10:00 does not exist in Australia/Lord_Howe: clocks go from 02:00 to 02:30; use "
            "a time outside the gap");
  EXPECT_EQ(time_error("2018-11-04T00:00:00", locate_zone("America/Sao_Paulo").value()),
            "start_time 2018-11-04T00:00:00 does not exist in America/Sao_Paulo: clocks go from 00:00 to 01:00; use "
            "a time outside the gap");
  // Samoa skipped 2011-12-30 altogether.
  EXPECT_EQ(time_error("2011-12-30T12:00:00", locate_zone("Pacific/Apia").value()),
            "start_time 2011-12-30T12:00:00 does not exist in Pacific/Apia: clocks go from 2011-12-30T00:00 to "
            "2011-12-31T00:00; use a time outside the gap");
}

TEST(ParseTime, RepeatedLocalTimeTakesTheFirstOccurrence) {
  // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
  EXPECT_EQ(parse_time("2026-10-25T02:30:00", berlin(), "start_time").value(), utc("2026-10-25T00:30:00Z"));
}

TEST(ParseTime, MalformedTimes) {
  const std::string forms = "; use a local time \"YYYY-MM-DDTHH:MM:SS\" (in time_zone) or RFC 3339 with an offset";
  EXPECT_EQ(time_error("tomorrow", berlin()).find("start_time \"tomorrow\" is not a date and time" + forms), 0u);
  EXPECT_EQ(time_error("2026-02-30T10:00:00", berlin()), "start_time \"2026-02-30T10:00:00\" is not a calendar date");
  EXPECT_EQ(time_error("1899-12-31T10:00:00", berlin()), "start_time \"1899-12-31T10:00:00\": the year must be 1900-9999");
  EXPECT_NE(time_error("2026-03-29T03:00:00.5Z", berlin()).find("fractions of a second are not supported"),
            std::string::npos);
  for (const char* bad : {"2026-03-29", "2026-03-29T03:00", "2026-03-29 03:00:00", "2026-03-29T24:00:00",
                          "2026-03-29T03:60:00", "2026-03-29T03:00:60", "2026-03-29T03:00:00+2:00",
                          "2026-03-29T03:00:00+24:00", "2026-03-29T03:00:00 ", "+2026-03-29T03:00:00"}) {
    EXPECT_NE(time_error(bad, berlin()).find("is not a date and time"), std::string::npos) << bad;
  }
}

TEST(FormatTime, LocalAndRfc3339) {
  const auto t = utc("2026-03-29T01:00:00Z");
  EXPECT_EQ(format_local_time(t, berlin()), "2026-03-29T03:00:00");
  EXPECT_EQ(format_rfc3339(t, berlin()), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(format_rfc3339(utc("2026-01-15T08:00:00Z"), berlin()), "2026-01-15T09:00:00+01:00");
  EXPECT_EQ(format_rfc3339(utc("2026-01-15T08:00:00Z"), locate_zone("America/Los_Angeles").value()),
            "2026-01-15T00:00:00-08:00");
  EXPECT_EQ(format_rfc3339(utc("2026-01-15T08:00:00Z"), locate_zone("UTC").value()), "2026-01-15T08:00:00+00:00");
  EXPECT_EQ(format_rfc3339(utc("2026-07-01T00:00:00Z"), locate_zone("Australia/Lord_Howe").value()),
            "2026-07-01T10:30:00+10:30");
  EXPECT_EQ(format_rfc3339(utc("2026-01-01T00:00:00Z"), locate_zone("Asia/Kathmandu").value()), "2026-01-01T05:45:00+05:45");
}

TEST(FormatTime, OffsetsWithSecondsStayExact) {
  // Liberia kept local mean time (-00:44:30) until 1972: the text is cut to whole minutes of
  // offset and still names the same instant.
  const auto t = utc("1960-06-01T12:00:00Z");
  const auto* monrovia = locate_zone("Africa/Monrovia").value();
  EXPECT_EQ(format_rfc3339(t, monrovia), "1960-06-01T11:16:00-00:44");
  EXPECT_EQ(parse_time(format_rfc3339(t, monrovia), monrovia, "start_time").value(), t);
}

TEST(LocalTimeText, ExactShapeOnly) {
  EXPECT_TRUE(is_local_time_text("2026-03-29T03:00:00"));
  EXPECT_FALSE(is_local_time_text("2026-03-29T03:00:00Z"));
  EXPECT_FALSE(is_local_time_text("2026-03-29t03:00:00"));
  EXPECT_FALSE(is_local_time_text("2026-02-29T03:00:00"));
  EXPECT_FALSE(is_local_time_text(""));
}

TEST(NormalizeTime, WhatTheYamlCarries) {
  EXPECT_EQ(normalize_time("2026-03-29T01:00:00Z", berlin(), "start_time").value(), "2026-03-29T03:00:00");
  EXPECT_EQ(normalize_time("2026-03-29T04:00:00", berlin(), "start_time").value(), "2026-03-29T04:00:00");
  EXPECT_EQ(normalize_time("2026-10-25T02:30:00+02:00", berlin(), "start_time").value(), "2026-10-25T02:30:00");
  const Status second = normalize_time("2026-10-25T02:30:00+01:00", berlin(), "end_time").status();
  ASSERT_FALSE(second.ok()) << "second occurrence accepted";
  {
    EXPECT_EQ(second.field(), "end_time");
    EXPECT_EQ(second.message(),
                 "end_time \"2026-10-25T02:30:00+01:00\" is the second occurrence of 2026-10-25T02:30:00 in "
                 "Europe/Berlin (clocks go back); Azure ML takes local times and would use the first occurrence: "
                 "use 2026-10-25T02:30:00+02:00 or a time outside the repeated hour");
  }
}

}  // namespace
}  // namespace aoa::schedule
