// Property tests for aoa::planner on generated graphs (fixed seeds), plus a 100,000-long chain.
#include "internal/planner/release_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace aoa::planner {
namespace {

// Name of node i, shuffled so that name order is unrelated to the topological order.
std::vector<std::string> shuffled_names(std::size_t n, std::mt19937& rng) {
  std::vector<std::string> names(n);
  for (std::size_t i = 0; i < n; ++i) names[i] = "app-" + std::to_string(i);
  std::shuffle(names.begin(), names.end(), rng);
  return names;
}

// Acyclic: node i may only depend on nodes j < i. Some deps point at names that are no app.
std::vector<AppNode> random_dag(std::size_t n, std::mt19937& rng, bool with_missing) {
  const auto names = shuffled_names(n, rng);
  std::vector<AppNode> apps(n);
  std::uniform_int_distribution<int> ndeps(0, 4);
  for (std::size_t i = 0; i < n; ++i) {
    apps[i].name = names[i];
    if (i == 0) continue;
    std::uniform_int_distribution<std::size_t> pick(0, i - 1);
    const int k = ndeps(rng);
    for (int d = 0; d < k; ++d) apps[i].depends_on.push_back(names[pick(rng)]);
    if (with_missing && rng() % 10 == 0) apps[i].depends_on.push_back("ghost-" + std::to_string(rng() % 7));
  }
  std::shuffle(apps.begin(), apps.end(), rng);
  return apps;
}

using DepMap = std::map<std::string, std::set<std::string>>;  // app -> present dependencies

DepMap present_deps(const std::vector<AppNode>& apps) {
  DepMap m;
  for (const auto& a : apps) m[a.name];
  for (const auto& a : apps) {
    std::set<std::string> s;
    for (const auto& d : a.depends_on) {
      if (m.contains(d)) s.insert(d);
    }
    m[a.name] = std::move(s);  // later duplicate wins
  }
  return m;
}

void check_acyclic_plan(const std::vector<AppNode>& apps, const WavePlan& p) {
  const DepMap deps = present_deps(apps);
  ASSERT_TRUE(p.cycle.empty());
  ASSERT_EQ(p.wave.size(), deps.size());
  for (const auto& [app, ds] : deps) {
    const int w = p.wave.at(app);
    int expected = 0;
    for (const auto& d : ds) {
      EXPECT_LT(p.wave.at(d), w) << d << " -> " << app;  // edges go strictly upwards
      expected = std::max(expected, p.wave.at(d) + 1);
    }
    EXPECT_EQ(w == 0, ds.empty()) << app;
    EXPECT_EQ(w, expected) << app;  // longest path: exactly 1 + max
  }
  // waves[] is consistent with wave{} and sorted; no empty wave.
  std::size_t total = 0;
  for (std::size_t k = 0; k < p.waves.size(); ++k) {
    EXPECT_FALSE(p.waves[k].empty());
    EXPECT_TRUE(std::is_sorted(p.waves[k].begin(), p.waves[k].end()));
    for (const auto& name : p.waves[k]) EXPECT_EQ(p.wave.at(name), static_cast<int>(k));
    total += p.waves[k].size();
  }
  EXPECT_EQ(total, p.wave.size());
  // Deletion order deletes every dependent before its dependencies.
  const auto del = deletion_order(p);
  ASSERT_EQ(del.size(), p.wave.size());
  std::map<std::string, std::size_t> pos;
  for (std::size_t i = 0; i < del.size(); ++i) pos[del[i]] = i;
  for (const auto& [app, ds] : deps) {
    for (const auto& d : ds) EXPECT_LT(pos.at(app), pos.at(d));
  }
  // Missing = exactly the declared deps that are no app, sorted, unique.
  std::set<std::pair<std::string, std::string>> want;
  std::map<std::string, const AppNode*> winner;
  for (const auto& a : apps) winner[a.name] = &a;
  for (const auto& [name, a] : winner) {
    for (const auto& d : a->depends_on) {
      if (!deps.contains(d)) want.emplace(name, d);
    }
  }
  EXPECT_EQ(p.missing, (std::vector<std::pair<std::string, std::string>>(want.begin(), want.end())));
}

void check_cycle(const std::vector<AppNode>& apps, const WavePlan& p) {
  const DepMap deps = present_deps(apps);
  ASSERT_GE(p.cycle.size(), 2u);
  EXPECT_EQ(p.cycle.front(), p.cycle.back());  // closed
  for (std::size_t i = 0; i + 1 < p.cycle.size(); ++i) {
    EXPECT_TRUE(deps.at(p.cycle[i]).contains(p.cycle[i + 1])) << p.cycle[i] << " -> " << p.cycle[i + 1];
  }
  // Simple cycle, starting at its smallest name.
  std::set<std::string> seen(p.cycle.begin(), p.cycle.end() - 1);
  EXPECT_EQ(seen.size(), p.cycle.size() - 1);
  EXPECT_EQ(*seen.begin(), p.cycle.front());
  EXPECT_TRUE(p.wave.empty());
  EXPECT_TRUE(p.waves.empty());
}

TEST(PlanWavesProperty, RandomAcyclicGraphs) {
  std::mt19937 rng(20260822);
  std::uniform_int_distribution<std::size_t> size(1, 500);
  for (int g = 0; g < 300; ++g) {
    auto apps = random_dag(size(rng), rng, /*with_missing=*/g % 2 == 0);
    const WavePlan p = plan_waves(apps);
    SCOPED_TRACE("graph " + std::to_string(g) + " of " + std::to_string(apps.size()) + " apps");
    check_acyclic_plan(apps, p);
    // Input order (of apps and of each depends_on) does not change the result.
    std::shuffle(apps.begin(), apps.end(), rng);
    for (auto& a : apps) std::shuffle(a.depends_on.begin(), a.depends_on.end(), rng);
    EXPECT_EQ(plan_waves(apps), p);
    if (HasFailure()) return;
  }
}

TEST(PlanWavesProperty, RandomGraphsWithInjectedBackEdge) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> size(2, 500);
  int checked = 0;
  for (int g = 0; g < 300; ++g) {
    auto apps = random_dag(size(rng), rng, g % 3 == 0);
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < apps.size(); ++i) at[apps[i].name] = i;
    // Walk down from a random app with dependencies, then make the bottom depend on the top.
    std::vector<std::size_t> with_deps;
    for (std::size_t i = 0; i < apps.size(); ++i) {
      for (const auto& d : apps[i].depends_on) {
        if (at.contains(d)) {
          with_deps.push_back(i);
          break;
        }
      }
    }
    if (with_deps.empty()) continue;
    const std::size_t top = with_deps[rng() % with_deps.size()];
    std::size_t bottom = top;
    for (int steps = 1 + static_cast<int>(rng() % 6); steps > 0; --steps) {
      std::vector<std::size_t> next;
      for (const auto& d : apps[bottom].depends_on) {
        if (at.contains(d)) next.push_back(at[d]);
      }
      if (next.empty()) break;
      bottom = next[rng() % next.size()];
    }
    apps[bottom].depends_on.push_back(apps[top].name);
    SCOPED_TRACE("graph " + std::to_string(g));
    const WavePlan p = plan_waves(apps);
    check_cycle(apps, p);
    std::shuffle(apps.begin(), apps.end(), rng);
    for (auto& a : apps) std::shuffle(a.depends_on.begin(), a.depends_on.end(), rng);
    EXPECT_EQ(plan_waves(apps), p);
    ++checked;
    if (HasFailure()) return;
  }
  EXPECT_GT(checked, 250);
}

