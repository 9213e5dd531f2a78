#include "internal/promotion/request.h"

namespace aoa::promotion {

std::optional<GateOp> parse_gate_op(std::string_view text) {
  if (text == ">=") return GateOp::Ge;
  if (text == ">") return GateOp::Gt;
  if (text == "<=") return GateOp::Le;
  if (text == "<") return GateOp::Lt;
  if (text == "==") return GateOp::Eq;
  return std::nullopt;
}

std::string_view to_string(GateOp op) {
  switch (op) {
    case GateOp::Ge: return ">=";
    case GateOp::Gt: return ">";
    case GateOp::Le: return "<=";
    case GateOp::Lt: return "<";
    case GateOp::Eq: return "==";
  }
  return "?";
}

std::optional<OnGateFailure> parse_on_gate_failure(std::string_view text) {
  if (text == "error") return OnGateFailure::Error;
  if (text == "hold") return OnGateFailure::Hold;
  return std::nullopt;
}

std::string_view to_string(OnGateFailure mode) { return mode == OnGateFailure::Hold ? "hold" : "error"; }

}  // namespace aoa::promotion
