#include "internal/render/child_application.h"

#include <climits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "tests/support/crd_validator.h"

namespace aoa::render {
namespace {

const std::string kCrd = std::string(AOA_SHARED_DIR) + "/schemas/argocd-application-crd.yaml";

ChildApplicationSpec fraud_dev() {
  ChildApplicationSpec s;
  s.root = "ml-platform";
  s.environment = "dev";
  s.app = "fraud";
  s.owner = "team-risk";
  s.cluster = "https://aks-dev.example.com:443";
  s.namespace_ = "fraud-dev";
  s.project = "ml";
  s.argocd_namespace = "argocd";
  s.repo_url = "https://github.com/example/gitops.git";
  s.target_revision = "main";
  s.source_path = "workloads/ml-platform/dev/fraud";
  s.sync_wave = 2;
  s.labels = {{"team", "ml"}, {"cost-center", "42"}};
  return s;
}

ChildApplicationSpec churn_prod() {
  ChildApplicationSpec s = fraud_dev();
  s.environment = "prod";
  s.app = "churn";
  s.cluster = "aks-prod";  // an Argo CD cluster name
  s.namespace_ = "churn";
  s.protected_env = true;
  s.project = "";
  s.source_path = "platform/workloads/ml-platform/prod/churn";
  s.sync_wave = 0;
  s.labels = {};
  return s;
}

// Values that YAML would mis-type or that need escaping, wherever the spec allows them.
ChildApplicationSpec nasty_spec() {
  ChildApplicationSpec s;
  s.root = "123";
  s.environment = "0x1f";
  s.app = "1e3";
  s.owner = "true";
  s.cluster = "on";
  s.namespace_ = "null";
  s.project = "yes";
  s.argocd_namespace = "off";
  s.repo_url = "git@github.com:org/re po.git #frag";
  s.target_revision = "1.0";
  s.source_path = "";
  s.sync_wave = -3;
  s.protected_env = true;
  s.labels = {{"on", "true"}, {"yes", ""}, {"example.com/1.0", "1.0"}, {"n", "off"}, {"x", "0x10"}};
  return s;
}

std::vector<std::string> crd_errors(const std::string& yaml) {
  return aoa::testing::validate_against_crd(YAML::Load(yaml), kCrd);
}

TEST(ChildApplication, Golden) {
  EXPECT_EQ(render_child_application(fraud_dev()).value(),
            R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: fraud-dev
  namespace: argocd
  labels:
    app.kubernetes.io/managed-by: terraform-provider-appofapps
    appofapps.io/app: fraud
    appofapps.io/environment: dev
    appofapps.io/owner: team-risk
    appofapps.io/protected: "false"
    appofapps.io/root: ml-platform
    cost-center: "42"
    team: ml
  annotations:
    argocd.argoproj.io/sync-wave: "2"
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: ml
  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: main
    path: workloads/ml-platform/dev/fraud
    directory:
      recurse: false
      exclude: "{endpoint.yaml,deployment-*.yaml}"
  destination:
    server: https://aks-dev.example.com:443
    namespace: fraud-dev
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
      - PruneLast=true
    managedNamespaceMetadata:
      labels:
        app.kubernetes.io/managed-by: terraform-provider-appofapps
        appofapps.io/environment: dev
        appofapps.io/owner: team-risk
        appofapps.io/root: ml-platform
    retry:
      limit: 5
      backoff:
        duration: "5s"
        factor: 2
        maxDuration: "3m"
)");
}

TEST(ChildApplication, ValidAgainstCrd) {
  ChildApplicationSpec minimal;
  minimal.root = "r";
  minimal.environment = "e";
  minimal.app = "a";
  minimal.owner = "o";
  minimal.cluster = "in-cluster";
  minimal.namespace_ = "a";
  minimal.argocd_namespace = "argocd";
  minimal.repo_url = "file:///srv/gitops";
  for (const auto& spec : {fraud_dev(), churn_prod(), nasty_spec(), minimal}) {
    const std::string yaml = render_child_application(spec).value();
    EXPECT_EQ(crd_errors(yaml), std::vector<std::string>{}) << yaml;
  }
}

TEST(ChildApplication, Deterministic) {
  for (const auto& spec : {fraud_dev(), churn_prod(), nasty_spec()}) {
    const std::string first = render_child_application(spec).value();
    EXPECT_EQ(first, render_child_application(ChildApplicationSpec(spec)).value());
    EXPECT_EQ(first.back(), '\n');
    EXPECT_NE(first[first.size() - 2], '\n');
  }
}

TEST(ChildApplication, ContractNameLabelsAnnotation) {
  const YAML::Node app = YAML::Load(render_child_application(churn_prod()).value());
  EXPECT_EQ(app["metadata"]["name"].Scalar(), "churn-prod");
  const YAML::Node labels = app["metadata"]["labels"];
  EXPECT_EQ(labels["appofapps.io/root"].Scalar(), "ml-platform");
  EXPECT_EQ(labels["appofapps.io/environment"].Scalar(), "prod");
  EXPECT_EQ(labels["appofapps.io/app"].Scalar(), "churn");
  EXPECT_EQ(labels["appofapps.io/owner"].Scalar(), "team-risk");
  EXPECT_EQ(app["spec"]["project"].Scalar(), "default");
  EXPECT_EQ(app["spec"]["destination"]["name"].Scalar(), "aks-prod");
  EXPECT_FALSE(app["spec"]["destination"]["server"]);
  EXPECT_EQ(app["spec"]["destination"]["namespace"].Scalar(), "churn");
  EXPECT_EQ(app["spec"]["source"]["path"].Scalar(), "platform/workloads/ml-platform/prod/churn");
  // Protected: automated, self-healing, never pruning.
  EXPECT_EQ(app["spec"]["syncPolicy"]["automated"]["prune"].as<bool>(), false);
  EXPECT_EQ(app["spec"]["syncPolicy"]["automated"]["selfHeal"].as<bool>(), true);
  EXPECT_EQ(labels["appofapps.io/protected"].Scalar(), "true");
}

TEST(ChildApplication, SyncWaveIsAQuotedString) {
  for (int wave : {0, 1, 17, -3, INT_MAX, INT_MIN}) {
    ChildApplicationSpec s = fraud_dev();
    s.sync_wave = wave;
    const std::string yaml = render_child_application(s).value();
    const YAML::Node node = YAML::Load(yaml)["metadata"]["annotations"]["argocd.argoproj.io/sync-wave"];
    EXPECT_EQ(node.Scalar(), std::to_string(wave));
    EXPECT_EQ(node.Tag(), "!") << "annotation values must be strings: " << yaml;
    EXPECT_NE(yaml.find("argocd.argoproj.io/sync-wave: \"" + std::to_string(wave) + "\"\n"), std::string::npos);
    EXPECT_EQ(parse_child_application(yaml)->sync_wave, wave);
    EXPECT_EQ(crd_errors(yaml), std::vector<std::string>{});
  }
}

TEST(ChildApplication, ProviderLabelsWinOverUserLabels) {
  ChildApplicationSpec s = fraud_dev();
  s.labels["appofapps.io/root"] = "other";
  s.labels["appofapps.io/app"] = "other";
  s.labels["appofapps.io/owner"] = "someone-else";
  s.labels["appofapps.io/environment"] = "prod";
  s.labels["appofapps.io/protected"] = "true";
  s.labels["app.kubernetes.io/managed-by"] = "helm";
  const YAML::Node labels = YAML::Load(render_child_application(s).value())["metadata"]["labels"];
  EXPECT_EQ(labels["appofapps.io/root"].Scalar(), "ml-platform");
  EXPECT_EQ(labels["appofapps.io/app"].Scalar(), "fraud");
  EXPECT_EQ(labels["appofapps.io/owner"].Scalar(), "team-risk");
  EXPECT_EQ(labels["appofapps.io/environment"].Scalar(), "dev");
  EXPECT_EQ(labels["appofapps.io/protected"].Scalar(), "false");
  EXPECT_EQ(labels["app.kubernetes.io/managed-by"].Scalar(), "terraform-provider-appofapps");
  EXPECT_EQ(parse_child_application(render_child_application(s).value())->labels, fraud_dev().labels);
}

TEST(ChildApplication, RoundTrips) {
  for (const auto& spec : {fraud_dev(), nasty_spec()}) {
    const std::string yaml = render_child_application(spec).value();
    const ChildApplicationSpec back = parse_child_application(yaml).value();
    EXPECT_EQ(back, spec) << yaml;
    EXPECT_EQ(render_child_application(back).value(), yaml);
  }
  // Empty project renders (and parses back) as "default".
  ChildApplicationSpec prod = churn_prod();
  const ChildApplicationSpec back = parse_child_application(render_child_application(prod).value()).value();
  prod.project = "default";
  EXPECT_EQ(back, prod);
  EXPECT_EQ(parse_child_application(render_child_application(back).value()).value(), back);
}

TEST(ChildApplication, NastyValuesStayStrings) {
  const YAML::Node app = YAML::Load(render_child_application(nasty_spec()).value());
  EXPECT_EQ(app["metadata"]["name"].Scalar(), "1e3-0x1f");
  EXPECT_EQ(app["metadata"]["name"].Tag(), "!");
  EXPECT_EQ(app["metadata"]["namespace"].Tag(), "!");
  EXPECT_EQ(app["metadata"]["labels"]["appofapps.io/owner"].Tag(), "!");
  EXPECT_EQ(app["spec"]["destination"]["name"].Tag(), "!");
  EXPECT_EQ(app["spec"]["destination"]["namespace"].Tag(), "!");
  EXPECT_EQ(app["spec"]["project"].Tag(), "!");
  EXPECT_EQ(app["spec"]["source"]["targetRevision"].Tag(), "!");
}

TEST(ChildApplication, RejectsSpecsThatCannotBeValidApplications) {
  auto expect_error = [](ChildApplicationSpec s, const std::string& field) {
    const Status e = render_child_application(s).status();
    ASSERT_FALSE(e.ok()) << "no error for " << field;
    EXPECT_EQ(e.code(), StatusCode::kInvalidArgument) << e.message();
    EXPECT_NE(e.message().find(field), std::string::npos) << e.message();
  };
  auto s = fraud_dev();
  s.root = "ML";
  expect_error(s, "root");
  s = fraud_dev();
  s.environment = "";
  expect_error(s, "environment");
  s = fraud_dev();
  s.app = "fraud_scoring";
  expect_error(s, "app");
  s = fraud_dev();
  s.app = std::string(60, 'a');  // "<app>-dev" is longer than 63
  expect_error(s, "app");
  s = fraud_dev();
  s.owner = "";
  expect_error(s, "owner");
  s = fraud_dev();
  s.owner = "a@b.com";
  expect_error(s, "owner");
  s = fraud_dev();
  s.cluster = "";
  expect_error(s, "cluster");
  s = fraud_dev();
  s.namespace_ = "";
  expect_error(s, "namespace");
  s = fraud_dev();
  s.project = "My Project";
  expect_error(s, "project");
  s = fraud_dev();
  s.argocd_namespace = "";
  expect_error(s, "argocd_namespace");
  s = fraud_dev();
  s.repo_url = "";
  expect_error(s, "repo_url");
  s = fraud_dev();
  s.labels["bad key"] = "v";
  expect_error(s, "labels");
  s = fraud_dev();
  s.labels["k"] = "bad value";
  expect_error(s, "labels[\"k\"]");
}

TEST(ChildApplication, ParseRejectsJunk) {
  const std::string ours = render_child_application(fraud_dev()).value();
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = ours;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::string junk[] = {
      "",
      ",",
      ",,,\n,",
      "{{{",
      "key: [unclosed",
      "just a string",
      "- a\n- b\n",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
      replaced("kind: Application", "kind: AppProject"),
      replaced("app.kubernetes.io/managed-by: terraform-provider-appofapps", "app.kubernetes.io/managed-by: helm"),
      replaced("    appofapps.io/app: fraud\n", ""),
      replaced("sync-wave: \"2\"", "sync-wave: two"),
      replaced("sync-wave: \"2\"", "sync-wave: \"0x2\""),
      replaced("sync-wave: \"2\"", "sync-wave: \"99999999999\""),
      replaced("  labels:\n    app.kubernetes.io", "  labels: [a]\n  x:\n    app.kubernetes.io"),
      replaced("repoURL: https://github.com/example/gitops.git", "repoURL: {a: b}"),
      replaced("namespace: fraud-dev", "namespace: [a]"),
      replaced("kubernetes", "\xff\xfe"),
      ours + "---\n" + ours,
  };
  for (const auto& text : junk) {
    EXPECT_FALSE(parse_child_application(text).ok()) << text;
  }
  EXPECT_TRUE(parse_child_application("---\n" + ours).ok());
}

TEST(ChildApplication, HandEditsAreVisible) {
  const std::string yaml = render_child_application(fraud_dev()).value();
  std::string edited = yaml;
  edited.replace(edited.find("sync-wave: \"2\""), 14, "sync-wave: \"5\"");
  EXPECT_EQ(parse_child_application(edited)->sync_wave, 5);

  // Unmodelled fields (sync options, finalizers) show up as render(parse(text)) != text.
  std::string options = yaml;
  options.replace(options.find("      - CreateNamespace=true\n"), 30, "");
  EXPECT_EQ(parse_child_application(options).value(), fraud_dev());
  EXPECT_NE(render_child_application(parse_child_application(options).value()).value(), options);

  // A missing annotation parses as wave 0.
  std::string no_wave = yaml;
  no_wave.replace(no_wave.find("    argocd.argoproj.io/sync-wave: \"2\"\n"), 38, "");
  EXPECT_EQ(parse_child_application(no_wave)->sync_wave, 0);
}

}  // namespace
}  // namespace aoa::render

