#include "provider/shared/environment_apps.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "internal/gitops/repo_layout.h"
#include "internal/render/child_application.h"
#include "provider/shared/local_cache.h"

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

// One file of the environment's folder with what it says.
struct ListedApp {
  std::string name, id;
  Parsed parsed;
};

// The environment as the last process saw it, on this machine (local_cache.h): its tree id and
// every file with its content id and what it says. A process that starts reads it instead of
// parsing every file again: all of it while the tree is the same, else the files whose content
// is unchanged.
struct Snapshot {
  std::string tree;
  std::vector<ListedApp> files;
};

nlohmann::json snapshot_json(const std::string& tree, const std::vector<ListedApp>& files) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& f : files) {
    nlohmann::json e{{"name", f.name}, {"id", f.id}};
    if (*f.parsed) {
      const ParsedApp& p = **f.parsed;
      e["app"] = {{"root", p.root},        {"environment", p.environment}, {"name", p.record.name},
                  {"owner", p.record.owner}, {"namespace", p.record.namespace_}, {"model", p.record.model},
                  {"wave", p.record.sync_wave}, {"depends_on", p.record.depends_on}};
    }
    entries.push_back(std::move(e));
  }
  return {{"tree", tree}, {"files", entries}};
}

// nullopt when the file is missing or not a snapshot.
std::optional<Snapshot> read_snapshot(const std::filesystem::path& file) {
  const nlohmann::json doc = nlohmann::json::parse(read_cache_file(file), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  try {
    Snapshot s;
    s.tree = doc.at("tree").get<std::string>();
    for (const auto& e : doc.at("files")) {
      ListedApp f{e.at("name").get<std::string>(), e.at("id").get<std::string>(), nullptr};
      if (e.contains("app")) {
        const auto& a = e["app"];
        ParsedApp p;
        p.root = a.at("root").get<std::string>();
        p.environment = a.at("environment").get<std::string>();
        p.record.name = a.at("name").get<std::string>();
        p.record.owner = a.at("owner").get<std::string>();
        p.record.namespace_ = a.at("namespace").get<std::string>();
        p.record.model = a.at("model").get<std::string>();
        p.record.sync_wave = a.at("wave").get<int>();
        p.record.depends_on = a.at("depends_on").get<std::vector<std::string>>();
        f.parsed = std::make_shared<const std::optional<ParsedApp>>(std::move(p));
      } else {
        f.parsed = std::make_shared<const std::optional<ParsedApp>>(std::nullopt);
      }
      s.files.push_back(std::move(f));
    }
    return s;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Parsing YAML is most of what a load costs: files are parsed once per content id, and an
// environment is rebuilt only when its tree id changes. Across processes, the snapshot on disk
// does the same.
class EnvironmentCache {
 public:
  std::shared_ptr<const EnvironmentApps> load(const gitops::Store& store, const std::string& root,
                                              const std::string& environment) {
    const std::string dir = gitops::layout::apps_dir(root, environment);
    const std::string tree = store.tree_id(dir);
    const gitops::StoreConfig& c = store.config();
    const std::string key = c.location + '\n' + c.branch + '\n' + c.subpath + '\n' + dir;
    bool seen = false;  // this process has loaded the environment before: its files are in memory
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = environments_.find(key);
      if (it != environments_.end() && it->second.first == tree) return it->second.second;
      seen = it != environments_.end();
    }
    const std::filesystem::path file = local_cache_file("environments", key);
    std::optional<Snapshot> snapshot = tree.empty() || seen ? std::nullopt : read_snapshot(file);  // absent: one failed open
    std::vector<ListedApp> listed;
    if (snapshot && snapshot->tree == tree) {
      listed = std::move(snapshot->files);
    } else if (!tree.empty()) {
      std::unordered_map<std::string, Parsed> known;  // by content id, from the last process's snapshot
      if (snapshot)
        for (auto& f : snapshot->files) known.emplace(f.id, std::move(f.parsed));
      size_t parsed_now = 0;  // files this load had to parse: nowhere in memory or in the snapshot
      for (const auto& entry : store.list_entries(dir)) {
        if (!gitops::layout::app_file_app(entry.name)) continue;
        auto it = known.find(entry.id);
        Parsed parsed = it != known.end() ? it->second : parsed_file(store, entry.id, parsed_now);
        if (parsed) listed.push_back({entry.name, entry.id, parsed});
      }
      // A snapshot is written when it saves the next process a few hundred parses: not after every
      // change of one file (the next process then parses the few files that differ from it).
      if (parsed_now >= kSnapshotFiles) write_cache_file(file, snapshot_json(tree, listed).dump());
    }
    if (snapshot) remember(listed);  // read from the snapshot: the next change parses only what changed
    auto out = std::make_shared<EnvironmentApps>();
    for (const auto& f : listed) {
      const auto app = gitops::layout::app_file_app(f.name);
      const auto& p = *f.parsed;
      if (!app || !p || p->root != root || p->environment != environment || p->record.name != *app)
        out->unreadable.push_back(f.name);
      else
        out->apps[p->record.name] = p->record;
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
  static constexpr size_t kSnapshotFiles = 200;

  void remember(const std::vector<ListedApp>& listed) {
    std::lock_guard<std::mutex> lock(mu_);
    if (files_.size() + listed.size() > kMaxFiles) files_.clear();
    for (const auto& f : listed) files_.emplace(f.id, f.parsed);
  }

  // Counts a file it had to parse in `parsed_now`.
  Parsed parsed_file(const gitops::Store& store, const std::string& id, size_t& parsed_now) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(id);
      if (it != files_.end()) return it->second;
    }
    auto text = store.read_content(id);
    if (!text) return nullptr;
    ++parsed_now;
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
