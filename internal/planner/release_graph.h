// aoa::planner — the release graph of one root + environment: sync waves, cycles, deletion order.
//
// Pure computation: nothing here knows about Git, YAML or Terraform. The provider feeds it the
// sibling apps of one root and environment (name + depends_on_apps) and gets back
//   * the Argo CD sync wave of every app (`argocd.argoproj.io/sync-wave`): an app with no
//     dependencies is wave 0, otherwise 1 + the highest wave among its dependencies
//     (longest path in the dependency DAG);
//   * one dependency cycle, as a closed path, when the graph is not a DAG (plan must fail);
//   * the dependencies that name no app of the graph (reported, ignored for waves).
//
// Determinism: the result depends only on the set of (name, depends_on) pairs, never on the
// order of `apps` or of a `depends_on` list (names are sorted; repeated dependencies collapse).
// Duplicate app names: the LATER entry in `apps` wins (its depends_on replaces the earlier one).
// Complexity: O(E + N log N) time (name sort) and O(N + E) memory; no recursion (Boost's
// depth_first_search uses an explicit stack), so a 100,000-long chain is fine.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace aoa::planner {

struct AppNode {
  std::string name;
  std::vector<std::string> depends_on;  // sibling app names in one root+environment
};

struct WavePlan {
  // every app -> its sync wave (empty when a cycle exists)
  std::map<std::string, int> wave;
  // deploy order: waves[k] = apps of wave k, names sorted (empty when a cycle exists)
  std::vector<std::vector<std::string>> waves;
  // when cyclic: one cycle as a closed path where each element depends on the next, e.g.
  // {"features","fraud","features"}; rotated so that it starts at its smallest name. Empty
  // otherwise. A self-dependency is {"a","a"}.
  std::vector<std::string> cycle;
  // (app, dependency that is not an app in this graph), sorted, without repeats.
  std::vector<std::pair<std::string, std::string>> missing;

  bool cyclic() const { return !cycle.empty(); }
  bool operator==(const WavePlan&) const = default;
};

WavePlan plan_waves(const std::vector<AppNode>& apps);

// "fraud -> features -> fraud"; "" for an empty cycle.
std::string cycle_to_string(const std::vector<std::string>& cycle);

// Apps that depend on `name` directly (later duplicate wins, as in plan_waves), sorted, unique.
// An app that depends on itself is its own dependent.
std::vector<std::string> dependents_of(const std::vector<AppNode>& apps, const std::string& name);

// Deletion order: reverse of deploy order (highest wave first), names sorted within a wave.
// Empty when the plan is cyclic (there is no safe order).
std::vector<std::string> deletion_order(const WavePlan& plan);

// Renderings for the `graph` command. `apps` and `plan` must belong together
// (plan == plan_waves(apps)).
//
// Text: one line per wave "wave 0: a, b"; then "cycle: a -> b -> a" when cyclic; then one line
// "missing: <app> depends on <dep>" per missing dependency. Every line ends with '\n'; an
// empty graph renders as "".
std::string to_text(const std::vector<AppNode>& apps, const WavePlan& plan);

// Graphviz DOT: one cluster (rank=same) per wave, edges dependency -> dependent. A node label
// is the app name, plus "\n" + labels[name] when present. When cyclic there are no clusters
// and the edges of the reported cycle are red. Missing dependencies are dashed red nodes.
std::string to_dot(const std::vector<AppNode>& apps, const WavePlan& plan,
                   const std::map<std::string, std::string>& labels = {});

// JSON (pretty, 2 spaces, trailing '\n'):
// {"apps":{"a":{"depends_on":["x"],"wave":0}},"cycle":[...],
//  "missing":[{"app":"a","dependency":"x"}],"waves":[["a"]]}
// depends_on is the declared list, sorted and unique (missing ones included); "wave" is null
// when cyclic.
std::string to_json(const std::vector<AppNode>& apps, const WavePlan& plan);

}  // namespace aoa::planner
