// appofapps_app through the everyday Terraform moves, end to end with the real terraform CLI:
// -replace, taint, a for_each key change, a rename that keeps the namespace (and what
// create_before_destroy cannot do), import and generated configuration with empty collections,
// defaults that come back, a dependency that is nowhere, and a saved plan whose graph changed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

// Apps a and b (b depends on a) from a map, so that keys and names can change independently.
std::string apps_config(const std::string& apps, const std::string& lifecycle = "") {
  return provider_with_dev_root() + R"(
variable "apps" {
  default = {)" + apps + R"(}
}
resource "appofapps_app" "this" {
  for_each        = var.apps
  root            = appofapps_root.ml.name
  environment     = "dev"
  name            = each.value.name
  owner           = "ml"
  namespace       = each.value.ns
  depends_on_apps = each.value.deps
  model {
    name    = each.key
    version = "1"
  }
)" + lifecycle + "}\n";
}

// One app "a" without dependencies; the closing brace is the caller's.
const char* kSingleApp = R"(
resource "appofapps_app" "a" {
  root        = appofapps_root.ml.name
  environment = "dev"
  name        = "a"
  owner       = "ml"
  namespace   = "a"
  model {
    name    = "a"
    version = "1"
  }
)";

const char* kAB = R"(
    a = { name = "a", ns = "a", deps = [] }
    b = { name = "b", ns = "b", deps = ["a"] }
)";

void expect_applies_and_converges(const TerraformWorkspace& ws, const std::string& args = "") {
  CommandResult apply = ws.terraform("apply -auto-approve -no-color " + args);
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  CommandResult plan = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(plan.exit_code, 0) << plan.output;
  CommandResult refresh = ws.terraform("plan -refresh-only -detailed-exitcode -no-color");
  EXPECT_EQ(refresh.exit_code, 0) << refresh.output;
}

std::string app_files(const TerraformWorkspace& ws) { return ws.git("ls-tree -r --name-only main apps").output; }

TEST(AppLifecycleE2E, ReplaceAndTaintReplaceAnAppThatOthersDependOn) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-replace");
  ws.write_file("main.tf", apps_config(kAB));
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws, "-replace='appofapps_app.this[\"a\"]'"));
  ASSERT_EQ(ws.terraform("taint 'appofapps_app.this[\"a\"]'").exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  EXPECT_EQ(app_files(ws), "apps/ml/dev/a.yaml\napps/ml/dev/b.yaml\n");
}

// Applies a and b, then `apps` in their place in one run; the repository then holds `files`.
void change_apps(const std::string& name, const std::string& apps, const std::string& files) {
  TerraformWorkspace ws(name);
  ws.write_file("main.tf", apps_config(kAB));
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  ws.write_file("main.tf", apps_config(apps));
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  EXPECT_EQ(app_files(ws), files);
}

TEST(AppLifecycleE2E, EveryResourceTypeCanBeReplacedAndTainted) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("replace-every-type");
  ws.write_file("main.tf", provider_with_dev_root() + kSingleApp + R"(}
resource "appofapps_model_version" "m" {
  model        = "a"
  version      = "1"
  artifact_uri = "azureml://registries/ml/models/a/versions/1"
  metrics      = { auc = 0.9 }
}
resource "appofapps_schedule" "s" {
  root        = appofapps_root.ml.name
  environment = "dev"
  app         = appofapps_app.a.name
  name        = "nightly"
  cron        = "0 2 * * *"
  time_zone   = "Europe/Berlin"
  job         = "azureml:retrain"
}
)");
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  // The root has an app and the app a schedule: the delete half of a replacement keeps them.
  for (const char* address : {"appofapps_root.ml", "appofapps_model_version.m", "appofapps_schedule.s", "appofapps_app.a"}) {
    SCOPED_TRACE(address);
    ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws, std::string("-replace=") + address));
    ASSERT_EQ(ws.terraform(std::string("taint ") + address).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  }
}

