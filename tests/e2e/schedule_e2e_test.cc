// appofapps_schedule and data "appofapps_schedule_preview" end to end, with the real terraform CLI:
// a nightly cron in Europe/Berlin and a weekly recurrence on one app (the next runs in the plan,
// the Azure ML files compared with the Azure ML CLI v2 examples, a clean second plan, drift,
// import into a fresh state, destroy), the errors of several broken schedules in one plan, the
// spring-forward day in the preview, and examples/schedules.
//
// Terraform runs are costly (and the suite runs again under ASan): 14 terraform invocations.
// (tests/e2e/schedule_lifecycle_e2e_test.cc covers the same ground with other configurations.)
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

#define EXPECT_RUN_OK(result) EXPECT_EQ((result).exit_code, 0) << (result).output
#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output

const std::string kExamples = std::string(AOA_SHARED_DIR) + "/schemas/azureml-examples/";
const std::regex kRfc3339(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))");

// Terraform wraps diagnostic details and aligns "=" in plans: compare with whitespace runs
// collapsed to one space.
std::string squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Every diagnostic "<kind>: <summary>" (the whole summary line) in terraform's output, each up to
// the next diagnostic or the plan's rule.
std::vector<std::string> diagnostics(const std::string& output, const std::string& kind, const std::string& summary) {
  std::vector<std::string> blocks;
  const std::string head = kind + ": " + summary + "\n";
  for (size_t at = output.find(head); at != std::string::npos; at = output.find(head, at + 1)) {
    if (at != 0 && output[at - 1] != '\n' && output[at - 1] != ' ') continue;
    size_t end = output.size();
    for (const char* next : {"\nWarning: ", "\nError: ", "\n───"}) end = std::min(end, output.find(next, at + 1));
    blocks.push_back(output.substr(at, end - at));
  }
  return blocks;
}

// The one diagnostic with this summary about resource or data source `address`; "" when none.
std::string diagnostic_of(const std::string& output, const std::string& kind, const std::string& summary,
                          const std::string& address) {
  for (const std::string& b : diagnostics(output, kind, summary))
    if (b.find("with " + address + ",") != std::string::npos) return b;
  return "";
}

std::vector<std::string> times_in(const std::string& text) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kRfc3339), end; it != end; ++it) out.push_back(it->str());
  return out;
}

// A list output as `terraform apply` prints it: `name = tolist([ … ])`.
std::vector<std::string> list_output(const std::string& output, const std::string& name) {
  const size_t at = output.find("\n" + name + " = ");
  if (at == std::string::npos) return {};
  return times_in(output.substr(at, output.find("])", at) - at));
}

std::string string_output(const std::string& output, const std::string& name) {
  std::smatch m;
  if (std::regex_search(output, m, std::regex("\n" + name + " = \"([^\"]*)\""))) return m[1];
  return "";
}

// 02:30 Berlin time: +01:00 in winter, +02:00 in summer, 03:00+02:00 on the spring-forward day.
bool is_berlin_0230(const std::string& t) {
  return std::regex_match(t, std::regex(R"(\d{4}-\d\d-\d\dT(02:30:00\+0[12]:00|03:00:00\+02:00))"));
}

std::set<std::string> keys(const YAML::Node& map) {
  std::set<std::string> out;
  for (const auto& kv : map) out.insert(kv.first.as<std::string>());
  return out;
}

std::set<std::string> with(std::set<std::string> s, std::initializer_list<std::string> add,
                           std::initializer_list<std::string> remove = {}) {
  s.insert(add);
  for (const auto& r : remove) s.erase(r);
  return s;
}

std::string provider(const std::string& repository_url = "") {
  std::string p = R"(terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
)";
  if (repository_url.empty()) return p + "provider \"appofapps\" {}\n";
  return p + "provider \"appofapps\" {\n  repository { url = \"" + repository_url + "\" }\n}\n";
}

