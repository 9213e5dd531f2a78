// appofapps_promotion and data.appofapps_environment through the
// provider's Resource / DataSource interface (no terraform): the decision known at plan, each
// rule's diagnostic path, no re-evaluation of an unchanged configuration, the apply's re-check,
// import, withdrawal, the registry records and the plan overlay. The decision engine itself has
// its own tests (tests/unit/promotion); these check the wiring.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "provider/resources/promotion.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

using schema::AttributePath;

bool has_warning_at(const schema::Diagnostics& d, const std::string& summary, const AttributePath& path) {
  for (const auto& i : d.items())
    if (i.severity == schema::Severity::Warning && i.summary == summary && i.path && *i.path == path) return true;
  return false;
}

Value string_map_value(const StringMap& m) {
  std::map<std::string, Value> out;
  for (const auto& [k, v] : m) out[k] = Value::string(v);
  return Value::map(Type::string(), std::move(out));
}

std::vector<std::string> string_list_of(const Value& v) {
  std::vector<std::string> out;
  for (const auto& e : v.elements()) out.push_back(e.as_string());
  return out;
}

// Root "ml" (dev, staging, protected prod); registry records features/1, fraud/1, fraud/2; dev runs
// features 1 and fraud 1 (fraud depends on features) and churn 3 (no registry record).
//
// The setup goes through a second provider instance on the same repository: a provider keeps what
// it planned in its overlay, and the provider under test (provider_) must only see the repository.
class PromotionResourceTest : public ProviderFixture {
 protected:
  void SetUp() override {
    ProviderFixture::SetUp();
    configure_seeder();
    seed(root_of(seeder_), standard_config());
    seed_version("features", "1", {{"auc", "0.95"}, {"latency_p95_ms", "20"}});
    seed_version("fraud", "1", {{"auc", "0.92"}, {"latency_p95_ms", "71"}});
    seed_version("fraud", "2", {{"auc", "0.94"}, {"latency_p95_ms", "74"}});
    seed_app("dev", "features", "1", {});
    seed_app("dev", "fraud", "1", {"features"});
    seed_app("dev", "churn", "3", {});
  }

  void configure_seeder() {
    const Type t = seeder_.schema().block.implied_type();
    Value config = Value::object(t, {{"repository", Value::object(t.attribute("repository"), {{"url", Value::string(repo_)}})}});
    schema::Diagnostics diags;
    seeder_.configure("1.11.4", config, diags);
    ASSERT_FALSE(diags.has_errors()) << describe(diags);
  }

  static const schema::Resource& root_of(const AppofappsProvider& p) { return *p.resources().at("appofapps_root"); }
  const schema::Resource& promotion() const { return *provider_.resources().at("appofapps_promotion"); }
  Type promo_type() const { return promotion().schema().block.implied_type(); }
  Type gate_type() const { return promo_type().attribute("gate").element(); }
  Type app_type() const { return seeder_.resources().at("appofapps_app")->schema().block.implied_type(); }

  Value seed_version(const std::string& model, const std::string& version, const StringMap& metrics) {
    return seed(*seeder_.resources().at("appofapps_model_version"), mv_config(model, version, metrics));
  }

  Value app_config(const std::string& env, const std::string& name, const std::string& version,
                   const std::vector<std::string>& deps) const {
    std::vector<Value> d;
    for (const auto& s : deps) d.push_back(Value::string(s));
    std::map<std::string, Value> a{
        {"root", Value::string("ml")},   {"environment", Value::string(env)}, {"name", Value::string(name)},
        {"owner", Value::string("team")}, {"namespace", Value::string(name)},
        {"model", Value::object(app_type().attribute("model"),
                                {{"name", Value::string(name)}, {"version", Value::string(version)}})}};
    if (!d.empty()) a["depends_on_apps"] = Value::set(Type::string(), d);
    return Value::object(app_type(), a);
  }
  void seed_app(const std::string& env, const std::string& name, const std::string& version,
                const std::vector<std::string>& deps) {
    seed(*seeder_.resources().at("appofapps_app"), app_config(env, name, version, deps));
  }

