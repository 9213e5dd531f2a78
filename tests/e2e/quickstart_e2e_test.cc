// The quickstart as a new user runs it (examples/quickstart, the embedded ./gitops): one plan that
// shows the whole story (the dev waves, a promotion that passes, one that is held, the schedule's
// next runs), one apply of all of it, the files it writes, a clean second plan, and the `graph`
// command on the result with its default repository. And every example of examples/: formatted,
// valid, and one per resource and data source.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/e2e/terraform_harness.h"

namespace aoa::e2e {
namespace {
namespace fs = std::filesystem;

#define ASSERT_RUN_OK(result) ASSERT_EQ((result).exit_code, 0) << (result).output
#define EXPECT_CONTAINS(text, what) EXPECT_NE((text).find(what), std::string::npos) << "expected: " << (what) << "\n" << (text)

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kExamples = fs::path(AOA_SOURCE_DIR) / "examples";

std::string app_field(const TerraformWorkspace& ws, const std::string& env, const std::string& app,
                      const std::string& annotation) {
  CommandResult show = ws.git("show main:apps/ml-platform/" + env + "/" + app + ".yaml");
  if (show.exit_code != 0) return "<missing>";
  YAML::Node doc = YAML::Load(show.output);
  return doc["metadata"]["annotations"][annotation].as<std::string>("<none>");
}

TEST(QuickstartE2E, OneApplyTellsTheWholeStoryAndASecondPlanIsEmpty) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("quickstart");
  ws.write_file("main.tf", slurp(kExamples / "quickstart/main.tf"));

  // The plan already tells the story.
  CommandResult plan = ws.terraform("plan -no-color -out=story.tfplan");
  ASSERT_RUN_OK(plan);
  EXPECT_CONTAINS(plan.output, "Plan: 17 to add, 0 to change, 0 to destroy.");
  EXPECT_CONTAINS(plan.output, "\"features\" = 0");  // appofapps_release.dev: the waves, known at plan
  EXPECT_CONTAINS(plan.output, "\"fraud\"    = 1");
  EXPECT_CONTAINS(plan.output, "\"report\"   = 2");
  EXPECT_CONTAINS(plan.output, "status            = \"promoted\"");
  EXPECT_CONTAINS(plan.output, "status            = \"held\"");
  EXPECT_CONTAINS(plan.output, "Warning: Promotion to prod held: 1 gate check(s) failed");
  EXPECT_CONTAINS(plan.output, "auc");
  EXPECT_CONTAINS(plan.output, "Next runs of");  // the schedule's next runs, as a note

  // One apply, of that plan.
  CommandResult apply = ws.terraform("apply -no-color story.tfplan");
  ASSERT_RUN_OK(apply);
  EXPECT_CONTAINS(apply.output, "Apply complete! Resources: 17 added, 0 changed, 0 destroyed.");

  // The files of the story.
  for (const std::string f :
       {"roots/ml-platform/dev.yaml", "roots/ml-platform/staging.yaml", "roots/ml-platform/prod.yaml",
        "registry/feature-pipeline/7.yaml", "registry/fraud-scorer/11.yaml", "registry/fraud-scorer/12.yaml",
        "registry/fraud-report/3.yaml", "apps/ml-platform/dev/features.yaml", "apps/ml-platform/dev/fraud.yaml",
        "apps/ml-platform/dev/report.yaml", "apps/ml-platform/staging/report.yaml", "apps/ml-platform/prod/fraud.yaml",
        "workloads/ml-platform/dev/fraud/endpoint.yaml", "schedules/ml-platform/prod/fraud/nightly.yaml"}) {
    EXPECT_EQ(ws.git("cat-file -e main:" + f).exit_code, 0) << f << " is not in the repository";
  }
  for (const std::string env : {"dev", "staging"}) {
    EXPECT_EQ(app_field(ws, env, "features", "argocd.argoproj.io/sync-wave"), "0") << env;
    EXPECT_EQ(app_field(ws, env, "fraud", "argocd.argoproj.io/sync-wave"), "1") << env;
    EXPECT_EQ(app_field(ws, env, "report", "argocd.argoproj.io/sync-wave"), "2") << env;
  }
  EXPECT_EQ(app_field(ws, "prod", "fraud", "argocd.argoproj.io/sync-wave"), "1");

