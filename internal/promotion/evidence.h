// The outcome of one gate check for one app: what was compared with what, and whether it passed.
// Decisions carry it to the plan and audit records keep it.
#pragma once

#include <optional>
#include <string>

#include "internal/promotion/request.h"
#include "schema/number.h"

namespace aoa::promotion {

struct GateEvidence {
  std::string app, model, version;  // the bundle app and the record that was checked
  std::string metric;
  GateOp op = GateOp::Ge;
  // The bound `actual` is compared with: the gate's value (absolute); target -/+ tolerance for
  // >=, >, <=, < (relative); the target's value for == (relative, passes when |actual - target|
  // <= tolerance). Empty when there was nothing to compare with.
  std::optional<cty::Number> threshold;
  std::optional<cty::Number> actual;  // the new version's metric; empty when not recorded
  bool relative = false;              // a not_worse_than_target check
  std::string target_version;         // relative: the version running in the target ("" if none)
  std::optional<cty::Number> target_value, tolerance;  // relative only
  bool passed = false;
  bool waived = false;  // a failure that does not count: a rollback to a version the target ran before
  std::string reason;   // one sentence for people
  bool operator==(const GateEvidence&) const = default;
};

}  // namespace aoa::promotion
