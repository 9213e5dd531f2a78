// Rule 8: the bundle's apps in deploy order: the planner's sync waves over the source
// environment, then name.
#include <algorithm>
#include <climits>

#include "internal/planner/release_graph.h"
#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {

void order_bundle(DecideState& s) {
  std::vector<planner::AppNode> nodes;
  for (const auto& [name, app] : s.context.from_apps) nodes.push_back({name, app.depends_on});
  // A rollback app that is not in from is placed by its dependencies in to.
  for (const auto& [name, version] : s.request.versions) {
    const auto in_to = s.context.to_apps.find(name);
    if (!s.context.from_apps.contains(name) && in_to != s.context.to_apps.end()) {
      nodes.push_back({name, in_to->second.depends_on});
    }
  }
  const planner::WavePlan plan = planner::plan_waves(nodes);
  if (plan.cyclic()) {
    s.decision.diagnostics.warning(
        "Bundle order falls back to names: the apps of " + s.request.from + " have a dependency cycle",
        "Cycle: " + planner::cycle_to_string(plan.cycle) + ". Break the cycle (depends_on_apps) so that the "
        "bundle can be applied in dependency order.",
        schema::AttributePath::root("versions"));
  }
  std::vector<std::pair<int, std::string>> keyed;
  for (const auto& [name, version] : s.request.versions) {
    const auto wave = plan.wave.find(name);
    keyed.emplace_back(wave == plan.wave.end() ? INT_MAX : wave->second, name);  // unknown apps go last
  }
  std::sort(keyed.begin(), keyed.end());
  for (auto& [wave, name] : keyed) s.decision.order.push_back(std::move(name));
}

}  // namespace aoa::promotion::detail