const char* kRootAndApp = R"(
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
  owner       = "risk-ml"
  namespace   = "fraud"
  model {
    name    = "fraud"
    version = "1"
  }
}
)";

// The two schedules of app fraud in ml/dev. `root` and `app` are references (first workspace) or
// literal names (a workspace that imports them); so is nightly's start_time: RFC 3339 with Z as
// users may write it, or the local form the file has (what an import reads back).
std::string schedules(const std::string& root, const std::string& app, const std::string& nightly_start) {
  return R"(
resource "appofapps_schedule" "nightly" {
  root         = )" + root + R"(
  environment  = "dev"
  app          = )" + app + R"(
  name         = "nightly"
  display_name = "Nightly retraining"
  description  = "Retrain on yesterday's transactions"
  job          = "pipelines/retrain.yml"
  cron         = "30 2 * * *"
  time_zone    = "Europe/Berlin"
  start_time   = ")" + nightly_start + R"("
}
resource "appofapps_schedule" "weekly" {
  root        = )" + root + R"(
  environment = "dev"
  app         = )" + app + R"(
  name        = "weekly"
  job         = "azureml:retrain-fraud"
  time_zone   = "Europe/Berlin"
  recurrence {
    frequency = "week"
    week_days = ["monday", "thursday"]
    hours     = [4]
    minutes   = [0, 30]
  }
}
)";
}

const char* kPreviewAndOutputs = R"(
data "appofapps_schedule_preview" "spring" {
  cron      = "30 2 * * *"
  time_zone = "Europe/Berlin"
  from      = "2026-03-27T12:00:00Z"
  run_count = 3
}
output "spring" {
  value = data.appofapps_schedule_preview.spring.runs
}
output "nightly_next_runs" {
  value = appofapps_schedule.nightly.next_runs
}
output "weekly_next_runs" {
  value = appofapps_schedule.weekly.next_runs
}
output "weekly_start" {
  value = appofapps_schedule.weekly.start_time
}
)";

