// data "appofapps_rollout" and the `graph` command, over repositories built with gitops::GitStore.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "internal/gitops/git_store.h"
#include "internal/render/child_application.h"
#include "provider/cmd/graph_command.h"
#include "provider/cmd/graph_config.h"
#include "provider/shared/provider_context.h"
#include "provider/shared/environment_apps.h"
#include "provider/data_sources/rollout.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;

bool has_diag(const schema::Diagnostics& d, schema::Severity sev, const std::string& summary,
              const std::optional<AttributePath>& path = std::nullopt) {
  for (const auto& i : d.items())
    if (i.severity == sev && i.summary == summary && (!path || (i.path && *i.path == *path))) return true;
  return false;
}

std::string detail_of(const schema::Diagnostics& d, const std::string& summary) {
  for (const auto& i : d.items())
    if (i.summary == summary) return i.detail;
  return "";
}

struct AppDef {
  std::string name, model;
  std::vector<std::string> depends_on;
  int wave;
  std::string owner = "team-ml";
};

class RolloutAndGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aoa-rollout-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    repo_ = dir_ + "/gitops";
    gitops::StoreConfig sc;
    sc.location = repo_;
    store_ = std::make_unique<gitops::GitStore>(sc);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string child(const AppDef& a, const std::string& root = "ml", const std::string& env = "dev") const {
    render::ChildApplicationSpec s;
    s.root = root;
    s.environment = env;
    s.app = a.name;
    s.owner = a.owner;
    s.cluster = "aks-dev";
    s.namespace_ = a.name + "-ns";
    s.argocd_namespace = "argocd";
    s.repo_url = repo_;
    s.target_revision = "main";
    s.source_path = "workloads/" + root + "/" + env + "/" + a.name;
    s.sync_wave = a.wave;
    s.depends_on = a.depends_on;
    s.model = a.model;
    return render::render_child_application(s).value();
  }

  void commit(std::vector<gitops::FileChange> changes) { store_->commit({std::move(changes), "test\n"}); }

  // roots/ml/dev.yaml + features (0), fraud -> features (1), report -> fraud (2).
  void standard_repository() {
    commit({{"roots/ml/dev.yaml", "# root ml/dev\n"},
            {"apps/ml/dev/features.yaml", child({"features", "feature-store:3", {}, 0, "team-data"})},
            {"apps/ml/dev/fraud.yaml", child({"fraud", "fraud-model:12", {"features"}, 1, "team-risk"})},
            {"apps/ml/dev/report.yaml", child({"report", "report", {"fraud"}, 2})}});
  }

  void make_cycle() {
    commit({{"apps/ml/dev/features.yaml", child({"features", "feature-store:3", {"report"}, 0, "team-data"})}});
  }

  // The data source over a context pointing at the test repository.
  Value read(const std::string& root, const std::string& env, schema::Diagnostics& diags) {
    if (!configured_) {
      auto ctx = std::make_shared<ProviderContext>();
      gitops::StoreConfig sc;
      sc.location = repo_;
      ctx->store = std::make_unique<gitops::GitStore>(sc);
      ctx->repo_url = repo_;
      ctx->branch = "main";
      holder_.set(ctx);
      configured_ = true;
    }
    return ds_.read(config(Value::string(root), Value::string(env)), diags);
  }

  Value config(Value root, Value env) const {
    return Value::object(ds_.schema().block.implied_type(), {{"root", root}, {"environment", env}});
  }

  struct Run {
    int code;
    std::string out, err;
  };
  // Runs `terraform-provider-appofapps graph <args>` in-process with fd 1 and 2 captured.
  Run graph(std::vector<std::string> args) {
    args.insert(args.begin(), {"terraform-provider-appofapps", "graph"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string out_path = dir_ + "/stdout", err_path = dir_ + "/stderr";
    std::fflush(stdout);
    std::fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    int code = run_graph_command(static_cast<int>(args.size()), argv.data());
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    for (int fd : {out_fd, err_fd, saved_out, saved_err}) close(fd);
    return {code, slurp(out_path), slurp(err_path)};
  }

  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::string dir_, repo_;
  std::unique_ptr<gitops::GitStore> store_;
  ContextHolder holder_;
  bool configured_ = false;
  std::shared_ptr<schema::DataSource> ds_ptr_ = make_rollout_data_source(holder_);
  schema::DataSource& ds_ = *ds_ptr_;
};

std::vector<std::string> strings(const Value& list) {
  std::vector<std::string> out;
  for (const auto& v : list.elements()) out.push_back(v.as_string());
  return out;
}

// ---------------------------------------------------------------- data source

TEST_F(RolloutAndGraphTest, SchemaHasArgumentsAndComputedAttributes) {
  const auto& b = ds_.schema().block;
  EXPECT_TRUE(b.find_attribute("root")->required);
  EXPECT_TRUE(b.find_attribute("environment")->required);
  for (const char* a : {"id", "waves", "apps", "commit"}) EXPECT_TRUE(b.find_attribute(a)->computed) << a;
  Type app = b.find_attribute("apps")->type.element();
  EXPECT_EQ(app.attribute("wave"), Type::number());
  EXPECT_EQ(app.attribute("depends_on"), Type::list(Type::string()));
}

TEST_F(RolloutAndGraphTest, ReadGivesWavesVersionsOwners) {
  standard_repository();
  schema::Diagnostics diags;
  Value v = read("ml", "dev", diags);
  ASSERT_TRUE(diags.empty()) << diags.items().front().summary << ": " << diags.items().front().detail;
  EXPECT_EQ(v.attr("id").as_string(), "ml/dev");
  EXPECT_EQ(v.attr("commit").as_string(), store_->tip());
  const auto& waves = v.attr("waves").elements();
  ASSERT_EQ(waves.size(), 3u);
  EXPECT_EQ(strings(waves[0]), std::vector<std::string>{"features"});
  EXPECT_EQ(strings(waves[1]), std::vector<std::string>{"fraud"});
  EXPECT_EQ(strings(waves[2]), std::vector<std::string>{"report"});

  const Value& apps = v.attr("apps");
  ASSERT_EQ(apps.length(), 3u);
  const Value& fraud = apps.entries().at("fraud");
  EXPECT_EQ(fraud.attr("model").as_string(), "fraud-model");
  EXPECT_EQ(fraud.attr("version").as_string(), "12");
  EXPECT_EQ(fraud.attr("wave"), Value::number(int64_t{1}));
  EXPECT_EQ(fraud.attr("owner").as_string(), "team-risk");
  EXPECT_EQ(fraud.attr("namespace").as_string(), "fraud-ns");
  EXPECT_EQ(strings(fraud.attr("depends_on")), std::vector<std::string>{"features"});
  EXPECT_EQ(apps.entries().at("features").attr("owner").as_string(), "team-data");
  EXPECT_EQ(apps.entries().at("features").attr("version").as_string(), "3");
  EXPECT_EQ(apps.entries().at("report").attr("model").as_string(), "report");  // no ':' -> no version
  EXPECT_EQ(apps.entries().at("report").attr("version").as_string(), "");
  EXPECT_EQ(apps.entries().at("report").attr("wave"), Value::number(int64_t{2}));
}

TEST_F(RolloutAndGraphTest, ReadOfRootWithoutAppsIsEmpty) {
  commit({{"roots/ml/dev.yaml", "# root\n"}});
  schema::Diagnostics diags;
  Value v = read("ml", "dev", diags);
  ASSERT_FALSE(diags.has_errors());
  EXPECT_EQ(v.attr("waves").length(), 0u);
  EXPECT_EQ(v.attr("apps").length(), 0u);
}

TEST_F(RolloutAndGraphTest, CycleIsAnErrorWithThePath) {
  standard_repository();
  make_cycle();
  schema::Diagnostics diags;
  read("ml", "dev", diags);
  ASSERT_TRUE(has_diag(diags, schema::Severity::Error, "Dependency cycle", AttributePath::root("environment")));
  EXPECT_NE(detail_of(diags, "Dependency cycle").find("features -> report -> fraud -> features"), std::string::npos)
      << detail_of(diags, "Dependency cycle");
}

TEST_F(RolloutAndGraphTest, MissingRootIsAnErrorOnRoot) {
  standard_repository();
  schema::Diagnostics diags;
  read("other", "dev", diags);
  ASSERT_TRUE(has_diag(diags, schema::Severity::Error, "Root not found", AttributePath::root("root")));
  EXPECT_NE(detail_of(diags, "Root not found").find("roots/other/"), std::string::npos);
}

TEST_F(RolloutAndGraphTest, MissingRepositoryIsRootNotFound) {
  schema::Diagnostics diags;
  read("ml", "dev", diags);
  EXPECT_TRUE(has_diag(diags, schema::Severity::Error, "Root not found", AttributePath::root("root")));
}

TEST_F(RolloutAndGraphTest, UnknownEnvironmentIsAnErrorOnEnvironment) {
  standard_repository();
  schema::Diagnostics diags;
  read("ml", "prod", diags);
  ASSERT_TRUE(has_diag(diags, schema::Severity::Error, "Environment not found", AttributePath::root("environment")));
  EXPECT_NE(detail_of(diags, "Environment not found").find("Its environments: dev."), std::string::npos);
}

TEST_F(RolloutAndGraphTest, UnreadableFilesAreAWarningNamingThem) {
  standard_repository();
  commit({{"apps/ml/dev/junk.yaml", "not: an application\n"},
          {"apps/ml/dev/misplaced.yaml", child({"misplaced", "m:1", {}, 0}, "ml", "prod")}});
  schema::Diagnostics diags;
  Value v = read("ml", "dev", diags);
  ASSERT_FALSE(diags.has_errors());
  ASSERT_TRUE(has_diag(diags, schema::Severity::Warning, "Unreadable files ignored"));
  const std::string d = detail_of(diags, "Unreadable files ignored");
  EXPECT_NE(d.find("apps/ml/dev/junk.yaml"), std::string::npos) << d;
  EXPECT_NE(d.find("apps/ml/dev/misplaced.yaml"), std::string::npos) << d;
  EXPECT_EQ(v.attr("apps").length(), 3u);
}

TEST_F(RolloutAndGraphTest, MissingDependencyIsAWarning) {
  standard_repository();
  commit({{"apps/ml/dev/report.yaml", child({"report", "report:1", {"fraud", "ghost"}, 2})}});
  schema::Diagnostics diags;
  Value v = read("ml", "dev", diags);
  ASSERT_FALSE(diags.has_errors());
  EXPECT_TRUE(has_diag(diags, schema::Severity::Warning, "Missing dependency"));
  EXPECT_EQ(v.attr("apps").entries().at("report").attr("wave"), Value::number(int64_t{2}));
}

TEST_F(RolloutAndGraphTest, ValidateChecksNamesWithPaths) {
  schema::Diagnostics diags;
  ds_.validate(config(Value::string("ML_Platform"), Value::string("dev-")), diags);
  EXPECT_TRUE(has_diag(diags, schema::Severity::Error, "Invalid root", AttributePath::root("root")));
  EXPECT_TRUE(has_diag(diags, schema::Severity::Error, "Invalid environment", AttributePath::root("environment")));

  schema::Diagnostics ok;
  ds_.validate(config(Value::unknown(Type::string()), Value::unknown(Type::string())), ok);
  ds_.validate(config(Value::string("ml"), Value::string("dev")), ok);
  EXPECT_TRUE(ok.empty());

  schema::Diagnostics on_read;  // read validates too, before touching the repository
  read("Bad", "dev", on_read);
  EXPECT_TRUE(has_diag(on_read, schema::Severity::Error, "Invalid root", AttributePath::root("root")));
}

TEST_F(RolloutAndGraphTest, ReadBeforeConfigureIsADiagnostic) {
  schema::Diagnostics diags;
  ds_.read(config(Value::string("ml"), Value::string("dev")), diags);
  EXPECT_TRUE(has_diag(diags, schema::Severity::Error, "Provider not configured"));
}

TEST(SplitModel, SplitsAtTheLastColon) {
  EXPECT_EQ(split_model("fraud:12"), std::make_pair(std::string("fraud"), std::string("12")));
  EXPECT_EQ(split_model("registry/x:y:v3"), std::make_pair(std::string("registry/x:y"), std::string("v3")));
  EXPECT_EQ(split_model("plain"), std::make_pair(std::string("plain"), std::string("")));
  EXPECT_EQ(split_model(""), std::make_pair(std::string(""), std::string("")));
}

// ---------------------------------------------------------------- graph command

TEST_F(RolloutAndGraphTest, GraphTextByDefault) {
  standard_repository();
  Run r = graph({"--repository", repo_, "--root", "ml", "--environment", "dev"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wave 0: features\nwave 1: fraud\nwave 2: report\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(RolloutAndGraphTest, GraphJson) {
  standard_repository();
  Run r = graph({"--repository=" + repo_, "--root=ml", "--environment=dev", "--format=json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"waves\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"fraud\": {\n      \"depends_on\": [\n        \"features\"\n      ],\n      \"model\": "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"version\": \"12\",\n      \"wave\": 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"cycle\": []"), std::string::npos) << r.out;
}

TEST_F(RolloutAndGraphTest, GraphJsonCarriesModelVersionOwnerAndNamespace) {
  standard_repository();
  Run r = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["apps"]["fraud"]["model"], "fraud-model");
  EXPECT_EQ(j["apps"]["fraud"]["version"], "12");
  EXPECT_EQ(j["apps"]["fraud"]["owner"], "team-risk");
  EXPECT_EQ(j["apps"]["fraud"]["namespace"], "fraud-ns");
  EXPECT_EQ(j["apps"]["features"]["owner"], "team-data");
  EXPECT_EQ(j["apps"]["report"]["version"], "") << "an app that records no version";
  EXPECT_EQ(j["apps"]["report"]["wave"], 2);
}

TEST_F(RolloutAndGraphTest, GraphMermaidHasWavesVersionsOwnersAndEdges) {
  standard_repository();
  Run r = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "mermaid"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "flowchart LR\n"
            "  subgraph wave_0[\"wave 0\"]\n"
            "    app_features[\"features<br/>feature-store:3<br/>owner: team-data\"]\n"
            "  end\n"
            "  subgraph wave_1[\"wave 1\"]\n"
            "    app_fraud[\"fraud<br/>fraud-model:12<br/>owner: team-risk\"]\n"
            "  end\n"
            "  subgraph wave_2[\"wave 2\"]\n"
            "    app_report[\"report<br/>report<br/>owner: team-ml\"]\n"
            "  end\n"
            "  app_features --> app_fraud\n"
            "  app_fraud --> app_report\n");
}

TEST_F(RolloutAndGraphTest, GraphMermaidCycleIsRedAndMissingDependencyDashed) {
  standard_repository();
  make_cycle();
  commit({{"apps/ml/dev/audit-log.yaml", child({"audit-log", "audit:1", {"ghost"}, 0})}});
  Run r = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "mermaid"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.find("subgraph"), std::string::npos) << "no waves when there is a cycle\n" << r.out;
  EXPECT_NE(r.out.find("  app_audit_log[\"audit-log<br/>audit:1<br/>owner: team-ml\"]\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  missing_ghost[\"ghost (missing)\"]:::missing\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  missing_ghost -.-> app_audit_log\n"), std::string::npos) << r.out;
  // Edges sorted: features->fraud (0), fraud->report (1), ghost->audit-log (2), report->features (3).
  EXPECT_NE(r.out.find("  linkStyle 0,1,3 stroke:red"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("classDef missing"), std::string::npos) << r.out;
}

// Runs the command in `dir` (the default repository is relative to the working directory).
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const std::string& dir) : saved_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~WorkingDirectory() { std::filesystem::current_path(saved_); }

 private:
  std::filesystem::path saved_;
};

