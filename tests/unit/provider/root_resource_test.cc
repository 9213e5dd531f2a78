#include <gtest/gtest.h>

#include "internal/gitops/git_store.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/provider_context.h"
#include "provider/resources/root.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

using RootResourceTest = ProviderFixture;

// What Terraform proposes for an update (objchange.ProposedNew): the configuration, with the prior
// value of every optional+computed or computed attribute the configuration leaves null, also in
// the environment blocks (matched by position).
Value proposed_root(const schema::Resource& r, const Value& prior, const Value& config) {
  auto fill = [](const schema::Block& block, const Value& p, Value c) {
    for (const auto& a : block.attributes)
      if (a.computed && c.attr(a.name).is_null()) c = c.with_attr(a.name, p.attr(a.name));
    return c;
  };
  const schema::Block& env_block = *r.schema().block.find_block("environment")->block;
  std::vector<Value> envs = config.attr("environment").elements();
  const std::vector<Value>& prior_envs = prior.attr("environment").elements();
  for (size_t i = 0; i < envs.size() && i < prior_envs.size(); ++i) envs[i] = fill(env_block, prior_envs[i], envs[i]);
  Value out = fill(r.schema().block, prior, config);
  return out.with_attr("environment", Value::list(config.attr("environment").type().element(), std::move(envs)));
}

// Terraform's plan of `config` against `prior`.
schema::PlanResponse plan_update(const schema::Resource& r, const Value& prior, const Value& config) {
  return r.plan({prior, proposed_root(r, prior, config), config, ""});
}

