#include <gtest/gtest.h>

#include <string>

#include "internal/registry/version_order.h"

using aoa::registry::compare_versions;

namespace {

int sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

TEST(CompareVersions, NumericRunsCompareByValue) {
  EXPECT_GT(compare_versions("10", "9"), 0);
  EXPECT_LT(compare_versions("9", "10"), 0);
  EXPECT_GT(compare_versions("1.10", "1.9"), 0);
  EXPECT_EQ(compare_versions("2", "2"), 0);
  EXPECT_EQ(compare_versions("007", "7"), 0);
  EXPECT_EQ(compare_versions("0", "000"), 0);
  EXPECT_LT(compare_versions("1.2.3", "1.2.10"), 0);
}

TEST(CompareVersions, HugeNumbersDoNotOverflow) {
  const std::string a = "1" + std::string(100, '0');  // 10^100
  const std::string b = std::string(99, '9');           // 10^99 - 1
  EXPECT_GT(compare_versions(a, b), 0);
  EXPECT_LT(compare_versions("v" + b, "v" + a), 0);
  EXPECT_EQ(compare_versions("000" + a, a), 0);
  EXPECT_LT(compare_versions(a, "1" + std::string(99, '0') + "1"), 0);
}

TEST(CompareVersions, NonDigitRunsCompareLexically) {
  EXPECT_LT(compare_versions("1.0-alpha", "1.0-beta"), 0);
  EXPECT_LT(compare_versions("v1", "v2"), 0);
  EXPECT_LT(compare_versions("1", "a"), 0);  // a digit run sorts before a letter run
  EXPECT_GT(compare_versions("b", "a"), 0);
}

TEST(CompareVersions, FewerRunsIsSmaller) {
  EXPECT_LT(compare_versions("1", "1.0"), 0);
  EXPECT_LT(compare_versions("1.0", "1.0.1"), 0);
  EXPECT_GT(compare_versions("1.0-rc1", "1.0"), 0);  // documented: not semver
  EXPECT_LT(compare_versions("", "1"), 0);
  EXPECT_EQ(compare_versions("", ""), 0);
}

TEST(CompareVersions, IsAntisymmetric) {
  const char* versions[] = {"", "1", "01", "1.0", "1.9", "1.10", "10", "9", "a", "1a", "1.0-rc1", "2024.01.05", "v3"};
  for (const char* a : versions) {
    for (const char* b : versions) {
      EXPECT_EQ(sign(compare_versions(a, b)), -sign(compare_versions(b, a))) << a << " vs " << b;
    }
  }
}
