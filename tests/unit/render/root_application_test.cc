#include "internal/render/root_application.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "tests/support/crd_validator.h"

namespace aoa::render {
namespace {

const std::string kCrd = std::string(AOA_SHARED_DIR) + "/schemas/argocd-application-crd.yaml";

RootEnvironmentSpec dev_spec() {
  RootEnvironmentSpec s;
  s.root = "ml-platform";
  s.environment = "dev";
  s.cluster = "https://aks-dev.example.com:443";
  s.namespace_ = "ml-dev";
  s.project = "ml";
  s.protected_env = false;
  s.argocd_namespace = "argocd";
  s.repo_url = "https://github.com/example/gitops.git";
  s.target_revision = "main";
  s.source_path = "apps/ml-platform/dev";
  s.labels = {{"team", "ml"}, {"cost-center", "42"}};
  return s;
}

RootEnvironmentSpec prod_spec() {
  RootEnvironmentSpec s = dev_spec();
  s.environment = "prod";
  s.cluster = "aks-prod";  // an Argo CD cluster name, not a URL
  s.namespace_ = "ml-prod";
  s.protected_env = true;
  s.source_path = "platform/apps/ml-platform/prod";
  s.argocd_cluster = "hub";  // Argo CD's own cluster registered by name
  s.labels = {};
  return s;
}

// Values that YAML would mis-type or that need escaping, in every free-form field.
RootEnvironmentSpec nasty_spec() {
  RootEnvironmentSpec s;
  s.root = "123";
  s.environment = "0x1f";
  s.cluster = "on";
  s.namespace_ = "1e3";
  s.project = "true";
  s.protected_env = true;
  s.argocd_namespace = "null";
  s.repo_url = "git@github.com:org/re po.git #frag";
  s.target_revision = "1.0";
  s.source_path = "";
  s.labels = {{"on", "true"}, {"yes", ""}, {"example.com/1.0", "1.0"}, {"n", "off"}, {"x", "0x10"}};
  s.argocd_cluster = "https://[::1]:6443/a b?c=\"d\"";
  return s;
}

std::vector<std::string> crd_errors(const std::string& yaml) {
  return aoa::testing::validate_against_crd(YAML::Load(yaml), kCrd);
}

TEST(RootApplication, GoldenDev) {
  EXPECT_EQ(render_root_application(dev_spec()).value(),
            R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ml-platform-dev
  namespace: argocd
  labels:
    app.kubernetes.io/managed-by: terraform-provider-appofapps
    appofapps.io/environment: dev
    appofapps.io/protected: "false"
    appofapps.io/root: ml-platform
    cost-center: "42"
    team: ml
  annotations:
    appofapps.io/environment-order: "0"
    appofapps.io/workload-cluster: https://aks-dev.example.com:443
    appofapps.io/workload-namespace: ml-dev
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: ml
  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: main
    path: apps/ml-platform/dev
    directory:
      recurse: false
  destination:
    server: https://kubernetes.default.svc
    namespace: argocd
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - ApplyOutOfSyncOnly=true
      - PruneLast=true
)");
}

TEST(RootApplication, ValidAgainstCrd) {
  RootEnvironmentSpec minimal;
  minimal.root = "r";
  minimal.environment = "e";
  minimal.cluster = "in-cluster";
  minimal.argocd_namespace = "argocd";
  minimal.repo_url = "file:///srv/gitops";
  minimal.project = "";
  minimal.argocd_cluster = "";
  for (const auto& spec : {dev_spec(), prod_spec(), nasty_spec(), minimal}) {
    const std::string yaml = render_root_application(spec).value();
    EXPECT_EQ(crd_errors(yaml), std::vector<std::string>{}) << yaml;
  }
}

TEST(RootApplication, Deterministic) {
  for (const auto& spec : {dev_spec(), prod_spec(), nasty_spec()}) {
    const std::string first = render_root_application(spec).value();
    EXPECT_EQ(first, render_root_application(spec).value());
    EXPECT_EQ(first.back(), '\n');
    EXPECT_NE(first[first.size() - 2], '\n');
    RootEnvironmentSpec copy = spec;
    EXPECT_EQ(first, render_root_application(copy).value());
  }
}

TEST(RootApplication, RoundTrips) {
  for (const auto& spec : {dev_spec(), prod_spec(), nasty_spec()}) {
    const std::string yaml = render_root_application(spec).value();
    const RootEnvironmentSpec back = parse_root_application(yaml).value();
    EXPECT_EQ(back, spec) << yaml;
    EXPECT_EQ(render_root_application(back).value(), yaml);
  }
}

TEST(RootApplication, NastyValuesAreStringsNotBooleansOrNumbers) {
  const YAML::Node app = YAML::Load(render_root_application(nasty_spec()).value());
  EXPECT_EQ(app["metadata"]["name"].Scalar(), "123-0x1f");
  EXPECT_EQ(app["metadata"]["namespace"].Tag(), "!");
  EXPECT_EQ(app["metadata"]["labels"]["on"].Tag(), "!");
  EXPECT_EQ(app["metadata"]["labels"]["appofapps.io/protected"].Tag(), "!");
  EXPECT_EQ(app["spec"]["source"]["targetRevision"].Tag(), "!");
  EXPECT_EQ(app["spec"]["source"]["path"].Tag(), "!");
  EXPECT_EQ(app["spec"]["project"].Scalar(), "true");
  EXPECT_EQ(app["spec"]["project"].Tag(), "!");
}

TEST(RootApplication, DestinationIsArgoCdClusterAndNamespace) {
  const YAML::Node dev = YAML::Load(render_root_application(dev_spec()).value());
  EXPECT_EQ(dev["spec"]["destination"]["server"].Scalar(), "https://kubernetes.default.svc");
  EXPECT_FALSE(dev["spec"]["destination"]["name"]);
  EXPECT_EQ(dev["spec"]["destination"]["namespace"].Scalar(), "argocd");
  EXPECT_EQ(dev["metadata"]["namespace"].Scalar(), "argocd");

  const YAML::Node prod = YAML::Load(render_root_application(prod_spec()).value());
  EXPECT_EQ(prod["spec"]["destination"]["name"].Scalar(), "hub");
  EXPECT_FALSE(prod["spec"]["destination"]["server"]);
  EXPECT_EQ(prod["metadata"]["annotations"]["appofapps.io/workload-cluster"].Scalar(), "aks-prod");
  EXPECT_EQ(prod["metadata"]["annotations"]["appofapps.io/workload-namespace"].Scalar(), "ml-prod");

  RootEnvironmentSpec no_ns = dev_spec();
  no_ns.namespace_.clear();
  const YAML::Node app = YAML::Load(render_root_application(no_ns).value());
  EXPECT_FALSE(app["metadata"]["annotations"]["appofapps.io/workload-namespace"]);
  EXPECT_EQ(parse_root_application(render_root_application(no_ns).value()).value(), no_ns);
}

TEST(RootApplication, ProtectedEnvironmentNeverAutoPrunes) {
  const YAML::Node prod = YAML::Load(render_root_application(prod_spec()).value());
  EXPECT_EQ(prod["metadata"]["labels"]["appofapps.io/protected"].Scalar(), "true");
  EXPECT_EQ(prod["spec"]["syncPolicy"]["automated"]["prune"].as<bool>(), false);
  EXPECT_EQ(prod["spec"]["syncPolicy"]["automated"]["selfHeal"].as<bool>(), true);
  const YAML::Node dev = YAML::Load(render_root_application(dev_spec()).value());
  EXPECT_EQ(dev["spec"]["syncPolicy"]["automated"]["prune"].as<bool>(), true);
  // Both cascade on delete (foreground).
  EXPECT_EQ(prod["metadata"]["finalizers"][0].Scalar(), "resources-finalizer.argocd.argoproj.io");
  EXPECT_EQ(dev["metadata"]["finalizers"].size(), 1u);
}

TEST(RootApplication, ProviderLabelsWinOverUserLabels) {
  RootEnvironmentSpec s = dev_spec();
  s.labels["appofapps.io/root"] = "other";
  s.labels["appofapps.io/protected"] = "true";
  s.labels["app.kubernetes.io/managed-by"] = "helm";
  const YAML::Node app = YAML::Load(render_root_application(s).value());
  EXPECT_EQ(app["metadata"]["labels"]["appofapps.io/root"].Scalar(), "ml-platform");
  EXPECT_EQ(app["metadata"]["labels"]["appofapps.io/protected"].Scalar(), "false");
  EXPECT_EQ(app["metadata"]["labels"]["app.kubernetes.io/managed-by"].Scalar(), "terraform-provider-appofapps");
  EXPECT_EQ(parse_root_application(render_root_application(s).value())->labels, dev_spec().labels);
}

TEST(RootApplication, EmptyProjectRendersDefault) {
  RootEnvironmentSpec s = dev_spec();
  s.project.clear();
  EXPECT_EQ(YAML::Load(render_root_application(s).value())["spec"]["project"].Scalar(), "default");
  EXPECT_EQ(RootEnvironmentSpec{}.project, "default");
  EXPECT_EQ(RootEnvironmentSpec{}.argocd_cluster, "https://kubernetes.default.svc");
}

TEST(RootApplication, RejectsSpecsThatCannotBeValidApplications) {
  auto expect_error = [](RootEnvironmentSpec s, const std::string& field) {
    const Status e = render_root_application(s).status();
    ASSERT_FALSE(e.ok()) << "no error for " << field;
    EXPECT_EQ(e.code(), StatusCode::kInvalidArgument) << e.message();
    EXPECT_NE(e.message().find(field), std::string::npos) << e.message();
  };
  auto s = dev_spec();
  s.root = "ML";
  expect_error(s, "root");
  s = dev_spec();
  s.environment = "";
  expect_error(s, "environment");
  s = dev_spec();
  s.argocd_namespace = "";
  expect_error(s, "argocd_namespace");
  s = dev_spec();
  s.namespace_ = "Bad_ns";
  expect_error(s, "namespace");
  s = dev_spec();
  s.project = "My Project";
  expect_error(s, "project");
  s = dev_spec();
  s.cluster = "";
  expect_error(s, "cluster");
  s = dev_spec();
  s.repo_url = "";
  expect_error(s, "repo_url");
  s = dev_spec();
  s.labels["bad key"] = "v";
  expect_error(s, "labels");
  s = dev_spec();
  s.labels["k"] = "bad value";
  expect_error(s, "labels[\"k\"]");
}

TEST(RootApplication, ParseRejectsJunk) {
  const std::string not_ours[] = {
      "",
      "{{{",
      "key: [unclosed",
      "just a string",
      "- a\n- b\n",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  labels:\n    "
      "app.kubernetes.io/managed-by: terraform-provider-appofapps\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: x\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  labels:\n    "
      "app.kubernetes.io/managed-by: helm\n    appofapps.io/root: r\n    appofapps.io/environment: e\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  labels:\n    "
      "app.kubernetes.io/managed-by: terraform-provider-appofapps\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  labels: [a]\n",
      "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  labels:\n    "
      "app.kubernetes.io/managed-by: terraform-provider-appofapps\n    appofapps.io/root: r\n    "
      "appofapps.io/environment: e\nspec:\n  source:\n    repoURL: {a: b}\n",
      render_root_application(dev_spec()).value() + "---\n" + render_root_application(prod_spec()).value(),
  };
  for (const auto& text : not_ours) {
    EXPECT_FALSE(parse_root_application(text).ok()) << text;
  }
}

TEST(RootApplication, HandEditsAreVisible) {
  const std::string yaml = render_root_application(dev_spec()).value();

  // An edit of a modelled field shows up in the parsed spec.
  std::string edited = yaml;
  edited.replace(edited.find("targetRevision: main"), 20, "targetRevision: hotfix");
  EXPECT_EQ(parse_root_application(edited)->target_revision, "hotfix");

  // An edit of a field the spec does not model shows up as render(parse(text)) != text.
  std::string sync_edit = yaml;
  sync_edit.replace(sync_edit.find("selfHeal: true"), 14, "selfHeal: false");
  EXPECT_EQ(parse_root_application(sync_edit).value(), dev_spec());
  EXPECT_NE(render_root_application(parse_root_application(sync_edit).value()).value(), sync_edit);

  // Reformatting by hand (other indentation, flow style, comments) parses to the same spec.
  const std::string reformatted =
      "# edited\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ml-platform-dev, "
      "namespace: argocd, labels: {team: ml, cost-center: '42', appofapps.io/root: ml-platform, "
      "appofapps.io/environment: dev, appofapps.io/protected: 'false', app.kubernetes.io/managed-by: "
      "terraform-provider-appofapps}, annotations: {appofapps.io/workload-cluster: "
      "'https://aks-dev.example.com:443', appofapps.io/workload-namespace: ml-dev}}\n"
      "spec:\n project: ml\n source: {repoURL: 'https://github.com/example/gitops.git', targetRevision: main, "
      "path: apps/ml-platform/dev}\n destination: {server: 'https://kubernetes.default.svc', namespace: argocd}\n";
  EXPECT_EQ(parse_root_application(reformatted).value(), dev_spec());
}

}  // namespace
}  // namespace aoa::render

