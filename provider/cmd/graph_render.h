// The formats of the `graph` command that know more than the planner's graph: JSON with each app's
// model, version, owner and namespace, and a Mermaid flowchart for pull-request descriptions.
// Pure functions of the apps read back from the repository and their wave plan.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "internal/planner/release_graph.h"
#include "provider/shared/environment_apps.h"

namespace aoa::provider {

// planner::to_json, with "model", "version", "owner" and "namespace" added to each app
// ("" when the Application records none). Pretty, 2 spaces, trailing '\n'.
std::string graph_json(const std::map<std::string, AppRecord>& apps, const std::vector<planner::AppNode>& nodes,
                       const planner::WavePlan& plan);

// A Mermaid flowchart (left to right): one subgraph per wave with its apps (name, model:version,
// owner), an edge from each dependency to its dependent. With a cycle: no waves, the cycle's edges
// red. A dependency that is not an app of the environment is a dashed node "<name> (missing)".
// Node ids are "app_<name>" with '-' as '_', so no app name can clash with Mermaid's keywords.
std::string graph_mermaid(const std::map<std::string, AppRecord>& apps, const std::vector<planner::AppNode>& nodes,
                          const planner::WavePlan& plan);

}  // namespace aoa::provider
