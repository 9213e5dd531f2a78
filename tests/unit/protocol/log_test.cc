#include "internal/protocol/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace aoa::log {
namespace {

TEST(Log, LineIsJsonInTheShapeTerraformReads) {
  std::string line = format_line(Level::Warn, "repository \"x\" busy", {{"root", "ml"}, {"attempt", "3"}},
                                 "2026-01-02T03:04:05.000006Z");
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["@level"], "warn");
  EXPECT_EQ(j["@message"], "repository \"x\" busy");
  EXPECT_EQ(j["@module"], "provider.appofapps");
  EXPECT_EQ(j["@timestamp"], "2026-01-02T03:04:05.000006Z");
  EXPECT_EQ(j["root"], "ml");
  EXPECT_EQ(j["attempt"], "3");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Log, InvalidUtf8NeverBreaksTheLine) {
  std::string line = format_line(Level::Info, std::string("bad \xff byte"), {}, "t");
  EXPECT_NO_THROW(nlohmann::json::parse(line));
}

TEST(Log, LevelsParseLikeTerraform) {
  EXPECT_EQ(parse_level("TRACE"), Level::Trace);
  EXPECT_EQ(parse_level("json"), Level::Trace);
  EXPECT_EQ(parse_level("Debug"), Level::Debug);
  EXPECT_EQ(parse_level("info"), Level::Info);
  EXPECT_EQ(parse_level("WARN"), Level::Warn);
  EXPECT_EQ(parse_level("error"), Level::Error);
  EXPECT_EQ(parse_level("off"), Level::Off);
  EXPECT_EQ(parse_level("1"), Level::Trace) << "Terraform: an unrecognised level means TRACE";
}

}  // namespace
}  // namespace aoa::log
