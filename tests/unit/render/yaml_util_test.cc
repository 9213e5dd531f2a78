#include "internal/render/yaml_util.h"

#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace aoa::render {
namespace {

// Strings a YAML reader would otherwise read as something else, or that need escaping.
const std::string kNasty[] = {"",      "true",  "True", "FALSE", "on",    "Off",  "yes",   "y",      "N",
                              "null",  "~",     "1",    "1.0",   "-1",    "+1",   "0x1F",  "0o17",   "017",
                              "1e3",   ".inf",  ".NaN", "1_000", "12:30", "2024-01-01",    "- a",    "a: b",
                              "a:",    ":a",    "#x",   "a #b",  "[a]",   "{a}",  "&a",    "*a",     "!a",
                              "|",     ">",     "%a",   "@a",    "`a`",   "'a'",  "\"a\"", " lead",  "trail ",
                              "a\nb",  "a\tb",  "back\\slash", "ünïcödé", "<<",   "=",     "?",      "-",
                              "---",   "...",   "a,b",  "\x01"};

TEST(YamlUtil, SafePlainScalars) {
  for (const std::string s : {"argoproj.io/v1alpha1", "Application", "ml-platform", "https://github.com/org/repo.git",
                              "git@github.com:org/repo.git", "apps/ml-platform/dev", "main", "feature/x",
                              "ApplyOutOfSyncOnly=true", "v1.2.3", "_x"}) {
    EXPECT_TRUE(is_safe_plain_scalar(s)) << s;
  }
  for (const auto& s : kNasty) EXPECT_FALSE(is_safe_plain_scalar(s)) << s;
}

TEST(YamlUtil, EmittedStringsReadBackAsTheSameStrings) {
  for (const auto& s : kNasty) {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key;
    emit_string(out, s);
    out << YAML::Value;
    emit_string(out, s);
    out << YAML::EndMap;
    ASSERT_TRUE(out.good()) << s;
    const YAML::Node node = YAML::Load(out.c_str());
    ASSERT_TRUE(node.IsMap()) << out.c_str();
    ASSERT_EQ(node.size(), 1u) << out.c_str();
    const auto entry = *node.begin();
    EXPECT_EQ(entry.first.Scalar(), s) << out.c_str();
    EXPECT_EQ(entry.second.Scalar(), s) << out.c_str();
    EXPECT_EQ(entry.second.Tag(), "!") << "not quoted: " << out.c_str();  // quoted = string for every reader
  }
}

}  // namespace
}  // namespace aoa::render
