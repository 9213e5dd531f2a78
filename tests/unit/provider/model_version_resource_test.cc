// appofapps_model_version through the provider's Resource interface (no terraform), over a
// MemoryStore: no Git repository is made. Plan (create refusals, replacements, evidence compared
// by meaning), apply (register, update tags, delete), read (hand edits as drift) and import.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

using schema::AttributePath;

class ModelVersionTest : public ProviderFixture {
 protected:
  ModelVersionTest() : ProviderFixture(StoreKind::Memory) {}

  void SetUp() override {
    ProviderFixture::SetUp();
    seed(model_version(), mv_config("fraud", "1", {{"auc", "0.92"}, {"latency_p95_ms", "71"}}));
    seed(model_version(), mv_config("fraud", "2", {{"auc", "0.94"}, {"latency_p95_ms", "74"}}));
  }

  // A committed hand edit of a file in the repository.
  void hand_edit(const std::string& path, const std::string& from, const std::string& to) {
    std::string text = memory().read(path).value_or("");
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << path << " has no \"" << from << "\":\n" << text;
    text.replace(at, from.size(), to);
    memory().commit({{{path, text}}, "hand edit\n"});
  }
};

TEST_F(ModelVersionTest, RegisterWritesTheRecordWithoutAGitRepository) {
  Value config = mv_config("churn", "3", {{"auc", "0.9"}}, {{"run_id", "r-3"}}, {{"team", "growth"}});
  schema::PlanResponse p = model_version().plan({Value::null(mv_type()), config, config, ""});
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.planned_state.attr("id"), Value::string("churn/3"));
  EXPECT_FALSE(p.planned_state.attr("commit").is_known());
  EXPECT_FALSE(memory().read("registry/churn/3.yaml")) << "plan writes nothing";

  schema::ApplyResponse a = model_version().apply({Value::null(mv_type()), p.planned_state, config, ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_EQ(a.new_state.attr("commit"), Value::string(memory().tip()));
  const std::string file = memory().read("registry/churn/3.yaml").value_or("");
  EXPECT_NE(file.find("auc: 0.9"), std::string::npos) << file;
  EXPECT_NE(file.find("run_id: r-3"), std::string::npos) << file;
  EXPECT_EQ(memory().list("registry"), std::vector<std::string>{}) << "one folder a model";
  EXPECT_EQ(memory().list("registry/churn"), std::vector<std::string>{"3.yaml"});
  EXPECT_NE(memory().log().front().find("Register appofapps_model_version churn 3"), std::string::npos);
  EXPECT_NE(memory().log().front().find("Appofapps-Resource: appofapps_model_version/churn/3"), std::string::npos);
  EXPECT_EQ(model_version().read({a.new_state, ""}).new_state, a.new_state) << "no drift after apply";
  EXPECT_FALSE(std::filesystem::exists(repo_)) << "the MemoryStore made no repository";
}

TEST_F(ModelVersionTest, DestroyDeletesTheRecord) {
  Value state = seed(model_version(), mv_config("churn", "4", {}));
  ASSERT_FALSE(state.is_null());
  schema::ApplyResponse a = model_version().apply({state, Value::null(mv_type()), Value::null(mv_type()), ""});
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_TRUE(a.new_state.is_null());
  EXPECT_FALSE(memory().read("registry/churn/4.yaml"));
  EXPECT_NE(memory().log().front().find("Delete appofapps_model_version churn 4"), std::string::npos);
  EXPECT_TRUE(model_version().read({state, ""}).new_state.is_null()) << "gone: Terraform plans a create";
}

TEST_F(ModelVersionTest, CreateRefusesAnExistingRecordUnlessReplacing) {
  Value config = mv_config("fraud", "1", {{"auc", "0.99"}});
  schema::PlanResponse p = model_version().plan({Value::null(mv_type()), config, config, ""});
  EXPECT_TRUE(has_error_at(p.diagnostics, "Model version already registered", AttributePath::root("version")))
      << describe(p.diagnostics);
  EXPECT_NE(describe(p.diagnostics).find("registry/fraud/1.yaml"), std::string::npos) << describe(p.diagnostics);
  // The create half of a replacement (Terraform passes the private data of the first plan).
  schema::PlanResponse r = model_version().plan({Value::null(mv_type()), config, config, "replaces=appofapps_model_version/fraud/1"});
  EXPECT_FALSE(r.diagnostics.has_errors()) << describe(r.diagnostics);
  // A new version is fine; its id is known at plan, its commit after apply.
  Value fresh = mv_config("fraud", "9", {{"auc", "0.99"}});
  schema::PlanResponse n = model_version().plan({Value::null(mv_type()), fresh, fresh, ""});
  ASSERT_FALSE(n.diagnostics.has_errors()) << describe(n.diagnostics);
  EXPECT_EQ(n.planned_state.attr("id"), Value::string("fraud/9"));
  EXPECT_FALSE(n.planned_state.attr("commit").is_known());
}

TEST_F(ModelVersionTest, ReadShowsHandEditsOfTheRecord) {
  Value config = mv_config("fraud", "4", {{"auc", "0.91"}, {"latency_p95_ms", "70"}}, {{"run_id", "r-4"}},
                           {{"team", "risk"}});
  Value state = seed(model_version(), config);
  ASSERT_FALSE(state.is_null());
  EXPECT_EQ(state.attr("commit"), Value::string(memory().tip()));
  EXPECT_EQ(model_version().read({state, ""}).new_state, state) << "no drift without an edit";

  hand_edit("registry/fraud/4.yaml", "auc: 0.91", "auc: 0.85");
  hand_edit("registry/fraud/4.yaml", "team: risk", "team: fraud");
  Value read = model_version().read({state, ""}).new_state;
  EXPECT_EQ(read.attr("metrics").entries().at("auc"), number("0.85"));
  EXPECT_EQ(read.attr("metrics").entries().at("latency_p95_ms"), number("70"));
  EXPECT_EQ(string_map_of(read.attr("tags")), (StringMap{{"team", "fraud"}}));
  EXPECT_EQ(read.attr("lineage").attr("run_id"), Value::string("r-4"));
  EXPECT_TRUE(read.attr("lineage").attr("data_version").is_null()) << "an unset field stays null";
  // The next plan puts the configured evidence back by replacing the record.
  schema::PlanResponse p = model_version().plan({read, proposed(model_version(), read, config), config, ""});
  ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
  EXPECT_EQ(p.requires_replace, std::vector<AttributePath>{AttributePath::root("metrics")});

  memory().commit({{{"registry/fraud/4.yaml", std::nullopt}}, "gone\n"});
  EXPECT_TRUE(model_version().read({state, ""}).new_state.is_null());
}

TEST_F(ModelVersionTest, UnreadableRecordPlansARewrite) {
  Value state = seed(model_version(), mv_config("fraud", "6", {{"auc", "0.9"}}));
  memory().commit({{{"registry/fraud/6.yaml", "not: [a record\n"}}, "broken\n"});
  Value read = model_version().read({state, ""}).new_state;
  EXPECT_EQ(read.attr("commit"), Value::string("")) << "an empty commit makes the plan write the record again";
}

TEST_F(ModelVersionTest, EvidenceChangesReplaceTagsChangeInPlace) {
  Value config = mv_config("fraud", "5", {{"auc", "0.91"}}, {{"run_id", "r-5"}}, {{"team", "risk"}});
  Value state = seed(model_version(), config);
  ASSERT_FALSE(state.is_null());
  struct Case {
    std::string name;
    Value config;
    std::vector<AttributePath> replace;
  };
  const std::vector<Case> cases{
      {"metrics", mv_config("fraud", "5", {{"auc", "0.92"}}, {{"run_id", "r-5"}}, {{"team", "risk"}}),
       {AttributePath::root("metrics")}},
      {"lineage", mv_config("fraud", "5", {{"auc", "0.91"}}, {{"run_id", "r-6"}}, {{"team", "risk"}}),
       {AttributePath::root("lineage")}},
      {"artifact_uri", mv_config("fraud", "5", {{"auc", "0.91"}}, {{"run_id", "r-5"}}, {{"team", "risk"}}, "runs:/x/model"),
       {AttributePath::root("artifact_uri")}},
      {"tags", mv_config("fraud", "5", {{"auc", "0.91"}}, {{"run_id", "r-5"}}, {{"team", "ml"}}), {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    schema::PlanResponse p = model_version().plan({state, proposed(model_version(), state, c.config), c.config, ""});
    ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    EXPECT_EQ(p.requires_replace, c.replace);
    EXPECT_FALSE(p.planned_state.attr("commit").is_known()) << "a change writes a commit";
  }
  // Unchanged: nothing to do, the commit is carried.
  schema::PlanResponse same = model_version().plan({state, proposed(model_version(), state, config), config, ""});
  EXPECT_TRUE(same.requires_replace.empty());
  EXPECT_EQ(same.planned_state, state);
  // Tags are rewritten in place, in one commit.
  const Value tags = cases.back().config;
  schema::PlanResponse p = model_version().plan({state, proposed(model_version(), state, tags), tags, ""});
  schema::ApplyResponse a = model_version().apply({state, p.planned_state, tags, p.planned_private});
  ASSERT_FALSE(a.diagnostics.has_errors()) << describe(a.diagnostics);
  EXPECT_EQ(a.new_state.attr("commit"), Value::string(memory().tip()));
  EXPECT_NE(memory().read("registry/fraud/5.yaml").value_or("").find("team: ml"), std::string::npos);
  EXPECT_NE(memory().log().front().find("Update tags of appofapps_model_version fraud 5"), std::string::npos);
}

// A record without metrics, tags or lineage, imported, then planned with `metrics = {}`, `tags = {}`
// and `lineage {}` or with those left out: no change, and never a replacement (the record is
// evidence that promotion gates read).
TEST_F(ModelVersionTest, ImportPlansNoChangeForEmptyMetricsTagsAndLineage) {
  const Value omitted = mv_config("bare", "1", {});
  seed(model_version(), omitted.with_attr("metrics", Value::null(Type::map(Type::number()))));
  const Value imported = model_version().read({model_version().import_state("bare/1").state, ""}).new_state;
  ASSERT_FALSE(imported.is_null());
  const Value empty = omitted.with_attr("tags", provider::string_map_value({}));  // metrics = {} and lineage {} already
  const Value left_out = omitted.with_attr("metrics", Value::null(Type::map(Type::number())));
  for (const Value& config : {empty, left_out}) {
    schema::PlanResponse p = model_version().plan({imported, proposed(model_version(), imported, config), config, ""});
    ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    EXPECT_TRUE(p.requires_replace.empty()) << config.debug_string();
    EXPECT_EQ(p.planned_state, imported) << config.debug_string();
  }
}

// Evidence is compared by meaning: a state written before `lineage` was a group block (lineage
// null, metrics null) planned against `lineage {}` and `metrics = {}` is not replaced.
TEST_F(ModelVersionTest, EmptyAndAbsentEvidenceAreTheSameRecord) {
  const Value config = mv_config("bare", "2", {});
  Value state = seed(model_version(), config);
  ASSERT_FALSE(state.is_null());
  state = state.with_attr("lineage", Value::null(mv_type().attribute("lineage")))
              .with_attr("metrics", Value::null(Type::map(Type::number())));
  const Value with_empty_field = config.with_attr(
      "lineage", Value::object(mv_type().attribute("lineage"), {{"run_id", Value::string("")}}));
  for (const Value& c : {config, with_empty_field}) {
    schema::PlanResponse p = model_version().plan({state, proposed(model_version(), state, c), c, ""});
    ASSERT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    EXPECT_TRUE(p.requires_replace.empty()) << c.debug_string();
  }
  // A real change of the evidence still replaces.
  const Value changed = config.with_attr("lineage", Value::object(mv_type().attribute("lineage"),
                                                                  {{"run_id", Value::string("r-1")}}));
  EXPECT_EQ(model_version().plan({state, proposed(model_version(), state, changed), changed, ""}).requires_replace,
            std::vector<AttributePath>{AttributePath::root("lineage")});
}

TEST_F(ModelVersionTest, ImportReadsTheRecord) {
  schema::ImportResponse i = model_version().import_state("fraud/2");
  ASSERT_FALSE(i.diagnostics.has_errors()) << describe(i.diagnostics);
  Value state = model_version().read({i.state, ""}).new_state;
  ASSERT_FALSE(state.is_null());
  EXPECT_EQ(state.attr("artifact_uri"), Value::string("azureml://models/fraud/2"));
  EXPECT_EQ(state.attr("metrics").entries().at("auc"), number("0.94"));
  EXPECT_EQ(state.attr("commit"), Value::string(memory().tip()));
  Value config = mv_config("fraud", "2", {{"auc", "0.94"}, {"latency_p95_ms", "74"}});
  schema::PlanResponse p = model_version().plan({state, proposed(model_version(), state, config), config, ""});
  EXPECT_TRUE(p.requires_replace.empty());
  EXPECT_EQ(p.planned_state, state);
  // An id of a record that is not there imports nothing.
  EXPECT_TRUE(model_version().read({model_version().import_state("fraud/7").state, ""}).new_state.is_null());
  EXPECT_EQ(model_version().import_state("fraud").diagnostics.items().at(0).summary, "Invalid import ID");
  EXPECT_EQ(model_version().import_state("fraud/../x").diagnostics.items().at(0).summary, "Invalid import ID");
}

}  // namespace
}  // namespace aoa::provider::testing
