// What a plan learned about an environment's whole graph, kept on this machine for the apply that
// follows it. Terraform runs the apply walk in a new provider process that cannot ask the plan walk,
// and applies apps that name each other by plain name in any order: an app applied before an
// ancestor that Terraform has not sent yet (every slot taken by waiting apps) takes that ancestor's
// dependencies from here, so its wave is right at once. Written by the release's plan, which sees
// every app of the environment; used only while the branch is still at the commit the plan saw.
// A cache, not a source of truth: missing or stale, the apply falls back to stand-ins.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "provider/shared/environment_apps.h"
#include "provider/shared/provider_context.h"

namespace aoa::provider {

using PlannedGraph = std::map<std::string, std::vector<std::string>>;  // app -> its dependencies

// Saves `apps` (name and dependencies) for `root`/`environment` of this repository and branch tip.
// Best effort: a file system that refuses is only logged.
void save_planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment,
                        const std::map<std::string, AppRecord>& apps);

// The graph a plan saved for this repository, environment and the branch tip this provider was
// configured on; empty when there is none.
PlannedGraph planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment);

// Adds to `apps` every ancestor of `name` that is missing there but in `graph` (with its
// dependencies), and returns the names still missing.
std::vector<std::string> add_planned_ancestors(std::map<std::string, AppRecord>& apps, const PlannedGraph& graph,
                                               const std::string& name);

}  // namespace aoa::provider
