#include "provider/shared/secret_hints.h"

#include <gtest/gtest.h>

namespace aoa::provider {
namespace {

TEST(SecretHints, SecretNamesAndTokenShapesAreFlaggedReferencesAndPlainValuesAreNot) {
  EXPECT_NE(literal_secret_reason("DB_PASSWORD", "hunter2"), "");
  EXPECT_NE(literal_secret_reason("api-key", "abc"), "");
  EXPECT_NE(literal_secret_reason("SERVICE_TOKEN", "x"), "");
  EXPECT_NE(literal_secret_reason("MY_SECRET", "x"), "");
  EXPECT_NE(literal_secret_reason("GITHUB", "ghp_0123456789abcdefghijABCDEFGHIJ012345"), "");
  EXPECT_NE(literal_secret_reason("CONN", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy"), "");
  EXPECT_NE(literal_secret_reason("AUTH", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"), "");
  EXPECT_NE(literal_secret_reason("OPAQUE", "Q2hhbmdlTWUxMjM0NTY3ODkwQWJjZGVmZ2hpams="), "");
  // Not secrets: plain settings, long names without digits, references, empty values.
  EXPECT_EQ(literal_secret_reason("LOG_LEVEL", "debug"), "");
  EXPECT_EQ(literal_secret_reason("KEYVAULT_NAME", "kv-ml-prod"), "");
  EXPECT_EQ(literal_secret_reason("MODEL_DIR", "azureml_models_feature_pipeline_fraud"), "");
  EXPECT_EQ(literal_secret_reason("DB_PASSWORD", "https://kv.vault.azure.net/secrets/db-password"), "");
  EXPECT_EQ(literal_secret_reason("DB_PASSWORD", "${{keyvault:https://kv.vault.azure.net/secrets/db}}"), "");
  EXPECT_EQ(literal_secret_reason("DB_PASSWORD", ""), "");
  // The reason never repeats the value.
  EXPECT_EQ(literal_secret_reason("DB_PASSWORD", "hunter2").find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace aoa::provider

namespace aoa::provider {
namespace {

TEST(SecretReferences, KeyVaultUrisAndConnectionsAreReferencesAndRoundTrip) {
  for (const char* ok : {"https://kv-ml.vault.azure.net/secrets/db-password",
                         "https://kv-ml.vault.azure.net/secrets/db-password/0123abcd",
                         "azureml://connections/aoai/credentials/key"}) {
    EXPECT_EQ(secret_reference_problem(ok), "") << ok;
    EXPECT_EQ(parse_secret_reference(render_secret_reference(ok)), ok);
  }
  EXPECT_EQ(render_secret_reference("https://kv.vault.azure.net/secrets/a"), "${{keyvault:https://kv.vault.azure.net/secrets/a}}");
  EXPECT_EQ(render_secret_reference("azureml://connections/c/credentials/k"), "${{azureml://connections/c/credentials/k}}");
  for (const char* bad : {"hunter2", "https://example.com/secrets/a", "https://kv.vault.azure.net/keys/a",
                          "https://kv.vault.azure.net/secrets/", "azureml://connections/c/key"}) {
    const std::string why = secret_reference_problem(bad);
    EXPECT_NE(why, "") << bad;
    EXPECT_EQ(why.find(bad), std::string::npos) << "never echo the value: " << why;
  }
  EXPECT_EQ(parse_secret_reference("plain"), "");
  EXPECT_EQ(parse_secret_reference("${{keyvault:not-a-uri}}"), "");
}

}  // namespace
}  // namespace aoa::provider
