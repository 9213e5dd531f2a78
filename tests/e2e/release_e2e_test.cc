// appofapps_release with the everyday module shape (examples/app-catalog: apps from a tfvars map,
// plain-name dependencies, the release in the module): the whole wave table at plan time, a
// changed release shown as wave and version changes, a `git revert` seen as drift, and a
// dependency that names no app failing the plan.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

void copy_catalog(const TerraformWorkspace& ws) {
  CommandResult cp = run("cp -r '" + std::string(AOA_SOURCE_DIR) + "/examples/app-catalog/.' .", ws.dir());
  ASSERT_EQ(cp.exit_code, 0) << cp.output;
  ASSERT_EQ(ws.terraform("get -no-color").exit_code, 0);
}

void replace_in(const TerraformWorkspace& ws, const std::string& file, const std::string& from, const std::string& to) {
  std::string text = ws.read_file(file);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  ws.write_file(file, text);
}

std::map<std::string, int> release_waves_output(const TerraformWorkspace& ws) {
  CommandResult out = ws.terraform("output -json release_waves");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  std::map<std::string, int> waves;
  const nlohmann::json parsed = nlohmann::json::parse(out.output, nullptr, false);
  if (!parsed.is_object()) return waves;
  for (const auto& [app, wave] : parsed.items())
    waves[app] = wave.is_number() ? wave.get<int>() : -1;
  return waves;
}

const std::map<std::string, int> kCatalogWaves{
    {"features", 0}, {"embeddings", 0}, {"geo", 0},       {"identity", 0},  {"fraud", 1},     {"churn", 1},
    {"recommender", 1}, {"pricing", 1}, {"checkout", 2}, {"retention", 2}, {"reporting", 2}, {"alerts", 2}};

TEST(ReleaseE2E, PlanShowsTheWholeReleaseAndARevertIsDrift) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("release-catalog");
  copy_catalog(ws);
  const std::string vars = "-var-file=dev.tfvars";

  // From empty: the release's plan already knows all twelve waves.
  CommandResult plan = ws.terraform("plan -no-color -out=tfplan " + vars);
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  CommandResult shown = ws.terraform("show -json tfplan");
  ASSERT_EQ(shown.exit_code, 0);
  nlohmann::json planned = nlohmann::json::parse(shown.output, nullptr, false);
  ASSERT_FALSE(planned.is_discarded()) << shown.output.substr(0, 2000);
  std::map<std::string, int> planned_waves;
  for (const auto& rc : planned["resource_changes"])
    if (rc["type"] == "appofapps_release")
      for (const auto& [app, wave] : rc["change"]["after"]["waves"].items())
        planned_waves[app] = wave.is_number() ? wave.get<int>() : -1;
  EXPECT_EQ(planned_waves, kCatalogWaves) << shown.output.substr(0, 3000);

  CommandResult apply = ws.terraform("apply -no-color tfplan");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  EXPECT_EQ(release_waves_output(ws), kCatalogWaves);
  // Created with its apps, the release still publishes them as one commit (the root commits on its own).
  EXPECT_EQ(ws.git("rev-list --count main -- apps/catalog/dev workloads/catalog/dev").output, "1\n");
  const std::string first = ws.git("log -1 --format=%B main").output;
  EXPECT_EQ(first.rfind("Release catalog/dev: 12 change(s)\n", 0), 0u) << first;
  EXPECT_NE(first.find("- Create appofapps_app checkout (catalog/dev)"), std::string::npos) << first;
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color " + vars).exit_code, 0);
  EXPECT_EQ(ws.terraform("plan -refresh-only -detailed-exitcode -no-color " + vars).exit_code, 0);

  // Three new versions and one new dependency: the release's plan names what changes.
  replace_in(ws, "dev.tfvars", "version = \"31\"", "version = \"32\"");
  replace_in(ws, "dev.tfvars", "version = \"15\"", "version = \"16\"");
  replace_in(ws, "dev.tfvars", "version = \"6\"", "version = \"7\"");
  replace_in(ws, "dev.tfvars", "deps = [\"geo\"]", "deps = [\"geo\", \"fraud\"]");
  CommandResult change = ws.terraform("plan -no-color " + vars);
  ASSERT_EQ(change.exit_code, 0) << change.output;
  EXPECT_NE(change.output.find("\"pricing\"     = 1 -> 2"), std::string::npos) << change.output;
  EXPECT_NE(change.output.find("\"checkout\"    = 2 -> 3"), std::string::npos) << change.output;
  EXPECT_NE(change.output.find("\"fraud\"       = \"fraud-scorer:31\" -> \"fraud-scorer:32\""), std::string::npos)
      << change.output;
  const std::string before = ws.git("rev-parse main").output;
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color " + vars).exit_code, 0);
  // The release published every change as one commit that lists them.
  EXPECT_EQ(ws.git("rev-list --count " + before.substr(0, 40) + "..main").output, "1\n");
  const std::string message = ws.git("log -1 --format=%B main").output;
  EXPECT_EQ(message.rfind("Release catalog/dev: ", 0), 0u) << message;
  for (const char* app : {"fraud", "pricing", "alerts"})
    EXPECT_NE(message.find(std::string("- Update appofapps_app ") + app + " (catalog/dev)"), std::string::npos)
        << app << "\n" << message;
  EXPECT_NE(message.find("- Record release catalog/dev"), std::string::npos) << message;
  EXPECT_EQ(ws.git("ls-tree -r --name-only appofapps/journal/main").output, "") << "nothing left held";
  EXPECT_EQ(release_waves_output(ws).at("checkout"), 3);

  // Rolling the last commit back by hand is drift that a refresh shows on the release.
  ASSERT_EQ(ws.git("-c user.name=u -c user.email=u@x revert --no-edit HEAD").exit_code, 0);
  CommandResult drift = ws.terraform("plan -refresh-only -no-color " + vars);
  ASSERT_EQ(drift.exit_code, 0) << drift.output;
  EXPECT_NE(drift.output.find("appofapps_release.this"), std::string::npos) << drift.output;

  CommandResult destroy = ws.terraform("destroy -auto-approve -no-color " + vars);
  ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
  EXPECT_EQ(ws.git("ls-tree -r --name-only main apps").output, "");
}

