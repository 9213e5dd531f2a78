// What an appofapps_promotion asks for: a bundle of app versions to move from one environment of
// a root to a later one, the metric gates they must pass and the approval that protects the target.
// Plain data as the provider reads it from the configuration; decide() (decision.h) checks it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/number.h"

namespace aoa::promotion {

enum class GateOp { Ge, Gt, Le, Lt, Eq };  // ">=", ">", "<=", "<", "=="

// The operator written in configuration and audit records; nullopt for anything else.
std::optional<GateOp> parse_gate_op(std::string_view text);
std::string_view to_string(GateOp op);
// For messages: what parse_gate_op accepts.
inline constexpr std::string_view kGateOpsAllowed = R"(">=", ">", "<=", "<" or "==")";

// One `gate` block. A gate checks metric `metric` of the registry record of each bundle app's new
// version (or of `app` only):
//   * absolute, when `value` is set: metric op value;
//   * relative, when not_worse_than_target: the new value compared with the value of the version
//     running in the target environment, allowing `tolerance` (>=/>: new op target - tolerance;
//     <=/<: new op target + tolerance; ==: |new - target| <= tolerance).
// A gate may be both (two checks). `tolerance` only applies to the relative check and is >= 0.
struct Gate {
  std::string app;  // "" = every app of the bundle; otherwise one app of the bundle
  std::string metric;
  GateOp op = GateOp::Ge;
  std::optional<cty::Number> value;
  bool not_worse_than_target = false;
  cty::Number tolerance;
  bool operator==(const Gate&) const = default;
};

struct Approval {
  std::string approved_by, ticket;
  bool operator==(const Approval&) const = default;
};

enum class OnGateFailure { Error, Hold };

// "error" / "hold"; nullopt for anything else.
std::optional<OnGateFailure> parse_on_gate_failure(std::string_view text);
std::string_view to_string(OnGateFailure mode);

struct PromotionRequest {
  std::string root, from, to;
  std::map<std::string, std::string> versions;  // app -> model version (the bundle)
  std::vector<Gate> gates;
  std::optional<Approval> approval;
  bool allow_skip = false;
  OnGateFailure on_gate_failure = OnGateFailure::Error;
};

}  // namespace aoa::promotion
