#include "internal/planner/release_graph.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/property_map/property_map.hpp>
#include <nlohmann/json.hpp>

namespace aoa::planner {
namespace {

using Index = std::uint32_t;
// Edges point from an app to each of its dependencies ("depends on").
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                 boost::no_property, boost::no_property, Index,
                                                 Index>;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// The distinct apps of a graph: names sorted, each with the entry that wins (the later one).
struct Resolved {
  std::vector<const AppNode*> node;                   // by rank (= position in sorted names)
  std::unordered_map<std::string_view, Index> rank;   // name -> rank
};

Resolved resolve(const std::vector<AppNode>& apps) {
  Resolved r;
  std::vector<Index> order(apps.size());
  std::iota(order.begin(), order.end(), Index{0});
  // Stable: among equal names the input order is kept, so the last of a run is the winner.
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return apps[a].name < apps[b].name; });
  r.node.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && apps[order[i + 1]].name == apps[order[i]].name) continue;
    r.node.push_back(&apps[order[i]]);
  }
  r.rank.reserve(r.node.size());
  for (Index i = 0; i < r.node.size(); ++i) r.rank.emplace(r.node[i]->name, i);
  return r;
}

// The first 16 bytes of a name (big-endian, zero-padded) and its length. Two keys order and
// compare like the names do (bytes unsigned) unless both names are longer than 16 bytes and the
// first 16 bytes are equal: only then must the strings themselves be compared.
struct NameKey {
  std::uint64_t hi = 0, lo = 0;
  std::uint32_t len = 0;

  explicit NameKey(std::string_view s) : len(static_cast<std::uint32_t>(s.size())) {
    const std::size_t k = std::min<std::size_t>(s.size(), 16);
    for (std::size_t i = 0; i < k; ++i) {
      const std::uint64_t c = static_cast<unsigned char>(s[i]);
      if (i < 8) {
        hi |= c << (56 - 8 * i);
      } else {
        lo |= c << (56 - 8 * (i - 8));
      }
    }
  }
  bool same_prefix(const NameKey& o) const { return hi == o.hi && lo == o.lo; }
  bool complete() const { return len <= 16; }
};

// <0, 0, >0 like string compare; `a`/`b` are only read when the keys cannot decide.
int compare_names(const NameKey& ka, std::string_view a, const NameKey& kb, std::string_view b) {
  if (ka.hi != kb.hi) return ka.hi < kb.hi ? -1 : 1;
  if (ka.lo != kb.lo) return ka.lo < kb.lo ? -1 : 1;
  if (ka.complete() || kb.complete()) return ka.len == kb.len ? 0 : (ka.len < kb.len ? -1 : 1);
  return a.compare(b);
}

// The distinct app names, by rank, in one contiguous arena, with an open-addressing index whose
// slots carry the name key: a lookup of a name of at most 16 bytes touches one slot and
// nothing else (load factor <= 1/2).
class NameTable {
 public:
  static constexpr Index kNone = std::numeric_limits<Index>::max();

  void reserve(std::size_t n) { offset_.reserve(n + 1); }
  Index add(std::string_view s) {
    arena_.append(s);
    offset_.push_back(arena_.size());
    return size() - 1;
  }
  Index size() const { return static_cast<Index>(offset_.size() - 1); }
  std::string_view name(Index i) const {
    return std::string_view(arena_).substr(offset_[i], offset_[i + 1] - offset_[i]);
  }
  void build_index() {
    std::size_t cap = 16;
    while (cap < 2 * static_cast<std::size_t>(size())) cap *= 2;
    mask_ = cap - 1;
    slots_.assign(cap, Slot{NameKey(std::string_view()), kNone});
    for (Index i = 0; i < size(); ++i) {
      const std::string_view s = name(i);
      std::size_t pos = hash(s) & mask_;
      while (slots_[pos].rank != kNone) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{NameKey(s), i};
    }
  }
  static std::size_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  void prefetch(std::size_t h) const { __builtin_prefetch(&slots_[h & mask_]); }
  Index find(std::string_view s) const { return find(s, hash(s)); }
  Index find(std::string_view s, std::size_t h) const {
    const NameKey key(s);
    for (std::size_t pos = h & mask_;; pos = (pos + 1) & mask_) {
      const Slot& slot = slots_[pos];
      if (slot.rank == kNone) return kNone;
      if (slot.key.len == key.len && slot.key.same_prefix(key) && (key.complete() || name(slot.rank) == s)) {
        return slot.rank;
      }
    }
  }

