#include "internal/schedule/time_zone.h"

#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>


namespace aoa::schedule {
namespace {

std::string zone_error(const std::string& name, bool windows = false) {
  const Status s = windows ? windows_zone(name).status() : locate_zone(name).status();
  if (s.ok()) {
    ADD_FAILURE() << "accepted " << name;
    return {};
  }
  EXPECT_EQ(s.field(), "time_zone");
  return s.message();
}

TEST(LocateZone, KnownNamesAndAliases) {
  EXPECT_EQ(locate_zone("Europe/Berlin").value()->name(), "Europe/Berlin");
  EXPECT_NE(locate_zone("UTC").value(), nullptr);
  EXPECT_NE(locate_zone("Etc/UTC").value(), nullptr);
  EXPECT_NE(locate_zone("Europe/Kiev").value(), nullptr);
  EXPECT_NE(locate_zone("Europe/Kyiv").value(), nullptr);
  EXPECT_NE(locate_zone("Australia/Lord_Howe").value(), nullptr);
}

TEST(LocateZone, UnknownNamesGetASuggestion) {
  EXPECT_EQ(zone_error("Europe/Berln"),
            "unknown time zone \"Europe/Berln\"; did you mean \"Europe/Berlin\"? Names are case-sensitive");
  EXPECT_EQ(zone_error("europe/berlin"),
            "unknown time zone \"europe/berlin\"; did you mean \"Europe/Berlin\"? Names are case-sensitive");
  EXPECT_EQ(zone_error("Mars/Olympus_Mons"),
            "unknown time zone \"Mars/Olympus_Mons\"; use an IANA name such as \"Europe/Berlin\" or \"UTC\"");
  EXPECT_EQ(zone_error(""), "time_zone must not be empty; use an IANA name such as \"Europe/Berlin\" or \"UTC\"");
  // The host's own zone file is not a zone name.
  EXPECT_NE(zone_error("localtime").find("unknown time zone \"localtime\""), std::string::npos);
  EXPECT_NE(zone_error("../../etc/passwd").find("unknown time zone"), std::string::npos);
  EXPECT_NE(zone_error(std::string(500, 'x')).find("unknown time zone"), std::string::npos);
}

TEST(WindowsZone, FromIcuCldrData) {
  EXPECT_EQ(windows_zone("Europe/Berlin").value(), "W. Europe Standard Time");
  EXPECT_EQ(windows_zone("America/Los_Angeles").value(), "Pacific Standard Time");
  EXPECT_EQ(windows_zone("UTC").value(), "UTC");
  EXPECT_EQ(windows_zone("Etc/UTC").value(), "UTC");
  EXPECT_EQ(windows_zone("Europe/Kiev").value(), "FLE Standard Time");
  EXPECT_EQ(windows_zone("Europe/Kyiv").value(), "FLE Standard Time");
  EXPECT_EQ(windows_zone("Asia/Kolkata").value(), "India Standard Time");
  EXPECT_EQ(windows_zone("US/Pacific").value(), "Pacific Standard Time");
  EXPECT_EQ(windows_zone("Australia/Lord_Howe").value(), "Lord Howe Standard Time");
  EXPECT_EQ(windows_zone("America/Sao_Paulo").value(), "E. South America Standard Time");
}

TEST(WindowsZone, ZonesWithoutAWindowsName) {
  EXPECT_EQ(zone_error("Antarctica/Troll", true),
            "\"Antarctica/Troll\" has no Windows time zone equivalent, which Azure ML requires");
  EXPECT_EQ(zone_error("CET", true), "\"CET\" has no Windows time zone equivalent, which Azure ML requires");
  EXPECT_NE(zone_error("America/Ciudad_Juarez", true)
                .find("\"America/Ciudad_Juarez\" has no Windows time zone equivalent in the ICU 72"),
            std::string::npos);
  EXPECT_NE(zone_error("Europe/Berln", true).find("did you mean \"Europe/Berlin\""), std::string::npos);
}

// Pins which names of the system tz database have no Windows name, so that a data update that
// changes the list is noticed (and the docs updated).
TEST(WindowsZone, EveryOtherZoneHasOne) {
  const std::set<std::string> without = {"America/Ciudad_Juarez", "America/Coyhaique", "Antarctica/Troll", "CET",
                                          "EET", "MET", "WET", "localtime"};
  std::set<std::string> found;
  for (const auto& zone : date::get_tzdb().zones) {
    const Result<std::string> windows = windows_zone(zone.name());
    if (windows.ok()) {
      EXPECT_FALSE(windows->empty()) << zone.name();
    } else {
      found.insert(zone.name());
    }
  }
  for (const auto& name : found) EXPECT_TRUE(without.count(name)) << name << " has no Windows name";
}

// The zoneinfo files list transitions up to 2037 and then a rule (the TZif footer); the rule is
// applied, so Berlin summers stay daylight saving time after 2037 (time_zone.h, the schedule docs).
TEST(ZoneData, DaylightSavingGoesOnAfter2037) {
  const auto* berlin = locate_zone("Europe/Berlin").value();
  const auto summer = [&](int year) {
    return berlin->get_info(date::sys_days{date::year{year} / 7 / 1}).offset;
  };
  EXPECT_EQ(summer(2037), std::chrono::hours{2});
  EXPECT_EQ(summer(2038), std::chrono::hours{2});
  EXPECT_EQ(summer(2100), std::chrono::hours{2});
}

}  // namespace
}  // namespace aoa::schedule
