// appofapps_promotion end to end, with the real terraform CLI: a bundle of two dependent apps
// moves dev -> staging -> prod through gates, a hold, a rollback, an approval and refused
// promotions (plan-only runs against the applied setup); import, withdrawal, model versions,
// data.appofapps_environment, and the examples/platform configuration applied per workspace.
//
// Terraform runs are costly (and the suite runs again under ASan): one workspace per scenario,
// failing cases as `terraform plan` with -var overrides. 31 terraform invocations in all.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {

using StringMap = std::map<std::string, std::string>;

// ---------------------------------------------------------------------------------------------
// Configuration of the bundle scenario: root "ml" (dev, staging, protected prod), four model
// versions, and the apps features and fraud (fraud depends on features) in each environment.

std::string model_version(const std::string& name, const std::string& model, const std::string& version,
                          const std::string& auc, const std::string& latency, const std::string& extra = "") {
  return "resource \"appofapps_model_version\" \"" + name + "\" {\n  model = \"" + model + "\"\n  version = \"" +
         version + "\"\n  artifact_uri = \"azureml://registries/ml/models/" + model + "/versions/" + version +
         "\"\n  metrics = { auc = " + auc + ", latency_p95_ms = " + latency + " }\n" + extra + "}\n";
}

// An app of the bundle in `env`; fraud depends on features (of the same environment).
std::string app(const std::string& env, const std::string& name, const std::string& version_expr) {
  std::string deps = name == "fraud" ? "appofapps_app.features_" + env + ".name" : "";
  return "resource \"appofapps_app\" \"" + name + "_" + env + "\" {\n  root = appofapps_root.ml.name\n"
         "  environment = \"" + env + "\"\n  name = \"" + name + "\"\n  owner = \"risk-ml\"\n  namespace = \"" + name +
         "\"\n  depends_on_apps = [" + deps + "]\n  model {\n    name = \"" + name + "\"\n    version = " +
         version_expr + "\n  }\n}\n";
}

std::string main_tf() {
  return R"(terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
provider "appofapps" {}

variable "dev_versions" {
  type    = map(string)
  default = { features = "1", fraud = "1" }
}
variable "fraud2_auc" {
  type    = number
  default = 0.94
}
variable "fraud2_tags" {
  type    = map(string)
  default = null
}

resource "appofapps_root" "ml" {
  name = "ml"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
  environment {
    name      = "staging"
    cluster   = "aks-staging"
    namespace = "ml-staging"
  }
  environment {
    name      = "prod"
    cluster   = "aks-prod"
    namespace = "ml-prod"
    protected = true
  }
}
)" + model_version("features_1", "features", "1", "0.95", "20") +
         model_version("features_2", "features", "2", "0.96", "22") +
         model_version("fraud_1", "fraud", "1", "0.92", "71") +
         model_version("fraud_2", "fraud", "2", "var.fraud2_auc", "74",
                       "  tags = var.fraud2_tags\n  lineage {\n    run_id = \"train-fraud-2\"\n"
                       "    code_commit = \"b81d0e7\"\n  }\n") +
         app("dev", "features", "var.dev_versions[\"features\"]") + app("dev", "fraud", "var.dev_versions[\"fraud\"]");
}

// dev -> staging: gate[0] an absolute auc threshold, gate[1] latency not worse than staging.
std::string staging_tf() {
  return R"(
variable "stg_versions" {
  type    = map(string)
  default = { features = "1", fraud = "1" }
}
variable "min_auc" {
  type    = number
  default = 0.9
}
variable "on_gate_failure" {
  type    = string
  default = "error"
}

resource "appofapps_promotion" "staging" {
  root     = appofapps_root.ml.name
  from     = "dev"
  to       = "staging"
  versions = var.stg_versions
  gate {
    metric = "auc"
    op     = ">="
    value  = var.min_auc
  }
  gate {
    metric                = "latency_p95_ms"
    op                    = "<="
    value                 = 100
    not_worse_than_target = true
    tolerance             = 5
  }
  on_gate_failure = var.on_gate_failure
}
output "staging_approved" { value = appofapps_promotion.staging.approved_versions }
)" + app("staging", "features", "appofapps_promotion.staging.approved_versions[\"features\"]") +
         app("staging", "fraud", "appofapps_promotion.staging.approved_versions[\"fraud\"]");
}

const char* kProdVariables = R"(
variable "prod_from" {
  type    = string
  default = "staging"
}
variable "prod_versions" {
  type    = map(string)
  default = null
}
variable "prod_allow_skip" {
  type    = bool
  default = false
}
variable "approval" {
  type    = object({ approved_by = string, ticket = string })
  default = null
}
)";