 private:
  struct Slot {
    NameKey key;
    Index rank;
  };
  std::string arena_;
  std::vector<std::size_t> offset_{0};
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

struct DfsState {
  std::vector<int> wave;
  std::vector<Index> parent;
  std::vector<Index> cycle;  // open path v .. u (each depends on the next, u depends on v)
  bool found = false;
};

class WaveVisitor : public boost::default_dfs_visitor {
 public:
  explicit WaveVisitor(DfsState* s) : s_(s) {}
  void tree_edge(Edge e, const Graph& g) const { s_->parent[target(e, g)] = source(e, g); }
  void back_edge(Edge e, const Graph& g) const {
    if (s_->found) return;
    s_->found = true;
    const Index u = source(e, g), v = target(e, g);
    // The DFS stack holds v -> ... -> u along tree edges: walk the parents back from u.
    for (Index x = u; x != v; x = s_->parent[x]) s_->cycle.push_back(x);
    s_->cycle.push_back(v);
    std::reverse(s_->cycle.begin(), s_->cycle.end());
  }
  void finish_vertex(Index u, const Graph& g) const {
    if (s_->found) return;  // waves are meaningless once a cycle exists
    int w = 0;
    for (auto [it, end] = out_edges(u, g); it != end; ++it) w = std::max(w, s_->wave[target(*it, g)] + 1);
    s_->wave[u] = w;
  }

 private:
  DfsState* s_;
};

// Sorted, unique copy of a depends_on list.
std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string dot_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

std::string dot_quoted(std::string_view s) { return "\"" + dot_escape(s) + "\""; }

}  // namespace