  Value gate(const std::string& metric, const std::string& op, const std::string& value,
             std::map<std::string, Value> extra = {}) const {
    extra["metric"] = Value::string(metric);
    extra["op"] = Value::string(op);
    if (!value.empty()) extra["value"] = number(value);
    return Value::object(gate_type(), extra);
  }
  Value approval(const std::string& by, const std::string& ticket) const {
    return Value::object(promo_type().attribute("approval"),
                         {{"approved_by", Value::string(by)}, {"ticket", Value::string(ticket)}});
  }
  Value promo_config(const std::string& from, const std::string& to, const StringMap& versions,
                     std::vector<Value> gates = {}, std::map<std::string, Value> extra = {}) const {
    extra["root"] = Value::string("ml");
    extra["from"] = Value::string(from);
    extra["to"] = Value::string(to);
    extra["versions"] = string_map_value(versions);
    extra["gate"] = Value::list(gate_type(), std::move(gates));
    return Value::object(promo_type(), extra);
  }
  Value bundle_to_staging(std::vector<Value> gates = {}, std::map<std::string, Value> extra = {}) const {
    return promo_config("dev", "staging", {{"features", "1"}, {"fraud", "1"}}, std::move(gates), std::move(extra));
  }

  schema::PlanResponse plan_create(const Value& config) const {
    return promotion().plan({Value::null(promo_type()), config, config, ""});
  }
  schema::ApplyResponse apply_create(const schema::PlanResponse& plan, const Value& config) const {
    return promotion().apply({Value::null(promo_type()), plan.planned_state, config, ""});
  }
  Value promote(const Value& config) {
    schema::PlanResponse p = plan_create(config);
    EXPECT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    schema::ApplyResponse a = apply_create(p, config);
    EXPECT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
    return a.new_state;
  }

  // A committed hand edit of a file in the repository.
  void hand_edit(const std::string& path, const std::string& from, const std::string& to) {
    std::string text = git("show main:" + path);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << path << " has no \"" << from << "\":\n" << text;
    text.replace(at, from.size(), to);
    std::ofstream(repo_ + "/" + path) << text;
    git("-c user.name=h -c user.email=h@x commit -qam 'hand edit'");
  }
  // dev runs another version of an app (a hand edit of its Application's model annotation).
  void dev_runs(const std::string& app, const std::string& from_version, const std::string& to_version) {
    hand_edit("apps/ml/dev/" + app + ".yaml", "appofapps.io/model: " + app + ":" + from_version,
              "appofapps.io/model: " + app + ":" + to_version);
  }
  std::string commit_count() { return git("rev-list --count main"); }
  std::vector<std::string> audit_files() {
    std::vector<std::string> out;
    std::istringstream in(git("ls-tree -r --name-only main audit/"));
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) out.push_back(l);
    return out;
  }

  AppofappsProvider seeder_;
};

TEST_F(PromotionResourceTest, PlanShowsTheDecisionAndApplyRecordsIt) {
  const std::string before = commit_count();
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")});
  schema::PlanResponse p = plan_create(config);
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  const Value& planned = p.planned_state;
  EXPECT_EQ(planned.attr("status"), Value::string("promoted"));
  EXPECT_EQ(string_map_of(planned.attr("approved_versions")), (StringMap{{"features", "1"}, {"fraud", "1"}}));
  ASSERT_TRUE(planned.attr("versions_before").is_known());
  EXPECT_EQ(string_map_of(planned.attr("versions_before")), StringMap{});
  EXPECT_EQ(string_list_of(planned.attr("order")), (std::vector<std::string>{"features", "fraud"}));
  EXPECT_EQ(planned.attr("rollback"), Value::boolean(false));
  EXPECT_EQ(planned.attr("allow_skip"), Value::boolean(false)) << "default known at plan";
  EXPECT_EQ(planned.attr("on_gate_failure"), Value::string("error")) << "default known at plan";
  for (const char* f : {"id", "audit_id", "audit_file"}) EXPECT_FALSE(planned.attr(f).is_known()) << f;
  EXPECT_EQ(commit_count(), before) << "plan writes nothing";

  schema::ApplyResponse a = apply_create(p, config);
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  const Value& state = a.new_state;
  const std::string audit_id = state.attr("audit_id").as_string();
  EXPECT_TRUE(std::regex_match(audit_id, std::regex("[0-9a-f]{16}"))) << audit_id;
  EXPECT_EQ(state.attr("id").as_string(), "ml/" + audit_id);
  const std::string file = state.attr("audit_file").as_string();
  EXPECT_TRUE(std::regex_match(file, std::regex("audit/ml/\\d{8}T\\d{6}Z-" + audit_id + "\\.json"))) << file;
  EXPECT_EQ(audit_files(), std::vector<std::string>{file});
  EXPECT_EQ(std::stoi(commit_count()), std::stoi(before) + 1) << "one commit";
  for (const char* f : {"status", "approved_versions", "versions_before", "order", "rollback"})
    EXPECT_EQ(state.attr(f), planned.attr(f)) << f << " as planned";
  const std::string record = git("show main:" + file);
  EXPECT_NE(record.find("\"decision\": \"promoted\""), std::string::npos) << record;
  EXPECT_NE(git("log -1 --format=%s main").find("Promote features 1, fraud 1 from dev to staging (ml)"),
            std::string::npos);
  // The state reads back while the record exists, and is gone when the record is deleted.
  EXPECT_EQ(promotion().read({state, ""}).new_state, state);
  git("-c user.name=h -c user.email=h@x rm -q " + file);
  git("-c user.name=h -c user.email=h@x commit -qm 'drop audit'");
  EXPECT_TRUE(promotion().read({state, ""}).new_state.is_null());
}

