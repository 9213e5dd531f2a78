#include "internal/promotion/decide_steps.h"
#include "internal/promotion/decision.h"

namespace aoa::promotion {

Decision decide(const PromotionRequest& request, const PromotionContext& context) {
  detail::DecideState state(request, context);
  detail::check_environments(state);
  detail::check_bundle(state);
  detail::evaluate_gates(state);
  detail::apply_gate_failures(state);
  detail::check_approval(state);
  detail::check_dependencies(state);
  detail::order_bundle(state);
  return std::move(state.decision);
}

}  // namespace aoa::promotion