TEST_F(RootResourceTest, PlanOfCreateFillsDefaultsAndKnowsTheBootstrapButNotTheCommit) {
  Value config = standard_config();
  schema::PlanResponse plan = root().plan({Value::null(root_type()), config, config, ""});
  ASSERT_FALSE(plan.diagnostics.has_errors());
  const Value& p = plan.planned_state;
  EXPECT_EQ(p.attr("id").as_string(), "ml");
  EXPECT_EQ(p.attr("argocd_namespace").as_string(), "argocd");
  EXPECT_EQ(p.attr("argocd_cluster").as_string(), "https://kubernetes.default.svc");
  EXPECT_EQ(p.attr("environment").elements()[0].attr("project").as_string(), "default");
  EXPECT_FALSE(p.attr("environment").elements()[0].attr("protected").as_bool());
  EXPECT_TRUE(p.attr("environment").elements()[2].attr("protected").as_bool());
  EXPECT_FALSE(p.attr("commit").is_known());
  ASSERT_TRUE(p.attr("bootstrap").is_wholly_known());
  EXPECT_EQ(p.attr("bootstrap").length(), 3u);
  EXPECT_NE(p.attr("bootstrap").entries().at("dev").as_string().find("name: ml-dev"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(repo_)) << "plan is side-effect free";
}

TEST_F(RootResourceTest, ApplyCommitsOneFilePerEnvironmentAndReadFindsNoDrift) {
  Value state = create(standard_config());
  EXPECT_EQ(state.attr("commit").as_string().size(), 40u);
  EXPECT_EQ(git("ls-tree -r --name-only main"), "roots/ml/dev.yaml\nroots/ml/prod.yaml\nroots/ml/staging.yaml\n");
  EXPECT_EQ(git("rev-parse main"), state.attr("commit").as_string() + "\n");

  schema::ReadResponse read = root().read({state, ""});
  ASSERT_FALSE(read.diagnostics.has_errors());
  EXPECT_EQ(read.new_state, state);

  // Re-planning the same configuration keeps every value, the commit included.
  Value config = standard_config();
  schema::PlanResponse plan = root().plan({state, state.with_attr("environment", config.attr("environment")), config, ""});
  EXPECT_EQ(plan.planned_state, state);
  EXPECT_TRUE(plan.requires_replace.empty());
}

TEST_F(RootResourceTest, ChangingAnEnvironmentUnknownsTheCommitOnly) {
  Value state = create(standard_config());
  Value config = root_config("ml", {env("dev", "aks-dev-2", "ml-dev"), env("staging", "aks-stg", "ml-stg")});
  Value proposed = config.with_attr("id", state.attr("id"))
                       .with_attr("commit", state.attr("commit"))
                       .with_attr("bootstrap", state.attr("bootstrap"));
  schema::PlanResponse plan = root().plan({state, proposed, config, ""});
  ASSERT_FALSE(plan.diagnostics.has_errors());
  EXPECT_FALSE(plan.planned_state.attr("commit").is_known());
  EXPECT_EQ(plan.planned_state.attr("bootstrap").length(), 2u);
  EXPECT_TRUE(plan.requires_replace.empty());

  schema::ApplyResponse applied = root().apply({state, plan.planned_state, config, ""});
  ASSERT_FALSE(applied.diagnostics.has_errors());
  EXPECT_EQ(git("ls-tree -r --name-only main"), "roots/ml/dev.yaml\nroots/ml/staging.yaml\n")
      << "the environment dropped from the configuration loses its file";
  EXPECT_NE(git("show main:roots/ml/dev.yaml").find("aks-dev-2"), std::string::npos);
  EXPECT_NE(git("log -1 --format=%s main").find("Update appofapps_root ml (dev, staging)"), std::string::npos);
}

TEST_F(RootResourceTest, RenamingReplaces) {
  Value state = create(standard_config());
  Value config = standard_config().with_attr("name", Value::string("ml2"));
  schema::PlanResponse plan = root().plan({state, config, config, ""});
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  EXPECT_EQ(plan.requires_replace[0], schema::AttributePath::root("name"));
}

TEST_F(RootResourceTest, ValidationNamesTheAttributePath) {
  Value config = root_config("Bad_Name", {env("dev", "aks dev", "ml-dev"), env("dev", "aks-dev", "NS")},
                             {{"appofapps.io/root", "x"}, {"bad key!", "v"}});
  schema::Diagnostics d;
  root().validate(config, d);
  using schema::AttributePath;
  EXPECT_TRUE(has_error_at(d, "Invalid name", AttributePath::root("name")));
  EXPECT_TRUE(has_error_at(d, "Invalid cluster", AttributePath::root("environment").index(0).attr("cluster")));
  EXPECT_TRUE(has_error_at(d, "Duplicate environment", AttributePath::root("environment").index(1).attr("name")));
  EXPECT_TRUE(has_error_at(d, "Invalid namespace", AttributePath::root("environment").index(1).attr("namespace")));
  EXPECT_TRUE(has_error_at(d, "Reserved label key", AttributePath::root("labels").key("appofapps.io/root")));
  EXPECT_TRUE(has_error_at(d, "Invalid label key", AttributePath::root("labels").key("bad key!")));

  schema::Diagnostics none;
  root().validate(root_config("ml", {}), none);
  EXPECT_TRUE(has_error_at(none, "At least one environment is required", AttributePath::root("environment")));

  schema::Diagnostics too_long;
  root().validate(root_config(std::string(60, 'a'), {env("staging", "c", "n")}), too_long);
  EXPECT_TRUE(has_error_at(too_long, "Name too long", AttributePath::root("environment").index(0).attr("name")));
}

TEST_F(RootResourceTest, UnknownValuesAreNotValidatedYet) {
  Value config = root_config("ml", {env("dev", "aks-dev", "ml-dev")}).with_attr("name", Value::unknown(Type::string()));
  schema::Diagnostics d;
  root().validate(config, d);
  EXPECT_FALSE(d.has_errors());
  schema::PlanResponse plan = root().plan({Value::null(root_type()), config, config, ""});
  ASSERT_FALSE(plan.diagnostics.has_errors());
  EXPECT_FALSE(plan.planned_state.attr("id").is_known());
  EXPECT_FALSE(plan.planned_state.attr("bootstrap").is_known());
}

TEST_F(RootResourceTest, ReadSeesHandEditsDeletedFilesAndAGoneRoot) {
  Value state = create(standard_config());
  // Hand edit of dev's workload cluster, committed.
  std::string dev = git("show main:roots/ml/dev.yaml");
  dev.replace(dev.find("aks-dev"), 7, "aks-xxx");
  std::ofstream(repo_ + "/roots/ml/dev.yaml") << dev;
  git("-c user.name=h -c user.email=h@x commit -qam edit");
  git("-c user.name=h -c user.email=h@x rm -q roots/ml/staging.yaml");
  git("-c user.name=h -c user.email=h@x commit -qm rm");

  schema::ReadResponse read = root().read({state, ""});
  ASSERT_FALSE(read.diagnostics.has_errors());
  const Value& envs = read.new_state.attr("environment");
  ASSERT_EQ(envs.length(), 2u);
  EXPECT_EQ(envs.elements()[0].attr("cluster").as_string(), "aks-xxx");
  EXPECT_EQ(envs.elements()[1].attr("name").as_string(), "prod");
  EXPECT_NE(read.new_state.attr("bootstrap"), state.attr("bootstrap"));

  git("-c user.name=h -c user.email=h@x rm -q -r roots");
  git("-c user.name=h -c user.email=h@x commit -qm gone");
  EXPECT_TRUE(root().read({state, ""}).new_state.is_null());
}

TEST_F(RootResourceTest, UnparseableHandEditIsRewrittenByTheNextPlan) {
  Value state = create(standard_config());
  std::ofstream(repo_ + "/roots/ml/dev.yaml") << "this: [is not an Application\n";
  git("-c user.name=h -c user.email=h@x commit -qam garbage");
  schema::ReadResponse read = root().read({state, ""});
  ASSERT_FALSE(read.diagnostics.has_errors());
  EXPECT_EQ(read.new_state.attr("environment"), state.attr("environment"));
  Value config = standard_config();
  Value proposed = read.new_state.with_attr("environment", config.attr("environment"));
  schema::PlanResponse plan = root().plan({read.new_state, proposed, config, ""});
  EXPECT_FALSE(plan.planned_state.attr("commit").is_known()) << "the plan must show a change";
  EXPECT_EQ(plan.planned_state.attr("bootstrap"), state.attr("bootstrap"));
}

TEST_F(RootResourceTest, ImportRestoresEnvironmentOrderAndEveryValue) {
  Value state = create(standard_config());
  schema::ImportResponse imported = root().import_state("ml");
  ASSERT_FALSE(imported.diagnostics.has_errors());
  schema::ReadResponse read = root().read({imported.state, ""});
  ASSERT_FALSE(read.diagnostics.has_errors());
  EXPECT_EQ(read.new_state.attr("environment"), state.attr("environment"));
  EXPECT_EQ(read.new_state.attr("bootstrap"), state.attr("bootstrap"));
  EXPECT_EQ(read.new_state.attr("argocd_namespace"), state.attr("argocd_namespace"));
  EXPECT_EQ(read.new_state.attr("labels"), state.attr("labels"));

  EXPECT_TRUE(root().import_state("Not/A/Name").diagnostics.has_errors());
  EXPECT_TRUE(root().read({root().import_state("absent").state, ""}).new_state.is_null())
      << "importing a root that is not in the repository reads as gone";
}

TEST_F(RootResourceTest, CreateRefusesToAdoptAndDestroyRemovesEverything) {
  Value state = create(standard_config());
  Value config = standard_config();
  schema::PlanResponse again = root().plan({Value::null(root_type()), config, config, ""});
  EXPECT_TRUE(has_error_at(again.diagnostics, "Root already exists", schema::AttributePath::root("name")));

  schema::PlanResponse destroy_plan = root().plan({state, Value::null(root_type()), Value::null(root_type()), ""});
  EXPECT_TRUE(destroy_plan.planned_state.is_null());
  schema::ApplyResponse destroyed = root().apply({state, Value::null(root_type()), Value::null(root_type()), ""});
  ASSERT_FALSE(destroyed.diagnostics.has_errors());
  EXPECT_TRUE(destroyed.new_state.is_null());
  EXPECT_EQ(git("ls-tree -r --name-only main"), "");
  EXPECT_EQ(git("rev-list --count main"), "2\n");
}

TEST_F(RootResourceTest, TwoEnvironmentsAndOneEnvironmentPlanAndApply) {
  // Every list length goes through the same path (an earlier build broke on even counts).
  for (size_t n : {1u, 2u, 4u}) {
    std::vector<Value> envs;
    for (size_t i = 0; i < n; ++i) envs.push_back(env("e" + std::to_string(i), "c", "ns"));
    Value state = create(root_config("r" + std::to_string(n), envs));
    ASSERT_FALSE(state.is_null());
    EXPECT_EQ(state.attr("environment").length(), n);
    EXPECT_EQ(state.attr("bootstrap").length(), n);
  }
}

TEST_F(RootResourceTest, StopProviderCancelsAnApplyThatHasNotWritten) {
  Value config = standard_config();
  schema::PlanResponse plan = root().plan({Value::null(root_type()), config, config, ""});
  provider_.stop_token().request_stop();
  schema::ApplyResponse applied = root().apply({Value::null(root_type()), plan.planned_state, config, ""});
  ASSERT_TRUE(applied.diagnostics.has_errors());
  EXPECT_EQ(applied.diagnostics.items().front().summary, "Cancelled");
  EXPECT_TRUE(applied.new_state.is_null()) << "the prior (absent) state is kept";
  EXPECT_FALSE(std::filesystem::exists(repo_));
}

TEST_F(RootResourceTest, SubpathPrefixesTheArgoSourcePath) {
  configure(repo_, "platform/ml");
  create(standard_config());
  EXPECT_EQ(git("ls-tree -r --name-only main"),
            "platform/ml/roots/ml/dev.yaml\nplatform/ml/roots/ml/prod.yaml\nplatform/ml/roots/ml/staging.yaml\n");
  EXPECT_NE(git("show main:platform/ml/roots/ml/dev.yaml").find("path: platform/ml/apps/ml/dev"), std::string::npos);
}

TEST_F(RootResourceTest, RemovingAnArgumentReturnsItToItsDefault) {
  // Terraform proposes the prior value for an optional+computed argument the configuration leaves
  // out: the default must follow the configuration, not the proposal.
  Value custom = root_config("ml", {env("dev", "aks-dev", "ml-dev", true)}, {{"team", "ml"}})
                     .with_attr("argocd_namespace", Value::string("argo-custom"))
                     .with_attr("argocd_cluster", Value::string("https://argo.example.com"));
  Value envs = custom.attr("environment");
  custom = custom.with_attr("environment", Value::list(env_type(), {envs.elements()[0].with_attr(
                                                                        "project", Value::string("ml"))}));
  Value state = create(custom);
  ASSERT_EQ(state.attr("argocd_namespace").as_string(), "argo-custom");

  Value plain = root_config("ml", {env("dev", "aks-dev", "ml-dev")});
  schema::PlanResponse plan = plan_update(root(), state, plain);
  ASSERT_FALSE(plan.diagnostics.has_errors());
  const Value& p = plan.planned_state;
  EXPECT_EQ(p.attr("argocd_namespace"), Value::string("argocd"));
  EXPECT_EQ(p.attr("argocd_cluster"), Value::string("https://kubernetes.default.svc"));
  EXPECT_EQ(p.attr("labels"), Value::map(Type::string(), {}));
  EXPECT_EQ(p.attr("environment").elements()[0].attr("project"), Value::string("default"));
  EXPECT_EQ(p.attr("environment").elements()[0].attr("protected"), Value::boolean(false));
  EXPECT_FALSE(p.attr("commit").is_known()) << "the plan shows an update";

  schema::ApplyResponse applied = root().apply({state, p, plain, ""});
  ASSERT_FALSE(applied.diagnostics.has_errors());
  const std::string file = git("show main:roots/ml/dev.yaml");
  EXPECT_NE(file.find("namespace: argocd\n"), std::string::npos) << file;
  EXPECT_EQ(file.find("argo-custom"), std::string::npos) << file;
  EXPECT_EQ(plan_update(root(), applied.new_state, plain).planned_state, applied.new_state) << "then no change";
}

TEST_F(RootResourceTest, ImportPlansNoChangeWithEmptyLabelsOrWithout) {
  create(standard_config());
  const Value imported = root().read({root().import_state("ml").state, ""}).new_state;
  ASSERT_FALSE(imported.is_null());
  const Value without = standard_config();
  const Value empty = without.with_attr("labels", Value::map(Type::string(), {}));
  for (const Value& config : {without, empty}) {
    schema::PlanResponse plan = plan_update(root(), imported, config);
    ASSERT_FALSE(plan.diagnostics.has_errors());
    EXPECT_EQ(plan.planned_state, imported) << "labels " << config.attr("labels").debug_string();
  }
  // A state without labels (written before labels were computed) stays as it is too.
  const Value old = imported.with_attr("labels", Value::null(Type::map(Type::string())));
  EXPECT_EQ(plan_update(root(), old, without).planned_state, old);
}

TEST_F(RootResourceTest, TheModelMatchesTheSchema) {
  auto [missing_in_schema, missing_in_model] = runtime::model_mismatch<RootModel>(root_type());
  EXPECT_TRUE(missing_in_schema.empty());
  EXPECT_TRUE(missing_in_model.empty());
  auto [env_missing_in_schema, env_missing_in_model] = runtime::model_mismatch<EnvironmentModel>(env_type());
  EXPECT_TRUE(env_missing_in_schema.empty());
  EXPECT_TRUE(env_missing_in_model.empty());
}

TEST_F(RootResourceTest, UnknownRootDetailListsTwentyRootsAndCountsTheRest) {
  for (int i = 0; i < 22; ++i) create(root_config("r" + std::string(i < 10 ? "0" : "") + std::to_string(i), {env("dev", "c", "ns")}));
  ProviderContext ctx;
  ctx.store = std::make_unique<gitops::GitStore>(gitops::StoreConfig{repo_});
  const std::string detail = unknown_root_detail(ctx, "nope");
  EXPECT_NE(detail.find("There is no appofapps_root \"nope\""), std::string::npos) << detail;
  EXPECT_NE(detail.find("Roots there: r00, r01,"), std::string::npos) << detail;
  EXPECT_NE(detail.find("r19 and 2 more."), std::string::npos) << detail;
  EXPECT_EQ(detail.find("r20"), std::string::npos) << detail;

  const std::string env_detail = unknown_environment_detail(ctx, "r00", "prod");
  EXPECT_NE(env_detail.find("has no environment \"prod\""), std::string::npos) << env_detail;
  EXPECT_NE(env_detail.find("Its environments: dev."), std::string::npos) << env_detail;
}

}  // namespace
}  // namespace aoa::provider::testing