TEST_F(PromotionResourceTest, EachRuleReportsAtItsAttribute) {
  const auto versions = [](const std::string& app) { return AttributePath::root("versions").key(app); };
  const AttributePath gate0 = AttributePath::root("gate").index(0);
  struct Case {
    std::string name;
    Value config;
    std::string summary;
    AttributePath path;
  };
  const Value ok_approval = approval("alice", "CHG-1");
  const std::vector<Case> cases{
      {"unknown from", promo_config("qa", "staging", {{"features", "1"}}), "\"qa\" is not an environment of root \"ml\"",
       AttributePath::root("from")},
      {"skip", promo_config("dev", "prod", {{"features", "1"}}, {}, {{"approval", ok_approval}}),
       "Promotion from \"dev\" to \"prod\" skips staging", AttributePath::root("to")},
      {"backwards", promo_config("staging", "dev", {{"features", "1"}}),
       "Promotion goes backwards: \"dev\" comes before \"staging\"", AttributePath::root("to")},
      {"not deployed", promo_config("dev", "staging", {{"ghost", "1"}}), "App \"ghost\" is not deployed in dev",
       versions("ghost")},
      {"not live", promo_config("dev", "staging", {{"features", "1"}, {"fraud", "2"}}),
       "Version 2 of \"fraud\" is not live in dev", versions("fraud")},
      {"no record", promo_config("dev", "staging", {{"churn", "3"}}, {gate("auc", ">=", "0.9")}),
       "No registry record for model churn version 3", versions("churn")},
      {"gate fails", bundle_to_staging({gate("latency_p95_ms", "<=", "100"), gate("auc", ">=", "0.93")}),
       "Gate failed for \"fraud\": auc >= 0.93 (gate[1])", AttributePath::root("gate").index(1).attr("metric")},
      {"missing metric fails", bundle_to_staging({gate("precision", ">=", "0.5")}),
       "Gate failed for \"features\": precision >= 0.5 (gate[0])", gate0.attr("metric")},
      {"gate app outside bundle", bundle_to_staging({gate("auc", ">=", "0.9", {{"app", Value::string("churn")}})}),
       "Gate app \"churn\" is not in the bundle", gate0.attr("app")},
      {"hold with nothing to keep",
       bundle_to_staging({gate("auc", ">=", "0.93")}, {{"on_gate_failure", Value::string("hold")}}),
       "Cannot hold \"fraud\": nothing runs in staging", versions("fraud")},
      {"approval", promo_config("dev", "prod", {{"features", "1"}}, {}, {{"allow_skip", Value::boolean(true)}}),
       "prod is protected: an approval is required", AttributePath::root("approval")},
      {"dependency", promo_config("dev", "staging", {{"fraud", "1"}}),
       "\"fraud\" depends on \"features\", which staging does not run at version 1", versions("fraud")},
      // Checks of the configuration itself, made at plan too.
      {"bad mode", bundle_to_staging({}, {{"on_gate_failure", Value::string("maybe")}}), "Invalid on_gate_failure",
       AttributePath::root("on_gate_failure")},
      {"empty bundle", promo_config("dev", "staging", {}), "Empty bundle", AttributePath::root("versions")},
      {"same environment", promo_config("dev", "dev", {{"features", "1"}}), "Promotion to the same environment",
       AttributePath::root("to")},
      {"gate without bound", bundle_to_staging({gate("auc", ">=", "")}), "Gate compares with nothing", gate0},
      {"tolerance alone", bundle_to_staging({gate("auc", ">=", "0.9", {{"tolerance", number("1")}})}),
       "Tolerance without comparison", gate0.attr("tolerance")},
      {"blank approver", bundle_to_staging({}, {{"approval", approval(" ", "CHG-1")}}), "Empty approval",
       AttributePath::root("approval").attr("approved_by")},
      {"unknown root", bundle_to_staging().with_attr("root", Value::string("other")), "Unknown root",
       AttributePath::root("root")},
  };
  const std::string before = commit_count();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    schema::PlanResponse p = plan_create(c.config);
    EXPECT_TRUE(has_error_at(p.diagnostics, c.summary, c.path)) << describe(p.diagnostics);
  }
  EXPECT_EQ(commit_count(), before);
  const schema::Diagnostic* unknown_root = nullptr;
  schema::PlanResponse other = plan_create(bundle_to_staging().with_attr("root", Value::string("other")));
  for (const auto& d : other.diagnostics.items())
    if (d.summary == "Unknown root") unknown_root = &d;
  ASSERT_NE(unknown_root, nullptr);
  EXPECT_NE(unknown_root->detail.find("Roots there: ml."), std::string::npos) << unknown_root->detail;

  // Allowed variants of the same: allow_skip, and the approval.
  schema::PlanResponse skip = plan_create(promo_config("dev", "prod", {{"features", "1"}}, {},
                                                       {{"allow_skip", Value::boolean(true)}, {"approval", ok_approval}}));
  EXPECT_FALSE(skip.diagnostics.has_errors()) << describe(skip.diagnostics);
  EXPECT_EQ(skip.planned_state.attr("status"), Value::string("promoted"));
}

