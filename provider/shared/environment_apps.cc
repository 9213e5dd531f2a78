#include "provider/shared/environment_apps.h"

#include "internal/gitops/repo_layout.h"
#include "internal/render/child_application.h"

namespace aoa::provider {

EnvironmentApps load_environment_apps(const gitops::Store& store, const std::string& root,
                                      const std::string& environment) {
  EnvironmentApps out;
  const std::string dir = gitops::layout::apps_dir(root, environment);
  for (const auto& file : store.list(dir)) {
    const auto app = gitops::layout::app_file_app(file);
    if (!app) continue;
    auto text = store.read(gitops::layout::join(dir, file));
    if (!text) continue;
    try {
      render::ChildApplicationSpec spec = render::parse_child_application(*text);
      if (spec.root != root || spec.environment != environment || spec.app != *app) {
        out.unreadable.push_back(file);
        continue;
      }
      AppRecord r;
      r.name = spec.app;
      r.owner = spec.owner;
      r.namespace_ = spec.namespace_;
      r.model = spec.model;
      r.sync_wave = spec.sync_wave;
      r.depends_on = spec.depends_on;
      out.apps[r.name] = std::move(r);
    } catch (const render::RenderError&) {
      out.unreadable.push_back(file);
    }
  }
  return out;
}

std::vector<planner::AppNode> graph_nodes(const std::map<std::string, AppRecord>& apps) {
  std::vector<planner::AppNode> nodes;
  nodes.reserve(apps.size());
  for (const auto& [name, r] : apps) nodes.push_back({name, r.depends_on});
  return nodes;
}

std::pair<std::string, std::string> split_model(const std::string& model) {
  auto pos = model.rfind(':');
  if (pos == std::string::npos) return {model, ""};
  return {model.substr(0, pos), model.substr(pos + 1)};
}

}  // namespace aoa::provider