namespace aoa::render {
namespace {

// Regressions found by fuzzing the parser (tests/fuzz/corpus/fuzz_root_application_parse/regression-*).
TEST(RootApplicationFuzzRegressions, LoneCommaIsRejectedQuickly) {
  // yaml-cpp 0.7's LoadAll never returns on this input; the parser must not use it.
  EXPECT_FALSE(parse_root_application(",").ok());
  EXPECT_FALSE(parse_root_application(",,,\n,").ok());
}

TEST(RootApplicationFuzzRegressions, SeveralDocumentsAreRejected) {
  const std::string one = render_root_application(dev_spec()).value();
  EXPECT_FALSE(parse_root_application(one + "---\n" + one).ok());
  EXPECT_TRUE(parse_root_application("---\n" + one).ok());
}

TEST(RootApplicationFuzzRegressions, InvalidUtf8IsRejected) {
  std::string text = render_root_application(dev_spec()).value();
  text.replace(text.find("kubernetes"), 2, "\xff\xfe");
  EXPECT_FALSE(parse_root_application(text).ok());
}

TEST(RootApplicationFuzzRegressions, MissingDestinationParsesAsTheRenderDefault) {
  std::string text = render_root_application(dev_spec()).value();
  size_t at = text.find("  destination:");
  size_t end = text.find("  syncPolicy:");
  text.erase(at, end - at);
  RootEnvironmentSpec parsed = parse_root_application(text).value();
  EXPECT_EQ(parsed.argocd_cluster, kInClusterServer);
  EXPECT_EQ(parse_root_application(render_root_application(parsed).value()).value(), parsed);
}

}  // namespace
}  // namespace aoa::render