TEST_F(PromotionResourceTest, HoldWarnsAndKeepsWhatTheTargetRuns) {
  seed_app("staging", "features", "1", {});
  seed_app("staging", "fraud", "1", {"features"});
  dev_runs("fraud", "1", "2");
  // fraud 2 has auc 0.94: it misses the bar, features 1 (0.95) clears it; the whole bundle is held.
  Value config = promo_config("dev", "staging", {{"features", "1"}, {"fraud", "2"}}, {gate("auc", ">=", "0.95")},
                              {{"on_gate_failure", Value::string("hold")}});
  schema::PlanResponse p = plan_create(config);
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_TRUE(has_warning_at(p.diagnostics, "Promotion to staging held: 1 gate check(s) failed", AttributePath::root("gate")))
      << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state.attr("status"), Value::string("held"));
  EXPECT_EQ(string_map_of(p.planned_state.attr("approved_versions")), (StringMap{{"features", "1"}, {"fraud", "1"}}));
  EXPECT_EQ(string_map_of(p.planned_state.attr("versions_before")), (StringMap{{"features", "1"}, {"fraud", "1"}}));

  schema::ApplyResponse a = apply_create(p, config);
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_EQ(a.new_state.attr("status"), Value::string("held"));
  const std::string record = git("show main:" + a.new_state.attr("audit_file").as_string());
  EXPECT_NE(record.find("\"decision\": \"held\""), std::string::npos) << record;
  EXPECT_NE(git("log -1 --format=%s main").find("Hold staging at features 1, fraud 1 (ml, gates failed)"),
            std::string::npos);
  EXPECT_NE(git("show main:apps/ml/staging/fraud.yaml").find("appofapps.io/model: fraud:1"), std::string::npos)
      << "a promotion changes no app";
}

TEST_F(PromotionResourceTest, UnchangedConfigurationIsNotDecidedAgain) {
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")});
  Value state = promote(config);
  ASSERT_FALSE(state.is_null());
  // Since the decision: dev moved on, and fraud 1's record is gone. Deciding again would fail.
  dev_runs("fraud", "1", "2");
  git("-c user.name=h -c user.email=h@x rm -q registry/fraud/1.yaml");
  git("-c user.name=h -c user.email=h@x commit -qm 'drop record'");

  Value prior = promotion().read({state, ""}).new_state;
  ASSERT_EQ(prior, state);
  schema::PlanResponse same = promotion().plan({prior, proposed(promotion(), prior, config), config, ""});
  EXPECT_TRUE(same.diagnostics.empty()) << describe(same.diagnostics);
  EXPECT_EQ(same.planned_state, prior) << "a recorded decision plans no change";
  EXPECT_TRUE(same.requires_replace.empty());

  // A changed configuration is decided again, against today's repository.
  Value changed = bundle_to_staging({gate("auc", ">=", "0.91")});
  schema::PlanResponse again = promotion().plan({prior, proposed(promotion(), prior, changed), changed, ""});
  EXPECT_TRUE(has_error_at(again.diagnostics, "Version 1 of \"fraud\" is not live in dev",
                           AttributePath::root("versions").key("fraud")))
      << describe(again.diagnostics);
}

