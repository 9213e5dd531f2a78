// Audit records: one JSON file per promotion decision, audit/<root>/<UTC timestamp>-<id>.json,
// written once and never rewritten. Earlier records are also decide()'s memory (rollbacks).
//
// JSON shape (pretty, 2 spaces, keys in this fixed order, trailing '\n'):
//   {"apiVersion": "appofapps.io/v1", "kind": "PromotionAudit", "id", "decision", "time",
//    "actor", "actor_email", "root", "from", "to", "requested", "versions_before",
//    "versions_after", "rollback", "rolled_back_apps", "skipped_environments", "allow_skip",
//    "on_gate_failure", "approval": {"approved_by", "ticket"} | null,
//    "gate_config": [{"app", "metric", "op", "value", "not_worse_than_target", "tolerance"}],
//    "gates": [{"app", "model", "version", "metric", "op", "threshold", "actual", "relative",
//               "target_version", "target_value", "tolerance", "passed", "waived", "reason"}]}
// Numbers (threshold, actual, target_value, tolerance) are exact decimal STRINGS ("0.91") or
// null: JSON readers commonly turn numbers into doubles, which would change "0.1" or a 30-digit
// metric; a string keeps the exact value the gate compared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "internal/promotion/evidence.h"
#include "internal/promotion/request.h"
#include "internal/status/status.h"

namespace aoa::promotion {

struct Decision;

inline constexpr std::string_view kAuditApiVersion = "appofapps.io/v1";
inline constexpr std::string_view kAuditKind = "PromotionAudit";

struct AuditRecord {
  std::string id;        // 16 lower-case hex characters from new_audit_id()
  std::string decision;  // "promoted" | "held" | "withdrawn"
  std::string time;      // RFC 3339 UTC, second precision: 2026-11-23T19:15:02Z (audit_time.h)
  std::string actor, actor_email;
  std::string root, from, to;
  std::map<std::string, std::string> requested;        // the request's versions
  std::map<std::string, std::string> versions_before;  // what ran in `to` before, per bundle app
  std::map<std::string, std::string> versions_after;   // what runs in `to` after the decision
  std::vector<GateEvidence> gates;
  // The gate blocks as configured (evidence has one entry per app and check, which cannot be
  // turned back into blocks): an import restores them from here.
  std::vector<Gate> gate_config;
  std::optional<Approval> approval;
  bool rollback = false;
  std::vector<std::string> rolled_back_apps, skipped_environments;
  bool allow_skip = false;
  std::string on_gate_failure;  // "error" | "hold"
  bool operator==(const AuditRecord&) const = default;
};

std::string render_audit_json(const AuditRecord& record);

// Parses a record written by render_audit_json. Audit files sit in a Git repository, so any text
// may come in: corruption for anything that is not such a record (bad
// JSON, wrong apiVersion/kind, wrong types, an unknown decision or on_gate_failure, a time
// that is not RFC 3339 UTC, a number that is not a decimal string). id, decision, time, root,
// from and to are required; other fields default when absent; unknown fields are ignored so
// older providers can read records that newer ones write. Never crashes or hangs.
// parse_audit_json(render_audit_json(r)) == r for records with valid UTF-8 text. The Status's
// field is the JSON path of the offending field ("gates[2].threshold"), empty for the whole
// document; its message reads "audit record: <field>: <problem>".
Result<AuditRecord> parse_audit_json(std::string_view json_text);

// 16 lower-case hex characters (64 bits) from the kernel's CSPRNG (getrandom); an I/O error if it
// fails.
Result<std::string> new_audit_id();

// The audit record of a decision: decision "promoted" or "held" from its status, versions_after
// = the decision's approved_versions (what the target runs afterwards), the request's versions,
// flags and approval, and the gate evidence.
AuditRecord make_audit_record(const PromotionRequest& request, const Decision& decision, std::string actor,
                              std::string actor_email, std::string time, std::string id);

}  // namespace aoa::promotion
