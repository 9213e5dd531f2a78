#include <gtest/gtest.h>

#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

class AppResourceTest : public ProviderFixture {
 protected:
  void SetUp() override {
    ProviderFixture::SetUp();
    create(root_config("ml", {env("dev", "aks-dev", "ml-dev")}));
  }
  const schema::Resource& app() const { return *provider_.resources().at("appofapps_app"); }
  Type app_type() const { return app().schema().block.implied_type(); }

  Value app_config(const std::string& name, const std::string& ns, std::vector<std::string> deps,
                   std::map<std::string, Value> endpoint = {}) const {
    std::vector<Value> d;
    for (auto& s : deps) d.push_back(Value::string(s));
    std::map<std::string, Value> a{
        {"root", Value::string("ml")},         {"environment", Value::string("dev")},
        {"name", Value::string(name)},         {"owner", Value::string("team")},
        {"namespace", Value::string(ns)},
        {"model", Value::object(app_type().attribute("model"), {{"name", Value::string(name)}, {"version", Value::string("1")}})}};
    if (!d.empty()) a["depends_on_apps"] = Value::set(Type::string(), d);
    if (!endpoint.empty()) a["endpoint"] = Value::object(app_type().attribute("endpoint"), endpoint);
    return Value::object(app_type(), a);
  }

  schema::PlanResponse plan_create(const Value& config) const {
    return app().plan({Value::null(app_type()), config, config, ""});
  }
  Value create_app(const Value& config) {
    schema::PlanResponse p = plan_create(config);
    EXPECT_FALSE(p.diagnostics.has_errors()) << p.diagnostics.items().front().detail;
    schema::ApplyResponse a = app().apply({Value::null(app_type()), p.planned_state, config, ""});
    EXPECT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
    return a.new_state;
  }
};

// Hostile values found by hand: a NUL byte in model.name and in an environment variable, and a
// mebibyte model.version that used to land in an annotation.
TEST_F(AppResourceTest, ControlCharactersAndHugeValuesAreRejectedWithTheirPath) {
  const Type model = app_type().attribute("model");
  Value nul_name = app_config("fraud", "fraud", {})
                       .with_attr("model", Value::object(model, {{"name", Value::string(std::string("fr\0ud", 5))},
                                                                 {"version", Value::string("1")}}));
  schema::Diagnostics d1;
  app().validate(nul_name, d1);
  EXPECT_TRUE(has_error_at(d1, "Invalid characters", schema::AttributePath::root("model").attr("name")));
  Value huge = app_config("fraud", "fraud", {})
                   .with_attr("model", Value::object(model, {{"name", Value::string("fraud")},
                                                             {"version", Value::string(std::string(1 << 20, '7'))}}));
  schema::PlanResponse p = plan_create(huge);
  EXPECT_TRUE(has_error_at(p.diagnostics, "Value too long", schema::AttributePath::root("model").attr("version")));
  Value env = app_config("fraud", "fraud", {})
                  .with_attr("environment_variables",
                             Value::map(Type::string(), {{"MODE", Value::string(std::string("a\0b", 3))}}));
  schema::Diagnostics d3;
  app().validate(env, d3);
  EXPECT_TRUE(has_error_at(d3, "Invalid characters", schema::AttributePath::root("environment_variables").key("MODE")));
  EXPECT_EQ(git("ls-tree -r --name-only main apps"), "");
}

TEST_F(AppResourceTest, WavesAreKnownAtPlanOnlyWhenNothingCanMoveThem) {
  schema::PlanResponse free_standing = plan_create(app_config("features", "features", {}));
  EXPECT_EQ(free_standing.planned_state.attr("sync_wave").as_number().to_int64(), 0);
  Value features = create_app(app_config("features", "features", {}));
  EXPECT_EQ(features.attr("sync_wave").as_number().to_int64(), 0);
  // A dependent's wave follows records that another run may change before the apply.
  schema::PlanResponse p = plan_create(app_config("fraud", "fraud", {"features"}));
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_FALSE(p.planned_state.attr("sync_wave").is_known());
  EXPECT_FALSE(p.planned_state.attr("commit").is_known());
  Value fraud = create_app(app_config("fraud", "fraud", {"features"}));
  EXPECT_EQ(fraud.attr("sync_wave").as_number().to_int64(), 1);
  EXPECT_NE(git("show main:apps/ml/dev/fraud.yaml").find("argocd.argoproj.io/sync-wave: \"1\""), std::string::npos);
  EXPECT_NE(git("show main:workloads/ml/dev/fraud/deployment-blue.yaml").find("azureml:fraud:1"), std::string::npos);
  // Unchanged, it plans no change: the wave stays known.
  Value config = app_config("fraud", "fraud", {"features"});
  schema::PlanResponse again = app().plan({fraud, config, config, ""});
  EXPECT_EQ(again.planned_state, fraud);
}