// Names longer than 16 bytes that share their first 16 bytes, and names that are prefixes of
// others: the paths where the planner has to compare whole strings.
TEST(PlanWavesProperty, LongNamesSharingPrefixes) {
  std::mt19937 rng(1234);
  for (int g = 0; g < 100; ++g) {
    auto apps = random_dag(1 + rng() % 300, rng, true);
    auto rename = [g](const std::string& s) {
      switch (g % 3) {
        case 0: return "fraud-detection-online-" + s;  // long common prefix
        case 1: return s.size() % 2 ? s : s + std::string(20, 'x');  // prefixes of each other
        default: return std::string(15, 'p') + s;  // straddles the 16-byte key
      }
    };
    for (auto& a : apps) {
      a.name = rename(a.name);
      for (auto& d : a.depends_on) d = rename(d);
    }
    const WavePlan p = plan_waves(apps);
    SCOPED_TRACE("graph " + std::to_string(g));
    check_acyclic_plan(apps, p);
    std::shuffle(apps.begin(), apps.end(), rng);
    EXPECT_EQ(plan_waves(apps), p);
    if (HasFailure()) return;
  }
}

TEST(PlanWavesProperty, DuplicatesLaterWins) {
  std::mt19937 rng(99);
  for (int g = 0; g < 100; ++g) {
    auto apps = random_dag(1 + rng() % 200, rng, false);
    // Re-append some apps with no dependencies: they must end up in wave 0.
    std::vector<std::string> reset;
    for (std::size_t i = 0; i < apps.size(); i += 5) reset.push_back(apps[i].name);
    for (const auto& name : reset) apps.push_back({name, {}});
    const WavePlan p = plan_waves(apps);
    check_acyclic_plan(apps, p);
    for (const auto& name : reset) EXPECT_EQ(p.wave.at(name), 0);
    if (HasFailure()) return;
  }
}

TEST(PlanWavesProperty, HundredThousandLongChain) {
  constexpr int kN = 100'000;
  std::vector<AppNode> apps(kN);
  for (int i = 0; i < kN; ++i) {
    apps[i].name = "a" + std::to_string(i);
    if (i > 0) apps[i].depends_on = {"a" + std::to_string(i - 1)};
  }
  std::reverse(apps.begin(), apps.end());
  const WavePlan p = plan_waves(apps);
  ASSERT_TRUE(p.cycle.empty());
  ASSERT_EQ(p.waves.size(), static_cast<std::size_t>(kN));
  EXPECT_EQ(p.wave.at("a0"), 0);
  EXPECT_EQ(p.wave.at("a99999"), kN - 1);
  EXPECT_EQ(p.waves[12345], (std::vector<std::string>{"a12345"}));
  const auto del = deletion_order(p);
  EXPECT_EQ(del.front(), "a99999");
  EXPECT_EQ(del.back(), "a0");

  // Close the chain: the cycle is the whole chain, 100,001 names long.
  apps.back().depends_on.push_back("a99999");  // apps.back() is a0: a0 depends on a99999
  const WavePlan c = plan_waves(apps);
  ASSERT_EQ(c.cycle.size(), static_cast<std::size_t>(kN) + 1);
  EXPECT_EQ(c.cycle.front(), "a0");
  EXPECT_EQ(c.cycle[1], "a99999");
  EXPECT_EQ(c.cycle.back(), "a0");
}

}  // namespace
}  // namespace aoa::planner
