#include "tests/support/crd_validator.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace aoa::testing {
namespace {

const std::string kCrd = std::string(AOA_SHARED_DIR) + "/schemas/argocd-application-crd.yaml";

const char* kValid = R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: fraud-dev
  namespace: argocd
  labels: {appofapps.io/app: fraud, version: "1.0"}
  annotations: {argocd.argoproj.io/sync-wave: "2"}
  finalizers: [resources-finalizer.argocd.argoproj.io]
spec:
  project: default
  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: main
    path: workloads/ml/dev/fraud
    directory: {recurse: false}
  destination: {server: https://kubernetes.default.svc, namespace: fraud}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
    syncOptions: [CreateNamespace=true]
)";

YAML::Node valid() { return YAML::Load(kValid); }

std::vector<std::string> errors_of(const YAML::Node& object) { return validate_against_crd(object, kCrd); }

// True when some error starts with `path` and contains `text`.
bool has_error(const std::vector<std::string>& errors, const std::string& path, const std::string& text) {
  return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) {
    return e.rfind(path + ":", 0) == 0 && e.find(text) != std::string::npos;
  });
}

std::string dump(const std::vector<std::string>& errors) {
  std::string s;
  for (const auto& e : errors) s += e + "\n";
  return s;
}

TEST(CrdValidator, AcceptsAValidApplication) { EXPECT_EQ(errors_of(valid()), std::vector<std::string>{}); }

TEST(CrdValidator, MissingRequiredProperty) {
  YAML::Node app = valid();
  app["spec"].remove("destination");
  const auto errors = errors_of(app);
  EXPECT_TRUE(has_error(errors, ".spec.destination", "required")) << dump(errors);
  EXPECT_EQ(errors.size(), 1u) << dump(errors);

  YAML::Node no_spec = valid();
  no_spec.remove("spec");
  EXPECT_TRUE(has_error(errors_of(no_spec), ".spec", "required"));
}

TEST(CrdValidator, WrongTypes) {
  YAML::Node app = YAML::Load(std::string(kValid) +
                              "  revisionHistoryLimit: ten\n");  // integer expected
  app["spec"]["project"] = YAML::Load("123");                   // unquoted number where a string is expected
  app["spec"]["source"]["directory"]["recurse"] = YAML::Load("'false'");  // string where boolean expected
  app["spec"]["syncPolicy"]["syncOptions"] = YAML::Load("[Validate=false, on]");  // 'on' is a boolean
  app["spec"]["destination"] = YAML::Load("[a]");
  const auto errors = errors_of(app);
  EXPECT_TRUE(has_error(errors, ".spec.project", "expected string, got integer")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.source.directory.recurse", "expected boolean, got string")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.syncPolicy.syncOptions[1]", "expected string, got boolean")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.destination", "expected object, got array")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.revisionHistoryLimit", "expected integer")) << dump(errors);
  EXPECT_EQ(errors.size(), 5u) << dump(errors);
}

