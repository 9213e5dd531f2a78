// appofapps_root end to end: the real terraform CLI applies, plans, imports and destroys a root
// and the tests read back what landed in the GitOps repository.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/e2e/terraform_harness.h"
#include "tests/support/crd_validator.h"

namespace aoa::e2e {
namespace {

const char* kProviderBlock = R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
provider "appofapps" {}
)";

std::string root_config(const std::string& dev_cluster = "aks-dev") {
  return std::string(kProviderBlock) + R"(
resource "appofapps_root" "platform" {
  name = "ml-platform"
  environment {
    name      = "dev"
    cluster   = ")" + dev_cluster + R"("
    namespace = "ml-dev"
  }
  environment {
    name      = "staging"
    cluster   = "aks-staging"
    namespace = "ml-staging"
  }
  environment {
    name      = "prod"
    cluster   = "https://aks-prod.example.com:443"
    namespace = "ml-prod"
    protected = true
  }
  labels = { team = "ml" }
}
output "bootstrap_dev" { value = appofapps_root.platform.bootstrap["dev"] }
)";
}

#define EXPECT_RUN_OK(result) EXPECT_EQ((result).exit_code, 0) << (result).output

TEST(RootE2E, ApplyPlanDriftImportDestroy) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("root-lifecycle");
  ws.write_file("main.tf", root_config());

  // The plan already shows the computed bootstrap YAML and creates nothing on disk.
  CommandResult plan = ws.terraform("plan -no-color");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  EXPECT_NE(plan.output.find("appofapps_root.platform will be created"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("kind: Application"), std::string::npos) << "bootstrap known at plan time";
  EXPECT_FALSE(std::ifstream(ws.dir() + "/gitops/.git/HEAD").good()) << "plan must not create the repository";

  CommandResult apply = ws.terraform("apply -auto-approve -no-color");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;

  // One commit, with the trailers of the contract, holding one root Application per environment.
  CommandResult log = ws.git("log --format=%s%n%b%n--");
  EXPECT_RUN_OK(log);
  EXPECT_NE(log.output.find("Create appofapps_root ml-platform (dev, staging, prod)"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("Appofapps-Resource: appofapps_root/ml-platform"), std::string::npos);
  EXPECT_NE(log.output.find("Appofapps-Environment: prod"), std::string::npos);
  EXPECT_NE(log.output.find("Appofapps-Actor: terraform <terraform@localhost>"), std::string::npos);
  EXPECT_EQ(ws.git("rev-list --count main").output, "1\n");
  for (const char* env : {"dev", "staging", "prod"}) {
    CommandResult show = ws.git(std::string("show main:roots/ml-platform/") + env + ".yaml");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    YAML::Node app = YAML::Load(show.output);
    EXPECT_EQ(app["metadata"]["name"].as<std::string>(), std::string("ml-platform-") + env);
    EXPECT_EQ(app["spec"]["source"]["path"].as<std::string>(), std::string("apps/ml-platform/") + env);
    auto errors = aoa::testing::validate_against_crd(app, std::string(AOA_SHARED_DIR) +
                                                              "/schemas/argocd-application-crd.yaml");
    EXPECT_TRUE(errors.empty()) << env << ": " << (errors.empty() ? "" : errors.front());
  }
  // The bootstrap output is exactly the committed file.
  CommandResult out = ws.terraform("output -raw bootstrap_dev");
  EXPECT_EQ(out.output, ws.git("show main:roots/ml-platform/dev.yaml").output);
  // The working tree of the embedded repository is up to date too.
  EXPECT_EQ(ws.git("status --porcelain").output, "");

  // Second plan: nothing to do.
  CommandResult again = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;

  // A hand edit committed to the repository is drift: the plan puts the cluster back.
  std::string dev = ws.git("show main:roots/ml-platform/dev.yaml").output;
  size_t at = dev.find("aks-dev");
  ASSERT_NE(at, std::string::npos);
  dev.replace(at, 7, "aks-hand");
  ws.write_file("gitops/roots/ml-platform/dev.yaml", dev);
  EXPECT_RUN_OK(ws.git("commit -qam 'hand edit'"));
  CommandResult drift = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(drift.exit_code, 2) << drift.output;
  EXPECT_NE(drift.output.find("\"aks-hand\" -> \"aks-dev\""), std::string::npos) << drift.output;
  EXPECT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color").exit_code, 0);

  // A file deleted by hand is drift too; a whole root deleted by hand is a resource to create.
  EXPECT_RUN_OK(ws.git("rm -q roots/ml-platform/staging.yaml"));
  EXPECT_RUN_OK(ws.git("commit -qm 'drop staging by hand'"));
  CommandResult missing_env = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(missing_env.exit_code, 2) << missing_env.output;
  EXPECT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));

  // Import: forget the resource, import it by name, and the plan is clean again.
  EXPECT_RUN_OK(ws.terraform("state rm appofapps_root.platform"));
  CommandResult imported = ws.terraform("import -no-color appofapps_root.platform ml-platform");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  CommandResult after_import = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(after_import.exit_code, 0) << after_import.output;
  CommandResult bad_import = ws.terraform("import -no-color appofapps_root.other no-such-root");
  EXPECT_NE(bad_import.exit_code, 0);

  // Destroy removes every file of the root in one commit; history keeps them.
  std::string before = ws.git("rev-list --count main").output;
  EXPECT_RUN_OK(ws.terraform("destroy -auto-approve -no-color"));
  EXPECT_EQ(std::stoi(ws.git("rev-list --count main").output), std::stoi(before) + 1);
  EXPECT_EQ(ws.git("ls-tree -r --name-only main").output, "");
  EXPECT_NE(ws.git("log -1 --format=%s").output.find("Delete appofapps_root ml-platform"), std::string::npos);
}

