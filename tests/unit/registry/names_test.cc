#include <gtest/gtest.h>

#include <string>

#include "internal/registry/names.h"

using aoa::registry::validate_metric_name;
using aoa::registry::validate_model_name;
using aoa::registry::validate_version;

TEST(RegistryNames, ModelNamesFollowAzureMlAssetNames) {
  for (const char* ok : {"fraud", "fraud-scorer", "Fraud_v2", "9lives", "a.b.c", "x"}) {
    EXPECT_EQ(validate_model_name(ok).message(), "") << ok;
  }
  EXPECT_TRUE(validate_model_name(std::string(255, 'a')).ok());
  EXPECT_EQ(validate_model_name("").code(), aoa::StatusCode::kInvalidArgument);
  EXPECT_NE(validate_model_name(std::string(256, 'a')).message().find("longer than 255"), std::string::npos);
  EXPECT_NE(validate_model_name("").message().find("must not be empty"), std::string::npos);
  EXPECT_NE(validate_model_name("-fraud").message().find("must start with a letter or digit"), std::string::npos);
  EXPECT_NE(validate_model_name(".hidden").message().find("must start with a letter or digit"), std::string::npos);
  EXPECT_NE(validate_model_name("a/b").message().find("not allowed"), std::string::npos);
  EXPECT_NE(validate_model_name("a b").message().find("not allowed"), std::string::npos);
  EXPECT_NE(validate_model_name("a..b").message().find("\"..\""), std::string::npos);
  EXPECT_NE(validate_model_name("caf\xc3\xa9").message().find("not allowed"), std::string::npos);
}

TEST(RegistryNames, VersionsUseTheSameRules) {
  for (const char* ok : {"1", "12", "1.2.3", "2024-01-05", "v3", "1_rc"}) EXPECT_EQ(validate_version(ok).message(), "") << ok;
  for (const char* bad : {"", "..", "../x", "1/2", "x y", "-1"}) EXPECT_NE(validate_version(bad).message(), "") << bad;
  EXPECT_EQ(validate_version("..").message().rfind("version", 0), 0u);  // the message names what it checked
}

TEST(RegistryNames, MetricNames) {
  for (const char* ok : {"auc", "latency_p95_ms", "val/loss", "f1-score", "top.5"}) {
    EXPECT_EQ(validate_metric_name(ok).message(), "") << ok;
  }
  for (const char* bad : {"", "5xx_rate", "_private", "a b", "auc:1", "a\"b"}) {
    EXPECT_NE(validate_metric_name(bad).message(), "") << bad;
  }
}

TEST(RegistryNames, LongBadNamesAreShortenedInMessages) {
  const std::string bad = std::string(200, 'a') + "/";
  EXPECT_LT(validate_model_name(bad).message().size(), 300u);
}
