// A promotion scenario for the tests: root "ml" with dev → staging → prod, a bundle promoted
// from staging to prod, and an in-memory registry.
//
//   staging: features 4, fraud 12 (depends on features), churn 3
//   prod:    features 4, fraud 11 (depends on features), churn 2
//   registry: every one of those versions, auc 0.93 / latency_p95_ms 70 unless set otherwise
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "internal/promotion/decision.h"

namespace aoa::promotion::testing {

inline cty::Number N(const char* text) { return cty::Number::parse(text).value(); }

struct Scenario {
  PromotionRequest request;
  PromotionContext context;
  std::map<std::pair<std::string, std::string>, registry::ModelVersionRecord> records;

  Scenario() {
    request.root = "ml";
    request.from = "staging";
    request.to = "prod";
    request.versions = {{"fraud", "12"}};
    context.environment_order = {"dev", "staging", "prod"};
    context.from_apps = {{"features", {"features", "4", {}}},
                         {"fraud", {"fraud", "12", {"features"}}},
                         {"churn", {"churn", "3", {}}}};
    context.to_apps = {{"features", {"features", "4", {}}},
                       {"fraud", {"fraud", "11", {"features"}}},
                       {"churn", {"churn", "2", {}}}};
    for (const auto& [model, version] : std::vector<std::pair<std::string, std::string>>{
             {"features", "4"}, {"fraud", "12"}, {"fraud", "11"}, {"churn", "3"}, {"churn", "2"}}) {
      set_metrics(model, version, {{"auc", "0.93"}, {"latency_p95_ms", "70"}});
    }
  }

  void set_metrics(const std::string& model, const std::string& version,
                   const std::map<std::string, std::string>& metrics) {
    registry::ModelVersionRecord r;
    r.model = model;
    r.version = version;
    for (const auto& [name, value] : metrics) r.metrics.emplace(name, N(value.c_str()));
    records[{model, version}] = r;
  }
  void set_metric(const std::string& model, const std::string& version, const std::string& name, const char* value) {
    records.at({model, version}).metrics[name] = N(value);
  }

  Gate& add_gate(const std::string& metric, GateOp op, std::optional<const char*> value, const std::string& app = "") {
    Gate g;
    g.app = app;
    g.metric = metric;
    g.op = op;
    if (value) g.value = N(*value);
    request.gates.push_back(g);
    return request.gates.back();
  }

  Decision run() {
    context.lookup = [this](const std::string& model, const std::string& version)
        -> Result<std::optional<registry::ModelVersionRecord>> {
      const auto it = records.find({model, version});
      if (it == records.end()) return std::optional<registry::ModelVersionRecord>();
      return std::optional<registry::ModelVersionRecord>(it->second);
    };
    return decide(request, context);
  }
};

// Diagnostics of `d` at a path (as AttributePath::to_string(), "" for none) and severity.
inline std::vector<schema::Diagnostic> at(const Decision& d, const std::string& path,
                                          schema::Severity severity = schema::Severity::Error) {
  std::vector<schema::Diagnostic> out;
  for (const auto& diag : d.diagnostics.items()) {
    const std::string p = diag.path ? diag.path->to_string() : "";
    if (p == path && diag.severity == severity) out.push_back(diag);
  }
  return out;
}

inline size_t count(const Decision& d, schema::Severity severity) {
  size_t n = 0;
  for (const auto& diag : d.diagnostics.items()) n += diag.severity == severity ? 1 : 0;
  return n;
}
inline size_t errors(const Decision& d) { return count(d, schema::Severity::Error); }
inline size_t warnings(const Decision& d) { return count(d, schema::Severity::Warning); }

// Every diagnostic, for failure messages.
inline std::string dump(const Decision& d) {
  std::string out;
  for (const auto& diag : d.diagnostics.items()) {
    out += std::string(diag.severity == schema::Severity::Error ? "ERROR" : "WARNING") + " at " +
           (diag.path ? diag.path->to_string() : "<none>") + ": " + diag.summary + " | " + diag.detail + "\n";
  }
  return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The single diagnostic at `path`; fails the test when there is not exactly one.
inline schema::Diagnostic only(const Decision& d, const std::string& path,
                               schema::Severity severity = schema::Severity::Error) {
  const auto found = at(d, path, severity);
  EXPECT_EQ(found.size(), 1u) << "at " << path << "\n" << dump(d);
  return found.empty() ? schema::Diagnostic{} : found.front();
}

}  // namespace aoa::promotion::testing