TEST_F(PromotionResourceTest, ChangedConfigurationIsANewDecisionInPlace) {
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")});
  Value state = promote(config);
  Value changed = bundle_to_staging({gate("auc", ">=", "0.91")});
  schema::PlanResponse p = promotion().plan({state, proposed(promotion(), state, changed), changed, ""});
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_TRUE(p.requires_replace.empty()) << "only root replaces";
  EXPECT_FALSE(p.planned_state.attr("audit_id").is_known());
  EXPECT_EQ(p.planned_state.attr("status"), Value::string("promoted"));
  schema::ApplyResponse a = promotion().apply({state, p.planned_state, changed, ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_NE(a.new_state.attr("audit_id"), state.attr("audit_id"));
  EXPECT_EQ(audit_files().size(), 2u) << "earlier records stay";

  Value other_root = changed.with_attr("root", Value::string("ml2"));
  schema::PlanResponse r = promotion().plan({a.new_state, proposed(promotion(), a.new_state, other_root), other_root, ""});
  ASSERT_EQ(r.requires_replace.size(), 1u) << describe(r.diagnostics);
  EXPECT_EQ(r.requires_replace[0], AttributePath::root("root"));
}

TEST_F(PromotionResourceTest, ApplyChecksAgainAndWritesNothingWhenTheRepositoryChanged) {
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")});
  schema::PlanResponse p = plan_create(config);
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  dev_runs("fraud", "1", "2");  // between plan and apply
  const std::string before = git("rev-parse main");
  schema::ApplyResponse a = apply_create(p, config);
  ASSERT_TRUE(a.diagnostics.has_errors());
  bool no_longer = false;
  for (const auto& d : a.diagnostics.items()) no_longer |= d.summary == "Promotion no longer allowed";
  EXPECT_TRUE(no_longer) << describe(a.diagnostics);
  EXPECT_TRUE(has_error_at(a.diagnostics, "Version 1 of \"fraud\" is not live in dev",
                           AttributePath::root("versions").key("fraud")))
      << describe(a.diagnostics);
  EXPECT_TRUE(a.new_state.is_null()) << "no state for a create that did not happen";
  EXPECT_EQ(git("rev-parse main"), before) << "no commit";
  EXPECT_TRUE(audit_files().empty());
}

TEST_F(PromotionResourceTest, ApplyRefusesADecisionThatChangedSinceThePlan) {
  seed_app("staging", "features", "1", {});
  seed_app("staging", "fraud", "1", {"features"});
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")}, {{"on_gate_failure", Value::string("hold")}});
  schema::PlanResponse p = plan_create(config);
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  ASSERT_EQ(p.planned_state.attr("status"), Value::string("promoted"));
  // fraud 1's auc edited below the bar: the apply's decision would now be "held".
  hand_edit("registry/fraud/1.yaml", "auc: 0.92", "auc: 0.8");
  const std::string before = git("rev-parse main");
  schema::ApplyResponse a = apply_create(p, config);
  ASSERT_TRUE(a.diagnostics.has_errors());
  EXPECT_EQ(a.diagnostics.items().back().summary, "Promotion changed since the plan") << describe(a.diagnostics);
  EXPECT_TRUE(a.new_state.is_null());
  EXPECT_EQ(git("rev-parse main"), before) << "no commit";
}

TEST_F(PromotionResourceTest, ImportRestoresThePromotionWithItsGatesAndApproval) {
  Value config = promo_config(
      "dev", "prod", {{"features", "1"}, {"fraud", "1"}},
      {gate("auc", ">=", "0.9"),
       gate("latency_p95_ms", "<=", "100",
            {{"app", Value::string("fraud")}, {"not_worse_than_target", Value::boolean(true)}, {"tolerance", number("5")}})},
      {{"allow_skip", Value::boolean(true)}, {"approval", approval("alice@example.com", "CHG-1234")}});
  Value state = promote(config);
  ASSERT_FALSE(state.is_null());

  schema::ImportResponse imported = promotion().import_state(state.attr("id").as_string());
  ASSERT_FALSE(imported.diagnostics.has_errors()) << describe(imported.diagnostics);
  Value restored = promotion().read({imported.state, ""}).new_state;
  ASSERT_FALSE(restored.is_null());
  for (const char* f : {"root", "from", "to", "versions", "gate", "approval", "allow_skip", "on_gate_failure", "id",
                        "status", "approved_versions", "versions_before", "rollback", "audit_id", "audit_file"})
    EXPECT_EQ(restored.attr(f), state.attr(f)) << f << ": " << restored.attr(f).debug_string() << " vs "
                                               << state.attr(f).debug_string();
  schema::PlanResponse p = promotion().plan({restored, proposed(promotion(), restored, config), config, ""});
  EXPECT_TRUE(p.diagnostics.empty()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state, restored) << "the next plan shows no change";

  // on_gate_failure left out (the default, as recorded): no change either.
  Value lean = config.with_attr("on_gate_failure", Value::null(Type::string()));
  schema::PlanResponse lean_plan = promotion().plan({restored, proposed(promotion(), restored, lean), lean, ""});
  EXPECT_TRUE(lean_plan.diagnostics.empty()) << describe(lean_plan.diagnostics);
  EXPECT_EQ(lean_plan.planned_state, restored);

  EXPECT_EQ(promotion().import_state("ml").diagnostics.items().at(0).summary, "Invalid import ID");
  EXPECT_EQ(promotion().import_state("ML/abc").diagnostics.items().at(0).summary, "Invalid import ID");
  EXPECT_EQ(promotion().import_state("ml/0123456789abcdef").diagnostics.items().at(0).summary, "Audit record not found");
}

// The reference says the next plan after an import is empty "defaults written or left out alike".
// A gate written with its defaults (not_worse_than_target = false, tolerance = 0) is imported
// without them (the import leaves them null), so the configuration differs from the state.
TEST_F(PromotionResourceTest, ImportPlansNoChangeWhenGateDefaultsAreWrittenOut) {
  Value config = bundle_to_staging(
      {gate("auc", ">=", "0.9", {{"not_worse_than_target", Value::boolean(false)}}),
       gate("latency_p95_ms", "<=", "",
            {{"not_worse_than_target", Value::boolean(true)}, {"tolerance", number("0")}})},
      {{"allow_skip", Value::boolean(false)}, {"on_gate_failure", Value::string("error")}});
  Value state = promote(config);
  ASSERT_FALSE(state.is_null());
  schema::ImportResponse imported = promotion().import_state(state.attr("id").as_string());
  ASSERT_FALSE(imported.diagnostics.has_errors()) << describe(imported.diagnostics);
  Value restored = promotion().read({imported.state, ""}).new_state;
  schema::PlanResponse p = promotion().plan({restored, proposed(promotion(), restored, config), config, ""});
  EXPECT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state, restored) << "decided again (a new audit record on apply): state gate = "
                                        << restored.attr("gate").debug_string()
                                        << ", configured gate = " << config.attr("gate").debug_string();
}

// `terraform plan -generate-config-out` writes every optional argument of the imported state,
// `tolerance = 0` (the default) included, also for a gate without not_worse_than_target: that
// configuration must be accepted and plan no change.
TEST_F(PromotionResourceTest, GeneratedConfigurationWithZeroTolerancePlansNoChange) {
  Value state = promote(bundle_to_staging({gate("auc", ">=", "0.9")}));
  ASSERT_FALSE(state.is_null());
  Value restored = promotion().read({promotion().import_state(state.attr("id").as_string()).state, ""}).new_state;
  ASSERT_FALSE(restored.is_null());
  // The generated configuration: every argument (not the computed-only attributes) as imported.
  Value generated = Value::object(promo_type(), {});
  for (const auto& a : promotion().schema().block.attributes)
    if (a.optional || a.required) generated = generated.with_attr(a.name, restored.attr(a.name));
  generated = generated.with_attr("gate", restored.attr("gate"));
  ASSERT_EQ(generated.attr("gate").elements()[0].attr("tolerance"), number("0"));
  ASSERT_EQ(generated.attr("gate").elements()[0].attr("not_worse_than_target"), Value::boolean(false));
  schema::PlanResponse p = promotion().plan({restored, proposed(promotion(), restored, generated), generated, ""});
  EXPECT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state, restored);
}