TEST(AppLifecycleE2E, ForEachKeyChangeKeepsTheAppAndItsDependents) {
  AOA_REQUIRE_TERRAFORM();
  // The same apps under new keys, no moved block: destroy and create of the same names.
  for (int trial = 0; trial < 3; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    change_apps("app-key-change-" + std::to_string(trial), R"(
    first  = { name = "a", ns = "a", deps = [] }
    second = { name = "b", ns = "b", deps = ["a"] }
)", "apps/ml/dev/a.yaml\napps/ml/dev/b.yaml\n");
  }
}

TEST(AppLifecycleE2E, RenameKeepsTheNamespace) {
  AOA_REQUIRE_TERRAFORM();
  change_apps("app-rename", R"(
    a = { name = "a", ns = "a", deps = [] }
    b = { name = "c", ns = "b", deps = ["a"] }
)", "apps/ml/dev/a.yaml\napps/ml/dev/c.yaml\n");
}

TEST(AppLifecycleE2E, CreateBeforeDestroyOfTheSameAppSaysWhyItCannotWork) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-cbd");
  const std::string cbd = "  lifecycle {\n    create_before_destroy = true\n  }\n";
  ws.write_file("main.tf", apps_config(kAB, cbd));
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  const std::string before = ws.git("rev-parse main").output;
  CommandResult apply = ws.terraform("apply -auto-approve -no-color -replace='appofapps_app.this[\"b\"]'");
  EXPECT_NE(apply.exit_code, 0);
  EXPECT_NE(apply.output.find("App already exists"), std::string::npos) << apply.output;
  EXPECT_NE(apply.output.find("create_before_destroy"), std::string::npos) << apply.output;
  EXPECT_EQ(ws.git("rev-parse main").output, before) << "nothing is written";
}

TEST(AppLifecycleE2E, ImportAndGeneratedConfigurationPlanNoChange) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-import");
  const std::string app = kSingleApp;
  const std::string empties = "  depends_on_apps       = []\n  labels                = {}\n"
                              "  environment_variables = {}\n  endpoint {}\n";
  ws.write_file("main.tf", provider_with_dev_root() + app + "}\n");
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);
  for (const std::string& body : std::vector<std::string>{"}\n", empties + "}\n"}) {
    ws.write_file("main.tf", provider_with_dev_root() + app + body);
    ASSERT_EQ(ws.terraform("state rm appofapps_app.a").exit_code, 0);
    CommandResult imp = ws.terraform("import -no-color appofapps_app.a ml/dev/a");
    ASSERT_EQ(imp.exit_code, 0) << imp.output;
    CommandResult plan = ws.terraform("plan -detailed-exitcode -no-color");
    EXPECT_EQ(plan.exit_code, 0) << body << plan.output;
  }
  // Generated configuration plans clean without edits.
  ASSERT_EQ(ws.terraform("state rm appofapps_app.a").exit_code, 0);
  ws.write_file("main.tf", provider_with_dev_root() + "import {\n  to = appofapps_app.a\n  id = \"ml/dev/a\"\n}\n");
  CommandResult gen = ws.terraform("plan -no-color -generate-config-out=generated.tf");
  ASSERT_EQ(gen.exit_code, 0) << gen.output;
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);
  CommandResult plan = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(plan.exit_code, 0) << plan.output;
}

TEST(AppLifecycleE2E, RemovingAnEndpointArgumentReturnsItToItsDefault) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-defaults");
  const std::string app = std::string(kSingleApp) + "  endpoint {\n";
  ws.write_file("main.tf", provider_with_dev_root() + app + "    slot = \"green\"\n  }\n}\n");
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  EXPECT_EQ(ws.git("ls-tree --name-only main workloads/ml/dev/a/").output,
            "workloads/ml/dev/a/deployment-green.yaml\nworkloads/ml/dev/a/endpoint.yaml\n");
  ws.write_file("main.tf", provider_with_dev_root() + app + "  }\n}\n");
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_NE(plan.output.find("\"green\" -> \"blue\""), std::string::npos) << plan.output;
  ASSERT_NO_FATAL_FAILURE(expect_applies_and_converges(ws));
  EXPECT_EQ(ws.git("ls-tree --name-only main workloads/ml/dev/a/").output,
            "workloads/ml/dev/a/deployment-blue.yaml\nworkloads/ml/dev/a/endpoint.yaml\n");
}

