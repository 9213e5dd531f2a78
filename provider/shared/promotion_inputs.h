// What a promotion decision needs, gathered from the GitOps repository (and, during a plan, from
// what this run has planned so far): the root's environment order and protection, the apps live in
// the source and target environments, registry records, and the root's audit history.
#pragma once

#include <string>
#include <vector>

#include "internal/promotion/audit.h"
#include "internal/promotion/context.h"
#include "internal/promotion/request.h"
#include "provider/shared/plan_overlay.h"
#include "provider/resources/promotion.h"
#include "provider/shared/provider_context.h"
#include "schema/diagnostics.h"

namespace aoa::provider {

// The request a promotion's arguments (configuration, planned or prior state) describe; all known.
promotion::PromotionRequest promotion_request(const PromotionModel& m);

// `overlay` is null at apply time (a new provider process: only the repository counts).
// Problems reading the repository (unreadable audit files, say) become warnings in `diags`;
// a missing root or environment is left to the decision's own checks.
promotion::PromotionContext gather_promotion_context(const ProviderContext& ctx, const promotion::PromotionRequest& req,
                                                     const PlanOverlay* overlay, schema::Diagnostics& diags);

// Audit records of a root in the repository, oldest first, with their paths.
struct StoredAudit {
  std::string path;
  promotion::AuditRecord record;
};
std::vector<StoredAudit> load_audit_history(const ProviderContext& ctx, const std::string& root,
                                            schema::Diagnostics& diags);

// The record of a withdrawal (destroy): the request, and what the bundle's apps run in `to` now,
// before and after (a withdrawal changes no app); without id, time and actor.
promotion::AuditRecord withdrawal_record(const ProviderContext& ctx, const promotion::PromotionRequest& request,
                                         schema::Diagnostics& diags);

// The state that the audit record of a decision describes (an import) under `id`; `order` is empty.
PromotionModel promotion_model(const StoredAudit& stored, const std::string& id);

}  // namespace aoa::provider
