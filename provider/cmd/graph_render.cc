#include "provider/cmd/graph_render.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace aoa::provider {
namespace {

std::string node_id(const std::string& name, const char* prefix = "app_") {
  std::string id = prefix + name;
  std::replace(id.begin(), id.end(), '-', '_');
  return id;
}

// Mermaid label text: quotes and angle brackets as entity codes, so a label never ends early or
// becomes markup.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"')
      out += "#quot;";
    else if (c == '<')
      out += "#lt;";
    else if (c == '>')
      out += "#gt;";
    else
      out += c;
  }
  return out;
}

std::string label(const std::string& name, const std::map<std::string, AppRecord>& apps) {
  std::string text = escape(name);
  auto it = apps.find(name);
  if (it == apps.end()) return text;
  if (!it->second.model.empty()) text += "<br/>" + escape(it->second.model);
  if (!it->second.owner.empty()) text += "<br/>owner: " + escape(it->second.owner);
  return text;
}

}  // namespace

std::string graph_json(const std::map<std::string, AppRecord>& apps, const std::vector<planner::AppNode>& nodes,
                       const planner::WavePlan& plan) {
  nlohmann::json j = nlohmann::json::parse(planner::to_json(nodes, plan));
  for (auto& [name, entry] : j["apps"].items()) {
    auto it = apps.find(name);
    const AppRecord empty;
    const AppRecord& r = it == apps.end() ? empty : it->second;
    auto [model, version] = split_model(r.model);
    entry["model"] = model;
    entry["version"] = version;
    entry["owner"] = r.owner;
    entry["namespace"] = r.namespace_;
  }
  return j.dump(2) + "\n";
}

std::string graph_mermaid(const std::map<std::string, AppRecord>& apps, const std::vector<planner::AppNode>& nodes,
                          const planner::WavePlan& plan) {
  std::string out = "flowchart LR\n";
  if (!plan.cyclic()) {
    for (size_t w = 0; w < plan.waves.size(); ++w) {
      out += "  subgraph wave_" + std::to_string(w) + "[\"wave " + std::to_string(w) + "\"]\n";
      for (const std::string& name : plan.waves[w])
        out += "    " + node_id(name) + "[\"" + label(name, apps) + "\"]\n";
      out += "  end\n";
    }
  } else {
    std::vector<std::string> names;
    for (const auto& n : nodes) names.push_back(n.name);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) out += "  " + node_id(name) + "[\"" + label(name, apps) + "\"]\n";
  }
  std::set<std::string> missing;
  for (const auto& [app, dep] : plan.missing) missing.insert(dep);
  for (const std::string& dep : missing)
    out += "  " + node_id(dep, "missing_") + "[\"" + escape(dep) + " (missing)\"]:::missing\n";

  // Edges dependency --> dependent, sorted; those of the reported cycle are counted for linkStyle.
  std::set<std::pair<std::string, std::string>> cycle_edges;  // (dependency, dependent)
  for (size_t i = 0; i + 1 < plan.cycle.size(); ++i) cycle_edges.insert({plan.cycle[i + 1], plan.cycle[i]});
  std::set<std::pair<std::string, std::string>> edges;
  std::set<std::string> known;
  for (const auto& n : nodes) known.insert(n.name);
  for (const auto& n : nodes)
    for (const std::string& dep : n.depends_on) edges.insert({dep, n.name});
  std::vector<size_t> red;
  size_t index = 0;
  for (const auto& [dep, app] : edges) {
    const bool is_missing = known.count(dep) == 0;
    out += "  " + (is_missing ? node_id(dep, "missing_") : node_id(dep)) + (is_missing ? " -.-> " : " --> ") +
           node_id(app) + "\n";
    if (cycle_edges.count({dep, app})) red.push_back(index);
    ++index;
  }
  if (!red.empty()) {
    out += "  linkStyle ";
    for (size_t i = 0; i < red.size(); ++i) out += (i ? "," : "") + std::to_string(red[i]);
    out += " stroke:red,stroke-width:3px\n";
  }
  if (!missing.empty()) out += "  classDef missing stroke:red,stroke-dasharray:5 5\n";
  return out;
}

}  // namespace aoa::provider
