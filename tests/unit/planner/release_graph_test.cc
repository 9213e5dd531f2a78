// Hand-written cases for aoa::planner (waves, cycles, missing deps, duplicates, renderings).
#include "internal/planner/release_graph.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aoa::planner {
namespace {

using Waves = std::vector<std::vector<std::string>>;
using Names = std::vector<std::string>;

TEST(PlanWaves, EmptyGraph) {
  const WavePlan p = plan_waves({});
  EXPECT_TRUE(p.wave.empty());
  EXPECT_TRUE(p.waves.empty());
  EXPECT_TRUE(p.cycle.empty());
  EXPECT_TRUE(p.missing.empty());
  EXPECT_FALSE(p.cyclic());
  EXPECT_TRUE(deletion_order(p).empty());
  EXPECT_EQ(to_text({}, p), "");
}

TEST(PlanWaves, SingleAppIsWaveZero) {
  const WavePlan p = plan_waves({{"fraud", {}}});
  EXPECT_EQ(p.wave, (std::map<std::string, int>{{"fraud", 0}}));
  EXPECT_EQ(p.waves, (Waves{{"fraud"}}));
}

TEST(PlanWaves, Diamond) {
  // features <- (fraud, churn) <- gateway
  const WavePlan p = plan_waves({{"gateway", {"fraud", "churn"}},
                                 {"fraud", {"features"}},
                                 {"churn", {"features"}},
                                 {"features", {}}});
  EXPECT_EQ(p.wave, (std::map<std::string, int>{{"churn", 1}, {"features", 0}, {"fraud", 1}, {"gateway", 2}}));
  EXPECT_EQ(p.waves, (Waves{{"features"}, {"churn", "fraud"}, {"gateway"}}));
  EXPECT_TRUE(p.cycle.empty());
  EXPECT_EQ(deletion_order(p), (Names{"gateway", "churn", "fraud", "features"}));
}

TEST(PlanWaves, LongestPathWins) {
  // d depends on a (wave 0) and on c (wave 2): d is wave 3, not 1.
  const WavePlan p = plan_waves({{"d", {"a", "c"}}, {"c", {"b"}}, {"b", {"a"}}, {"a", {}}});
  EXPECT_EQ(p.waves, (Waves{{"a"}, {"b"}, {"c"}, {"d"}}));
}

TEST(PlanWaves, Chain) {
  const WavePlan p = plan_waves({{"c", {"b"}}, {"a", {}}, {"b", {"a"}}});
  EXPECT_EQ(p.waves, (Waves{{"a"}, {"b"}, {"c"}}));
  EXPECT_EQ(deletion_order(p), (Names{"c", "b", "a"}));
}

TEST(PlanWaves, IndependentAppsShareWaveZeroSorted) {
  const WavePlan p = plan_waves({{"zeta", {}}, {"alpha", {}}, {"mid", {}}});
  EXPECT_EQ(p.waves, (Waves{{"alpha", "mid", "zeta"}}));
}

TEST(PlanWaves, RepeatedDependencyCountsOnce) {
  const WavePlan p = plan_waves({{"b", {"a", "a", "a"}}, {"a", {}}});
  EXPECT_EQ(p.waves, (Waves{{"a"}, {"b"}}));
}

TEST(PlanWaves, SelfDependencyIsACycle) {
  const WavePlan p = plan_waves({{"a", {"a"}}, {"b", {}}});
  EXPECT_EQ(p.cycle, (Names{"a", "a"}));
  EXPECT_EQ(cycle_to_string(p.cycle), "a -> a");
  EXPECT_TRUE(p.wave.empty());
  EXPECT_TRUE(p.waves.empty());
  EXPECT_TRUE(deletion_order(p).empty());
}

TEST(PlanWaves, TwoCycle) {
  const WavePlan p = plan_waves({{"fraud", {"features"}}, {"features", {"fraud"}}, {"gateway", {"fraud"}}});
  ASSERT_TRUE(p.cyclic());
  EXPECT_EQ(cycle_to_string(p.cycle), "features -> fraud -> features");
  EXPECT_TRUE(p.wave.empty());
}

TEST(PlanWaves, ThreeCycleStartsAtSmallestNameAndFollowsDependsOn) {
  // x depends on y, y on z, z on x; plus an acyclic tail.
  const WavePlan p = plan_waves({{"y", {"z"}}, {"z", {"x"}}, {"x", {"y"}}, {"tail", {"x"}}, {"base", {}}});
  EXPECT_EQ(p.cycle, (Names{"x", "y", "z", "x"}));
  EXPECT_EQ(cycle_to_string(p.cycle), "x -> y -> z -> x");
}

TEST(PlanWaves, CycleBehindAcyclicPrefix) {
  const WavePlan p = plan_waves({{"a", {"b"}}, {"b", {"c"}}, {"c", {"d"}}, {"d", {"c"}}});
  EXPECT_EQ(cycle_to_string(p.cycle), "c -> d -> c");
}

TEST(CycleToString, Empty) { EXPECT_EQ(cycle_to_string({}), ""); }

TEST(PlanWaves, MissingDependenciesAreReportedAndIgnored) {
  const WavePlan p = plan_waves({{"fraud", {"ghost", "features", "ghost"}},
                                 {"features", {}},
                                 {"churn", {"nope"}},
                                 {"alpha", {"zz", "aa"}}});
  EXPECT_EQ(p.missing, (std::vector<std::pair<std::string, std::string>>{
                           {"alpha", "aa"}, {"alpha", "zz"}, {"churn", "nope"}, {"fraud", "ghost"}}));
  EXPECT_EQ(p.wave, (std::map<std::string, int>{{"alpha", 0}, {"churn", 0}, {"features", 0}, {"fraud", 1}}));
  EXPECT_FALSE(p.cyclic());
}

TEST(PlanWaves, DuplicateNamesLaterEntryWins) {
  // First "b" depends on a; the later "b" has no deps -> wave 0.
  WavePlan p = plan_waves({{"a", {}}, {"b", {"a"}}, {"b", {}}});
  EXPECT_EQ(p.waves, (Waves{{"a", "b"}}));
  // The other way round.
  p = plan_waves({{"a", {}}, {"b", {}}, {"b", {"a"}}});
  EXPECT_EQ(p.waves, (Waves{{"a"}, {"b"}}));
  // A cycle that only exists in an overridden entry is gone.
  p = plan_waves({{"a", {"b"}}, {"b", {"a"}}, {"b", {}}});
  EXPECT_FALSE(p.cyclic());
  EXPECT_EQ(p.waves, (Waves{{"b"}, {"a"}}));
}

TEST(PlanWaves, InputOrderDoesNotMatter) {
  const WavePlan p1 = plan_waves({{"a", {}}, {"b", {"a"}}, {"c", {"b", "a"}}, {"d", {"q"}}});
  const WavePlan p2 = plan_waves({{"d", {"q"}}, {"c", {"a", "b"}}, {"b", {"a"}}, {"a", {}}});
  EXPECT_EQ(p1, p2);
}

TEST(DependentsOf, DirectOnlySortedUnique) {
  const std::vector<AppNode> apps = {{"gateway", {"fraud", "churn"}},
                                     {"fraud", {"features", "features"}},
                                     {"churn", {"features"}},
                                     {"features", {}},
                                     {"self", {"self"}}};
  EXPECT_EQ(dependents_of(apps, "features"), (Names{"churn", "fraud"}));
  EXPECT_EQ(dependents_of(apps, "fraud"), (Names{"gateway"}));
  EXPECT_TRUE(dependents_of(apps, "gateway").empty());
  EXPECT_TRUE(dependents_of(apps, "unknown").empty());
  EXPECT_EQ(dependents_of(apps, "self"), (Names{"self"}));
}

TEST(DependentsOf, LaterDuplicateWins) {
  EXPECT_TRUE(dependents_of({{"b", {"a"}}, {"a", {}}, {"b", {}}}, "a").empty());
  EXPECT_EQ(dependents_of({{"b", {}}, {"a", {}}, {"b", {"a"}}}, "a"), (Names{"b"}));
}

// ---------------------------------------------------------------- renderings

const std::vector<AppNode>& small_graph() {
  static const std::vector<AppNode> apps = {{"gateway", {"fraud", "churn"}},
                                            {"fraud", {"features", "ghost"}},
                                            {"churn", {"features"}},
                                            {"features", {}}};
  return apps;
}

TEST(Render, Text) {
  const WavePlan p = plan_waves(small_graph());
  EXPECT_EQ(to_text(small_graph(), p),
            "wave 0: features\n"
            "wave 1: churn, fraud\n"
            "wave 2: gateway\n"
            "missing: fraud depends on ghost\n");
}

TEST(Render, TextCycle) {
  const std::vector<AppNode> apps = {{"fraud", {"features"}}, {"features", {"fraud"}}};
  EXPECT_EQ(to_text(apps, plan_waves(apps)), "cycle: features -> fraud -> features\n");
}

TEST(Render, Dot) {
  const WavePlan p = plan_waves(small_graph());
  EXPECT_EQ(to_dot(small_graph(), p, {{"fraud", "v3 \"blue\""}, {"unused", "x"}}),
            "digraph release {\n"
            "  rankdir=LR;\n"
            "  node [shape=box];\n"
            "  subgraph cluster_wave_0 {\n"
            "    label=\"wave 0\";\n"
            "    rank=same;\n"
            "    \"features\";\n"
            "  }\n"
            "  subgraph cluster_wave_1 {\n"
            "    label=\"wave 1\";\n"
            "    rank=same;\n"
            "    \"churn\";\n"
            "    \"fraud\" [label=\"fraud\\nv3 \\\"blue\\\"\"];\n"
            "  }\n"
            "  subgraph cluster_wave_2 {\n"
            "    label=\"wave 2\";\n"
            "    rank=same;\n"
            "    \"gateway\";\n"
            "  }\n"
            "  \"ghost\" [label=\"ghost\\n(missing)\", style=dashed, color=red, fontcolor=red];\n"
            "  \"churn\" -> \"gateway\";\n"
            "  \"features\" -> \"churn\";\n"
            "  \"features\" -> \"fraud\";\n"
            "  \"fraud\" -> \"gateway\";\n"
            "  \"ghost\" -> \"fraud\" [style=dashed, color=red];\n"
            "}\n");
}

TEST(Render, DotCycle) {
  const std::vector<AppNode> apps = {{"b", {"a"}}, {"a", {"b"}}, {"c", {"a"}}};
  EXPECT_EQ(to_dot(apps, plan_waves(apps)),
            "digraph release {\n"
            "  rankdir=LR;\n"
            "  node [shape=box];\n"
            "  \"a\";\n"
            "  \"b\";\n"
            "  \"c\";\n"
            "  \"a\" -> \"b\" [color=red, penwidth=2];\n"
            "  \"a\" -> \"c\";\n"
            "  \"b\" -> \"a\" [color=red, penwidth=2];\n"
            "}\n");
}

TEST(Render, Json) {
  const WavePlan p = plan_waves(small_graph());
  const std::string s = to_json(small_graph(), p);
  EXPECT_EQ(s,
            R"({
  "apps": {
    "churn": {
      "depends_on": [
        "features"
      ],
      "wave": 1
    },
    "features": {
      "depends_on": [],
      "wave": 0
    },
    "fraud": {
      "depends_on": [
        "features",
        "ghost"
      ],
      "wave": 1
    },
    "gateway": {
      "depends_on": [
        "churn",
        "fraud"
      ],
      "wave": 2
    }
  },
  "cycle": [],
  "missing": [
    {
      "app": "fraud",
      "dependency": "ghost"
    }
  ],
  "waves": [
    [
      "features"
    ],
    [
      "churn",
      "fraud"
    ],
    [
      "gateway"
    ]
  ]
}
)");
  const auto j = nlohmann::json::parse(s);
  EXPECT_EQ(j["apps"]["gateway"]["wave"], 2);
  EXPECT_EQ(j["waves"][1][1], "fraud");
}

TEST(Render, JsonCycle) {
  const std::vector<AppNode> apps = {{"fraud", {"features"}}, {"features", {"fraud"}}};
  const auto j = nlohmann::json::parse(to_json(apps, plan_waves(apps)));
  EXPECT_EQ(j["cycle"], nlohmann::json({"features", "fraud", "features"}));
  EXPECT_TRUE(j["apps"]["fraud"]["wave"].is_null());
  EXPECT_TRUE(j["waves"].empty());
}

}  // namespace
}  // namespace aoa::planner
