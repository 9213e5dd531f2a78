#include "provider/shared/planned_graph.h"

#include <git2.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "internal/protocol/log.h"
#include "provider/shared/app_run_order.h"

namespace aoa::provider {
namespace {

namespace fs = std::filesystem;

fs::path plans_dir() {
  if (const char* d = std::getenv("AOA_CACHE_DIR"); d && *d) return fs::path(d) / "plans";
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "terraform-provider-appofapps/plans";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".cache/terraform-provider-appofapps/plans";
}

// One file per repository, branch, sub-folder, root and environment.
fs::path file_for(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  const std::string key = ctx.identity + '\n' + ctx.branch + '\n' + ctx.subpath + '\n' + root + '\n' + environment;
  git_oid oid;
  git_odb_hash(&oid, key.data(), key.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return plans_dir() / (std::string(hex) + ".json");
}

}  // namespace

void save_planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment,
                        const std::map<std::string, AppRecord>& apps) {
  nlohmann::json graph = nlohmann::json::object();
  for (const auto& [name, r] : apps) graph[name] = r.depends_on;
  const nlohmann::json doc{{"tip", ctx.configured_tip}, {"apps", graph}};
  const fs::path file = file_for(ctx, root, environment);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << doc.dump();
    if (!out) {
      log::debug("planned graph not saved", {{"file", file.string()}});
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
}

PlannedGraph planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  std::ifstream in(file_for(ctx, root, environment));
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  PlannedGraph out;
  if (!doc.is_object() || doc.value("tip", std::string("-")) != ctx.configured_tip || !doc.contains("apps") ||
      !doc["apps"].is_object())
    return out;
  for (const auto& [name, deps] : doc["apps"].items()) {
    if (!deps.is_array()) return {};
    std::vector<std::string> d;
    for (const auto& x : deps)
      if (x.is_string()) d.push_back(x.get<std::string>());
    out[name] = std::move(d);
  }
  return out;
}

std::vector<std::string> add_planned_ancestors(std::map<std::string, AppRecord>& apps, const PlannedGraph& graph,
                                               const std::string& name) {
  for (;;) {
    bool added = false;
    for (const auto& missing : scan_ancestors(apps, name).missing) {
      auto it = graph.find(missing);
      if (it == graph.end()) continue;
      apps[missing] = AppRecord{.name = missing, .depends_on = it->second};
      added = true;
    }
    if (!added) return scan_ancestors(apps, name).missing;
  }
}

}  // namespace aoa::provider