TEST(ScheduleE2E, PlanApplyDriftImportDestroy) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("schedules");
  ws.write_file("main.tf", provider() + kRootAndApp +
                               schedules("appofapps_root.ml.name", "appofapps_app.fraud.name", "2026-01-01T00:00:00Z") +
                               kPreviewAndOutputs);

  // --- plan: the next runs as warnings, next_runs and the recurrence's anchor known after apply.
  CommandResult plan = ws.terraform("plan -no-color");
  ASSERT_RUN_OK(plan);
  const std::string nightly_note = diagnostic_of(plan.output, "Warning", "Next runs of fraud-dev-nightly",
                                                 "appofapps_schedule.nightly");
  ASSERT_NE(nightly_note, "") << plan.output;
  EXPECT_NE(squash(nightly_note).find("In Europe/Berlin (Azure ML: \"W. Europe Standard Time\"), from now:"),
            std::string::npos)
      << nightly_note;
  EXPECT_NE(squash(nightly_note).find("cron = \"30 2 * * *\""), std::string::npos) << "at cron: " << nightly_note;
  const std::vector<std::string> planned = times_in(nightly_note);
  ASSERT_EQ(planned.size(), 5u) << nightly_note;
  for (size_t i = 0; i < planned.size(); ++i) {
    EXPECT_TRUE(is_berlin_0230(planned[i])) << planned[i];
    if (i > 0) {
      EXPECT_LT(planned[i - 1], planned[i]);
    }
  }
  const std::string weekly_note =
      diagnostic_of(plan.output, "Warning", "Next runs of fraud-dev-weekly", "appofapps_schedule.weekly");
  ASSERT_NE(weekly_note, "") << plan.output;
  EXPECT_EQ(times_in(weekly_note).size(), 5u) << weekly_note;
  for (const auto& t : times_in(weekly_note))
    EXPECT_TRUE(std::regex_match(t, std::regex(R"(.*T04:(00|30):00\+0[12]:00)"))) << t;
  EXPECT_NE(squash(weekly_note).find("anchored at the time of the apply"), std::string::npos) << weekly_note;
  const std::string flat_plan = squash(plan.output);
  EXPECT_NE(flat_plan.find("+ next_runs = (known after apply)"), std::string::npos) << plan.output;
  EXPECT_NE(flat_plan.find("+ start_time = (known after apply)"), std::string::npos) << "weekly: " << plan.output;
  EXPECT_NE(flat_plan.find("+ start_time = \"2026-01-01T00:00:00Z\""), std::string::npos) << plan.output;
  EXPECT_NE(flat_plan.find("+ azureml_time_zone = \"W. Europe Standard Time\""), std::string::npos) << plan.output;
  // The preview is read at plan time: 02:30 does not exist on 2026-03-29 and runs at 03:00+02:00.
  EXPECT_NE(flat_plan.find("+ spring = [ + \"2026-03-28T02:30:00+01:00\", + \"2026-03-29T03:00:00+02:00\", + "
                           "\"2026-03-30T02:30:00+02:00\", ]"),
            std::string::npos)
      << plan.output;
  EXPECT_NE(flat_plan.find("Plan: 4 to add, 0 to change, 0 to destroy."), std::string::npos) << plan.output;

  // --- apply: next_runs recorded, the files in the shape of the Azure ML examples.
  CommandResult apply = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(apply);
  const std::vector<std::string> recorded = list_output(apply.output, "nightly_next_runs");
  ASSERT_EQ(recorded.size(), 5u) << apply.output;
  for (const auto& t : recorded) EXPECT_TRUE(is_berlin_0230(t)) << t;
  EXPECT_EQ(list_output(apply.output, "weekly_next_runs").size(), 5u) << apply.output;
  const std::string anchor = string_output(apply.output, "weekly_start");
  EXPECT_TRUE(std::regex_match(anchor, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:00)"))) << apply.output;

  CommandResult nightly_file = ws.git("show main:schedules/ml/dev/fraud/nightly.yaml");
  ASSERT_RUN_OK(nightly_file);
  CommandResult weekly_file = ws.git("show main:schedules/ml/dev/fraud/weekly.yaml");
  ASSERT_RUN_OK(weekly_file);
  const YAML::Node nightly = YAML::Load(nightly_file.output);
  const YAML::Node weekly = YAML::Load(weekly_file.output);
  const YAML::Node cron_example = YAML::LoadFile(kExamples + "cron-job-schedule.yml");
  const YAML::Node recurrence_example = YAML::LoadFile(kExamples + "recurrence-job-schedule.yml");
  // Same keys as the examples; tags and properties (which the schedule schema allows) in addition,
  // for drift and import.
  EXPECT_EQ(keys(nightly), with(keys(cron_example), {"tags", "properties"})) << nightly_file.output;
  EXPECT_EQ(keys(nightly["trigger"]), keys(cron_example["trigger"])) << nightly_file.output;
  EXPECT_EQ(keys(weekly), with(keys(recurrence_example), {"tags", "properties"}, {"display_name", "description"}))
      << weekly_file.output;
  EXPECT_EQ(keys(weekly["trigger"]), keys(recurrence_example["trigger"])) << weekly_file.output;
  EXPECT_EQ(keys(weekly["trigger"]["schedule"]), with(keys(recurrence_example["trigger"]["schedule"]), {"week_days"}));
  EXPECT_TRUE(weekly["trigger"]["schedule"]["hours"].IsSequence());
  EXPECT_TRUE(weekly["trigger"]["schedule"]["minutes"].IsSequence());
  EXPECT_EQ(nightly["$schema"].as<std::string>(), cron_example["$schema"].as<std::string>());
  EXPECT_EQ(weekly["$schema"].as<std::string>(), recurrence_example["$schema"].as<std::string>());
  EXPECT_EQ(nightly["name"].as<std::string>(), "fraud-dev-nightly");
  EXPECT_EQ(nightly["display_name"].as<std::string>(), "Nightly retraining");
  EXPECT_EQ(nightly["trigger"]["type"].as<std::string>(), "cron");
  EXPECT_EQ(nightly["trigger"]["expression"].as<std::string>(), "30 2 * * *");
  EXPECT_EQ(nightly["trigger"]["time_zone"].as<std::string>(), "W. Europe Standard Time") << "a Windows name";
  EXPECT_EQ(nightly["trigger"]["start_time"].as<std::string>(), "2026-01-01T01:00:00") << "local time in the zone";
  EXPECT_EQ(nightly["create_job"].as<std::string>(), "../../../../pipelines/retrain.yml");
  EXPECT_EQ(nightly["tags"]["appofapps.io/root"].as<std::string>(), "ml");
  EXPECT_EQ(nightly["tags"]["appofapps.io/environment"].as<std::string>(), "dev");
  EXPECT_EQ(nightly["tags"]["appofapps.io/app"].as<std::string>(), "fraud");
  EXPECT_EQ(nightly["properties"]["appofapps.io/time-zone"].as<std::string>(), "Europe/Berlin");
  EXPECT_EQ(nightly["properties"]["appofapps.io/enabled"].as<std::string>(), "true");
  EXPECT_EQ(weekly["name"].as<std::string>(), "fraud-dev-weekly");
  EXPECT_EQ(weekly["trigger"]["type"].as<std::string>(), "recurrence");
  EXPECT_EQ(weekly["trigger"]["frequency"].as<std::string>(), "week");
  EXPECT_EQ(weekly["trigger"]["interval"].as<int>(), 1);
  EXPECT_EQ(weekly["trigger"]["schedule"]["week_days"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"monday", "thursday"}));
  EXPECT_EQ(weekly["trigger"]["schedule"]["minutes"].as<std::vector<int>>(), (std::vector<int>{0, 30}));
  EXPECT_EQ(weekly["trigger"]["start_time"].as<std::string>(), anchor) << "the apply's anchor, in the file";
  EXPECT_EQ(weekly["trigger"]["time_zone"].as<std::string>(), "W. Europe Standard Time");
  EXPECT_EQ(weekly["create_job"].as<std::string>(), "azureml:retrain-fraud");
  CommandResult log = ws.git("log --format=%B main");
  EXPECT_NE(log.output.find("Create appofapps_schedule nightly (ml/dev/fraud)"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("Appofapps-Resource: appofapps_schedule/ml/dev/fraud/weekly"), std::string::npos)
      << log.output;

  // --- a second plan: nothing to do (start_time with Z is the file's local time; the anchor stays).
  CommandResult again = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.output.find("Next runs of"), std::string::npos) << "no note without a change: " << again.output;

  // --- a committed hand edit of the expression is drift; apply restores the file.
  std::string edited = nightly_file.output;
  const size_t at = edited.find("expression: \"30 2 * * *\"");
  ASSERT_NE(at, std::string::npos) << edited;
  edited.replace(at, 24, "expression: \"45 3 * * *\"");
  ws.write_file("gitops/schedules/ml/dev/fraud/nightly.yaml", edited);
  ASSERT_RUN_OK(ws.git("commit -qam 'hand edit: nightly at 03:45'"));
  CommandResult drift = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(drift.exit_code, 2) << drift.output;
  EXPECT_NE(squash(drift.output).find("~ cron = \"45 3 * * *\" -> \"30 2 * * *\""), std::string::npos) << drift.output;
  EXPECT_NE(squash(drift.output).find("Plan: 0 to add, 1 to change, 0 to destroy."), std::string::npos) << drift.output;
  EXPECT_NE(diagnostic_of(drift.output, "Warning", "Next runs of fraud-dev-nightly", "appofapps_schedule.nightly"), "")
      << drift.output;
  CommandResult restore = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(restore);
  EXPECT_EQ(ws.git("show main:schedules/ml/dev/fraud/nightly.yaml").output, nightly_file.output);
  EXPECT_NE(ws.git("log -1 --format=%s main").output.find("Update appofapps_schedule nightly (ml/dev/fraud)"),
            std::string::npos);
  CommandResult restored = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(restored.exit_code, 0) << restored.output;

  // --- import by <root>/<env>/<app>/<name> into a fresh state (another workspace on the same
  // repository, written the way the file has the values): no changes.
  {
    TerraformWorkspace fresh("schedules-import");
    fresh.write_file("main.tf", provider(ws.dir() + "/gitops") + schedules("\"ml\"", "\"fraud\"", "2026-01-01T01:00:00"));
    CommandResult imported = fresh.terraform("import -no-color appofapps_schedule.nightly ml/dev/fraud/nightly");
    ASSERT_RUN_OK(imported);
    EXPECT_NE(imported.output.find("Import successful!"), std::string::npos) << imported.output;
    ASSERT_RUN_OK(fresh.terraform("import -no-color appofapps_schedule.weekly ml/dev/fraud/weekly"));
    CommandResult clean = fresh.terraform("plan -detailed-exitcode -no-color");
    EXPECT_EQ(clean.exit_code, 0) << clean.output;
  }

  // --- destroy removes the files, one Delete commit each.
  CommandResult destroy = ws.terraform("destroy -auto-approve -no-color");
  ASSERT_RUN_OK(destroy);
  EXPECT_EQ(ws.git("ls-tree -r --name-only main").output, "");
  CommandResult after = ws.git("log --format=%B main");
  EXPECT_NE(after.output.find("Delete appofapps_schedule nightly (ml/dev/fraud)"), std::string::npos) << after.output;
  EXPECT_NE(after.output.find("Delete appofapps_schedule weekly (ml/dev/fraud)"), std::string::npos) << after.output;
}

