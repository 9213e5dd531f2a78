// The everyday module shape, end to end with the real terraform CLI: apps from a tfvars map through
// one `for_each` (or `count`, or two module instances), dependencies by plain name, first apply
// from empty, second plan and refresh-only plan clean, one commit per re-wave, destroy in one run.
// Terraform picks the order of unordered instances anew on every run, so the ordering-sensitive
// tests repeat.
#include <gtest/gtest.h>

#include <cstdio>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

// The waves that examples/app-catalog/dev.tfvars implies.
const std::map<std::string, int> kCatalogWaves{
    {"features", 0}, {"embeddings", 0}, {"geo", 0},       {"identity", 0},  {"fraud", 1},     {"churn", 1},
    {"recommender", 1}, {"pricing", 1}, {"checkout", 2}, {"retention", 2}, {"reporting", 2}, {"alerts", 2}};

void copy_example(const TerraformWorkspace& ws, const std::string& example) {
  CommandResult cp = run("cp -r '" + std::string(AOA_SOURCE_DIR) + "/examples/" + example + "/.' .", ws.dir());
  ASSERT_EQ(cp.exit_code, 0) << cp.output;
  CommandResult get = ws.terraform("get -no-color");  // local modules only: nothing is downloaded
  ASSERT_EQ(get.exit_code, 0) << get.output;
}

int wave_in_repository(const TerraformWorkspace& ws, const std::string& root, const std::string& env,
                       const std::string& app) {
  CommandResult show = ws.git("show main:apps/" + root + "/" + env + "/" + app + ".yaml");
  if (show.exit_code != 0) return -1;
  YAML::Node doc = YAML::Load(show.output);
  return std::stoi(doc["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"].as<std::string>());
}

void expect_waves(const TerraformWorkspace& ws, const std::string& root, const std::string& env,
                  const std::map<std::string, int>& waves) {
  for (const auto& [app, wave] : waves) EXPECT_EQ(wave_in_repository(ws, root, env, app), wave) << app;
}

// Both plans a drift check in CI runs exit 0: no change, and nothing changed outside Terraform.
void expect_converged(const TerraformWorkspace& ws, const std::string& vars) {
  CommandResult plan = ws.terraform("plan -detailed-exitcode -no-color " + vars);
  EXPECT_EQ(plan.exit_code, 0) << plan.output;
  CommandResult refresh = ws.terraform("plan -refresh-only -detailed-exitcode -no-color " + vars);
  EXPECT_EQ(refresh.exit_code, 0) << refresh.output;
}

int commit_count(const TerraformWorkspace& ws) {
  CommandResult r = ws.git("rev-list --count main");
  return r.exit_code == 0 ? std::stoi(r.output) : -1;
}

TEST(ModuleE2E, ForEachWithPlainNamesAppliesFirstTimeEveryTime) {
  AOA_REQUIRE_TERRAFORM();
  const int trials = 5;
  for (int trial = 0; trial < trials; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    TerraformWorkspace ws("module-foreach-" + std::to_string(trial));
    copy_example(ws, "app-catalog");
    CommandResult apply = ws.terraform("apply -auto-approve -no-color -var-file=dev.tfvars");
    ASSERT_EQ(apply.exit_code, 0) << apply.output;
    expect_waves(ws, "catalog", "dev", kCatalogWaves);
    CommandResult out = ws.terraform("output -json waves");
    ASSERT_EQ(out.exit_code, 0) << out.output;
    for (const auto& [app, wave] : kCatalogWaves)
      EXPECT_NE(out.output.find("\"" + app + "\":" + std::to_string(wave)), std::string::npos) << app << out.output;
    expect_converged(ws, "-var-file=dev.tfvars");
    CommandResult destroy = ws.terraform("destroy -auto-approve -no-color -var-file=dev.tfvars");
    ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
    EXPECT_EQ(destroy.output.find("Root has apps"), std::string::npos) << destroy.output;
    EXPECT_NE(destroy.output.find("14 destroyed"), std::string::npos) << destroy.output;
    EXPECT_EQ(ws.git("ls-tree -r --name-only main apps").output, "");
  }
}

