// Reading one environment of a root for a data source: checks that the root and the environment
// exist in the repository (diagnostics at `root` / `environment` that say where it looked and
// which environments there are), loads its child apps and warns about files that are not ours.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "provider/environment_apps.h"
#include "provider/provider_context.h"
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

std::string join(const std::vector<std::string>& items, const std::string& separator);

}  // namespace aoa::provider