// Several broken schedules in one configuration: one plan reports each at its attribute.
TEST(ScheduleE2E, InvalidSchedulesAreReportedAtTheirAttributesInOnePlan) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("schedules-invalid");
  auto schedule = [](const std::string& name, const std::string& trigger) {
    return "resource \"appofapps_schedule\" \"" + name + "\" {\n  root = \"ml\"\n  environment = \"dev\"\n"
           "  app = \"fraud\"\n  name = \"" + name + "\"\n  job = \"azureml:retrain\"\n" + trigger + "}\n";
  };
  ws.write_file("main.tf",
                provider() +
                    schedule("day_of_month", "  cron = \"30 2 32 * *\"\n") +
                    schedule("weekday_name", "  cron = \"30 2 * * funday\"\n") +
                    schedule("week_days", "  recurrence {\n    frequency = \"week\"\n    week_days = [\"someday\"]\n"
                                          "    hours = [2]\n    minutes = [0]\n  }\n") +
                    schedule("interval", "  recurrence {\n    frequency = \"day\"\n    interval = 0\n    hours = [2]\n"
                                         "    minutes = [0]\n  }\n") +
                    schedule("window", "  cron = \"0 3 * * *\"\n  time_zone = \"Europe/Berlin\"\n"
                                       "  start_time = \"2026-06-01T00:00:00\"\n  end_time = \"2026-05-01T00:00:00\"\n") +
                    schedule("zone", "  cron = \"0 3 * * *\"\n  time_zone = \"Europe/Berln\"\n") +
                    "data \"appofapps_schedule_preview\" \"many\" {\n  cron = \"0 3 * * *\"\n  run_count = 51\n}\n");
  CommandResult plan = ws.terraform("plan -no-color");
  EXPECT_EQ(plan.exit_code, 1) << plan.output;
  EXPECT_EQ(plan.output.find("Plan:"), std::string::npos) << plan.output;

  struct Expected {
    std::string summary, address, snippet, detail;
  };
  const std::vector<Expected> expected = {
      {"Invalid cron", "appofapps_schedule.day_of_month", "cron = \"30 2 32 * *\"",
       "field 3 (day of month): 32 is out of range 1-31"},
      {"Invalid cron", "appofapps_schedule.weekday_name", "cron = \"30 2 * * funday\"",
       "field 5 (day of week): unknown name \"funday\""},
      {"Invalid recurrence.week_days", "appofapps_schedule.week_days", "week_days = [\"someday\"]", "someday"},
      {"Invalid recurrence.interval", "appofapps_schedule.interval", "interval = 0", "at least 1"},
      {"Invalid end_time", "appofapps_schedule.window", "end_time = \"2026-05-01T00:00:00\"", "before start_time"},
      {"Invalid time_zone", "appofapps_schedule.zone", "time_zone = \"Europe/Berln\"", "did you mean \"Europe/Berlin\"?"},
      {"Invalid run_count", "data.appofapps_schedule_preview.many", "run_count = 51", "1 to 50"},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.address);
    const std::string block = diagnostic_of(plan.output, "Error", e.summary, e.address);
    ASSERT_NE(block, "") << "no \"" << e.summary << "\" for " << e.address << " in:\n" << plan.output;
    const std::string flat = squash(block);
    EXPECT_NE(flat.find(e.snippet), std::string::npos) << "not at the attribute:\n" << block;
    EXPECT_NE(flat.find(e.detail), std::string::npos) << block;
  }
}