// Thirty apps in one dependency chain from a tfvars map, by plain name: Terraform's ten slots fill
// with apps that wait for ancestors it has not sent yet. The first apply still succeeds, every
// wave in the repository, the release and the apps' states is right (an app applied before its
// ancestors takes their dependencies from the release's plan), the next plan and refresh are
// empty, and the destroy of everything works in one run.
TEST(ModuleE2E, ThirtyChainedAppsFromATfvarsMapApplyTheFirstTime) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("module-chain-30");
  copy_example(ws, "app-catalog");
  std::string vars = "manage_root = true\nenvironment = \"dev\"\napps = {\n";
  std::map<std::string, int> waves;
  for (int i = 0; i < 30; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "c%02d", i);
    vars += std::string("  ") + name + " = { owner = \"team\", model = \"m-" + name + "\", version = \"1\"";
    if (i > 0) {
      char dep[8];
      std::snprintf(dep, sizeof dep, "c%02d", i - 1);
      vars += std::string(", deps = [\"") + dep + "\"]";
    }
    vars += " }\n";
    waves[name] = i;
  }
  ws.write_file("chain.tfvars", vars + "}\n");
  CommandResult apply = ws.terraform("apply -auto-approve -no-color -var-file=chain.tfvars");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  expect_waves(ws, "catalog", "dev", waves);
  // The release is created with its apps: they held their changes, and it published them as one commit.
  EXPECT_EQ(ws.git("rev-list --count main -- apps/catalog/dev").output, "1\n");
  EXPECT_EQ(ws.git("log -1 --format=%s main").output, "Release catalog/dev: 30 change(s)\n");
  EXPECT_EQ(ws.git("ls-tree -r --name-only appofapps/journal/main").output, "") << "nothing left held";
  CommandResult out = ws.terraform("output -json release_waves");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  for (const auto& [app, wave] : waves)
    EXPECT_NE(out.output.find("\"" + app + "\":" + std::to_string(wave)), std::string::npos) << app << out.output;
  expect_converged(ws, "-var-file=chain.tfvars");
  CommandResult destroy = ws.terraform("destroy -auto-approve -no-color -var-file=chain.tfvars");
  ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
  EXPECT_EQ(ws.git("ls-tree -r --name-only main apps").output, "");
}

// The example's `terraform test` file: a plan run and an apply run against its own repository,
// then terraform's clean-up destroys what the runs created.
TEST(ModuleE2E, TerraformTestOfTheCatalogPassesAndCleansUp) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("module-terraform-test");
  copy_example(ws, "app-catalog");
  CommandResult test = ws.terraform("test -no-color");
  ASSERT_EQ(test.exit_code, 0) << test.output;
  EXPECT_NE(test.output.find("3 passed, 0 failed"), std::string::npos) << test.output;
  const std::string log = run("git -C test-gitops log --format=%B main", ws.dir()).output;
  EXPECT_NE(log.find("Create appofapps_app checkout (catalog/dev)"), std::string::npos) << log;
  EXPECT_NE(log.find("Delete appofapps_root catalog"), std::string::npos) << log;
  EXPECT_EQ(run("git -C test-gitops ls-tree -r --name-only main", ws.dir()).output, "");
  EXPECT_FALSE(std::filesystem::exists(ws.dir() + "/gitops")) << "the test wrote to the configuration's repository";
}

TEST(ModuleE2E, ChangingOneDependencyRewavesTheAffectedAppsInOneCommit) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("module-rewave");
  copy_example(ws, "app-catalog");
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color -var-file=dev.tfvars").exit_code, 0);
  // pricing now also waits for fraud: pricing 1 -> 2, and checkout (after pricing) 2 -> 3.
  std::string vars = ws.read_file("dev.tfvars");
  const std::string from = "deps = [\"geo\"]";
  ASSERT_NE(vars.find(from), std::string::npos);
  vars.replace(vars.find(from), from.size(), "deps = [\"geo\", \"fraud\"]");
  ws.write_file("dev.tfvars", vars);
  CommandResult plan = ws.terraform("plan -no-color -var-file=dev.tfvars");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  EXPECT_NE(plan.output.find("3 to change"), std::string::npos) << "two apps and the release: " << plan.output;
  const int before = commit_count(ws);
  CommandResult apply = ws.terraform("apply -auto-approve -no-color -var-file=dev.tfvars");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  EXPECT_EQ(commit_count(ws), before + 1);
  CommandResult files = ws.git("show --name-only --format= main");
  EXPECT_EQ(files.output,
            "apps/catalog/dev/checkout.yaml\napps/catalog/dev/pricing.yaml\nreleases/catalog/dev.yaml\n")
      << "the release's commit: both apps and its record";
  auto waves = kCatalogWaves;
  waves["pricing"] = 2;
  waves["checkout"] = 3;
  expect_waves(ws, "catalog", "dev", waves);
  expect_converged(ws, "-var-file=dev.tfvars");
}

