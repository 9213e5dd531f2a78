#include "provider/shared/planned_graph.h"

#include <nlohmann/json.hpp>

#include "internal/protocol/log.h"
#include "provider/shared/app_run_order.h"
#include "provider/shared/local_cache.h"

namespace aoa::provider {
namespace {

// One file per repository, branch, sub-folder, root and environment.
std::filesystem::path file_for(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  return local_cache_file("plans", ctx.identity + '\n' + ctx.branch + '\n' + ctx.subpath + '\n' + root + '\n' + environment);
}

}  // namespace

void save_planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment,
                        const std::map<std::string, AppRecord>& apps) {
  nlohmann::json graph = nlohmann::json::object();
  for (const auto& [name, r] : apps) graph[name] = r.depends_on;
  const nlohmann::json doc{{"tip", ctx.configured_tip}, {"apps", graph}};
  if (!write_cache_file(file_for(ctx, root, environment), doc.dump()))
    log::debug("planned graph not saved", {{"root", root}, {"environment", environment}});
}

PlannedGraph planned_graph(const ProviderContext& ctx, const std::string& root, const std::string& environment) {
  const nlohmann::json doc = nlohmann::json::parse(read_cache_file(file_for(ctx, root, environment)), nullptr, false);
  PlannedGraph out;
  if (!doc.is_object() || !doc.contains("tip") || !doc["tip"].is_string() ||
      doc["tip"].get<std::string>() != ctx.configured_tip || !doc.contains("apps") || !doc["apps"].is_object())
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
      AppRecord& r = apps[missing];
      r.name = missing;
      r.depends_on = it->second;
      added = true;
    }
    if (!added) return scan_ancestors(apps, name).missing;
  }
}

}  // namespace aoa::provider