TEST(RootE2E, InvalidConfigurationNamesTheAttribute) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("root-invalid");
  ws.write_file("main.tf", std::string(kProviderBlock) + R"(
resource "appofapps_root" "bad" {
  name = "ML_Platform"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "Not A Namespace"
  }
}
)");
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_EQ(plan.exit_code, 1) << plan.output;
  EXPECT_NE(plan.output.find("Error: Invalid name"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("name = \"ML_Platform\""), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("Error: Duplicate environment"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("Error: Invalid namespace"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("\"Not A Namespace\""), std::string::npos) << plan.output;
  EXPECT_FALSE(std::ifstream(ws.dir() + "/gitops/.git/HEAD").good());
}

TEST(RootE2E, CreateRefusesToAdoptAnExistingRoot) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace first("root-adopt-a");
  first.write_file("main.tf", root_config());
  ASSERT_EQ(first.terraform("apply -auto-approve -no-color").exit_code, 0);
  TerraformWorkspace second("root-adopt-b");
  std::string config = root_config();
  config.replace(config.find("provider \"appofapps\" {}"), 23,
                 "provider \"appofapps\" {\n  repository { url = \"" + first.dir() + "/gitops\" }\n}");
  second.write_file("main.tf", config);
  CommandResult plan = second.terraform("plan -no-color");
  EXPECT_EQ(plan.exit_code, 1) << plan.output;
  EXPECT_NE(plan.output.find("Root already exists"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("terraform import"), std::string::npos) << plan.output;
}

TEST(RootE2E, ProviderSchemaMatchesGolden) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("schema");
  ws.write_file("main.tf", kProviderBlock);
  CommandResult schema = ws.terraform("providers schema -json");
  ASSERT_EQ(schema.exit_code, 0) << schema.output;
  // dev_overrides prints a warning before the JSON on stderr; the JSON is the last line.
  std::string json = schema.output.substr(schema.output.rfind("{\"format_version\""));
  while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.pop_back();
  const std::string golden_path = std::string(AOA_SOURCE_DIR) + "/tests/e2e/golden/providers-schema.json";
  if (const char* update = std::getenv("AOA_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden_path) << json << "\n";
  }
  std::ifstream in(golden_path);
  ASSERT_TRUE(in.good()) << "missing " << golden_path << " (run with AOA_UPDATE_GOLDEN=1 to create it)";
  std::stringstream golden;
  golden << in.rdbuf();
  std::string expected = golden.str();
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  EXPECT_EQ(json, expected) << "the provider schema changed; if intended, rerun with AOA_UPDATE_GOLDEN=1 and "
                               "update docs/";
}

TEST(RootE2E, ParallelAppliesLoseNoUpdate) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("root-parallel");
  ws.write_file("main.tf", std::string(kProviderBlock) + R"(
resource "appofapps_root" "many" {
  count = 24
  name  = "root-${count.index}"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
  environment {
    name      = "prod"
    cluster   = "aks-prod"
    namespace = "ml-prod"
  }
}
)");
  CommandResult apply = ws.terraform("apply -auto-approve -no-color -parallelism=10");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  // Every root landed, and the repository is sound. Concurrent applies share commits (group
  // commit): at most one commit per root, and every root's change is named in the log.
  EXPECT_EQ(ws.git("ls-tree -r --name-only main roots | wc -l").output, "48\n");
  const int commits = std::stoi(ws.git("rev-list --count main").output);
  EXPECT_GE(commits, 1);
  EXPECT_LE(commits, 24);
  const std::string log = ws.git("log --format=%B main").output;
  for (int i = 0; i < 24; ++i)
    EXPECT_NE(log.find("Appofapps-Resource: appofapps_root/root-" + std::to_string(i) + "\n"), std::string::npos)
        << "root-" << i << " in " << log;
  EXPECT_EQ(ws.git("fsck --strict --no-dangling").exit_code, 0);
  EXPECT_EQ(ws.git("status --porcelain").output, "");
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color").exit_code, 0);
  CommandResult destroy = ws.terraform("destroy -auto-approve -no-color -parallelism=10");
  ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
  EXPECT_EQ(ws.git("ls-tree -r --name-only main").output, "");
}

TEST(RootE2E, BinaryStartedByAPersonExplainsItself) {
  CommandResult r = run(std::string(AOA_PROVIDER_DIR) + "/terraform-provider-appofapps", "/");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("This binary is a plugin"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace aoa::e2e