TEST_F(RolloutAndGraphTest, GraphDefaultsToTheEmbeddedRepositoryNextToTheConfiguration) {
  standard_repository();  // dir_/gitops
  std::ofstream(dir_ + "/main.tf") << "provider \"appofapps\" {}\n";
  WorkingDirectory cd(dir_);
  Run r = graph({"--root", "ml", "--environment", "dev"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wave 0: features\nwave 1: fraud\nwave 2: report\n");
}

TEST_F(RolloutAndGraphTest, GraphDefaultsToTheConfiguredRepositoryBranchAndPath) {
  gitops::StoreConfig sc;
  sc.location = dir_ + "/platform-gitops";
  sc.branch = "release";
  sc.subpath = "clusters/ml";
  gitops::GitStore configured(sc);
  configured.commit({{{"apps/ml/dev/features.yaml", child({"features", "feature-store:3", {}, 0})}}, "test\n"});
  std::filesystem::create_directories(dir_ + "/config");
  std::ofstream(dir_ + "/config/providers.tf")
      << "# the platform's repository\nprovider \"appofapps\" {\n  repository {\n    url    = \"../platform-gitops\"\n"
         "    branch = \"release\" // not main\n    path   = \"clusters/ml\"\n  }\n}\n";
  WorkingDirectory cd(dir_ + "/config");
  Run r = graph({"--root", "ml", "--environment", "dev"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wave 0: features\n");
  Run main_branch = graph({"--root", "ml", "--environment", "dev", "--branch", "main"});
  EXPECT_EQ(main_branch.code, 1) << "a flag wins over the configuration";
}

TEST_F(RolloutAndGraphTest, GraphAsksForTheRepositoryWhenTheConfigurationComputesIt) {
  std::ofstream(dir_ + "/main.tf") << "provider \"appofapps\" {\n  repository {\n    url = var.repo\n  }\n}\n";
  WorkingDirectory cd(dir_);
  Run r = graph({"--root", "ml", "--environment", "dev"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("main.tf: the provider's repository.url is not a literal string; pass it with --repository"),
            std::string::npos)
      << r.err;
}

TEST(GraphConfig, FindsTheUnaliasedProvidersLiteralRepository) {
  auto r = repository_in_hcl(
      "provider \"appofapps\" {\n  alias = \"other\"\n  repository { url = \"/elsewhere\" }\n}\n"
      "/* provider \"appofapps\" { repository { url = \"commented\" } } */\n"
      "locals {\n  text = <<EOT\nprovider \"appofapps\" {\nEOT\n}\n"
      "provider \"appofapps\" {\n  author {\n    name = \"ci\"\n  }\n  repository {\n    url = \"./ops\"\n  }\n}\n");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->url, "./ops");
  EXPECT_EQ((*r)->branch, "");

  auto none = repository_in_hcl("resource \"appofapps_root\" \"x\" {\n  name = \"x\"\n}\n");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto embedded = repository_in_hcl("provider \"appofapps\" {\n  repository {\n    branch = \"ops\"\n  }\n}\n");
  ASSERT_TRUE(embedded.ok());
  EXPECT_EQ((*embedded)->url, "./gitops") << "a repository block without url is the embedded default";
  EXPECT_EQ((*embedded)->branch, "ops");

  auto interpolated = repository_in_hcl("provider \"appofapps\" {\n  repository {\n    url = \"${path.module}/g\"\n  }\n}\n");
  EXPECT_FALSE(interpolated.ok());
  EXPECT_EQ(interpolated.status().field(), "repository.url");
}

TEST_F(RolloutAndGraphTest, GraphDotLabelsCarryTheVersion) {
  standard_repository();
  Run r = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "dot"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("label=\"fraud\\nv12\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("label=\"features\\nv3\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("label=\"report\\n"), std::string::npos) << r.out;  // no version, no second line
  EXPECT_NE(r.out.find("\"features\" -> \"fraud\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"fraud\" -> \"report\""), std::string::npos) << r.out;
}

TEST_F(RolloutAndGraphTest, GraphCycleIsPrintedAndExitsOne) {
  standard_repository();
  make_cycle();
  Run text = graph({"--repository", repo_, "--root", "ml", "--environment", "dev"});
  EXPECT_EQ(text.code, 1);
  EXPECT_NE(text.out.find("cycle: features -> report -> fraud -> features"), std::string::npos) << text.out;
  EXPECT_NE(text.err.find("dependency cycle: features -> report -> fraud -> features"), std::string::npos) << text.err;

  Run json = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "json"});
  EXPECT_EQ(json.code, 1);
  EXPECT_NE(json.out.find("\"cycle\": [\n    \"features\",\n    \"report\""), std::string::npos) << json.out;

  Run dot = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "dot"});
  EXPECT_EQ(dot.code, 1);
  EXPECT_NE(dot.out.find("red"), std::string::npos) << dot.out;
}