  // Two decisions, one audit record each: staging promoted to fraud-scorer 12, prod held at 11.
  CommandResult audits = ws.git("ls-tree --name-only main audit/ml-platform/");
  ASSERT_RUN_OK(audits);
  std::map<std::string, nlohmann::json> by_target;
  std::istringstream paths(audits.output);
  for (std::string path; std::getline(paths, path);) {
    const auto record = nlohmann::json::parse(ws.git("show main:" + path).output);
    by_target[record["to"].get<std::string>()] = record;
  }
  ASSERT_EQ(by_target.size(), 2u) << audits.output;
  EXPECT_EQ(by_target["staging"]["decision"], "promoted");
  EXPECT_EQ(by_target["staging"]["versions_after"]["fraud"], "12");
  EXPECT_EQ(by_target["prod"]["decision"], "held");
  EXPECT_EQ(by_target["prod"]["versions_after"]["fraud"], "11");
  EXPECT_EQ(by_target["prod"]["approval"]["ticket"], "CHG-1234");

  CommandResult outputs = ws.terraform("output -json");
  ASSERT_RUN_OK(outputs);
  const auto out = nlohmann::json::parse(outputs.output);
  EXPECT_EQ(out["dev_waves"]["value"], nlohmann::json::parse(R"({"features":0,"fraud":1,"report":2})"));
  EXPECT_EQ(out["staging_promotion"]["value"]["status"], "promoted");
  EXPECT_EQ(out["prod_promotion"]["value"]["status"], "held");
  EXPECT_EQ(out["prod_promotion"]["value"]["approved"]["fraud"], "11");
  EXPECT_EQ(out["fraud_nightly_next_runs"]["value"].size(), 5u);

  // Nothing left to do.
  CommandResult again = ws.terraform("plan -detailed-exitcode -no-color");
  EXPECT_EQ(again.exit_code, 0) << again.output;

  // The graph of what was applied, from the embedded repository next to the configuration.
  CommandResult graph = run(std::string(AOA_PROVIDER_DIR) +
                                "/terraform-provider-appofapps graph --root ml-platform --environment staging "
                                "--format mermaid",
                            ws.dir());
  ASSERT_RUN_OK(graph);
  EXPECT_CONTAINS(graph.output, "flowchart LR");
  EXPECT_CONTAINS(graph.output, "app_fraud[\"fraud<br/>fraud-scorer:12<br/>owner: risk-ml\"]");
  EXPECT_CONTAINS(graph.output, "subgraph wave_2[\"wave 2\"]");
  EXPECT_CONTAINS(graph.output, "app_fraud --> app_report");
  CommandResult json = run(std::string(AOA_PROVIDER_DIR) +
                               "/terraform-provider-appofapps graph --root ml-platform --environment prod --format json",
                           ws.dir());
  ASSERT_RUN_OK(json);
  const auto prod = nlohmann::json::parse(json.output);
  EXPECT_EQ(prod["apps"]["fraud"]["version"], "11");
  EXPECT_EQ(prod["apps"]["fraud"]["owner"], "risk-ml");
  EXPECT_EQ(prod["apps"]["features"]["model"], "feature-pipeline");
}

// --- every example -------------------------------------------------------------------------

TEST(ExamplesE2E, AllExamplesAreFormatted) {
  AOA_REQUIRE_TERRAFORM();
  TerraformWorkspace ws("examples-fmt");
  CommandResult fmt = ws.terraform("fmt -check -recursive -diff -no-color '" + kExamples.string() + "'");
  EXPECT_EQ(fmt.exit_code, 0) << "run `terraform fmt -recursive examples`:\n" << fmt.output;
}

// The HCL a snippet of a documentation page needs around it to be a configuration: the
// provider's source address, and the objects it refers to by address without declaring them.
std::string context_for(const std::string& snippet) {
  std::string out;
  if (snippet.find("required_providers") == std::string::npos)
    out += "terraform {\n  required_providers {\n    appofapps = { source = \"appofapps/appofapps\" }\n  }\n}\n";
  const bool declares_root = snippet.find("resource \"appofapps_root\" \"platform\"") != std::string::npos;
  if (snippet.find("appofapps_root.platform") != std::string::npos && !declares_root)
    out += slurp(kExamples / "resources/appofapps_root/resource.tf");
  if (snippet.find("appofapps_app.fraud_prod") != std::string::npos &&
      snippet.find("resource \"appofapps_app\" \"fraud_prod\"") == std::string::npos)
    out += R"(
resource "appofapps_app" "fraud_prod" {
  root        = "ml-platform"
  environment = "prod"
  name        = "fraud"
  owner       = "risk-ml"
  namespace   = "fraud"
  model {
    name    = "fraud-scorer"
    version = "12"
  }
}
)";
  return out;
}

