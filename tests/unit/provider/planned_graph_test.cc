// provider/shared/planned_graph: what a plan saves for the apply on this machine, used only while
// the branch is at the plan's commit, and the ancestors it fills in for an app applied early.
#include "provider/shared/planned_graph.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace aoa::provider {
namespace {

class PlannedGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aoa-planned-graph-XXXXXX";
    dir_ = mkdtemp(tmpl);
    ::setenv("AOA_CACHE_DIR", dir_.c_str(), 1);
    ctx_.identity = "/srv/gitops";
    ctx_.branch = "main";
    ctx_.configured_tip = "1111111111111111111111111111111111111111";
  }
  void TearDown() override {
    ::unsetenv("AOA_CACHE_DIR");
    std::filesystem::remove_all(dir_);
  }
  static AppRecord record(const std::string& name, std::vector<std::string> deps) {
    AppRecord r;
    r.name = name;
    r.depends_on = std::move(deps);
    return r;
  }
  std::string dir_;
  ProviderContext ctx_;
};

TEST_F(PlannedGraphTest, AnApplyOnTheSameCommitReadsWhatThePlanSaved) {
  save_planned_graph(ctx_, "ml", "dev", {{"a", record("a", {})}, {"b", record("b", {"a"})}, {"c", record("c", {"b"})}});
  const PlannedGraph g = planned_graph(ctx_, "ml", "dev");
  EXPECT_EQ(g, (PlannedGraph{{"a", {}}, {"b", {"a"}}, {"c", {"b"}}}));
  EXPECT_TRUE(planned_graph(ctx_, "ml", "prod").empty()) << "another environment";
  ctx_.configured_tip = "2222222222222222222222222222222222222222";
  EXPECT_TRUE(planned_graph(ctx_, "ml", "dev").empty()) << "the branch moved since the plan";
  ctx_.configured_tip = "1111111111111111111111111111111111111111";
  ctx_.identity = "/srv/other";
  EXPECT_TRUE(planned_graph(ctx_, "ml", "dev").empty()) << "another repository";
}

TEST_F(PlannedGraphTest, MissingAncestorsComeFromThePlanTransitively) {
  std::map<std::string, AppRecord> apps{{"d", record("d", {"c"})}};
  const PlannedGraph g{{"a", {}}, {"b", {"a"}}, {"c", {"b", "x"}}};
  EXPECT_EQ(add_planned_ancestors(apps, g, "d"), std::vector<std::string>{"x"}) << "x is in neither";
  ASSERT_TRUE(apps.count("a") && apps.count("b") && apps.count("c"));
  EXPECT_EQ(apps.at("c").depends_on, (std::vector<std::string>{"b", "x"}));
}

TEST_F(PlannedGraphTest, AnUnreadableFileIsNoGraph) {
  save_planned_graph(ctx_, "ml", "dev", {{"a", record("a", {})}});
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir_))
    if (f.is_regular_file()) std::ofstream(f.path()) << "{not json";
  EXPECT_TRUE(planned_graph(ctx_, "ml", "dev").empty());
}

}  // namespace
}  // namespace aoa::provider