TEST(CrdValidator, UnknownFields) {
  YAML::Node app = valid();
  app["spec"]["destinaton"] = "typo";
  app["spec"]["syncPolicy"]["automated"]["pruneLast"] = true;
  app["metadata"]["lables"]["a"] = "b";
  app["status2"] = "x";
  const auto errors = errors_of(app);
  EXPECT_TRUE(has_error(errors, ".spec.destinaton", "unknown field")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.syncPolicy.automated.pruneLast", "unknown field")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".metadata.lables", "unknown field")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".status2", "unknown field")) << dump(errors);
  EXPECT_EQ(errors.size(), 4u) << dump(errors);
}

TEST(CrdValidator, AdditionalPropertiesPreserveUnknownAndIntOrString) {
  YAML::Node app = valid();
  // helm.valuesObject preserves unknown fields; kustomize.commonLabels is a string map;
  // kustomize.replicas[].count is int-or-string.
  app["spec"]["source"]["helm"] = YAML::Load("{valuesObject: {anything: [1, {deep: true}]}}");
  app["spec"]["source"]["kustomize"] =
      YAML::Load("{commonLabels: {a: b}, replicas: [{name: web, count: 3}, {name: api, count: '3'}]}");
  EXPECT_EQ(errors_of(app), std::vector<std::string>{});

  // go-yaml reads an unquoted y (like yes/on) as a boolean: the validator must too.
  app["spec"]["source"]["kustomize"] = YAML::Load("{replicas: [{name: y, count: 1}]}");
  EXPECT_TRUE(has_error(errors_of(app), ".spec.source.kustomize.replicas[0].name", "expected string, got boolean"));
  app["spec"]["source"]["kustomize"] = YAML::Load("{replicas: [{name: 'y', count: 1}]}");
  EXPECT_EQ(errors_of(app), std::vector<std::string>{});

  app["spec"]["source"]["kustomize"] =
      YAML::Load("{commonLabels: {a: [b]}, replicas: [{name: x, count: true}, {count: 1}]}");
  const auto errors = errors_of(app);
  EXPECT_TRUE(has_error(errors, ".spec.source.kustomize.commonLabels.a", "expected string")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.source.kustomize.replicas[0].count", "integer or string")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".spec.source.kustomize.replicas[1].name", "required")) << dump(errors);
}

TEST(CrdValidator, ObjectMeta) {
  YAML::Node app = valid();
  app["metadata"]["name"] = "Fraud_Dev";
  app["metadata"]["namespace"] = YAML::Load("1");  // an integer, not a string
  app["metadata"]["labels"]["bad key"] = "v";
  app["metadata"]["labels"]["k"] = "not a value";
  app["metadata"]["annotations"]["n"] = YAML::Load("2");
  const auto errors = errors_of(app);
  EXPECT_TRUE(has_error(errors, ".metadata.name", "invalid name")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".metadata.namespace", "expected string")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".metadata.labels[\"bad key\"]", "invalid key")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".metadata.labels.k", "invalid label value")) << dump(errors);
  EXPECT_TRUE(has_error(errors, ".metadata.annotations.n", "expected string, got integer")) << dump(errors);

  YAML::Node nameless = valid();
  nameless["metadata"].remove("name");
  EXPECT_TRUE(has_error(errors_of(nameless), ".metadata.name", "required"));
}

TEST(CrdValidator, NullsAndEnums) {
  YAML::Node app = valid();
  app["spec"]["project"] = YAML::Node(YAML::NodeType::Null);
  EXPECT_TRUE(has_error(errors_of(app), ".spec.project", "must not be null"));

  // An enum, validated against an inline schema through a minimal CRD.
  const YAML::Node crd = YAML::Load(R"(
kind: CustomResourceDefinition
spec:
  group: example.io
  names: {kind: Thing}
  versions:
  - name: v1
    served: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          spec:
            type: object
            properties:
              mode: {type: string, enum: [fast, slow]}
              ratio: {type: number}
  - name: v0
    served: false
    schema: {openAPIV3Schema: {type: object}}
)");
  EXPECT_EQ(validate_against_crd_node(YAML::Load("{apiVersion: example.io/v1, kind: Thing, spec: {mode: fast, ratio: 1}}"), crd),
            std::vector<std::string>{});
  EXPECT_TRUE(has_error(
      validate_against_crd_node(YAML::Load("{apiVersion: example.io/v1, kind: Thing, spec: {mode: medium}}"), crd),
      ".spec.mode", "not one of"));
  EXPECT_TRUE(has_error(
      validate_against_crd_node(YAML::Load("{apiVersion: example.io/v1, kind: Thing, spec: {ratio: '0.5'}}"), crd),
      ".spec.ratio", "expected number"));
  EXPECT_TRUE(has_error(validate_against_crd_node(YAML::Load("{apiVersion: example.io/v0, kind: Thing}"), crd),
                        ".apiVersion", "not served"));
}

TEST(CrdValidator, WrongIdentityOrUnreadableCrd) {
  YAML::Node app = valid();
  app["apiVersion"] = "argoproj.io/v9";
  EXPECT_TRUE(has_error(errors_of(app), ".apiVersion", "not served"));
  app["apiVersion"] = "v1";
  EXPECT_TRUE(has_error(errors_of(app), ".apiVersion", "not in group"));
  app = valid();
  app["kind"] = "AppProject";
  EXPECT_TRUE(has_error(errors_of(app), ".kind", "expected Application"));
  EXPECT_FALSE(validate_against_crd(valid(), kCrd + ".missing").empty());
  EXPECT_FALSE(validate_against_crd(YAML::Load("[1, 2]"), kCrd).empty());
}

}  // namespace
}  // namespace aoa::testing