// staging -> prod (protected): promotes whatever the source environment runs.
std::string prod_tf() {
  return std::string(kProdVariables) + R"(
data "appofapps_environment" "source" {
  root        = appofapps_root.ml.name
  environment = var.prod_from
}
output "source_versions" { value = data.appofapps_environment.source.versions }

resource "appofapps_promotion" "prod" {
  root = appofapps_root.ml.name
  from = var.prod_from
  to = "prod"
  versions = var.prod_versions != null ? var.prod_versions : data.appofapps_environment.source.versions
  allow_skip = var.prod_allow_skip
  gate {
    metric = "auc"
    op     = ">="
    value  = 0.9
  }
  dynamic "approval" {
    for_each = var.approval == null ? [] : [var.approval]
    content {
      approved_by = approval.value.approved_by
      ticket      = approval.value.ticket
    }
  }
}
)" + app("prod", "features", "appofapps_promotion.prod.approved_versions[\"features\"]") +
         app("prod", "fraud", "appofapps_promotion.prod.approved_versions[\"fraud\"]");
}

// The promotion removed from the configuration; prod's apps keep their versions as literals.
std::string prod_without_promotion_tf() {
  return std::string(kProdVariables) + app("prod", "features", "\"2\"") + app("prod", "fraud", "\"1\"");
}

const char* kApproval = R"(approval = { approved_by = "alice@example.com", ticket = "CHG-1234" })";

// ---------------------------------------------------------------------------------------------
// Reading the repository.

