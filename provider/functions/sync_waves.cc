// provider::appofapps::sync_waves(apps): the Argo CD sync wave of every app, from internal/planner.
#include "internal/planner/release_graph.h"
#include "provider/functions/functions.h"
#include "provider/shared/schema_names.h"

namespace aoa::provider {
namespace {

using schema::FunctionResult;

constexpr int64_t kApps = 0;  // the one argument

// apps -> planner nodes; a null dependency list means none. A null name inside a list is an error.
std::optional<FunctionResult> read_apps(const Value& apps, std::vector<planner::AppNode>& nodes) {
  for (const auto& [name, deps] : apps.entries()) {
    planner::AppNode node{name, {}};
    if (!deps.is_null())
      for (const auto& d : deps.elements()) {
        if (d.is_null())
          return FunctionResult::fail("apps[\"" + name + "\"] lists a null dependency; each dependency is the "
                                      "name of another key of apps.",
                                      kApps);
        node.depends_on.push_back(d.as_string());
      }
    nodes.push_back(std::move(node));
  }
  return std::nullopt;
}

FunctionResult sync_waves(const std::vector<Value>& args) {
  std::vector<planner::AppNode> nodes;
  if (auto problem = read_apps(args[0], nodes)) return *problem;
  const planner::WavePlan plan = planner::plan_waves(nodes);
  if (plan.cyclic())
    return FunctionResult::fail("apps has a dependency cycle: " + planner::cycle_to_string(plan.cycle) +
                                    ". Sync waves need dependencies without cycles; remove one of these dependencies.",
                                kApps);
  if (!plan.missing.empty()) {
    const auto& [app, dep] = plan.missing.front();
    return FunctionResult::fail("apps[\"" + app + "\"] depends on \"" + dep +
                                    "\", which is not a key of apps. Every dependency must be another app of the map.",
                                kApps);
  }
  std::map<std::string, Value> waves;
  for (const auto& [name, wave] : plan.wave) waves.emplace(name, Value::number(static_cast<int64_t>(wave)));
  return FunctionResult::ok(Value::map(Type::number(), std::move(waves)));
}

}  // namespace

std::shared_ptr<schema::Function> make_sync_waves_function() {
  return schema::make_function(
      {.summary = "The Argo CD sync wave of every app, from the apps each depends on.",
       .description =
           "Computes the sync waves the same way `appofapps_app` does: an app with no dependencies is wave 0, any "
           "other app is one more than the highest wave among its dependencies. Use it to show the rollout order "
           "of a set of apps before they exist, or to check a dependency map in a `locals` block.",
       .parameters = {{"apps", Type::map(Type::list(Type::string())),
                       "Each app's name mapped to the names of the apps it depends on (other keys of the same map); "
                       "`[]` or `null` for none. An empty map gives an empty result. A dependency cycle, or a "
                       "dependency that is not a key of the map, is an error."}},
       .return_type = Type::map(Type::number())},
      sync_waves);
}

}  // namespace aoa::provider