TEST(AppLifecycleE2E, DependencyThatIsNowhereIsAPlanError) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-missing-dependency");
  ws.write_file("main.tf", apps_config(R"(
    a = { name = "a", ns = "a", deps = [] }
    b = { name = "b", ns = "b", deps = ["a", "nope"] }
)"));
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_NE(plan.exit_code, 0);
  EXPECT_NE(plan.output.find("Dependency not found"), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("depends on \"nope\""), std::string::npos) << plan.output;
  EXPECT_NE(plan.output.find("depends_on_apps"), std::string::npos) << plan.output;
}

// A commit on main by someone else, between a saved plan and its apply.
void commit_by_another_run(const TerraformWorkspace& ws, const std::string& shell) {
  CommandResult r = run("cd gitops && git checkout -q main && " + shell + " && git commit -qam 'another apply'", ws.dir(),
                        {"GIT_AUTHOR_NAME=x", "GIT_AUTHOR_EMAIL=x@x", "GIT_COMMITTER_NAME=x", "GIT_COMMITTER_EMAIL=x@x"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
}

TEST(AppLifecycleE2E, SavedPlanAppliesOverAGraphThatMovedAndFailsClearlyOverOneThatBroke) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("app-saved-plan");
  ws.write_file("main.tf", apps_config(kAB));
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);
  const std::string with_c = apps_config(std::string(kAB) + "    c = { name = \"c\", ns = \"c\", deps = [\"b\"] }\n");
  ws.write_file("main.tf", with_c);
  // c's wave is known after apply: the plan cannot promise what another run may move meanwhile.
  CommandResult plan = ws.terraform("plan -no-color -out=saved.tfplan");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  const size_t wave_line = plan.output.find("+ sync_wave");
  ASSERT_NE(wave_line, std::string::npos) << plan.output;
  EXPECT_NE(plan.output.substr(wave_line, plan.output.find('\n', wave_line) - wave_line).find("(known after apply)"),
            std::string::npos) << plan.output;
  // Another run takes b's dependency away: b is wave 0 now, so c is wave 1.
  ASSERT_NO_FATAL_FAILURE(commit_by_another_run(
      ws, "sed -i 's/sync-wave: \"1\"/sync-wave: \"0\"/; /appofapps.io\\/depends-on/d' apps/ml/dev/b.yaml"));
  CommandResult apply = ws.terraform("apply -no-color saved.tfplan");
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  CommandResult c = ws.git("show main:apps/ml/dev/c.yaml");
  EXPECT_NE(c.output.find("sync-wave: \"1\""), std::string::npos) << c.output;

  // A saved plan whose dependency another run deleted fails with the provider's own error.
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);  // b back as configured
  ws.write_file("main.tf", with_c + R"(
resource "appofapps_app" "d" {
  root            = appofapps_root.ml.name
  environment     = "dev"
  name            = "d"
  owner           = "ml"
  namespace       = "d"
  depends_on_apps = ["c"]
  model {
    name    = "d"
    version = "1"
  }
}
)");
  ASSERT_EQ(ws.terraform("plan -no-color -out=saved2.tfplan").exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(commit_by_another_run(ws, "git rm -q apps/ml/dev/c.yaml"));
  apply = ws.terraform("apply -no-color saved2.tfplan");
  EXPECT_NE(apply.exit_code, 0);
  EXPECT_NE(apply.output.find("Dependency not found"), std::string::npos) << apply.output;
  EXPECT_EQ(apply.output.find("inconsistent final plan"), std::string::npos) << apply.output;
}

}  // namespace
}  // namespace aoa::e2e
