// Rule 1: from and to are environments of the root, in promotion order, without skipping unless
// allow_skip.
#include <algorithm>

#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {
namespace {

std::string arrow_list(const std::vector<std::string>& envs) {
  std::string out;
  for (const auto& e : envs) out += (out.empty() ? "" : " → ") + e;
  return out.empty() ? "(none)" : out;
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& e : items) out += (out.empty() ? "" : ", ") + e;
  return out;
}

// Index of `env` in the order, or -1 after reporting at `attribute`.
long find_environment(DecideState& s, const std::string& attribute, const std::string& env) {
  const auto& order = s.context.environment_order;
  const auto it = std::find(order.begin(), order.end(), env);
  if (it != order.end()) return static_cast<long>(it - order.begin());
  s.decision.diagnostics.error(
      env.empty() ? attribute + " must name an environment"
                  : "\"" + env + "\" is not an environment of root \"" + s.request.root + "\"",
      "The environments of root \"" + s.request.root + "\", in promotion order: " + arrow_list(order) + ".",
      schema::AttributePath::root(attribute));
  return -1;
}

}  // namespace

void check_environments(DecideState& s) {
  const auto& order = s.context.environment_order;
  const long from = find_environment(s, "from", s.request.from);
  const long to = find_environment(s, "to", s.request.to);
  if (from < 0 || to < 0) return;
  const auto to_path = schema::AttributePath::root("to");
  const std::string order_text = "Environments are promoted in the order " + arrow_list(order);
  if (to == from) {
    const auto after = static_cast<size_t>(from) + 1;
    const std::string next = after < order.size() ? "; the environment after " + s.request.from + " is " + order[after]
                                                  : "; " + s.request.from + " is the last one";
    s.decision.diagnostics.error("to must differ from from",
                                 "Both are \"" + s.request.from + "\". " + order_text + next + ".", to_path);
    return;
  }
  if (to < from) {
    const std::string how = to == 0 ? s.request.to + " is the first environment: deploy the version there directly"
                                    : "promote that version from " + order[static_cast<size_t>(to) - 1] +
                                          " (a rollback)";
    s.decision.diagnostics.error(
        "Promotion goes backwards: \"" + s.request.to + "\" comes before \"" + s.request.from + "\"",
        order_text + ". To return " + s.request.to + " to an earlier version, " + how + ".", to_path);
    return;
  }
  std::vector<std::string> skipped(order.begin() + from + 1, order.begin() + to);
  if (skipped.empty()) return;
  if (s.request.allow_skip) {
    s.decision.skipped_environments = std::move(skipped);
    return;
  }
  s.decision.diagnostics.error(
      "Promotion from \"" + s.request.from + "\" to \"" + s.request.to + "\" skips " + comma_list(skipped),
      order_text + "; the next environment after " + s.request.from + " is " + skipped.front() +
          ". Promote to " + skipped.front() + " first, or set allow_skip = true to skip deliberately.",
      to_path);
}

}  // namespace aoa::promotion::detail
