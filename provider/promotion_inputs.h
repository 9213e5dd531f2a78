// What a promotion decision needs, gathered from the GitOps repository (and, during a plan, from
// what this run has planned so far): the root's environment order and protection, the apps live in
// the source and target environments, registry records, and the root's audit history.
#pragma once

#include <string>
#include <vector>

#include "internal/promotion/audit.h"
#include "internal/promotion/context.h"
#include "internal/promotion/request.h"
#include "provider/plan_overlay.h"
#include "provider/provider_context.h"
#include "schema/diagnostics.h"
#include "schema/value.h"

namespace aoa::provider {

// The request a promotion configuration (or planned state) describes; all values known.
promotion::PromotionRequest promotion_request(const cty::Value& config);

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

}  // namespace aoa::provider
