#include "provider/shared/environment_lookup.h"
#include "provider/shared/schema_names.h"

#include <algorithm>
#include <set>

#include "provider/shared/plan_overlay.h"

namespace aoa::provider {

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
  for (const auto& f : store.list(layout::root_dir(root)))
    if (auto env = layout::root_file_environment(f)) envs.push_back(*env);
  return envs;
}

std::vector<std::string> repository_roots(const gitops::Store& store) {
  std::set<std::string> roots;
  for (const auto& f : store.list_recursive(layout::roots_dir()))
    if (auto file = layout::parse_root_file(f)) roots.insert(file->root);
  return {roots.begin(), roots.end()};
}

std::string unknown_root_detail(const ProviderContext& ctx, const std::string& root) {
  constexpr size_t kListed = 20;
  std::vector<std::string> roots = repository_roots(*ctx.store);
  std::string listed;
  if (roots.empty()) {
    listed = "There are no roots there yet.";
  } else {
    const size_t more = roots.size() > kListed ? roots.size() - kListed : 0;
    roots.resize(roots.size() - more);
    listed = "Roots there: " + join(roots, ", ") + (more ? " and " + std::to_string(more) + " more" : "") + ".";
  }
  return "There is no appofapps_root \"" + root + "\" in " + repository_description(ctx) +
         ": no files under " + layout::root_dir(root) + "/. " + listed;
}

std::string unknown_environment_detail(const ProviderContext& ctx, const std::string& root,
                                       const std::string& environment, const PlanOverlay* overlay) {
  std::vector<std::string> envs;
  std::string where = repository_description(ctx);
  if (auto planned = overlay ? overlay->planned_root(root) : std::nullopt) {
    for (const auto& e : *planned) envs.push_back(e.name);
    where = "this plan";
  } else {
    envs = root_environment_files(*ctx.store, root);
  }
  return "appofapps_root \"" + root + "\" has no environment \"" + environment + "\" in " + where + " (no " +
         layout::root_file(root, environment) + "). Its environments: " + (envs.empty() ? "none" : join(envs, ", ")) +
         ".";
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
                  unknown_root_detail(ctx, root) +
                      " Create it with an appofapps_root resource, or check the name and the provider's "
                      "repository settings.",
                  AttributePath::root("root"));
      return std::nullopt;
    }
    if (std::find(envs.begin(), envs.end(), environment) == envs.end()) {
      diags.error("Environment not found", unknown_environment_detail(ctx, root, environment),
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
    for (const auto& f : out.apps.unreadable) paths.push_back(layout::join(layout::apps_dir(root, environment), f));
    diags.warning("Unreadable files ignored",
                  "These files are not child Applications of root \"" + root + "\", environment \"" + environment +
                      "\" written by this provider, and are ignored: " + join(paths, ", ") + ".",
                  AttributePath::root("environment"));
  }
  return out;
}

bool app_target_exists(const ProviderContext& ctx, const PlanOverlay& overlay, const std::string& root,
                       const std::string& environment, const std::string& app, schema::Diagnostics& diags) {
  if (root_environment_files(*ctx.store, root).empty() && !overlay.planned_root(root)) {
    diags.error("Unknown root",
                unknown_root_detail(ctx, root) + " Reference the root (root = appofapps_root.<name>.name) so "
                                                   "Terraform plans it first.",
                AttributePath::root("root"));
    return false;
  }
  if (!ctx.store->read(layout::root_file(root, environment)) &&
      !overlay.root_environment_planned(root, environment)) {
    diags.error("Unknown environment", unknown_environment_detail(ctx, root, environment, &overlay),
                AttributePath::root("environment"));
    return false;
  }
  const PlanOverlay::Planned planned = overlay.planned(root, environment, app);
  if (planned == PlanOverlay::Planned::Kept ||
      (planned == PlanOverlay::Planned::NotYet && ctx.store->read(layout::app_file(root, environment, app))))
    return true;
  diags.error("Unknown app",
              "There is no appofapps_app \"" + app + "\" in " + root + "/" + environment +
                  " in the repository or in this plan. Reference it (app = appofapps_app.<name>.name) so "
                  "Terraform plans it first.",
              AttributePath::root("app"));
  return false;
}

}  // namespace aoa::provider
