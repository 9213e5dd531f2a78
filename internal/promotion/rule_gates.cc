// Rule 3: every check of every gate against the registry records of the bundle. Produces the
// evidence; rule 4 (rule_gate_failures.cc) decides what failures mean.
#include "internal/promotion/decide_steps.h"
#include "internal/promotion/gate_compare.h"
#include "internal/registry/names.h"

namespace aoa::promotion::detail {
namespace {

std::string op_text(GateOp op) { return std::string(to_string(op)); }

std::string bundle_apps(const PromotionRequest& request) {
  std::string out;
  for (const auto& [app, version] : request.versions) out += (out.empty() ? "" : ", ") + app;
  return out.empty() ? "(none)" : out;
}

// Reports what is wrong with gate[i]; false when evaluating it would only add noise.
bool check_gate(DecideState& s, const Gate& g, size_t i) {
  auto& diags = s.decision.diagnostics;
  bool usable = true;
  const Status metric_valid = registry::validate_metric_name(g.metric);
  if (!metric_valid.ok()) {
    diags.error("Invalid gate metric", metric_valid.message() + ".", gate_path(i).attr("metric"));
    usable = false;
  }
  if (!g.app.empty() && !s.request.versions.contains(g.app)) {
    diags.error("Gate app \"" + g.app + "\" is not in the bundle",
                "A gate applies to one app of versions (" + bundle_apps(s.request) +
                    "), or to every app of the bundle when app is not set.",
                gate_path(i).attr("app"));
    usable = false;
  }
  if (!g.value && !g.not_worse_than_target) {
    diags.error("Gate on " + g.metric + " has nothing to compare with",
                "Set value (an absolute threshold, e.g. value = 0.91), not_worse_than_target = true (compare with "
                "the version running in " + s.request.to + "), or both.",
                gate_path(i));
    usable = false;
  }
  if (g.tolerance.is_negative()) {
    diags.error("Gate tolerance must not be negative",
                "tolerance is " + g.tolerance.to_string() + "; it is how much worse than the target the new version "
                "may be, 0 or more.",
                gate_path(i).attr("tolerance"));
    usable = false;
  } else if (!g.tolerance.is_zero() && !g.not_worse_than_target) {
    diags.error("Gate tolerance needs not_worse_than_target",
                "tolerance (" + g.tolerance.to_string() + ") only applies to the comparison with the version running "
                "in the target; set not_worse_than_target = true, or remove tolerance (value is compared exactly).",
                gate_path(i).attr("tolerance"));
  }
  return usable;
}

// Evidence names the model and version that were looked up (the record's own fields could
// disagree after a hand edit; the lookup key is what the promotion is about).
GateEvidence start_evidence(const DecideState& s, const Gate& g, const std::string& app,
                            const registry::ModelVersionRecord& record) {
  GateEvidence e;
  e.app = app;
  e.model = s.model_of.at(app);
  e.version = s.request.versions.at(app);
  e.metric = g.metric;
  e.op = g.op;
  if (const auto m = record.metrics.find(g.metric); m != record.metrics.end()) e.actual = m->second;
  return e;
}

std::string not_recorded(const GateEvidence& e) {
  return "model " + e.model + " version " + e.version + " records no metric " + e.metric;
}

GateEvidence absolute_check(const DecideState& s, const Gate& g, const std::string& app,
                            const registry::ModelVersionRecord& record) {
  GateEvidence e = start_evidence(s, g, app, record);
  e.threshold = *g.value;
  const std::string wanted = op_text(g.op) + " " + g.value->to_string();
  if (!e.actual) {
    e.reason = not_recorded(e) + " (the gate needs " + e.metric + " " + wanted + ")";
    return e;
  }
  e.passed = satisfies(*e.actual, g.op, *g.value);
  e.reason = e.metric + " = " + e.actual->to_string() + (e.passed ? " satisfies " : " does not satisfy ") + wanted;
  return e;
}

GateEvidence relative_check(DecideState& s, const Gate& g, const std::string& app,
                            const registry::ModelVersionRecord& record) {
  GateEvidence e = start_evidence(s, g, app, record);
  e.relative = true;
  e.tolerance = g.tolerance;
  const std::string& to = s.request.to;
  const auto live = s.context.to_apps.find(app);
  if (live == s.context.to_apps.end()) {
    e.passed = true;
    e.reason = "nothing runs in " + to + " for " + app + ", so the comparison with the target is skipped";
    return e;
  }
  e.target_version = live->second.version;
  const std::string target = "version " + e.target_version + " in " + to;
  std::string why;
  const registry::ModelVersionRecord* target_record = s.target_record(app, why);
  if (target_record == nullptr) {
    e.reason = "cannot compare with " + target + ": " + why;
    return e;
  }
  const auto target_metric = target_record->metrics.find(g.metric);
  if (target_metric == target_record->metrics.end()) {
    e.reason = "cannot compare with " + target + ": model " + target_record->model + " version " +
               target_record->version + " records no metric " + g.metric;
    return e;
  }
  e.target_value = target_metric->second;
  e.threshold = relative_threshold(g.op, *e.target_value, g.tolerance);
  const std::string tolerance = g.tolerance.to_string();
  const std::string basis = e.target_value->to_string() + " of " + target;
  if (!e.actual) {
    e.reason = not_recorded(e) + " to compare with " + basis;
    return e;
  }
  e.passed = passes_relative(*e.actual, g.op, *e.target_value, g.tolerance);
  const std::string actual = e.metric + " = " + e.actual->to_string();
  if (g.op == GateOp::Eq) {
    e.reason = actual + (e.passed ? " is within " : " is not within ") + tolerance + " of " + basis;
  } else {
    const bool up = g.op == GateOp::Ge || g.op == GateOp::Gt;
    e.reason = actual + (e.passed ? " satisfies " : " does not satisfy ") + op_text(g.op) + " " +
               e.threshold->to_string() + " (" + basis + (up ? " minus" : " plus") + " tolerance " + tolerance + ")";
  }
  return e;
}

void add_evidence(DecideState& s, size_t gate, GateEvidence e) {
  if (!e.passed) {
    if (s.waived_apps.contains(e.app)) {
      e.waived = true;
    } else {
      s.failures.emplace_back(gate, s.decision.evidence.size());
    }
  }
  s.decision.evidence.push_back(std::move(e));
}

}  // namespace

void evaluate_gates(DecideState& s) {
  for (size_t i = 0; i < s.request.gates.size(); ++i) {
    const Gate& g = s.request.gates[i];
    if (!check_gate(s, g, i)) continue;
    for (const auto& [app, version] : s.request.versions) {
      if (!g.app.empty() && g.app != app) continue;
      const registry::ModelVersionRecord* record = s.bundle_record(app);
      if (record == nullptr) continue;  // reported at versions["app"]
      if (g.value) add_evidence(s, i, absolute_check(s, g, app, *record));
      if (g.not_worse_than_target) add_evidence(s, i, relative_check(s, g, app, *record));
    }
  }
}

}  // namespace aoa::promotion::detail
