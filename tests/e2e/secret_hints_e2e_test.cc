// A literal-looking secret in environment_variables is a plan warning that names the key and
// never repeats the value.
#include <gtest/gtest.h>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

// The dev root and an app "fraud" with `variables` (HCL lines inside the resource block).
std::string app_with(const std::string& variables) {
  return provider_with_dev_root() + R"(
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
)" + variables + "}\n";
}

TEST(SecretHintsE2E, ALiteralSecretInEnvironmentVariablesIsAPlanWarning) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("secret-hints");
  ws.write_file("main.tf", app_with(R"(
  environment_variables = {
    LOG_LEVEL   = "info"
    DB_PASSWORD = "pl41n-t3xt-value"
    DB_URI      = "https://kv.vault.azure.net/secrets/db-uri"
  }
)"));
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

// Secrets by reference: written to the deployment YAML as Azure ML secret injection references,
// read back as the same references (no drift), and anything that is not a reference is an error
// that does not repeat it.
TEST(SecretHintsE2E, SecretEnvironmentVariablesAreReferencesInTheYaml) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("secret-references");
  auto app = [](const std::string& secrets) {
    return app_with("  environment_variables = { LOG_LEVEL = \"info\" }\n  secret_environment_variables = {" + secrets +
                    "}\n");
  };
  ws.write_file("main.tf", app("\n    DB_PASSWORD = \"https://kv-ml.vault.azure.net/secrets/db-password\"\n"
                               "    AOAI_KEY    = \"azureml://connections/aoai/credentials/key\"\n  "));
  CommandResult apply = ws.terraform("apply -auto-approve -no-color");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  const std::string yaml = ws.read_file("gitops/workloads/ml/dev/fraud/deployment-blue.yaml");
  EXPECT_NE(yaml.find("${{keyvault:https://kv-ml.vault.azure.net/secrets/db-password}}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("${{azureml://connections/aoai/credentials/key}}"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("LOG_LEVEL"), std::string::npos) << yaml;
  CommandResult again = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;

  ws.write_file("main.tf", app("\n    DB_PASSWORD = \"pl41n-t3xt-value\"\n  "));
  CommandResult bad = ws.terraform("plan -no-color");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("Invalid secret reference"), std::string::npos) << bad.output;
  EXPECT_EQ(bad.output.find("DB_PASSWORD\"]: pl41n"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace aoa::e2e
