// appofapps_app end to end: sync waves in the plan, the files of the contract, cycles,
// namespace ownership, destroy order, import — with the real terraform CLI.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "tests/e2e/terraform_harness.h"
#include "tests/support/crd_validator.h"

namespace aoa::e2e {
namespace {

std::string app_block(const std::string& name, const std::string& ns, const std::string& deps,
                      const std::string& extra = "") {
  return R"(
resource "appofapps_app" ")" + name + R"(" {
  root            = appofapps_root.ml.name
  environment     = "dev"
  name            = ")" + name + R"("
  owner           = "ml-team"
  namespace       = ")" + ns + R"("
  depends_on_apps = [)" + deps + R"(]
  model {
    name    = ")" + name + R"("
    version = "1"
  }
)" + extra + "}\n";
}

std::string base_config() { return provider_with_dev_root(); }

std::string three_apps() {
  return base_config() + app_block("features", "features", "") +
         app_block("fraud", "fraud", "appofapps_app.features.name",
                   "  endpoint {\n    instance_count = 2\n    liveness_probe {\n      initial_delay = 20\n    }\n  }\n"
                   "  environment_variables = { LOG_LEVEL = \"info\" }\n") +
         app_block("report", "report", "appofapps_app.fraud.name",
                   "  endpoint {\n    kind            = \"batch\"\n    compute         = \"azureml:cpu-cluster\"\n    mini_batch_size = 20\n  }\n");
}

TEST(AppE2E, WavesPlannedAppliedAndKeptStable) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("apps-waves");
  ws.write_file("main.tf", three_apps());
  CommandResult plan = ws.terraform("plan -no-color");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  // The plan knows the wave of an app without dependencies; the others are known after apply, since
  // another run may move their dependencies between this plan and the apply (alignment varies).
  std::set<std::string> planned_waves;
  for (size_t at = plan.output.find("+ sync_wave"); at != std::string::npos; at = plan.output.find("+ sync_wave", at + 1)) {
    size_t eq = plan.output.find("= ", at);
    planned_waves.insert(plan.output.substr(eq + 2, plan.output.find('\n', eq) - eq - 2));
  }
  EXPECT_EQ(planned_waves, (std::set<std::string>{"0", "(known after apply)"})) << plan.output;

  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);
  const std::string crd = std::string(AOA_SHARED_DIR) + "/schemas/argocd-application-crd.yaml";
  const std::map<std::string, std::string> waves{{"features", "0"}, {"fraud", "1"}, {"report", "2"}};
  for (const auto& [app, wave] : waves) {
    CommandResult show = ws.git("show main:apps/ml/dev/" + app + ".yaml");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    YAML::Node doc = YAML::Load(show.output);
    EXPECT_EQ(doc["metadata"]["name"].as<std::string>(), app + "-dev");
    EXPECT_EQ(doc["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"].as<std::string>(), wave);
    EXPECT_EQ(doc["metadata"]["labels"]["appofapps.io/app"].as<std::string>(), app);
    EXPECT_EQ(doc["metadata"]["labels"]["appofapps.io/owner"].as<std::string>(), "ml-team");
    EXPECT_EQ(doc["spec"]["source"]["path"].as<std::string>(), "workloads/ml/dev/" + app);
    auto errors = aoa::testing::validate_against_crd(doc, crd);
    EXPECT_TRUE(errors.empty()) << app << ": " << (errors.empty() ? "" : errors.front());
  }
  YAML::Node fraud = YAML::Load(ws.git("show main:workloads/ml/dev/fraud/deployment-blue.yaml").output);
  EXPECT_EQ(fraud["model"].as<std::string>(), "azureml:fraud:1");
  EXPECT_EQ(fraud["instance_count"].as<int>(), 2);
  EXPECT_EQ(fraud["environment_variables"]["LOG_LEVEL"].as<std::string>(), "info");
  EXPECT_EQ(fraud["liveness_probe"]["initial_delay"].as<int>(), 20);
  EXPECT_EQ(fraud["liveness_probe"]["period"].as<int>(), 10) << "unset probe fields take Azure's defaults";
  YAML::Node report_deployment = YAML::Load(ws.git("show main:workloads/ml/dev/report/deployment-default.yaml").output);
  EXPECT_EQ(report_deployment["settings"]["mini_batch_size"].as<int>(), 20);
  EXPECT_EQ(ws.git("show main:workloads/ml/dev/report/deployment-default.yaml").exit_code, 0);
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color").exit_code, 0);

  // Making features depend on a new app shifts every wave: the same commit rewrites the others,
  // and the next plan is clean.
  std::string config = three_apps() + app_block("geo", "geo", "");
  config.replace(config.find("depends_on_apps = []"), 20, "depends_on_apps = [appofapps_app.geo.name]");
  ws.write_file("main.tf", config);
  CommandResult shift = ws.terraform("apply -auto-approve -no-color");
  ASSERT_EQ(shift.exit_code, 0) << shift.output;
  YAML::Node report = YAML::Load(ws.git("show main:apps/ml/dev/report.yaml").output);
  EXPECT_EQ(report["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"].as<std::string>(), "3");
  CommandResult after = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(after.exit_code, 0) << after.output;

  // A deployment file deleted by hand is drift: the plan rewrites it.
  ASSERT_EQ(ws.git("rm -q workloads/ml/dev/features/deployment-blue.yaml").exit_code, 0);
  ASSERT_EQ(ws.git("commit -qm 'drop deployment by hand'").exit_code, 0);
  CommandResult drift = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(drift.exit_code, 2) << drift.output;
  ASSERT_EQ(ws.terraform("apply -auto-approve -no-color").exit_code, 0);
  EXPECT_EQ(ws.git("show main:workloads/ml/dev/features/deployment-blue.yaml").exit_code, 0);
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color").exit_code, 0);

  // A batch app imports cleanly too (kind and settings come from its files).
  ASSERT_EQ(ws.terraform("state rm appofapps_app.report").exit_code, 0);
  CommandResult batch = ws.terraform("import -no-color appofapps_app.report ml/dev/report");
  ASSERT_EQ(batch.exit_code, 0) << batch.output;
  CommandResult batch_plan = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(batch_plan.exit_code, 0) << batch_plan.output;

  // Import by <root>/<env>/<app> gives a clean plan.
  ASSERT_EQ(ws.terraform("state rm appofapps_app.fraud").exit_code, 0);
  CommandResult imported = ws.terraform("import -no-color appofapps_app.fraud ml/dev/fraud");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  CommandResult clean = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(clean.exit_code, 0) << clean.output;

  // Destroy removes dependents first; the repository ends empty.
  CommandResult destroy = ws.terraform("destroy -auto-approve -no-color");
  ASSERT_EQ(destroy.exit_code, 0) << destroy.output;
  EXPECT_EQ(ws.git("ls-tree -r --name-only main").output, "");
}

