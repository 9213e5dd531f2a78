// The child apps of one root and environment as committed in the GitOps repository, read back
// from their Application files: what the planner, the rollout data source and the `graph`
// command see, whichever Terraform state wrote them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "internal/gitops/store.h"
#include "internal/planner/release_graph.h"

namespace aoa::provider {

struct AppRecord {
  std::string name, owner, namespace_, model;  // model = "<model>:<version>"
  int sync_wave = 0;
  std::vector<std::string> depends_on;
};

struct EnvironmentApps {
  std::map<std::string, AppRecord> apps;  // by app name
  std::vector<std::string> unreadable;    // files under apps/<root>/<env>/ that are not our Applications
};

// Loaded once per content of apps/<root>/<env>/: while its tree id is unchanged the same object
// comes back (no read, no parse), and after a change only the files whose content id is new are
// parsed. Process-wide and thread-safe. A load that had to parse 200 files or more also leaves a
// snapshot in the local cache (local_cache.h): the next provider process reads it instead of
// parsing the files again (all of it for the same tree, the unchanged files otherwise).
std::shared_ptr<const EnvironmentApps> environment_apps(const gitops::Store& store, const std::string& root,
                                                        const std::string& environment);
// Empties the cache environment_apps() keeps (benchmarks of a cold load).
void forget_environment_apps();
// A copy of environment_apps(), for callers that change it.
EnvironmentApps load_environment_apps(const gitops::Store& store, const std::string& root,
                                      const std::string& environment);

// "<model>:<version>" -> {model, version}, split at the last ':'; no ':' -> {whole, ""}.
std::pair<std::string, std::string> split_model(const std::string& model);

// Planner input for a set of apps.
std::vector<planner::AppNode> graph_nodes(const std::map<std::string, AppRecord>& apps);

}  // namespace aoa::provider