TEST_F(AppResourceTest, TheDeleteHalfOfAReplacementKeepsTheDependents) {
  Value a = create_app(app_config("a", "ns-a", {}));
  create_app(app_config("b", "ns-b", {"a"}));
  // A plain delete refuses; the delete half of replacing a (taint, -replace) does not.
  schema::ApplyResponse plain = app().apply({a, Value::null(app_type()), Value::null(app_type()), ""});
  ASSERT_TRUE(plain.diagnostics.has_errors());
  app().read({a, ""});  // Terraform refreshes the tainted object first: the workspace owns it
  schema::PlanResponse create = plan_create(app_config("a", "ns-a", {}));
  ASSERT_FALSE(create.diagnostics.has_errors()) << create.diagnostics.items().front().detail;
  ASSERT_EQ(create.planned_private, "replaces=ml/dev/a");
  schema::ApplyResponse half = app().apply({a, Value::null(app_type()), Value::null(app_type()), create.planned_private});
  EXPECT_FALSE(half.diagnostics.has_errors());
  create_app(app_config("a", "ns-a", {}));
  EXPECT_NE(git("show main:apps/ml/dev/b.yaml").find("sync-wave: \"1\""), std::string::npos);
}

TEST_F(AppResourceTest, CycleIsAPlanErrorWithThePath) {
  create_app(app_config("a", "ns-a", {}));
  create_app(app_config("b", "ns-b", {"a"}));
  Value prior_a = app().read({app().import_state("ml/dev/a").state, ""}).new_state;
  Value config = app_config("a", "ns-a", {"b"});
  schema::PlanResponse p = app().plan({prior_a, config, config, ""});
  ASSERT_TRUE(has_error_at(p.diagnostics, "Dependency cycle", schema::AttributePath::root("depends_on_apps")));
  EXPECT_NE(p.diagnostics.items().front().detail.find("a -> b -> a"), std::string::npos)
      << p.diagnostics.items().front().detail;
}

TEST_F(AppResourceTest, NamespaceHasOneOwnerPerEnvironment) {
  create_app(app_config("a", "shared", {}));
  schema::PlanResponse p = plan_create(app_config("b", "shared", {}));
  EXPECT_TRUE(has_error_at(p.diagnostics, "Namespace already owned", schema::AttributePath::root("namespace")));
}

// A create that reached the repository but not Terraform's state (killed in between): the next
// create of exactly that app takes the files over; a different app of the same name does not.
TEST_F(AppResourceTest, ACreateAdoptsExactlyTheFilesItWouldWrite) {
  create_app(app_config("a", "ns-a", {}));
  const std::string tip = git("rev-parse main");
  Value again = create_app(app_config("a", "ns-a", {}));
  EXPECT_EQ(again.attr("sync_wave").as_number().to_int64(), 0);
  EXPECT_EQ(git("rev-parse main"), tip) << "nothing to write: the files are already there";
  schema::PlanResponse other = plan_create(app_config("a", "ns-other", {}));
  EXPECT_TRUE(has_error_at(other.diagnostics, "App already exists", schema::AttributePath::root("name")));
}

TEST_F(AppResourceTest, MissingDependencyIsAnErrorNamingTheAppsThatExist) {
  create_app(app_config("features", "features", {}));
  schema::PlanResponse p = plan_create(app_config("fraud", "fraud", {"nope"}));
  ASSERT_TRUE(has_error_at(p.diagnostics, "Dependency not found", schema::AttributePath::root("depends_on_apps")));
  const std::string detail = p.diagnostics.items().front().detail;
  EXPECT_NE(detail.find("\"nope\""), std::string::npos) << detail;
  EXPECT_NE(detail.find("Apps there: features."), std::string::npos) << detail;
}

