// A literal-looking secret in environment_variables is a plan warning that names the key and
// never repeats the value.
#include <gtest/gtest.h>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

TEST(SecretHintsE2E, ALiteralSecretInEnvironmentVariablesIsAPlanWarning) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("secret-hints");
  ws.write_file("main.tf", provider_with_dev_root() + R"(
resource "appofapps_app" "fraud" {
  root        = appofapps_root.ml.name
  environment = "dev"
  name        = "fraud"
  owner       = "risk"
  namespace   = "fraud"
  model {
    name    = "fraud"
    version = "1"
  }
  environment_variables = {
    LOG_LEVEL   = "info"
    DB_PASSWORD = "pl41n-t3xt-value"
    DB_URI      = "https://kv.vault.azure.net/secrets/db-uri"
  }
}
)");
  CommandResult plan = ws.terraform("plan -no-color");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  EXPECT_NE(plan.output.find("Warning: Possible secret in environment_variables"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("environment_variables[\"DB_PASSWORD\"]"), std::string::npos) << plan.output;
  EXPECT_EQ(plan.output.find("environment_variables[\"LOG_LEVEL\"] looks"), std::string::npos) << plan.output;
  EXPECT_EQ(plan.output.find("environment_variables[\"DB_URI\"] looks"), std::string::npos) << plan.output;
  // Exactly one warning of this kind.
  const std::string w = "Possible secret in environment_variables";
  EXPECT_EQ(plan.output.find(w, plan.output.find(w) + 1), std::string::npos) << plan.output;
}

}  // namespace
}  // namespace aoa::e2e