// examples/schedules as documented: formatted, applied, the preview showing Berlin's
// spring-forward day, the files with the Windows zone names, and a second plan with no changes.
TEST(ScheduleE2E, ExampleAppliesAndShowsTheSpringForwardDay) {
  AOA_REQUIRE_TERRAFORM();
  namespace fs = std::filesystem;
  TerraformWorkspace ws("schedules-example");
  const fs::path source = fs::path(AOA_SOURCE_DIR) / "examples" / "schedules";
  for (const auto& entry : fs::directory_iterator(source)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tf") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    ws.write_file(entry.path().filename().string(), ss.str());
  }
  CommandResult fmt = ws.terraform("fmt -check -no-color");
  EXPECT_EQ(fmt.exit_code, 0) << "unformatted: " << fmt.output;
  CommandResult apply = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(apply);
  const std::vector<std::string> spring = list_output(apply.output, "spring_forward");
  ASSERT_GE(spring.size(), 2u) << apply.output;
  EXPECT_EQ(spring[0], "2026-03-28T02:30:00+01:00");
  EXPECT_EQ(spring[1], "2026-03-29T03:00:00+02:00") << "02:30 does not exist that night";
  const std::vector<std::string> nightly_runs = list_output(apply.output, "nightly_next_runs");
  ASSERT_EQ(nightly_runs.size(), 5u) << apply.output;
  for (const auto& t : nightly_runs) EXPECT_TRUE(is_berlin_0230(t)) << t;
  CommandResult ls = ws.git("ls-tree -r --name-only main schedules/ml-platform/prod/fraud");
  ASSERT_RUN_OK(ls);
  ASSERT_NE(ls.output.find("schedules/ml-platform/prod/fraud/nightly.yaml"), std::string::npos) << ls.output;
  std::istringstream files(ls.output);
  int recurrences = 0;
  for (std::string path; std::getline(files, path);) {
    SCOPED_TRACE(path);
    CommandResult file = ws.git("show main:" + path);
    ASSERT_RUN_OK(file);
    const YAML::Node doc = YAML::Load(file.output);
    const std::string zone = doc["properties"]["appofapps.io/time-zone"].as<std::string>();
    const std::string windows = doc["trigger"]["time_zone"].as<std::string>();
    EXPECT_NE(windows, zone) << "Azure ML needs the Windows name";
    if (zone == "Europe/Berlin") {
      EXPECT_EQ(windows, "W. Europe Standard Time");
    }
    if (doc["trigger"]["type"].as<std::string>() == "recurrence") ++recurrences;
  }
  EXPECT_GE(recurrences, 1) << "the example has a recurrence: " << ls.output;
  CommandResult again = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

}  // namespace
}  // namespace aoa::e2e