// Audit files ever added on main, newest first.
std::vector<std::string> audit_files(const TerraformWorkspace& ws, const std::string& repo = "gitops") {
  CommandResult r = ws.git("log --format= --name-only --diff-filter=A main -- audit/", repo);
  std::vector<std::string> out;
  std::istringstream in(r.output);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// An audit record (JSON, which yaml-cpp reads as YAML).
YAML::Node audit(const TerraformWorkspace& ws, const std::string& path, const std::string& repo = "gitops") {
  CommandResult r = ws.git("show main:" + path, repo);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return YAML::Load(r.output);
}

StringMap string_map(const YAML::Node& n) {
  StringMap out;
  for (const auto& kv : n) out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return out;
}

std::vector<std::string> string_list(const YAML::Node& n) {
  std::vector<std::string> out;
  for (const auto& e : n) out.push_back(e.as<std::string>());
  return out;
}

// The model version a child app's deployment serves, e.g. "azureml:fraud:2".
std::string deployed_model(const TerraformWorkspace& ws, const std::string& root, const std::string& env,
                           const std::string& app, const std::string& repo = "gitops") {
  CommandResult r = ws.git("show main:workloads/" + root + "/" + env + "/" + app + "/deployment-blue.yaml", repo);
  if (r.exit_code != 0) return "(missing: " + r.output + ")";
  return YAML::Load(r.output)["model"].as<std::string>();
}

// True when some line of `output` sets `attribute` to `value` in a plan ("+ status = ...",
// "~ status = "a" -> "b"" counts for the new value).
bool plan_shows(const std::string& output, const std::string& attribute, const std::string& value) {
  const std::regex line("[+~] " + attribute + " += (.*-> )?" + std::regex_replace(value, std::regex(R"([\[\]\"().*+?])"), R"(\$&)") +
                        "\\s*$");
  std::istringstream in(output);
  for (std::string l; std::getline(in, l);)
    if (std::regex_search(l, line)) return true;
  return false;
}

// The audit id in a file name audit/<root>/<time>-<id>.json.
std::string audit_id_of(const std::string& path) {
  const auto dash = path.rfind('-');
  return path.substr(dash + 1, path.size() - dash - 1 - 5);
}

void expect_audit_header(const YAML::Node& r, const std::string& path, const std::string& decision) {
  EXPECT_EQ(r["apiVersion"].as<std::string>(), "appofapps.io/v1");
  EXPECT_EQ(r["kind"].as<std::string>(), "PromotionAudit");
  EXPECT_EQ(r["decision"].as<std::string>(), decision);
  const std::string id = r["id"].as<std::string>();
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{16}"))) << id;
  EXPECT_EQ(audit_id_of(path), id) << path;
  const std::string time = r["time"].as<std::string>();
  ASSERT_TRUE(std::regex_match(time, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << time;
  // The file name carries the compact time: 2026-11-23T19:15:02Z -> 20261123T191502Z.
  std::string compact = time;
  compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
  compact.erase(std::remove(compact.begin(), compact.end(), ':'), compact.end());
  EXPECT_NE(path.find("/" + compact + "-"), std::string::npos) << path << " vs " << time;
}

struct GateResult {
  std::string app, model, version, metric, op;
  std::string threshold, actual;  // "null" for null
  bool relative, passed, waived;
};

std::string or_null(const YAML::Node& n) { return n.IsNull() ? "null" : n.as<std::string>(); }

void expect_gate(const YAML::Node& g, const GateResult& want) {
  SCOPED_TRACE(want.app + " " + want.metric);
  EXPECT_EQ(g["app"].as<std::string>(), want.app);
  EXPECT_EQ(g["model"].as<std::string>(), want.model);
  EXPECT_EQ(g["version"].as<std::string>(), want.version);
  EXPECT_EQ(g["metric"].as<std::string>(), want.metric);
  EXPECT_EQ(g["op"].as<std::string>(), want.op);
  EXPECT_EQ(or_null(g["threshold"]), want.threshold);
  EXPECT_EQ(or_null(g["actual"]), want.actual);
  EXPECT_EQ(g["relative"].as<bool>(), want.relative);
  EXPECT_EQ(g["passed"].as<bool>(), want.passed);
  EXPECT_EQ(g["waived"].as<bool>(), want.waived);
  EXPECT_FALSE(g["reason"].as<std::string>().empty());
}

#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output
#define EXPECT_CONTAINS(text, what) EXPECT_NE((text).find(what), std::string::npos) << "expected: " << (what) << "\n" << (text)
#define EXPECT_LACKS(text, what) EXPECT_EQ((text).find(what), std::string::npos) << "unexpected: " << (what) << "\n" << (text)

// ---------------------------------------------------------------------------------------------

TEST(PromotionE2E, BundleThroughDevStagingProdWithHoldRollbackApprovalImportAndWithdrawal) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("promotion-bundle");
  ws.write_file("main.tf", main_tf());

  // 1. Root, registry records and dev at version 1 (the root must be committed before a
  //    promotion is planned).
  CommandResult setup = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(setup);
  EXPECT_EQ(deployed_model(ws, "ml", "dev", "fraud"), "azureml:fraud:1");

  // 2. dev -> staging: the plan shows the decision; the apply records it and the staging apps
  //    follow approved_versions.
  ws.write_file("staging.tf", staging_tf());
  CommandResult staged = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(staged);
  EXPECT_TRUE(plan_shows(staged.output, "status", "\"promoted\"")) << staged.output;
  EXPECT_TRUE(plan_shows(staged.output, "rollback", "false")) << staged.output;
  EXPECT_CONTAINS(staged.output, "+ order             = [\n          + \"features\",\n          + \"fraud\",\n        ]");
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "features"), "azureml:features:1");
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "fraud"), "azureml:fraud:1");
  std::vector<std::string> audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 1u);
  const std::string first_staging = audits[0];
  {
    SCOPED_TRACE("audit record of dev -> staging");
    YAML::Node r = audit(ws, first_staging);
    expect_audit_header(r, first_staging, "promoted");
    EXPECT_EQ(first_staging.rfind("audit/ml/", 0), 0u) << first_staging;
    EXPECT_EQ(r["actor"].as<std::string>(), "terraform");
    EXPECT_EQ(r["actor_email"].as<std::string>(), "terraform@localhost");
    EXPECT_EQ(r["root"].as<std::string>(), "ml");
    EXPECT_EQ(r["from"].as<std::string>(), "dev");
    EXPECT_EQ(r["to"].as<std::string>(), "staging");
    EXPECT_EQ(string_map(r["requested"]), (StringMap{{"features", "1"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_before"]), StringMap{});
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "1"}, {"fraud", "1"}}));
    EXPECT_FALSE(r["rollback"].as<bool>());
    EXPECT_EQ(r["rolled_back_apps"].size(), 0u);
    EXPECT_EQ(r["skipped_environments"].size(), 0u);
    EXPECT_FALSE(r["allow_skip"].as<bool>());
    EXPECT_EQ(r["on_gate_failure"].as<std::string>(), "error");
    EXPECT_TRUE(r["approval"].IsNull());
    ASSERT_EQ(r["gate_config"].size(), 2u);
    const YAML::Node g0 = r["gate_config"][0], g1 = r["gate_config"][1];
    EXPECT_EQ(g0["app"].as<std::string>(), "");
    EXPECT_EQ(g0["metric"].as<std::string>(), "auc");
    EXPECT_EQ(g0["op"].as<std::string>(), ">=");
    EXPECT_EQ(g0["value"].as<std::string>(), "0.9");
    EXPECT_FALSE(g0["not_worse_than_target"].as<bool>());
    EXPECT_EQ(g0["tolerance"].as<std::string>(), "0");
    EXPECT_EQ(g1["metric"].as<std::string>(), "latency_p95_ms");
    EXPECT_EQ(g1["op"].as<std::string>(), "<=");
    EXPECT_EQ(g1["value"].as<std::string>(), "100");
    EXPECT_TRUE(g1["not_worse_than_target"].as<bool>());
    EXPECT_EQ(g1["tolerance"].as<std::string>(), "5");
    // By gate, then app, then check (gate[1] has a value and a comparison with the target: two
    // checks per app); numbers are exact decimal strings.
    ASSERT_EQ(r["gates"].size(), 6u);
    expect_gate(r["gates"][0], {"features", "features", "1", "auc", ">=", "0.9", "0.95", false, true, false});
    expect_gate(r["gates"][1], {"fraud", "fraud", "1", "auc", ">=", "0.9", "0.92", false, true, false});
    expect_gate(r["gates"][2], {"features", "features", "1", "latency_p95_ms", "<=", "100", "20", false, true, false});
    expect_gate(r["gates"][3], {"features", "features", "1", "latency_p95_ms", "<=", "null", "20", true, true, false});
    expect_gate(r["gates"][4], {"fraud", "fraud", "1", "latency_p95_ms", "<=", "100", "71", false, true, false});
    expect_gate(r["gates"][5], {"fraud", "fraud", "1", "latency_p95_ms", "<=", "null", "71", true, true, false});
    EXPECT_EQ(r["gates"][5]["target_version"].as<std::string>(), "") << "nothing ran in staging";
    EXPECT_TRUE(r["gates"][5]["target_value"].IsNull());
    EXPECT_EQ(r["gates"][5]["tolerance"].as<std::string>(), "5");
    EXPECT_TRUE(r["gates"][1]["tolerance"].IsNull());
    EXPECT_TRUE(r["gates"][1]["target_value"].IsNull());
    // One commit with the subject and trailers of the contract.
    CommandResult msg = ws.git("log -1 --format=%B main -- " + first_staging);
    EXPECT_CONTAINS(msg.output, "Promote features 1, fraud 1 from dev to staging (ml)");
    EXPECT_CONTAINS(msg.output, "Audit record: " + first_staging);
    EXPECT_CONTAINS(msg.output, "Appofapps-Resource: appofapps_promotion/ml/dev-staging");
    EXPECT_CONTAINS(msg.output, "Appofapps-Environment: staging");
    EXPECT_CONTAINS(msg.output, "Appofapps-Actor: terraform <terraform@localhost>");
  }

  // 3. dev moves to version 2. The staging promotion's configuration is unchanged, so it is not
  //    decided again (it would now fail: version 1 is no longer live in dev).
  ws.write_file("terraform.tfvars", "dev_versions = { features = \"2\", fraud = \"2\" }\n");
  CommandResult dev2 = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(dev2);
  EXPECT_LACKS(dev2.output, "appofapps_promotion.staging will be");
  EXPECT_CONTAINS(dev2.output, "Resources: 0 added, 2 changed, 0 destroyed.");
  EXPECT_EQ(audit_files(ws).size(), 1u);
  EXPECT_EQ(deployed_model(ws, "ml", "dev", "fraud"), "azureml:fraud:2");

  // 4. Promote 2 with a bar fraud 2 (auc 0.94) does not clear, on_gate_failure = "hold": the plan
  //    warns, the decision is "held", staging keeps its versions and the apply records "held".
  ws.write_file("terraform.tfvars", "dev_versions = { features = \"2\", fraud = \"2\" }\n"
                                    "stg_versions = { features = \"2\", fraud = \"2\" }\n"
                                    "min_auc = 0.95\non_gate_failure = \"hold\"\n");
  CommandResult held = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(held);
  EXPECT_CONTAINS(held.output, "Warning: Promotion to staging held: 1 gate check(s) failed");
  EXPECT_CONTAINS(held.output, "gate[0] \"fraud\" (fraud 2)");
  EXPECT_TRUE(plan_shows(held.output, "status", "\"held\"")) << held.output;
  EXPECT_LACKS(held.output, "appofapps_app.features_staging will be");
  EXPECT_LACKS(held.output, "appofapps_app.fraud_staging will be");
  EXPECT_CONTAINS(held.output, "staging_approved = tomap({\n  \"features\" = \"1\"\n  \"fraud\" = \"1\"\n})");
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "fraud"), "azureml:fraud:1");
  audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 2u);
  {
    SCOPED_TRACE("held record");
    YAML::Node r = audit(ws, audits[0]);
    expect_audit_header(r, audits[0], "held");
    EXPECT_EQ(string_map(r["requested"]), (StringMap{{"features", "2"}, {"fraud", "2"}}));
    EXPECT_EQ(string_map(r["versions_before"]), (StringMap{{"features", "1"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "1"}, {"fraud", "1"}}));
    EXPECT_EQ(r["on_gate_failure"].as<std::string>(), "hold");
    EXPECT_FALSE(r["rollback"].as<bool>());
    ASSERT_EQ(r["gates"].size(), 6u);
    expect_gate(r["gates"][0], {"features", "features", "2", "auc", ">=", "0.95", "0.96", false, true, false});
    expect_gate(r["gates"][1], {"fraud", "fraud", "2", "auc", ">=", "0.95", "0.94", false, false, false});
    // Relative to what staging runs: fraud 1 has latency 71, plus tolerance 5.
    expect_gate(r["gates"][5], {"fraud", "fraud", "2", "latency_p95_ms", "<=", "76", "74", true, true, false});
    EXPECT_EQ(r["gates"][5]["target_version"].as<std::string>(), "1");
    EXPECT_EQ(r["gates"][5]["target_value"].as<std::string>(), "71");
    EXPECT_EQ(r["gates"][5]["tolerance"].as<std::string>(), "5");
    EXPECT_CONTAINS(ws.git("log -1 --format=%s main -- " + audits[0]).output,
                    "Hold staging at features 1, fraud 1 (ml, gates failed)");
  }

  // 5. The gates pass: staging moves to 2.
  ws.write_file("terraform.tfvars", "dev_versions = { features = \"2\", fraud = \"2\" }\n"
                                    "stg_versions = { features = \"2\", fraud = \"2\" }\n");
  CommandResult promoted2 = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(promoted2);
  EXPECT_TRUE(plan_shows(promoted2.output, "status", "\"promoted\"")) << promoted2.output;
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "features"), "azureml:features:2");
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "fraud"), "azureml:fraud:2");
  audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 3u);
  {
    YAML::Node r = audit(ws, audits[0]);
    expect_audit_header(r, audits[0], "promoted");
    EXPECT_EQ(string_map(r["versions_before"]), (StringMap{{"features", "1"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "2"}, {"fraud", "2"}}));
  }

  // 6. Roll fraud back to 1. dev runs fraud 2 and fraud 1 misses a bar of 0.93, but the history
  //    shows 1 promoted to staging before: allowed, gate failure waived, rollback = true.
  ws.write_file("terraform.tfvars", "dev_versions = { features = \"2\", fraud = \"2\" }\n"
                                    "stg_versions = { features = \"2\", fraud = \"1\" }\n"
                                    "min_auc = 0.93\n");
  CommandResult rolled = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(rolled);
  EXPECT_CONTAINS(rolled.output, "Warning: Rollback of \"fraud\" in staging: 2 → 1");
  EXPECT_TRUE(plan_shows(rolled.output, "rollback", "true")) << rolled.output;
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "fraud"), "azureml:fraud:1");
  EXPECT_EQ(deployed_model(ws, "ml", "staging", "features"), "azureml:features:2");
  audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 4u);
  const std::string rollback_audit = audits[0];
  {
    SCOPED_TRACE("rollback record");
    YAML::Node r = audit(ws, audits[0]);
    expect_audit_header(r, audits[0], "promoted");
    EXPECT_TRUE(r["rollback"].as<bool>());
    EXPECT_EQ(string_list(r["rolled_back_apps"]), std::vector<std::string>{"fraud"});
    EXPECT_EQ(string_map(r["versions_before"]), (StringMap{{"features", "2"}, {"fraud", "2"}}));
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    ASSERT_EQ(r["gates"].size(), 6u);
    expect_gate(r["gates"][1], {"fraud", "fraud", "1", "auc", ">=", "0.93", "0.92", false, false, true});
    EXPECT_CONTAINS(ws.git("log -1 --format=%s main -- " + audits[0]).output,
                    "Roll back features 2, fraud 1 from dev to staging (ml)");
  }

  // 7. staging -> prod, plan-only refusals against the applied setup.
  ws.write_file("prod.tf", prod_tf());
  CommandResult no_approval = ws.terraform("plan -no-color");
  EXPECT_EQ(no_approval.exit_code, 1) << no_approval.output;
  EXPECT_CONTAINS(no_approval.output, "Error: prod is protected: an approval is required");

  const std::string approval = " -var 'approval={approved_by=\"alice@example.com\",ticket=\"CHG-1234\"}'";
  CommandResult skip = ws.terraform("plan -no-color -var prod_from=dev" + approval);
  EXPECT_EQ(skip.exit_code, 1) << skip.output;
  EXPECT_CONTAINS(skip.output, "Error: Promotion from \"dev\" to \"prod\" skips staging");
  EXPECT_CONTAINS(skip.output, "to = \"prod\"") << "the diagnostic points at `to`";

  CommandResult skip_allowed = ws.terraform("plan -no-color -var prod_from=dev -var prod_allow_skip=true" + approval);
  EXPECT_EQ(skip_allowed.exit_code, 0) << skip_allowed.output;
  EXPECT_TRUE(plan_shows(skip_allowed.output, "status", "\"promoted\"")) << skip_allowed.output;
  EXPECT_CONTAINS(skip_allowed.output, "+ approved_versions = {\n          + \"features\" = \"2\"\n          + \"fraud\"    = \"2\"");

  // Only fraud, which depends on features; prod does not run features at all.
  CommandResult missing_dep = ws.terraform("plan -no-color -var 'prod_versions={fraud=\"1\"}'" + approval);
  EXPECT_EQ(missing_dep.exit_code, 1) << missing_dep.output;
  EXPECT_CONTAINS(missing_dep.output, "Error: \"fraud\" depends on \"features\", which prod does not run at version 2");
  EXPECT_CONTAINS(missing_dep.output, "versions = var.prod_versions") << "the diagnostic points at `versions`";
  EXPECT_EQ(audit_files(ws).size(), 4u) << "plans write nothing";

  // 8. With the approval: prod gets what staging runs (data.appofapps_environment).
  const std::string tfvars = "dev_versions = { features = \"2\", fraud = \"2\" }\n"
                             "stg_versions = { features = \"2\", fraud = \"1\" }\nmin_auc = 0.93\n" +
                             std::string(kApproval) + "\n";
  ws.write_file("terraform.tfvars", tfvars);
  CommandResult prod = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(prod);
  EXPECT_CONTAINS(prod.output, "source_versions = tomap({\n  \"features\" = \"2\"\n  \"fraud\" = \"1\"\n})");
  EXPECT_EQ(deployed_model(ws, "ml", "prod", "features"), "azureml:features:2");
  EXPECT_EQ(deployed_model(ws, "ml", "prod", "fraud"), "azureml:fraud:1");
  audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 5u);
  const std::string prod_audit = audits[0];
  {
    SCOPED_TRACE("prod record");
    YAML::Node r = audit(ws, prod_audit);
    expect_audit_header(r, prod_audit, "promoted");
    EXPECT_EQ(r["from"].as<std::string>(), "staging");
    EXPECT_EQ(r["to"].as<std::string>(), "prod");
    EXPECT_EQ(r["actor"].as<std::string>(), "alice@example.com");
    EXPECT_EQ(r["actor_email"].as<std::string>(), "");
    EXPECT_EQ(r["approval"]["approved_by"].as<std::string>(), "alice@example.com");
    EXPECT_EQ(r["approval"]["ticket"].as<std::string>(), "CHG-1234");
    EXPECT_EQ(string_map(r["requested"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_before"]), StringMap{});
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    ASSERT_EQ(r["gate_config"].size(), 1u);
    ASSERT_EQ(r["gates"].size(), 2u);
    CommandResult msg = ws.git("log -1 --format=%B main -- " + prod_audit);
    EXPECT_CONTAINS(msg.output, "Promote features 2, fraud 1 from staging to prod (ml)");
    EXPECT_CONTAINS(msg.output, "Appofapps-Resource: appofapps_promotion/ml/staging-prod");
    EXPECT_CONTAINS(msg.output, "Appofapps-Actor: alice@example.com\n");
  }

  // 9. Import: promotions by <root>/<audit_id> (gate blocks from gate_config, with the comparison
  //    with the target and its tolerance; approval from the record), the model version by
  //    <model>/<version>; the next plan is empty.
  ASSERT_RUN_OK(ws.terraform("state rm appofapps_promotion.prod appofapps_promotion.staging appofapps_model_version.fraud_2"));
  CommandResult imported = ws.terraform("import -no-color appofapps_promotion.prod ml/" + audit_id_of(prod_audit));
  ASSERT_RUN_OK(imported);
  CommandResult imported_staging =
      ws.terraform("import -no-color appofapps_promotion.staging ml/" + audit_id_of(rollback_audit));
  ASSERT_RUN_OK(imported_staging);
  CommandResult imported_mv = ws.terraform("import -no-color appofapps_model_version.fraud_2 fraud/2");
  ASSERT_RUN_OK(imported_mv);
  CommandResult clean = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(clean.exit_code, 0) << clean.output;

  // 10. A model version is evidence: changing its metrics replaces it, tags change in place.
  CommandResult metrics = ws.terraform("plan -no-color -var fraud2_auc=0.97");
  EXPECT_EQ(metrics.exit_code, 0) << metrics.output;
  EXPECT_CONTAINS(metrics.output, "appofapps_model_version.fraud_2 must be replaced");
  EXPECT_CONTAINS(metrics.output, "# forces replacement");
  CommandResult tags = ws.terraform("plan -no-color -var 'fraud2_tags={team=\"risk\"}'");
  EXPECT_EQ(tags.exit_code, 0) << tags.output;
  EXPECT_CONTAINS(tags.output, "appofapps_model_version.fraud_2 will be updated in-place");
  EXPECT_LACKS(tags.output, "must be replaced");

  ws.write_file("terraform.tfvars", tfvars + "fraud2_auc = 0.97\n");
  CommandResult replaced = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(replaced);
  EXPECT_CONTAINS(replaced.output, "Resources: 1 added, 0 changed, 1 destroyed.");
  CommandResult subjects = ws.git("log -2 --format=%s main");
  EXPECT_EQ(subjects.output, "Register appofapps_model_version fraud 2\nDelete appofapps_model_version fraud 2\n");
  YAML::Node record = YAML::Load(ws.git("show main:registry/fraud/2.yaml").output);
  EXPECT_EQ(record["metrics"]["auc"].as<std::string>(), "0.97");
  EXPECT_EQ(record["lineage"]["run_id"].as<std::string>(), "train-fraud-2");
  EXPECT_EQ(audit_files(ws).size(), 5u) << "recorded promotions are not decided again";

  // 11. Removing the promotion (prod's apps keep their versions as literals) withdraws it: one
  //     "withdrawn" record in one commit, no app file changed.
  const std::string tip = ws.git("rev-parse main").output.substr(0, 40);
  ws.write_file("prod.tf", prod_without_promotion_tf());
  CommandResult withdrawn = ws.terraform("apply -auto-approve -no-color");
  ASSERT_RUN_OK(withdrawn);
  EXPECT_CONTAINS(withdrawn.output, "Resources: 0 added, 0 changed, 1 destroyed.");
  audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 6u);
  EXPECT_EQ(ws.git("diff --name-only " + tip + " main").output, audits[0] + "\n") << "only the audit record changed";
  EXPECT_EQ(ws.git("rev-list --count " + tip + "..main").output, "1\n");
  {
    SCOPED_TRACE("withdrawn record");
    YAML::Node r = audit(ws, audits[0]);
    expect_audit_header(r, audits[0], "withdrawn");
    EXPECT_EQ(r["from"].as<std::string>(), "staging");
    EXPECT_EQ(r["to"].as<std::string>(), "prod");
    EXPECT_EQ(r["actor"].as<std::string>(), "terraform") << "the destroying actor, not the approver";
    EXPECT_EQ(string_map(r["requested"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_before"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    EXPECT_EQ(string_map(r["versions_after"]), (StringMap{{"features", "2"}, {"fraud", "1"}}));
    EXPECT_EQ(r["gates"].size(), 0u);
    EXPECT_CONTAINS(ws.git("log -1 --format=%s main").output, "Withdraw promotion staging -> prod (ml)");
  }
  EXPECT_EQ(deployed_model(ws, "ml", "prod", "fraud"), "azureml:fraud:1");
}

// A failed gate (on_gate_failure = "error") is a plan error that names its gate.
TEST(PromotionE2E, FailedGateIsAPlanErrorNamingTheGate) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("promotion-gate-error");
  ws.write_file("main.tf", main_tf());
  ASSERT_RUN_OK(ws.terraform("apply -auto-approve -no-color"));
  ws.write_file("staging.tf", staging_tf());
  // fraud 1 has auc 0.92, features 1 has 0.95: only fraud fails gate[0].
  CommandResult failed = ws.terraform("plan -no-color -var min_auc=0.93");
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_CONTAINS(failed.output, "Error: Gate failed for \"fraud\": auc >= 0.93");
  EXPECT_CONTAINS(failed.output, "auc = 0.92 does not satisfy >= 0.93");
  EXPECT_LACKS(failed.output, "Gate failed for \"features\"");
  EXPECT_LACKS(failed.output, "Warning: Promotion to staging held");
  // The diagnostic's path is gate[0]; Terraform cannot point a snippet into a nested block by a
  // path that ends at the block, so the user must see which gate it is some other way.
  EXPECT_CONTAINS(failed.output, "gate[0]") << "the failed gate must be identifiable in terraform's output";
  EXPECT_EQ(audit_files(ws).size(), 0u);
}

// examples/platform as documented: fmt, get, validate, then dev, staging and prod each in its
// own Terraform workspace with its tfvars.
TEST(PromotionE2E, PlatformExampleAppliesPerEnvironment) {
  AOA_REQUIRE_TERRAFORM();
  namespace fs = std::filesystem;
  TerraformWorkspace ws("promotion-platform");
  const fs::path source = fs::path(AOA_SOURCE_DIR) / "examples" / "platform";
  for (const auto& entry : fs::recursive_directory_iterator(source)) {
    const fs::path rel = fs::relative(entry.path(), source);
    const std::string top = rel.begin()->string();
    if (top == "gitops" || top.rfind(".terraform", 0) == 0 || top.rfind("terraform.tfstate", 0) == 0) continue;
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      ws.write_file(rel.string(), ss.str());
    }
  }
  CommandResult fmt = ws.terraform("fmt -check -recursive -no-color");
  EXPECT_EQ(fmt.exit_code, 0) << "unformatted: " << fmt.output;
  // validate needs the local module installed: `terraform get` first (no init with dev_overrides).
  ASSERT_RUN_OK(ws.terraform("get -no-color"));
  CommandResult validate = ws.terraform("validate -no-color");
  EXPECT_EQ(validate.exit_code, 0) << validate.output;
  EXPECT_CONTAINS(validate.output, "Success! The configuration is valid");

  for (const std::string env : {"dev", "staging", "prod"}) {
    SCOPED_TRACE(env);
    CommandResult r = ws.terraform("workspace select -or-create -no-color " + env + " && terraform apply "
                                   "-auto-approve -no-color -var-file=" + env + ".tfvars");
    ASSERT_RUN_OK(r);
  }

  const std::string root = "ml-platform";
  const StringMap models{{"features", "feature-pipeline"}, {"fraud", "fraud-scorer"}};
  const StringMap versions{{"features", "7"}, {"fraud", "12"}};
  for (const std::string env : {"dev", "staging", "prod"}) {
    for (const auto& [app, model] : models) {
      SCOPED_TRACE(env + "/" + app);
      CommandResult manifest = ws.git("show main:apps/" + root + "/" + env + "/" + app + ".yaml");
      ASSERT_RUN_OK(manifest);
      YAML::Node doc = YAML::Load(manifest.output);
      EXPECT_EQ(doc["metadata"]["labels"]["appofapps.io/environment"].as<std::string>(), env);
      EXPECT_EQ(doc["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"].as<std::string>(),
                app == "fraud" ? "1" : "0");
      EXPECT_EQ(deployed_model(ws, root, env, app), "azureml:" + model + ":" + versions.at(app));
    }
  }
  YAML::Node prod_fraud = YAML::Load(ws.git("show main:workloads/" + root + "/prod/fraud/deployment-blue.yaml").output);
  EXPECT_EQ(prod_fraud["instance_count"].as<int>(), 3);

  std::vector<std::string> audits = audit_files(ws);
  ASSERT_EQ(audits.size(), 2u);
  std::map<std::string, YAML::Node> by_target;
  for (const auto& path : audits) {
    YAML::Node r = audit(ws, path);
    expect_audit_header(r, path, "promoted");
    by_target[r["to"].as<std::string>()] = r;
  }
  ASSERT_EQ(by_target.count("staging"), 1u);
  ASSERT_EQ(by_target.count("prod"), 1u);
  const YAML::Node staging = by_target["staging"], prod = by_target["prod"];
  EXPECT_EQ(staging["from"].as<std::string>(), "dev");
  EXPECT_TRUE(staging["approval"].IsNull());
  EXPECT_EQ(staging["actor"].as<std::string>(), "terraform");
  EXPECT_EQ(string_map(staging["versions_after"]), versions);
  EXPECT_EQ(prod["from"].as<std::string>(), "staging");
  EXPECT_EQ(prod["approval"]["approved_by"].as<std::string>(), "alice@example.com");
  EXPECT_EQ(prod["approval"]["ticket"].as<std::string>(), "CHG-1234");
  EXPECT_EQ(prod["actor"].as<std::string>(), "alice@example.com");
  EXPECT_EQ(string_map(prod["requested"]), versions);
  EXPECT_EQ(string_map(prod["versions_after"]), versions);
  ASSERT_EQ(prod["gate_config"].size(), 2u);
  EXPECT_EQ(prod["gate_config"][0]["value"].as<std::string>(), "0.92");
  EXPECT_EQ(prod["gate_config"][1]["value"].as<std::string>(), "80");
  // auc for two apps, latency (a threshold and a comparison with prod) for two apps; all passed.
  ASSERT_EQ(prod["gates"].size(), 6u);
  for (const auto& g : prod["gates"]) EXPECT_TRUE(g["passed"].as<bool>()) << g["reason"].as<std::string>();
  // Each workspace keeps its own state.
  for (const std::string env : {"dev", "staging", "prod"})
    EXPECT_TRUE(fs::exists(fs::path(ws.dir()) / "terraform.tfstate.d" / env / "terraform.tfstate")) << env;
}

}  // namespace
}  // namespace aoa::e2e
