#include "provider/environment_lookup.h"

#include <algorithm>

namespace aoa::provider {

using schema::AttributePath;

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string repository_description(const ProviderContext& ctx) {
  const gitops::Store& store = *ctx.store;
  return "the repository " + store.config().location + " (branch " + store.config().branch +
         (ctx.subpath.empty() ? "" : ", path " + ctx.subpath) + ")";
}

std::vector<std::string> root_environment_files(const gitops::Store& store, const std::string& root) {
  std::vector<std::string> envs;
  for (const auto& f : store.list("roots/" + root))
    if (f.size() > 5 && f.compare(f.size() - 5, 5, ".yaml") == 0) envs.push_back(f.substr(0, f.size() - 5));
  return envs;
}

std::optional<LoadedEnvironment> load_existing_environment(const ProviderContext& ctx, const std::string& root,
                                                           const std::string& environment,
                                                           schema::Diagnostics& diags) {
  const std::string where = repository_description(ctx);
  LoadedEnvironment out;
  try {
    out.commit = ctx.store->tip();
    std::vector<std::string> envs = root_environment_files(*ctx.store, root);
    if (envs.empty()) {
      diags.error("Root not found",
                  "Root \"" + root + "\" does not exist in " + where + ": there are no files under roots/" + root +
                      "/. Create it with an appofapps_root resource, or check the name and the provider's "
                      "repository settings.",
                  AttributePath::root("root"));
      return std::nullopt;
    }
    if (std::find(envs.begin(), envs.end(), environment) == envs.end()) {
      diags.error("Environment not found",
                  "Root \"" + root + "\" has no environment \"" + environment + "\" in " + where + " (no roots/" +
                      root + "/" + environment + ".yaml). Its environments: " + join(envs, ", ") + ".",
                  AttributePath::root("environment"));
      return std::nullopt;
    }
    out.apps = load_environment_apps(*ctx.store, root, environment);
  } catch (const std::exception& e) {
    diags.error("Could not read the repository", std::string(e.what()) + " (" + where + ").");
    return std::nullopt;
  }
  if (!out.apps.unreadable.empty()) {
    std::vector<std::string> paths;
    for (const auto& f : out.apps.unreadable) paths.push_back(apps_dir(root, environment) + "/" + f);
    diags.warning("Unreadable files ignored",
                  "These files are not child Applications of root \"" + root + "\", environment \"" + environment +
                      "\" written by this provider, and are ignored: " + join(paths, ", ") + ".",
                  AttributePath::root("environment"));
  }
  return out;
}

}  // namespace aoa::provider
