#include <nlohmann/json.hpp>

#include "internal/promotion/audit.h"

namespace aoa::promotion {
namespace {

using Json = nlohmann::ordered_json;  // keys in insertion order: the documented fixed order

Json number(const std::optional<cty::Number>& n) { return n ? Json(n->to_string()) : Json(nullptr); }

Json evidence(const GateEvidence& e) {
  Json j;
  j["app"] = e.app;
  j["model"] = e.model;
  j["version"] = e.version;
  j["metric"] = e.metric;
  j["op"] = std::string(to_string(e.op));
  j["threshold"] = number(e.threshold);
  j["actual"] = number(e.actual);
  j["relative"] = e.relative;
  j["target_version"] = e.target_version;
  j["target_value"] = number(e.target_value);
  j["tolerance"] = number(e.tolerance);
  j["passed"] = e.passed;
  j["waived"] = e.waived;
  j["reason"] = e.reason;
  return j;
}

}  // namespace

std::string render_audit_json(const AuditRecord& r) {
  Json j;
  j["apiVersion"] = std::string(kAuditApiVersion);
  j["kind"] = std::string(kAuditKind);
  j["id"] = r.id;
  j["decision"] = r.decision;
  j["time"] = r.time;
  j["actor"] = r.actor;
  j["actor_email"] = r.actor_email;
  j["root"] = r.root;
  j["from"] = r.from;
  j["to"] = r.to;
  j["requested"] = r.requested;
  j["versions_before"] = r.versions_before;
  j["versions_after"] = r.versions_after;
  j["rollback"] = r.rollback;
  j["rolled_back_apps"] = r.rolled_back_apps;
  j["skipped_environments"] = r.skipped_environments;
  j["allow_skip"] = r.allow_skip;
  j["on_gate_failure"] = r.on_gate_failure;
  j["approval"] = r.approval ? Json{{"approved_by", r.approval->approved_by}, {"ticket", r.approval->ticket}}
                             : Json(nullptr);
  j["gate_config"] = Json::array();
  for (const auto& g : r.gate_config) {
    Json c;
    c["app"] = g.app;
    c["metric"] = g.metric;
    c["op"] = std::string(to_string(g.op));
    c["value"] = number(g.value);
    c["not_worse_than_target"] = g.not_worse_than_target;
    c["tolerance"] = g.tolerance.to_string();
    j["gate_config"].push_back(c);
  }
  j["gates"] = Json::array();
  for (const auto& e : r.gates) j["gates"].push_back(evidence(e));
  // Invalid UTF-8 (which Terraform never sends) is replaced rather than failing the apply.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace aoa::promotion