// allow_skip and on_gate_failure are optional and computed (so that an import plans no change).
// Terraform then proposes the prior value when the configuration drops the argument: the provider
// must put the default back, or `on_gate_failure = "hold"` / `allow_skip = true` stay in force
// silently after they were removed from the configuration (and the promotion is not decided again).
TEST_F(PromotionResourceTest, RemovingAnArgumentRestoresItsDefault) {
  seed_app("staging", "features", "1", {});
  seed_app("staging", "fraud", "1", {"features"});
  Value config = bundle_to_staging({gate("auc", ">=", "0.9")}, {{"on_gate_failure", Value::string("hold")}});
  Value state = promote(config);
  ASSERT_FALSE(state.is_null());
  ASSERT_EQ(state.attr("on_gate_failure"), Value::string("hold"));
  Value dropped = config.with_attr("on_gate_failure", Value::null(Type::string()));
  schema::PlanResponse p = promotion().plan({state, proposed(promotion(), state, dropped), dropped, ""});
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state.attr("on_gate_failure"), Value::string("error"))
      << "the default, not the prior \"hold\"; planned " << p.planned_state.attr("on_gate_failure").debug_string();

  Value skip_config = promo_config("dev", "prod", {{"features", "1"}}, {},
                                   {{"allow_skip", Value::boolean(true)}, {"approval", approval("alice", "CHG-1")}});
  Value skip_state = promote(skip_config);
  ASSERT_FALSE(skip_state.is_null());
  Value no_skip = skip_config.with_attr("allow_skip", Value::null(Type::boolean()));
  schema::PlanResponse q = promotion().plan({skip_state, proposed(promotion(), skip_state, no_skip), no_skip, ""});
  EXPECT_TRUE(has_error_at(q.diagnostics, "Promotion from \"dev\" to \"prod\" skips staging", AttributePath::root("to")))
      << "without allow_skip, dev -> prod must be refused; got: " << describe(q.diagnostics)
      << (q.planned_state.is_null() ? std::string() : " planned allow_skip = " + q.planned_state.attr("allow_skip").debug_string());
}