TEST_F(RolloutAndGraphTest, GraphUsageErrorsExitTwo) {
  standard_repository();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {},
           {"--repository", "", "--root", "ml", "--environment", "dev"},
           {"--repository", repo_, "--environment", "dev"},
           {"--repository", repo_, "--root", "ml"},
           {"--repository", repo_, "--root", "ml", "--environment", "dev", "--format", "svg"},
           {"--repository", repo_, "--root", "ml", "--environment", "dev", "--bogus", "x"},
           {"--repository", repo_, "--root", "ml", "--environment"},
           {"--repository", repo_, "--root", "ML", "--environment", "dev"},
           {"--repository", repo_, "--root", "ml", "--root", "ml", "--environment", "dev"},
           {"--repository", repo_, "--root", "ml", "--environment", "dev", "--path", "../up"},
           {"--repository", "https://example.com/x.git", "--root", "ml", "--environment", "dev"},
       }) {
    Run r = graph(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined;
    EXPECT_NE(r.err.find("usage: terraform-provider-appofapps graph"), std::string::npos) << joined;
    EXPECT_EQ(r.out, "") << joined;
  }
  Run help = graph({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--format"), std::string::npos);
}

TEST_F(RolloutAndGraphTest, GraphMissingRepositoryExitsOne) {
  Run r = graph({"--repository", dir_ + "/nowhere", "--root", "ml", "--environment", "dev"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no Git repository"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/nowhere"));  // never creates anything
}

TEST_F(RolloutAndGraphTest, GraphEmptyRootOrEnvironmentExitsOne) {
  standard_repository();
  Run no_root = graph({"--repository", repo_, "--root", "other", "--environment", "dev"});
  EXPECT_EQ(no_root.code, 1);
  EXPECT_NE(no_root.err.find("root \"other\" not found"), std::string::npos) << no_root.err;
  Run no_env = graph({"--repository", repo_, "--root", "ml", "--environment", "prod"});
  EXPECT_EQ(no_env.code, 1);
  EXPECT_NE(no_env.err.find("has no apps in environment \"prod\""), std::string::npos) << no_env.err;
}

TEST_F(RolloutAndGraphTest, GraphReadsTheBranchTipAndSubpathAndNeverWrites) {
  gitops::StoreConfig sc;
  sc.location = repo_;
  sc.branch = "release";
  sc.subpath = "platform";
  gitops::GitStore sub(sc);
  sub.commit({{{"apps/ml/dev/features.yaml", child({"features", "feature-store:3", {}, 0})}}, "test\n"});
  const std::string tip = sub.tip();
  Run r = graph({"--repository", "file://" + repo_, "--root", "ml", "--environment", "dev", "--branch", "release",
                 "--path", "platform"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wave 0: features\n");
  EXPECT_EQ(sub.tip(), tip);
  Run main_branch = graph({"--repository", repo_, "--root", "ml", "--environment", "dev", "--path", "platform"});
  EXPECT_EQ(main_branch.code, 1);  // nothing on main
}

}  // namespace
}  // namespace aoa::provider
