// appofapps_schedule end to end with the real terraform CLI: next runs in the plan, the Azure ML
// file and its shape, no changes on a second plan, drift, import, destroy, errors with their
// attributes, and the preview data source across a daylight-saving change.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output
#define EXPECT_CONTAINS(text, what) EXPECT_NE((text).find(what), std::string::npos) << "expected: " << (what) << "\n" << (text)

const char* kBase = R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
provider "appofapps" {}
resource "appofapps_root" "ml" {
  name = "ml"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
}
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
}
)";

const char* kSchedules = R"(
resource "appofapps_schedule" "nightly" {
  root        = appofapps_root.ml.name
  environment = "dev"
  app         = appofapps_app.fraud.name
  name        = "nightly"
  cron        = "30 2 * * *"
  time_zone   = "Europe/Berlin"
  job         = "pipelines/retrain.yml"
}
resource "appofapps_schedule" "weekly" {
  root        = appofapps_root.ml.name
  environment = "dev"
  app         = appofapps_app.fraud.name
  name        = "weekly"
  recurrence {
    frequency = "week"
    hours     = [4]
    minutes   = [0]
    week_days = ["monday", "thursday"]
  }
  time_zone  = "America/Sao_Paulo"
  start_time = "2026-01-05T04:00:00"
  job        = "azureml:retrain-fraud"
}
data "appofapps_schedule_preview" "spring_forward" {
  cron      = "30 2 * * *"
  time_zone = "Europe/Berlin"
  from      = "2026-03-27T12:00:00Z"
  run_count = 3
}
output "spring_forward" { value = data.appofapps_schedule_preview.spring_forward.runs }
)";

// Top-level keys and trigger keys of a YAML mapping.
std::set<std::string> keys(const YAML::Node& node) {
  std::set<std::string> out;
  for (const auto& kv : node) out.insert(kv.first.as<std::string>());
  return out;
}

TEST(ScheduleE2E, PlanShowsRunsApplyWritesAzureMlShapeDriftImportDestroy) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("schedule-lifecycle");
  ws.write_file("main.tf", std::string(kBase) + kSchedules);

  // The plan names each schedule's next runs (with the zone's offset) before anything is written.
  CommandResult plan = ws.terraform("plan -no-color");
  ASSERT_RUN_OK(plan);
  EXPECT_CONTAINS(plan.output, "Warning: Next runs of fraud-dev-nightly");
  EXPECT_CONTAINS(plan.output, "In Europe/Berlin (Azure ML: \"W. Europe Standard Time\"), from now:");
  EXPECT_CONTAINS(plan.output, "T02:30:00+0");  // +01:00 in winter, +02:00 in summer
  EXPECT_CONTAINS(plan.output, "Warning: Next runs of fraud-dev-weekly");
  EXPECT_CONTAINS(plan.output, "T04:00:00-03:00");
  EXPECT_CONTAINS(plan.output, "+ next_runs         = (known after apply)");
  // The preview crosses Berlin's spring-forward night: 02:30 does not exist on 2026-03-29 and
  // the fixed-time job runs at 03:00 CEST, as cron does.
  EXPECT_CONTAINS(plan.output, "\"2026-03-28T02:30:00+01:00\",\n      + \"2026-03-29T03:00:00+02:00\",\n      + \"2026-03-30T02:30:00+02:00\"");

  ASSERT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));
  CommandResult file = ws.git("show main:schedules/ml/dev/fraud/nightly.yaml");
  ASSERT_RUN_OK(file);
  YAML::Node nightly = YAML::Load(file.output);
  YAML::Node example = YAML::LoadFile(std::string(AOA_SHARED_DIR) + "/schemas/azureml-examples/cron-job-schedule.yml");
  // Every key the example uses, apart from the optional display_name/description, is written;
  // the only additions are tags and properties (which Azure ML accepts on every asset).
  std::set<std::string> expected = keys(example);
  expected.erase("display_name");
  expected.erase("description");
  expected.insert("tags");
  expected.insert("properties");
  EXPECT_EQ(keys(nightly), expected) << file.output;
  EXPECT_EQ(nightly["$schema"].as<std::string>(), example["$schema"].as<std::string>());
  EXPECT_EQ(nightly["name"].as<std::string>(), "fraud-dev-nightly");
  EXPECT_EQ(nightly["trigger"]["type"].as<std::string>(), "cron");
  EXPECT_EQ(nightly["trigger"]["expression"].as<std::string>(), "30 2 * * *");
  EXPECT_EQ(nightly["trigger"]["time_zone"].as<std::string>(), "W. Europe Standard Time");
  EXPECT_EQ(nightly["create_job"].as<std::string>(), "../../../../pipelines/retrain.yml");
  EXPECT_EQ(nightly["properties"]["appofapps.io/time-zone"].as<std::string>(), "Europe/Berlin");

  CommandResult weekly_file = ws.git("show main:schedules/ml/dev/fraud/weekly.yaml");
  ASSERT_RUN_OK(weekly_file);
  YAML::Node weekly = YAML::Load(weekly_file.output);
  YAML::Node recurrence_example =
      YAML::LoadFile(std::string(AOA_SHARED_DIR) + "/schemas/azureml-examples/recurrence-job-schedule.yml");
  std::set<std::string> trigger_keys = keys(recurrence_example["trigger"]);
  EXPECT_EQ(keys(weekly["trigger"]), trigger_keys) << weekly_file.output;
  EXPECT_EQ(weekly["trigger"]["frequency"].as<std::string>(), "week");
  EXPECT_EQ(weekly["trigger"]["schedule"]["week_days"][1].as<std::string>(), "thursday");
  EXPECT_EQ(weekly["trigger"]["start_time"].as<std::string>(), "2026-01-05T04:00:00");
  EXPECT_EQ(weekly["trigger"]["time_zone"].as<std::string>(), "E. South America Standard Time");
  EXPECT_EQ(weekly["create_job"].as<std::string>(), "azureml:retrain-fraud");

  CommandResult state = ws.terraform("state show -no-color appofapps_schedule.nightly");
  EXPECT_CONTAINS(state.output, "next_runs");
  EXPECT_CONTAINS(state.output, "T02:30:00+0");

  // A second plan has nothing to do.
  EXPECT_EQ(ws.terraform("plan -detailed-exitcode -no-color").exit_code, 0);

  // A committed hand edit of the expression is drift; apply writes the configured one back.
  std::string text = file.output;
  text.replace(text.find("30 2 * * *"), 10, "0 3 * * *");
  ws.write_file("gitops/schedules/ml/dev/fraud/nightly.yaml", text);
  ASSERT_RUN_OK(ws.git("commit -qam 'hand edit'"));
  CommandResult drift = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(drift.exit_code, 2) << drift.output;
  EXPECT_CONTAINS(drift.output, "~ cron              = \"0 3 * * *\" -> \"30 2 * * *\"");
  ASSERT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));
  EXPECT_CONTAINS(ws.git("show main:schedules/ml/dev/fraud/nightly.yaml").output, "expression: \"30 2 * * *\"");

  // Import into a fresh state entry, then nothing to change.
  ASSERT_RUN_OK(ws.terraform("state rm appofapps_schedule.weekly"));
  ASSERT_RUN_OK(ws.terraform("import -no-color appofapps_schedule.weekly ml/dev/fraud/weekly"));
  CommandResult after_import = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(after_import.exit_code, 0) << after_import.output;

  // Destroy: removing the schedules deletes their files, one commit each.
  ws.write_file("main.tf", kBase);
  ASSERT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));
  EXPECT_NE(ws.git("show main:schedules/ml/dev/fraud/nightly.yaml").exit_code, 0);
  EXPECT_NE(ws.git("show main:schedules/ml/dev/fraud/weekly.yaml").exit_code, 0);
  EXPECT_CONTAINS(ws.git("log --format=%B -3").output, "Delete appofapps_schedule");
}