WavePlan plan_waves(const std::vector<AppNode>& apps) {
  WavePlan plan;
  const std::size_t entries = apps.size();

  // 1. Sort the entries by name (16-byte keys first: few string compares, few cache misses),
  //    ties by input position, so that the last entry of a run of equal names wins.
  struct SortKey {
    NameKey key;
    Index entry;
  };
  std::vector<SortKey> keys;
  keys.reserve(entries);
  for (Index e = 0; e < entries; ++e) keys.push_back({NameKey(apps[e].name), e});
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (int c = compare_names(a.key, apps[a.entry].name, b.key, apps[b.entry].name); c != 0) return c < 0;
    return a.entry < b.entry;
  });

  // 2. Rank = position among the distinct sorted names. Names go to one contiguous arena.
  constexpr Index kNone = std::numeric_limits<Index>::max();
  std::vector<Index> rank_of_entry(entries, kNone);  // kNone for entries overridden later
  NameTable names;
  names.reserve(entries);
  for (std::size_t k = 0; k < entries; ++k) {
    if (k + 1 < entries && compare_names(keys[k].key, apps[keys[k].entry].name, keys[k + 1].key,
                                         apps[keys[k + 1].entry].name) == 0) {
      continue;  // a later entry of the same name wins
    }
    rank_of_entry[keys[k].entry] = names.add(apps[keys[k].entry].name);
  }
  keys.clear();
  keys.shrink_to_fit();
  const Index n = names.size();
  names.build_index();

  // 3. Resolve dependencies (input order: sequential reads) into edges app -> dependency,
  //    bucketed by app rank (counting sort), sorted and unique within an app.
  std::vector<Index> out_count(n + 1, 0);
  std::vector<std::pair<Index, Index>> raw;  // (app rank, dependency rank)
  std::vector<std::pair<Index, std::string_view>> missing;
  // Hash every reference first, then look them up with the table slots prefetched a few
  // references ahead: at 100k apps the table no longer fits in cache and a lookup is a miss.
  struct Ref {
    std::string_view dep;
    std::size_t hash;
    Index app;
  };
  std::vector<Ref> refs;
  for (std::size_t e = 0; e < entries; ++e) {
    const Index src = rank_of_entry[e];
    if (src == kNone) continue;
    for (const std::string& d : apps[e].depends_on) refs.push_back({d, NameTable::hash(d), src});
  }
  constexpr std::size_t kAhead = 16;
  std::vector<Index> deps;
  for (std::size_t i = 0; i < refs.size();) {
    const Index src = refs[i].app;
    deps.clear();
    for (; i < refs.size() && refs[i].app == src; ++i) {
      if (i + kAhead < refs.size()) names.prefetch(refs[i + kAhead].hash);
      if (const Index t = names.find(refs[i].dep, refs[i].hash); t != kNone) {
        deps.push_back(t);
      } else {
        missing.emplace_back(src, refs[i].dep);
      }
    }
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (Index t : deps) raw.emplace_back(src, t);
    out_count[src + 1] = static_cast<Index>(deps.size());
  }
  for (Index i = 0; i < n; ++i) out_count[i + 1] += out_count[i];
  std::vector<std::pair<Index, Index>> edges(raw.size());
  {
    std::vector<Index> next(out_count.begin(), out_count.end() - 1);
    for (const auto& edge : raw) edges[next[edge.first]++] = edge;  // targets stay sorted per app
  }
  raw.clear();
  raw.shrink_to_fit();

  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  plan.missing.reserve(missing.size());
  for (const auto& [app, dep] : missing) plan.missing.emplace_back(names.name(app), dep);

  const Graph g(boost::edges_are_sorted, edges.begin(), edges.end(), n);
  edges.clear();
  edges.shrink_to_fit();

  // 4. One iterative DFS: waves on finish (dependencies finish first), the first back edge is
  //    the cycle. Roots in rank order and sorted out-edges make the result deterministic.
  DfsState st;
  st.wave.assign(n, 0);
  st.parent.assign(n, 0);
  std::vector<boost::default_color_type> color(n);
  boost::depth_first_search(
      g, boost::visitor(WaveVisitor(&st))
             .color_map(boost::make_iterator_property_map(color.begin(), get(boost::vertex_index, g))));

  if (st.found) {
    // Canonical rotation: start the cycle at its smallest name (smallest rank).
    auto smallest = std::min_element(st.cycle.begin(), st.cycle.end());
    std::rotate(st.cycle.begin(), smallest, st.cycle.end());
    plan.cycle.reserve(st.cycle.size() + 1);
    for (Index x : st.cycle) plan.cycle.emplace_back(names.name(x));
    plan.cycle.push_back(plan.cycle.front());
    return plan;
  }

  int max_wave = -1;
  for (Index i = 0; i < n; ++i) {
    plan.wave.emplace_hint(plan.wave.end(), names.name(i), st.wave[i]);  // ranks are sorted
    max_wave = std::max(max_wave, st.wave[i]);
  }
  std::vector<std::size_t> count(static_cast<std::size_t>(max_wave + 1), 0);
  for (Index i = 0; i < n; ++i) ++count[st.wave[i]];
  plan.waves.resize(count.size());
  for (std::size_t k = 0; k < count.size(); ++k) plan.waves[k].reserve(count[k]);
  for (Index i = 0; i < n; ++i) plan.waves[st.wave[i]].emplace_back(names.name(i));
  return plan;
}

std::string cycle_to_string(const std::vector<std::string>& cycle) {
  std::string out;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    if (i) out += " -> ";
    out += cycle[i];
  }
  return out;
}

std::vector<std::string> dependents_of(const std::vector<AppNode>& apps, const std::string& name) {
  const Resolved r = resolve(apps);
  std::vector<std::string> out;  // ranks are in name order, so `out` comes out sorted
  for (const AppNode* a : r.node) {
    if (std::find(a->depends_on.begin(), a->depends_on.end(), name) != a->depends_on.end()) {
      out.push_back(a->name);
    }
  }
  return out;
}

std::vector<std::string> deletion_order(const WavePlan& plan) {
  std::vector<std::string> out;
  out.reserve(plan.wave.size());
  for (auto it = plan.waves.rbegin(); it != plan.waves.rend(); ++it) {
    out.insert(out.end(), it->begin(), it->end());
  }
  return out;
}