TEST_F(PromotionResourceTest, DestroyWritesOneWithdrawnRecordAndChangesNoApp) {
  seed_app("staging", "features", "1", {});
  seed_app("staging", "fraud", "1", {"features"});
  Value config = bundle_to_staging({}, {{"approval", approval("alice", "CHG-9")}});
  Value state = promote(config);
  ASSERT_FALSE(state.is_null());
  const std::string tip = git("rev-parse main").substr(0, 40);

  schema::PlanResponse p = promotion().plan({state, Value::null(promo_type()), Value::null(promo_type()), ""});
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_TRUE(p.planned_state.is_null());
  schema::ApplyResponse a = promotion().apply({state, Value::null(promo_type()), Value::null(promo_type()), ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_TRUE(a.new_state.is_null());

  EXPECT_EQ(git("rev-list --count " + tip + "..main"), "1\n");
  const std::string changed = git("diff --name-only " + tip + " main");
  ASSERT_TRUE(std::regex_match(changed, std::regex("audit/ml/[0-9TZ]+-[0-9a-f]{16}\\.json\n"))) << changed;
  const std::string record = git("show main:" + changed.substr(0, changed.size() - 1));
  EXPECT_NE(record.find("\"decision\": \"withdrawn\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"actor\": \"terraform\""), std::string::npos) << "the destroying actor: " << record;
  EXPECT_NE(git("log -1 --format=%s main").find("Withdraw promotion dev -> staging (ml)"), std::string::npos);
  const std::string withdrawn_id = changed.substr(changed.rfind('-') + 1, 16);
  EXPECT_EQ(promotion().import_state("ml/" + withdrawn_id).diagnostics.items().at(0).summary,
            "Promotion was withdrawn");
}

TEST_F(PromotionResourceTest, RecordPlannedEarlierInTheRunIsSeenByThePromotion) {
  dev_runs("fraud", "1", "3");  // fraud 3 has no record in the repository
  Value config = promo_config("dev", "staging", {{"features", "1"}, {"fraud", "3"}},
                              {gate("auc", ">=", "0.96", {{"app", Value::string("fraud")}})});
  // A provider that planned nothing: no record.
  AppofappsProvider fresh;
  {
    const Type t = fresh.schema().block.implied_type();
    schema::Diagnostics d;
    fresh.configure("1.11.4", Value::object(t, {{"repository", Value::object(t.attribute("repository"), {{"url", Value::string(repo_)}})}}), d);
    ASSERT_FALSE(d.has_errors());
    const schema::Resource& other = *fresh.resources().at("appofapps_promotion");
    schema::PlanResponse p = other.plan({Value::null(promo_type()), config, config, ""});
    EXPECT_TRUE(has_error_at(p.diagnostics, "No registry record for model fraud version 3",
                             AttributePath::root("versions").key("fraud")))
        << describe(p.diagnostics);
  }
  // Planned (not applied) in this process, the record's metrics feed the gates.
  Value mv = mv_config("fraud", "3", {{"auc", "0.97"}, {"latency_p95_ms", "60"}});
  schema::PlanResponse planned_mv = model_version().plan({Value::null(mv_type()), mv, mv, ""});
  ASSERT_FALSE(planned_mv.diagnostics.has_errors()) << describe(planned_mv.diagnostics);
  schema::PlanResponse p = plan_create(config);
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state.attr("status"), Value::string("promoted"));
  // The apply checks the repository alone: the record must be applied first.
  schema::ApplyResponse early = apply_create(p, config);
  EXPECT_TRUE(early.diagnostics.has_errors());
  EXPECT_TRUE(audit_files().empty());
  schema::ApplyResponse mv_applied = model_version().apply({Value::null(mv_type()), planned_mv.planned_state, mv, ""});
  ASSERT_FALSE(mv_applied.diagnostics.has_errors()) << describe(mv_applied.diagnostics);
  schema::ApplyResponse a = apply_create(p, config);
  EXPECT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_EQ(audit_files().size(), 1u);
}

TEST_F(PromotionResourceTest, TheModelMatchesTheSchema) {
  auto [in_schema, in_model] = runtime::model_mismatch<PromotionModel>(promo_type());
  EXPECT_TRUE(in_schema.empty() && in_model.empty()) << ::testing::PrintToString(in_schema) << " / "
                                                     << ::testing::PrintToString(in_model);
  auto [gate_schema, gate_model] = runtime::model_mismatch<GateModel>(gate_type());
  EXPECT_TRUE(gate_schema.empty() && gate_model.empty());
  auto [approval_schema, approval_model] = runtime::model_mismatch<ApprovalModel>(promo_type().attribute("approval"));
  EXPECT_TRUE(approval_schema.empty() && approval_model.empty());
}

// ---------------------------------------------------------------------------------------------
// data.appofapps_environment

using EnvironmentDataSourceTest = PromotionResourceTest;

TEST_F(EnvironmentDataSourceTest, ReturnsTheVersionsAndModelsOfAnEnvironment) {
  const schema::DataSource& ds = *provider_.data_sources().at("appofapps_environment");
  const Type t = ds.schema().block.implied_type();
  schema::Diagnostics d;
  Value v = ds.read(Value::object(t, {{"root", Value::string("ml")}, {"environment", Value::string("dev")}}), d);
  ASSERT_FALSE(d.has_errors()) << describe(d);
  EXPECT_EQ(string_map_of(v.attr("versions")), (StringMap{{"churn", "3"}, {"features", "1"}, {"fraud", "1"}}));
  EXPECT_EQ(string_map_of(v.attr("models")), (StringMap{{"churn", "churn"}, {"features", "features"}, {"fraud", "fraud"}}));
  EXPECT_EQ(v.attr("id"), Value::string("ml/dev"));
  EXPECT_EQ(v.attr("commit").as_string() + "\n", git("rev-parse main"));

  schema::Diagnostics empty;
  Value staging = ds.read(Value::object(t, {{"root", Value::string("ml")}, {"environment", Value::string("staging")}}), empty);
  ASSERT_FALSE(empty.has_errors()) << describe(empty);
  EXPECT_EQ(string_map_of(staging.attr("versions")), StringMap{});

  schema::Diagnostics unknown;
  ds.read(Value::object(t, {{"root", Value::string("ml")}, {"environment", Value::string("qa")}}), unknown);
  EXPECT_TRUE(unknown.has_errors()) << "qa is not an environment of ml";
}

}  // namespace
}  // namespace aoa::provider::testing