TEST(ScheduleE2E, BadInputsAreReportedAtTheirAttributes) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("schedule-errors");
  std::string config = kBase;
  auto schedule = [](const std::string& name, const std::string& body) {
    return "resource \"appofapps_schedule\" \"" + name + "\" {\n  root = \"ml\"\n  environment = \"dev\"\n"
           "  app = \"fraud\"\n  name = \"" + name + "\"\n  job = \"azureml:retrain\"\n" + body + "}\n";
  };
  config += schedule("dom", "  cron = \"0 0 32 * *\"\n");
  config += schedule("weekday", "  cron = \"0 0 * * FUNDAY\"\n");
  config += schedule("interval", "  recurrence {\n    frequency = \"day\"\n    interval = 0\n    hours = [1]\n"
                                 "    minutes = [0]\n  }\n  start_time = \"2026-01-01T00:00:00\"\n");
  config += schedule("window", "  cron = \"0 0 * * *\"\n  start_time = \"2026-02-01T00:00:00\"\n"
                               "  end_time = \"2026-01-01T00:00:00\"\n");
  config += schedule("zone", "  cron = \"0 0 * * *\"\n  time_zone = \"Europe/Berln\"\n");
  ws.write_file("main.tf", config);
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_NE(plan.exit_code, 0);
  EXPECT_CONTAINS(plan.output, "field 3 (day of month): 32 is out of range 1-31");
  EXPECT_CONTAINS(plan.output, "FUNDAY");
  EXPECT_CONTAINS(plan.output, "Error: Invalid recurrence.interval");
  EXPECT_CONTAINS(plan.output, "Error: Invalid end_time");
  EXPECT_CONTAINS(plan.output, "did you mean \"Europe/Berlin\"?");
  // Each diagnostic points at the line of its attribute.
  EXPECT_CONTAINS(plan.output, "cron = \"0 0 32 * *\"");
  EXPECT_CONTAINS(plan.output, "interval = 0");
  EXPECT_CONTAINS(plan.output, "end_time = \"2026-01-01T00:00:00\"");
  EXPECT_CONTAINS(plan.output, "time_zone = \"Europe/Berln\"");
}

}  // namespace
}  // namespace aoa::e2e
