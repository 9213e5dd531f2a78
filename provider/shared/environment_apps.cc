#include "provider/shared/environment_apps.h"

#include <mutex>
#include <unordered_map>

#include "internal/gitops/repo_layout.h"
#include "internal/render/child_application.h"

namespace aoa::provider {

namespace {

// What one Application file says, or nullopt when it is not one of ours.
struct ParsedApp {
  std::string root, environment;
  AppRecord record;
};
using Parsed = std::shared_ptr<const std::optional<ParsedApp>>;

Parsed parse_app_file(const std::string& text) {
  const Result<render::ChildApplicationSpec> parsed = render::parse_child_application(text);
  if (!parsed.ok()) return std::make_shared<const std::optional<ParsedApp>>(std::nullopt);
  {
    const render::ChildApplicationSpec& spec = *parsed;
    AppRecord r;
    r.name = spec.app;
    r.owner = spec.owner;
    r.namespace_ = spec.namespace_;
    r.model = spec.model;
    r.sync_wave = spec.sync_wave;
    r.depends_on = spec.depends_on;
    return std::make_shared<const std::optional<ParsedApp>>(ParsedApp{spec.root, spec.environment, std::move(r)});
  }
}

// Parsing YAML is most of what a load costs: files are parsed once per content id, and an
// environment is rebuilt only when its tree id changes.
class EnvironmentCache {
 public:
  std::shared_ptr<const EnvironmentApps> load(const gitops::Store& store, const std::string& root,
                                              const std::string& environment) {
    const std::string dir = gitops::layout::apps_dir(root, environment);
    const std::string tree = store.tree_id(dir);
    const gitops::StoreConfig& c = store.config();
    const std::string key = c.location + '\n' + c.branch + '\n' + c.subpath + '\n' + dir;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = environments_.find(key);
      if (it != environments_.end() && it->second.first == tree) return it->second.second;
    }
    auto out = std::make_shared<EnvironmentApps>();
    if (!tree.empty()) {
      for (const auto& entry : store.list_entries(dir)) {
        const auto app = gitops::layout::app_file_app(entry.name);
        if (!app) continue;
        Parsed parsed = parsed_file(store, entry.id);
        if (!parsed) continue;
        const auto& p = *parsed;
        if (!p || p->root != root || p->environment != environment || p->record.name != *app)
          out->unreadable.push_back(entry.name);
        else
          out->apps[p->record.name] = p->record;
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (environments_.size() > kMaxEnvironments) environments_.clear();
    environments_[key] = {tree, out};
    return out;
  }

 public:
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    files_.clear();
    environments_.clear();
  }

 private:
  static constexpr size_t kMaxEnvironments = 1024;
  static constexpr size_t kMaxFiles = 200000;

  Parsed parsed_file(const gitops::Store& store, const std::string& id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(id);
      if (it != files_.end()) return it->second;
    }
    auto text = store.read_content(id);
    if (!text) return nullptr;
    Parsed parsed = parse_app_file(*text);
    std::lock_guard<std::mutex> lock(mu_);
    if (files_.size() > kMaxFiles) files_.clear();
    files_[id] = parsed;
    return parsed;
  }

  std::mutex mu_;
  std::unordered_map<std::string, Parsed> files_;  // by content id
  std::unordered_map<std::string, std::pair<std::string, std::shared_ptr<const EnvironmentApps>>> environments_;
};

EnvironmentCache& cache() {
  static EnvironmentCache instance;
  return instance;
}

}  // namespace

std::shared_ptr<const EnvironmentApps> environment_apps(const gitops::Store& store, const std::string& root,
                                                        const std::string& environment) {
  return cache().load(store, root, environment);
}

void forget_environment_apps() { cache().clear(); }

EnvironmentApps load_environment_apps(const gitops::Store& store, const std::string& root,
                                      const std::string& environment) {
  return *environment_apps(store, root, environment);
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