namespace aoa::render {
namespace {

TEST(ChildApplicationGraph, DependenciesAndModelRoundTripThroughAnnotations) {
  ChildApplicationSpec spec;
  spec.root = "ml";
  spec.environment = "dev";
  spec.app = "fraud";
  spec.owner = "risk-team";
  spec.cluster = "aks-dev";
  spec.namespace_ = "fraud";
  spec.argocd_namespace = "argocd";
  spec.repo_url = "https://git.example.com/gitops.git";
  spec.target_revision = "main";
  spec.source_path = "workloads/ml/dev/fraud";
  spec.sync_wave = 2;
  spec.depends_on = {"features", "geo"};
  spec.model = "fraud:12";
  const std::string text = render_child_application(spec).value();
  EXPECT_NE(text.find("appofapps.io/depends-on: \"features,geo\""), std::string::npos) << text;
  EXPECT_NE(text.find("appofapps.io/model: fraud:12"), std::string::npos) << text;
  EXPECT_EQ(parse_child_application(text).value(), spec);

  spec.depends_on = {"geo", "features"};
  EXPECT_FALSE(render_child_application(spec).ok()) << "callers pass dependencies sorted";
  spec.depends_on = {"Bad_Name"};
  EXPECT_FALSE(render_child_application(spec).ok());
}

}  // namespace
}  // namespace aoa::render
