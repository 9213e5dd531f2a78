// Reading one environment of a root for a data source: checks that the root and the environment
// exist in the repository (diagnostics at `root` / `environment` that say where it looked and
// which environments there are), loads its child apps and warns about files that are not ours.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provider/shared/environment_apps.h"
#include "provider/shared/provider_context.h"
#include "schema/diagnostics.h"

namespace aoa::provider {

struct LoadedEnvironment {
  std::string commit;  // branch tip that was read
  EnvironmentApps apps;
};

// nullopt (with an error in `diags`) when the root or the environment does not exist or the
// repository cannot be read.
std::optional<LoadedEnvironment> load_existing_environment(const ProviderContext& ctx, const std::string& root,
                                                           const std::string& environment,
                                                           schema::Diagnostics& diags);

// Environment names of a root as files roots/<root>/<env>.yaml, sorted by name.
std::vector<std::string> root_environment_files(const gitops::Store& store, const std::string& root);

// "the repository <location> (branch b, path p)", for messages.
std::string repository_description(const ProviderContext& ctx);

class PlanOverlay;

// The detail of an "Unknown root" error: the root is not in the repository, which roots are
// (sorted, the first 20, then "and N more").
std::string unknown_root_detail(const ProviderContext& ctx, const std::string& root);

// The detail of an "Unknown environment" error: the root has no such environment; its
// environments are listed (as planned in this run when `overlay` has the root, else as in the
// repository).
std::string unknown_environment_detail(const ProviderContext& ctx, const std::string& root,
                                       const std::string& environment, const PlanOverlay* overlay = nullptr);

// The root, its environment and an app of it exist in the repository or in this plan (the app
// planned and not destroyed, or in the repository and not yet planned); otherwise false, with an
// "Unknown root", "Unknown environment" or "Unknown app" error at `root`, `environment` or `app`.
bool app_target_exists(const ProviderContext& ctx, const PlanOverlay& overlay, const std::string& root,
                       const std::string& environment, const std::string& app, schema::Diagnostics& diags);

// Names of the roots in the repository (folders roots/<root>/ holding a .yaml file), sorted.
std::vector<std::string> repository_roots(const gitops::Store& store);

std::string join(const std::vector<std::string>& items, const std::string& separator);

}  // namespace aoa::provider
