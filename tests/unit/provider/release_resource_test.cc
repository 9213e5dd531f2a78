// appofapps_release over a MemoryStore: the release records itself, the apps of its environment
// then hold their changes (visible, not on the branch), and the release's update publishes them
// and the re-waved record as one commit whose message lists every change.
#include <gtest/gtest.h>

#include "internal/gitops/release_journal.h"
#include "tests/unit/provider/provider_fixture.h"

namespace aoa::provider::testing {
namespace {

class ReleaseResourceTest : public ProviderFixture {
 protected:
  ReleaseResourceTest() : ProviderFixture(StoreKind::Memory) {}
  void SetUp() override {
    ProviderFixture::SetUp();
    create(root_config("ml", {env("dev", "aks-dev", "ml-dev")}));
  }
  const schema::Resource& app() const { return *provider_.resources().at("appofapps_app"); }
  const schema::Resource& release() const { return *provider_.resources().at("appofapps_release"); }
  Type app_type() const { return app().schema().block.implied_type(); }
  Type release_type() const { return release().schema().block.implied_type(); }

  Value app_config(const std::string& name, const std::string& version, std::vector<std::string> deps = {}) const {
    std::vector<Value> d;
    for (auto& s : deps) d.push_back(Value::string(s));
    std::map<std::string, Value> a{
        {"root", Value::string("ml")},    {"environment", Value::string("dev")}, {"name", Value::string(name)},
        {"owner", Value::string("team")}, {"namespace", Value::string("ns-" + name)},
        {"model", Value::object(app_type().attribute("model"), {{"name", Value::string(name)}, {"version", Value::string(version)}})}};
    if (!d.empty()) a["depends_on_apps"] = Value::set(Type::string(), d);
    return Value::object(app_type(), a);
  }
  Value release_config(std::vector<std::string> apps) const {
    std::vector<Value> ids;
    for (auto& a : apps) ids.push_back(Value::string("ml/dev/" + a));
    return Value::object(release_type(), {{"root", Value::string("ml")},
                                          {"environment", Value::string("dev")},
                                          {"apps", Value::list(Type::string(), ids)}});
  }
  // plan + apply of an update of `r` from `prior` to `config`.
  schema::ApplyResponse update(const schema::Resource& r, const Value& prior, const Value& config) {
    schema::PlanResponse p = r.plan({prior, proposed(r, prior, config), config, ""});
    EXPECT_FALSE(p.diagnostics.has_errors()) << describe(p.diagnostics);
    return r.apply({prior, p.planned_state, config, p.planned_private});
  }
  std::optional<std::string> on_branch(const std::string& path) const { return memory_->read(path); }
};

TEST_F(ReleaseResourceTest, AppsOfAReleasedEnvironmentArePublishedByTheReleaseInOneCommit) {
  Value a = seed(app(), app_config("a", "1"));
  Value b = seed(app(), app_config("b", "1", {"a"}));
  Value rel = seed(release(), release_config({"a", "b"}));
  ASSERT_FALSE(rel.is_null());
  const std::string record_path = gitops::layout::release_file("ml", "dev");
  ASSERT_TRUE(on_branch(record_path));
  EXPECT_NE(on_branch(record_path)->find("\"b\":\n    wave: 1"), std::string::npos) << *on_branch(record_path);
  const std::string published = memory_->tip();
  EXPECT_EQ(rel.attr("commit").as_string(), published);

  // Two app updates: held, visible to the provider, not on the branch.
  schema::ApplyResponse ua = update(app(), a, app_config("a", "2"));
  schema::ApplyResponse ub = update(app(), b, app_config("b", "2", {"a"}));
  ASSERT_FALSE(ua.diagnostics.has_errors()) << describe(ua.diagnostics);
  ASSERT_FALSE(ub.diagnostics.has_errors()) << describe(ub.diagnostics);
  EXPECT_EQ(memory_->tip(), published);
  EXPECT_EQ(on_branch(gitops::layout::app_file("ml", "dev", "a"))->find("a:2"), std::string::npos);
  EXPECT_NE(ua.new_state.attr("commit").as_string(), published) << "the journal's commit";

  // The release's update publishes both, with its record, in one commit.
  schema::PlanResponse plan = release().plan({rel, proposed(release(), rel, release_config({"a", "b"})),
                                              release_config({"a", "b"}), ""});
  ASSERT_FALSE(plan.diagnostics.has_errors()) << describe(plan.diagnostics);
  schema::ApplyResponse ur = release().apply({rel, plan.planned_state, release_config({"a", "b"}), ""});
  ASSERT_FALSE(ur.diagnostics.has_errors()) << describe(ur.diagnostics);
  const std::string tip = memory_->tip();
  EXPECT_NE(tip, published);
  EXPECT_EQ(ur.new_state.attr("commit").as_string(), tip);
  EXPECT_NE(on_branch(gitops::layout::app_file("ml", "dev", "a"))->find("a:2"), std::string::npos);
  EXPECT_NE(on_branch(gitops::layout::app_file("ml", "dev", "b"))->find("b:2"), std::string::npos);
  EXPECT_NE(on_branch(record_path)->find("\"a:2\""), std::string::npos);
}

TEST_F(ReleaseResourceTest, WithoutAReleaseAppsCommitOnTheirOwn) {
  const std::string before = memory_->tip();
  seed(app(), app_config("a", "1"));
  EXPECT_NE(memory_->tip(), before);
  EXPECT_TRUE(on_branch(gitops::layout::app_file("ml", "dev", "a")));
}

TEST_F(ReleaseResourceTest, DestroyPublishesWhatIsHeldAndRemovesTheRecord) {
  Value a = seed(app(), app_config("a", "1"));
  Value rel = seed(release(), release_config({"a"}));
  ASSERT_FALSE(update(app(), a, app_config("a", "2")).diagnostics.has_errors());
  schema::ApplyResponse d = release().apply({rel, Value::null(release_type()), Value::null(release_type()), ""});
  ASSERT_FALSE(d.diagnostics.has_errors()) << describe(d.diagnostics);
  EXPECT_FALSE(on_branch(gitops::layout::release_file("ml", "dev")));
  EXPECT_NE(on_branch(gitops::layout::app_file("ml", "dev", "a"))->find("a:2"), std::string::npos);
}

}  // namespace
}  // namespace aoa::provider::testing