TEST(AppE2E, CycleNamespaceAndDependentErrorsAtPlan) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("apps-errors");
  ws.write_file("main.tf", base_config() + app_block("a", "ns-a", "\"b\"") + app_block("b", "ns-b", "\"a\""));
  CommandResult cycle = ws.terraform("plan -no-color");
  EXPECT_EQ(cycle.exit_code, 1) << cycle.output;
  EXPECT_NE(cycle.output.find("Error: Dependency cycle"), std::string::npos) << cycle.output;
  EXPECT_NE(cycle.output.find("a -> b -> a"), std::string::npos) << cycle.output;

  ws.write_file("main.tf", base_config() + app_block("a", "shared", "") + app_block("b", "shared", "appofapps_app.a.name"));
  CommandResult ns = ws.terraform("plan -no-color");
  EXPECT_EQ(ns.exit_code, 1) << ns.output;
  EXPECT_NE(ns.output.find("Error: Namespace already owned"), std::string::npos) << ns.output;
  EXPECT_NE(ns.output.find("owned by app \"a\""), std::string::npos) << ns.output;

  // b depends on a by name; removing a's block while b stays is refused at plan time.
  ws.write_file("main.tf", base_config() + app_block("a", "ns-a", "") + app_block("b", "ns-b", "appofapps_app.a.name"));
  CommandResult created = ws.terraform("apply -auto-approve -no-color");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  ws.write_file("main.tf", base_config() + app_block("b", "ns-b", "\"a\""));
  CommandResult orphan = ws.terraform("plan -no-color");
  EXPECT_EQ(orphan.exit_code, 1) << orphan.output;
  EXPECT_TRUE(orphan.output.find("Error: App still has dependents") != std::string::npos ||
              orphan.output.find("Error: Dependency is being destroyed") != std::string::npos)
      << orphan.output;

  // Referenced dependencies are destroyed in order: dependents, then their dependencies, then the root.
  ws.write_file("main.tf", base_config() + app_block("a", "ns-a", "") + app_block("b", "ns-b", "appofapps_app.a.name"));
  CommandResult all = ws.terraform("destroy -auto-approve -no-color");
  EXPECT_EQ(all.exit_code, 0) << all.output;
  EXPECT_EQ(ws.git("ls-tree -r --name-only main").output, "");
}

TEST(AppE2E, RootWithAppsFromAnotherStateIsNotDestroyed) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace platform("apps-root-state");
  platform.write_file("main.tf", base_config());
  ASSERT_EQ(platform.terraform("apply -auto-approve -no-color").exit_code, 0);
  // A team's state adds an app to the platform's root (same repository, root referenced by name).
  TerraformWorkspace team("apps-team-state");
  std::string config = base_config();
  config.replace(config.find("provider \"appofapps\" {}"), 23,
                 "provider \"appofapps\" {\n  repository { url = \"" + platform.dir() + "/gitops\" }\n}");
  config = config.substr(0, config.find("resource \"appofapps_root\""));
  std::string app = app_block("fraud", "fraud", "");
  app.replace(app.find("appofapps_root.ml.name"), 22, "\"ml\"");
  team.write_file("main.tf", config + app);
  CommandResult team_apply = team.terraform("apply -auto-approve -no-color");
  ASSERT_EQ(team_apply.exit_code, 0) << team_apply.output;
  CommandResult destroy = platform.terraform("destroy -auto-approve -no-color");
  EXPECT_NE(destroy.exit_code, 0) << destroy.output;
  EXPECT_NE(destroy.output.find("Root still has apps"), std::string::npos) << destroy.output;
  EXPECT_EQ(platform.git("show main:roots/ml/dev.yaml").exit_code, 0) << "nothing half-written";
}

}  // namespace
}  // namespace aoa::e2e
