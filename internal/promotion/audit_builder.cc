#include "internal/promotion/audit.h"
#include "internal/promotion/decision.h"

namespace aoa::promotion {

AuditRecord make_audit_record(const PromotionRequest& request, const Decision& decision, std::string actor,
                              std::string actor_email, std::string time, std::string id) {
  AuditRecord r;
  r.id = std::move(id);
  r.decision = decision.status == Decision::Held ? "held" : "promoted";
  r.time = std::move(time);
  r.actor = std::move(actor);
  r.actor_email = std::move(actor_email);
  r.root = request.root;
  r.from = request.from;
  r.to = request.to;
  r.requested = request.versions;
  r.versions_before = decision.versions_before;
  r.versions_after = decision.approved_versions;
  r.gates = decision.evidence;
  r.gate_config = request.gates;
  r.approval = request.approval;
  r.rollback = decision.rollback;
  r.rolled_back_apps = decision.rolled_back_apps;
  r.skipped_environments = decision.skipped_environments;
  r.allow_skip = request.allow_skip;
  r.on_gate_failure = std::string(to_string(request.on_gate_failure));
  return r;
}

}  // namespace aoa::promotion