std::string to_text(const std::vector<AppNode>& /*apps*/, const WavePlan& plan) {
  std::string out;
  for (std::size_t k = 0; k < plan.waves.size(); ++k) {
    out += "wave " + std::to_string(k) + ":";
    for (std::size_t i = 0; i < plan.waves[k].size(); ++i) {
      out += i ? ", " : " ";
      out += plan.waves[k][i];
    }
    out += '\n';
  }
  if (!plan.cycle.empty()) out += "cycle: " + cycle_to_string(plan.cycle) + "\n";
  for (const auto& [app, dep] : plan.missing) out += "missing: " + app + " depends on " + dep + "\n";
  return out;
}

std::string to_dot(const std::vector<AppNode>& apps, const WavePlan& plan,
                   const std::map<std::string, std::string>& labels) {
  const Resolved r = resolve(apps);
  auto node_line = [&](const std::string& name) {
    std::string line = "    " + dot_quoted(name);
    if (auto it = labels.find(name); it != labels.end()) {
      line += " [label=\"" + dot_escape(name) + "\\n" + dot_escape(it->second) + "\"]";
    }
    return line + ";\n";
  };

  std::string out = "digraph release {\n  rankdir=LR;\n  node [shape=box];\n";
  if (plan.cycle.empty()) {
    for (std::size_t k = 0; k < plan.waves.size(); ++k) {
      out += "  subgraph cluster_wave_" + std::to_string(k) + " {\n";
      out += "    label=\"wave " + std::to_string(k) + "\";\n    rank=same;\n";
      for (const std::string& name : plan.waves[k]) out += node_line(name);
      out += "  }\n";
    }
  } else {
    for (const AppNode* a : r.node) out += node_line(a->name).substr(2);
  }
  // Missing dependencies: dashed red nodes (the same name can be missing for several apps).
  std::vector<std::string> missing_names;
  for (const auto& m : plan.missing) missing_names.push_back(m.second);
  missing_names = sorted_unique(std::move(missing_names));
  for (const std::string& m : missing_names) {
    out += "  " + dot_quoted(m) + " [label=\"" + dot_escape(m) +
           "\\n(missing)\", style=dashed, color=red, fontcolor=red];\n";
  }

  // Edges dependency -> dependent, sorted by (dependency, dependent).
  std::vector<std::pair<std::string_view, std::string_view>> edges;
  for (const AppNode* a : r.node) {
    for (const std::string& d : a->depends_on) edges.emplace_back(d, a->name);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  // Edges of the reported cycle: cycle[i] depends on cycle[i+1], i.e. dot edge cycle[i+1] -> cycle[i].
  std::vector<std::pair<std::string_view, std::string_view>> cycle_edges;
  for (std::size_t i = 0; i + 1 < plan.cycle.size(); ++i) cycle_edges.emplace_back(plan.cycle[i + 1], plan.cycle[i]);
  std::sort(cycle_edges.begin(), cycle_edges.end());
  for (const auto& [from, to] : edges) {
    out += "  " + dot_quoted(from) + " -> " + dot_quoted(to);
    if (!r.rank.contains(from)) {
      out += " [style=dashed, color=red]";
    } else if (std::binary_search(cycle_edges.begin(), cycle_edges.end(), std::pair{from, to})) {
      out += " [color=red, penwidth=2]";
    }
    out += ";\n";
  }
  out += "}\n";
  return out;
}

std::string to_json(const std::vector<AppNode>& apps, const WavePlan& plan) {
  const Resolved r = resolve(apps);
  nlohmann::json j;
  j["waves"] = plan.waves;
  nlohmann::json& japps = j["apps"] = nlohmann::json::object();
  for (const AppNode* a : r.node) {
    nlohmann::json entry;
    entry["depends_on"] = sorted_unique(a->depends_on);
    if (auto it = plan.wave.find(a->name); it != plan.wave.end()) {
      entry["wave"] = it->second;
    } else {
      entry["wave"] = nullptr;
    }
    japps[a->name] = std::move(entry);
  }
  j["cycle"] = plan.cycle;
  nlohmann::json& jmissing = j["missing"] = nlohmann::json::array();
  for (const auto& [app, dep] : plan.missing) jmissing.push_back({{"app", app}, {"dependency", dep}});
  return j.dump(2) + "\n";
}

}  // namespace aoa::planner
