#include "internal/promotion/gate_compare.h"

namespace aoa::promotion {

bool satisfies(const cty::Number& actual, GateOp op, const cty::Number& threshold) {
  switch (op) {
    case GateOp::Ge: return actual >= threshold;
    case GateOp::Gt: return actual > threshold;
    case GateOp::Le: return actual <= threshold;
    case GateOp::Lt: return actual < threshold;
    case GateOp::Eq: return actual == threshold;
  }
  return false;
}

cty::Number relative_threshold(GateOp op, const cty::Number& target, const cty::Number& tolerance) {
  switch (op) {
    case GateOp::Ge:
    case GateOp::Gt: return target.subtract(tolerance);
    case GateOp::Le:
    case GateOp::Lt: return target.add(tolerance);
    case GateOp::Eq: return target;
  }
  return target;
}

bool passes_relative(const cty::Number& actual, GateOp op, const cty::Number& target, const cty::Number& tolerance) {
  if (op == GateOp::Eq) return actual.subtract(target).abs() <= tolerance;
  return satisfies(actual, op, relative_threshold(op, target, tolerance));
}

}  // namespace aoa::promotion