// The same apps through `count` over a list, and split over two instances of one module.

const char* kAppList = R"(
locals {
  apps = [
    { name = "a", deps = [] },
    { name = "b", deps = [] },
    { name = "c", deps = ["a"] },
    { name = "d", deps = ["a", "b"] },
    { name = "e", deps = ["c", "d"] },
    { name = "f", deps = ["e"] },
  ]
}
)";
const std::map<std::string, int> kListWaves{{"a", 0}, {"b", 0}, {"c", 1}, {"d", 1}, {"e", 2}, {"f", 3}};

TEST(ModuleE2E, CountWithPlainNames) {
  AOA_REQUIRE_TERRAFORM();
  for (int trial = 0; trial < 3; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    TerraformWorkspace ws("module-count-" + std::to_string(trial));
    ws.write_file("main.tf", provider_with_dev_root() + kAppList + R"(
resource "appofapps_app" "this" {
  count           = length(local.apps)
  root            = appofapps_root.ml.name
  environment     = "dev"
  name            = local.apps[count.index].name
  owner           = "ml"
  namespace       = local.apps[count.index].name
  depends_on_apps = local.apps[count.index].deps
  model {
    name    = local.apps[count.index].name
    version = "1"
  }
}
)");
    CommandResult apply = ws.terraform("apply -auto-approve -no-color");
    ASSERT_EQ(apply.exit_code, 0) << apply.output;
    expect_waves(ws, "ml", "dev", kListWaves);
    expect_converged(ws, "");
    CommandResult destroy = ws.terraform("destroy -auto-approve -no-color");
    ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
    EXPECT_EQ(destroy.output.find("Root has apps"), std::string::npos) << destroy.output;
  }
}

TEST(ModuleE2E, AppsSplitOverTwoModuleInstances) {
  AOA_REQUIRE_TERRAFORM();
  for (int trial = 0; trial < 3; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    TerraformWorkspace ws("module-two-instances-" + std::to_string(trial));
    ws.write_file("modules/apps/main.tf", R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
variable "root" { type = string }
variable "apps" { type = list(object({ name = string, deps = list(string) })) }
resource "appofapps_app" "this" {
  for_each        = { for a in var.apps : a.name => a }
  root            = var.root
  environment     = "dev"
  name            = each.key
  owner           = "ml"
  namespace       = each.key
  depends_on_apps = each.value.deps
  model {
    name    = each.key
    version = "1"
  }
}
)");
    ws.write_file("main.tf", provider_with_dev_root() + kAppList + R"(
module "first" {
  source = "./modules/apps"
  root   = appofapps_root.ml.name
  apps   = [for a in local.apps : a if contains(["a", "c", "e"], a.name)]
}
module "second" {
  source = "./modules/apps"
  root   = appofapps_root.ml.name
  apps   = [for a in local.apps : a if !contains(["a", "c", "e"], a.name)]
}
)");
    ASSERT_EQ(ws.terraform("get -no-color").exit_code, 0);
    CommandResult apply = ws.terraform("apply -auto-approve -no-color");
    ASSERT_EQ(apply.exit_code, 0) << apply.output;
    expect_waves(ws, "ml", "dev", kListWaves);
    expect_converged(ws, "");
    CommandResult destroy = ws.terraform("destroy -auto-approve -no-color");
    ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
  }
}

}  // namespace
}  // namespace aoa::e2e