void expect_valid(const TerraformWorkspace& ws, const std::string& what) {
  CommandResult validate = ws.terraform("validate -no-color");
  EXPECT_EQ(validate.exit_code, 0) << what << ":\n" << validate.output;
  EXPECT_NE(validate.output.find("Success! The configuration is valid"), std::string::npos) << what << validate.output;
}

TEST(ExamplesE2E, EverySnippetValidates) {
  AOA_REQUIRE_TERRAFORM();
  std::vector<fs::path> snippets;
  for (const std::string dir : {"resources", "data-sources", "functions"})
    for (const auto& entry : fs::recursive_directory_iterator(kExamples / dir))
      if (entry.path().extension() == ".tf") snippets.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(kExamples / "provider"))
    if (entry.path().extension() == ".tf") snippets.push_back(entry.path());
  std::sort(snippets.begin(), snippets.end());
  ASSERT_GE(snippets.size(), 15u);
  int n = 0;
  for (const fs::path& file : snippets) {
    const std::string rel = fs::relative(file, kExamples).string();
    SCOPED_TRACE(rel);
    TerraformWorkspace ws("examples-validate-" + std::to_string(n++));
    const std::string snippet = slurp(file);
    ws.write_file("main.tf", snippet);
    ws.write_file("context.tf", context_for(snippet));
    expect_valid(ws, rel);
  }
}

TEST(ExamplesE2E, EveryConfigurationValidates) {
  AOA_REQUIRE_TERRAFORM();
  for (const std::string example : {"quickstart", "schedules", "app-catalog", "platform"}) {
    SCOPED_TRACE(example);
    TerraformWorkspace ws("examples-config-" + example);
    CommandResult cp = run("cp -r '" + (kExamples / example).string() + "/.' . && rm -rf gitops .terraform terraform.tfstate*",
                           ws.dir());
    ASSERT_RUN_OK(cp);
    ASSERT_RUN_OK(ws.terraform("get -no-color"));  // local modules only
    expect_valid(ws, example);
  }
}

TEST(ExamplesE2E, EveryResourceHasAnExampleAndAnImportCommandAndEveryDataSourceAnExample) {
  const auto schema = nlohmann::json::parse(slurp(fs::path(AOA_SOURCE_DIR) / "tests/e2e/golden/providers-schema.json"));
  const auto& provider = schema["provider_schemas"]["registry.terraform.io/appofapps/appofapps"];
  ASSERT_FALSE(provider.is_null());
  std::set<std::string> resources;
  for (const auto& [type, _] : provider["resource_schemas"].items()) {
    resources.insert(type);
    SCOPED_TRACE(type);
    const fs::path dir = kExamples / "resources" / type;
    EXPECT_TRUE(fs::exists(dir / "resource.tf"));
    const std::string import = slurp(dir / "import.sh");
    EXPECT_EQ(import.rfind("terraform import " + type + ".", 0), 0u) << "import.sh: " << import;
  }
  EXPECT_EQ(resources.size(), 6u);
  for (const auto& [type, _] : provider["data_source_schemas"].items())
    EXPECT_TRUE(fs::exists(kExamples / "data-sources" / type / "data-source.tf")) << type;
  for (const auto& entry : fs::directory_iterator(kExamples / "resources"))
    EXPECT_EQ(resources.count(entry.path().filename().string()), 1u) << entry.path() << " is not a resource type";
}

}  // namespace
}  // namespace aoa::e2e
