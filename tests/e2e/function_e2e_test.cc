// The provider functions end to end with the real terraform CLI (1.8+ calls them over
// CallFunction): each one in `terraform console`, all four in outputs of an apply (with an argument
// unknown until the apply), validate_cron in a variable's validation block, and function errors
// pointing at the argument. 7 terraform invocations.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output

const char* kProvider = R"(
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
)";

// What `terraform console` prints for one expression read from stdin (it prints only the value of
// the last line it reads).
CommandResult console(const TerraformWorkspace& ws, const std::string& expression) {
  ws.write_file("main.tf", kProvider);
  ws.write_file("input.txt", expression + "\n");
  return ws.terraform("console < input.txt");
}

// Output without colours, diagnostic frames ("│"), line breaks or runs of spaces: Terraform wraps
// and aligns what it prints, and the console colours errors even with NO_COLOR.
std::string flat(std::string s) {
  s = std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m|\u2502|\u2577|\u2575"), " ");
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

TEST(FunctionE2E, EachFunctionAnswersInTheConsole) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("functions-console");
  auto r = console(ws,
                   "[provider::appofapps::sync_waves({ features = [], fraud = [\"features\"], ui = [\"fraud\"] }), "
                   "provider::appofapps::cron_next(\"30 2 * * *\", \"Europe/Berlin\", \"2026-03-28T00:00:00Z\", 2), "
                   "provider::appofapps::validate_cron(\"0 2 * * MON-FRI\"), "
                   "provider::appofapps::validate_cron(\"0 2 * * ?\"), "
                   "provider::appofapps::azureml_time_zone(\"Europe/Berlin\")]");
  ASSERT_RUN_OK(r);
  const std::string out = flat(r.output);
  EXPECT_NE(out.find(R"("features" = 0 "fraud" = 1 "ui" = 2)"), std::string::npos) << r.output;
  EXPECT_NE(out.find(R"("2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",)"), std::string::npos) << r.output;
  EXPECT_NE(out.find("true, false,"), std::string::npos) << r.output;
  EXPECT_NE(out.find("\"W. Europe Standard Time\""), std::string::npos) << r.output;
}

TEST(FunctionE2E, ErrorsPointAtTheArgumentAndSayWhatIsWrong) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("functions-errors");
  auto cycle = console(ws, "provider::appofapps::sync_waves({ a = [\"b\"], b = [\"c\"], c = [\"a\"] })");
  EXPECT_NE(cycle.exit_code, 0);
  EXPECT_NE(flat(cycle.output).find("Invalid value for \"apps\" parameter: apps has a dependency cycle: a -> b -> c -> a."),
            std::string::npos)
      << cycle.output;
  auto count = console(ws, "provider::appofapps::cron_next(\"0 0 * * *\", \"UTC\", \"2026-01-01T00:00:00Z\", 0)");
  EXPECT_NE(count.exit_code, 0);
  EXPECT_NE(flat(count.output).find("Invalid value for \"count\" parameter: count must be a whole number from 1 to 50"),
            std::string::npos)
      << count.output;
  auto zone = console(ws, "provider::appofapps::azureml_time_zone(\"Europe/Berln\")");
  EXPECT_NE(zone.exit_code, 0);
  EXPECT_NE(flat(zone.output).find("Invalid value for \"iana\" parameter: unknown time zone \"Europe/Berln\"; did you "
                                   "mean \"Europe/Berlin\"?"),
            std::string::npos)
      << zone.output;
}

// After the root "ml" of provider_with_dev_root() and the variable "retrain_cron" of the
// validate_cron example (validated with the function).
const char* kOutputs = R"(
locals {
  # Unknown until the root is written: the function's result is unknown in the plan.
  after_root = appofapps_root.ml.commit == "" ? [] : ["features"]
}

output "waves" {
  value = provider::appofapps::sync_waves({ features = [], fraud = local.after_root })
}
output "runs" {
  value = provider::appofapps::cron_next(var.retrain_cron, "Europe/Berlin", "2026-03-28T00:00:00Z", 3)
}
output "zone" {
  value = provider::appofapps::azureml_time_zone("America/Los_Angeles")
}
)";

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(AOA_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FunctionE2E, OutputsOfAnApplyAndAValidationBlock) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("functions-outputs");
  ws.write_file("main.tf", provider_with_dev_root() + read_source("examples/functions/validate_cron/function.tf") +
                              kOutputs);
  auto plan = ws.terraform("plan -var 'retrain_cron=30 2 * * *'");
  ASSERT_RUN_OK(plan);
  EXPECT_NE(flat(plan.output).find("waves = (known after apply)"), std::string::npos) << plan.output;
  ASSERT_RUN_OK(ws.terraform("apply -auto-approve -var 'retrain_cron=30 2 * * *'"));
  auto out = ws.terraform("output -json");
  ASSERT_RUN_OK(out);
  YAML::Node o = YAML::Load(out.output);
  EXPECT_EQ(o["waves"]["value"]["features"].as<int>(), 0);
  EXPECT_EQ(o["waves"]["value"]["fraud"].as<int>(), 1);
  std::vector<std::string> runs = o["runs"]["value"].as<std::vector<std::string>>();
  EXPECT_EQ(runs, (std::vector<std::string>{"2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                                             "2026-03-30T02:30:00+02:00"}));
  EXPECT_EQ(o["zone"]["value"].as<std::string>(), "Pacific Standard Time");

  auto invalid = ws.terraform("plan -var 'retrain_cron=0 2 * *'");
  EXPECT_NE(invalid.exit_code, 0);
  EXPECT_NE(flat(invalid.output).find("retrain_cron must be a five-field cron expression"), std::string::npos)
      << invalid.output;
}

}  // namespace
}  // namespace aoa::e2e