TEST_F(AppResourceTest, DestroyRefusesWhileDependentsRemain) {
  Value a = create_app(app_config("a", "ns-a", {}));
  create_app(app_config("b", "ns-b", {"a"}));
  schema::ApplyResponse r = app().apply({a, Value::null(app_type()), Value::null(app_type()), ""});
  ASSERT_TRUE(r.diagnostics.has_errors());
  EXPECT_EQ(r.diagnostics.items().front().summary, "App still has dependents");
  EXPECT_EQ(r.new_state, a) << "state kept";
  EXPECT_NE(git("ls-tree -r --name-only main"), "") ;
  EXPECT_NE(git("ls-tree -r --name-only main").find("apps/ml/dev/a.yaml"), std::string::npos) << "nothing deleted";
}

TEST_F(AppResourceTest, EndpointSettingsAreValidatedWithPaths) {
  using schema::AttributePath;
  const AttributePath ep = AttributePath::root("endpoint");
  schema::Diagnostics d;
  app().validate(app_config("x", "x", {}, {{"compute", Value::string("azureml:c")}, {"request_timeout_ms", Value::number(200000)}}), d);
  EXPECT_TRUE(has_error_at(d, "Not an online setting", ep.attr("compute")));
  EXPECT_TRUE(has_error_at(d, "Invalid request_timeout_ms", ep.attr("request_timeout_ms")));
  schema::Diagnostics b;
  app().validate(app_config("x", "x", {}, {{"kind", Value::string("batch")}, {"slot", Value::string("green")}}), b);
  EXPECT_TRUE(has_error_at(b, "Missing compute", ep.attr("compute")));
  EXPECT_TRUE(has_error_at(b, "Not a batch setting", ep.attr("slot")));
  schema::Diagnostics self;
  app().validate(app_config("x", "x", {"x"}), self);
  EXPECT_TRUE(has_error_at(self, "Dependency cycle", AttributePath::root("depends_on_apps")));
}

TEST_F(AppResourceTest, ProbesAndBatchSettingsAreValidatedAndWritten) {
  using schema::AttributePath;
  const AttributePath ep = AttributePath::root("endpoint");
  Type probe = app_type().attribute("endpoint").attribute("liveness_probe");
  schema::Diagnostics d;
  app().validate(app_config("x", "x", {}, {{"kind", Value::string("online")},
                                          {"liveness_probe", Value::object(probe, {{"period", Value::number(0)}})},
                                          {"mini_batch_size", Value::number(5)}}),
                 d);
  EXPECT_TRUE(has_error_at(d, "Invalid period", ep.attr("liveness_probe").attr("period")));
  EXPECT_TRUE(has_error_at(d, "Not an online setting", ep.attr("mini_batch_size")));

  create_app(app_config("online", "online", {}, {{"readiness_probe", Value::object(probe, {{"timeout", Value::number(5)}})}}));
  std::string online = git("show main:workloads/ml/dev/online/deployment-blue.yaml");
  EXPECT_NE(online.find("readiness_probe:"), std::string::npos) << online;
  EXPECT_NE(online.find("timeout: 5"), std::string::npos) << online;
  create_app(app_config("batch", "batch", {}, {{"kind", Value::string("batch")}, {"compute", Value::string("azureml:c")},
                                              {"max_retries", Value::number(7)}, {"output_action", Value::string("summary_only")}}));
  std::string batch = git("show main:workloads/ml/dev/batch/deployment-default.yaml");
  EXPECT_NE(batch.find("max_retries: 7"), std::string::npos) << batch;
  EXPECT_NE(batch.find("output_action: summary_only"), std::string::npos) << batch;
}

TEST_F(AppResourceTest, UnknownEnvironmentIsAPlanError) {
  Value config = app_config("x", "x", {}).with_attr("environment", Value::string("qa"));
  schema::PlanResponse p = plan_create(config);
  EXPECT_TRUE(p.diagnostics.has_errors());
}

}  // namespace
}  // namespace aoa::provider::testing