// A run that leaves the release out (-target) holds the app's change off the branch; the next plan
// says the release will publish it, and its apply does, as one commit.
TEST(ReleaseE2E, ChangesHeldByARunWithoutTheReleaseArePublishedByTheNext) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("release-held");
  copy_catalog(ws);
  const std::string vars = "-var-file=dev.tfvars";
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color " + vars).exit_code, 0);
  ASSERT_NE(ws.git("show main:releases/catalog/dev.yaml").output.find("fraud"), std::string::npos);
  const std::string before = ws.git("rev-parse main").output;

  replace_in(ws, "dev.tfvars", "version = \"31\"", "version = \"32\"");
  CommandResult targeted =
      ws.terraform("apply -auto-approve -no-color -target='module.apps.appofapps_app.this[\"fraud\"]' " + vars);
  ASSERT_EQ(targeted.exit_code, 0) << targeted.output;
  EXPECT_EQ(ws.git("rev-parse main").output, before) << "held, not on the branch";
  EXPECT_EQ(ws.git("ls-tree -r --name-only appofapps/journal/main").output, "catalog/dev/00000001.json\n");

  CommandResult plan = ws.terraform("plan -no-color " + vars);
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  EXPECT_NE(plan.output.find("Held changes will be published"), std::string::npos) << plan.output;
  // Held changes are visible to reads: fraud is already at 32 for the plan; only the release changes.
  EXPECT_NE(plan.output.find("1 to change"), std::string::npos) << plan.output;

  CommandResult apply = ws.terraform("apply -auto-approve -no-color " + vars);
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  EXPECT_EQ(ws.git("rev-list --count " + before.substr(0, 40) + "..main").output, "1\n");
  const std::string message = ws.git("log -1 --format=%B main").output;
  EXPECT_EQ(message.rfind("Release catalog/dev: 1 change(s)\n", 0), 0u) << message;
  EXPECT_NE(message.find("- Update appofapps_app fraud (catalog/dev)"), std::string::npos) << message;
  EXPECT_NE(ws.git("show main:apps/catalog/dev/fraud.yaml").output.find("fraud-scorer:32"), std::string::npos);
  EXPECT_EQ(ws.git("ls-tree -r --name-only appofapps/journal/main").output, "");
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color " + vars).exit_code, 0);
}

TEST(ReleaseE2E, AnAppOfAnotherEnvironmentIsNamedAtItsIndex) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("release-invalid");
  ws.write_file("main.tf", R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
resource "appofapps_release" "dev" {
  root        = "ml"
  environment = "dev"
  apps        = ["ml/dev/a", "ml/prod/b"]
}
)");
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_NE(plan.exit_code, 0);
  EXPECT_NE(plan.output.find("App of another environment"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("\"ml/prod/b\" is not the id of an app of ml/dev"), std::string::npos) << plan.output;
}

}  // namespace
}  // namespace aoa::e2e
