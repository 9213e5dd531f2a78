// Rule 4: what failed gate checks mean. on_gate_failure = "error": each failure is an error at its
// gate's metric (Terraform points a diagnostic at an attribute, not at a block; the summary names
// the gate too). "hold": one warning, and the whole bundle keeps what the target runs now (a bundle is
// immutable: promoting part of it would break what was tested together).
#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {
namespace {

std::string failure_line(const GateEvidence& e) {
  return "\"" + e.app + "\" (" + e.model + " " + e.version + "): " + e.reason;
}

void report_errors(DecideState& s) {
  for (const auto& [gate, index] : s.failures) {
    const GateEvidence& e = s.decision.evidence[index];
    const std::string check = e.metric + " " + std::string(to_string(e.op)) +
                              (e.threshold ? " " + e.threshold->to_string() : std::string()) +
                              (e.relative ? " (not worse than " + s.request.to + ")" : std::string());
    s.decision.diagnostics.error(
        "Gate failed for \"" + e.app + "\": " + check + " (gate[" + std::to_string(gate) + "])",
        "Model " + e.model + " version " + e.version + ": " + e.reason + ". Promote a version that passes, change "
            "the gate, or set on_gate_failure = \"hold\" to keep what " + s.request.to + " runs now.",
        gate_path(gate).attr("metric"));
  }
}

void hold(DecideState& s) {
  auto& d = s.decision;
  d.status = Decision::Held;
  d.approved_versions = d.versions_before;
  std::string detail = "Failed checks:";
  for (const auto& [gate, index] : s.failures) {
    detail += "\n  - gate[" + std::to_string(gate) + "] " + failure_line(d.evidence[index]);
  }
  std::string kept;
  for (const auto& [app, version] : d.versions_before) kept += (kept.empty() ? "" : ", ") + app + " " + version;
  detail += "\n" + s.request.to + " keeps " + (kept.empty() ? "nothing" : kept) +
            " (the whole bundle is held: its apps move together).";
  d.diagnostics.warning("Promotion to " + s.request.to + " held: " + std::to_string(s.failures.size()) +
                            " gate check(s) failed",
                        detail, schema::AttributePath::root("gate"));
  for (const auto& [app, version] : s.request.versions) {
    if (d.versions_before.contains(app)) continue;
    d.diagnostics.error("Cannot hold \"" + app + "\": nothing runs in " + s.request.to,
                        "on_gate_failure = \"hold\" keeps the version the target runs now, but " + s.request.to +
                            " has no \"" + app + "\" yet. Promote a version that passes the gates, or use "
                            "on_gate_failure = \"error\".",
                        version_path(app));
  }
}

}  // namespace

void apply_gate_failures(DecideState& s) {
  if (s.failures.empty() || s.request.on_gate_failure == OnGateFailure::Error) {
    s.decision.approved_versions = s.request.versions;
    report_errors(s);
    return;
  }
  hold(s);
}

}  // namespace aoa::promotion::detail
