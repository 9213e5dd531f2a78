// The comparisons behind gates, exact on decimals (cty::Number, never doubles).
#pragma once

#include "internal/promotion/request.h"
#include "schema/number.h"

namespace aoa::promotion {

// actual op threshold.
bool satisfies(const cty::Number& actual, GateOp op, const cty::Number& threshold);

// The bound of a relative check: target - tolerance for >= and >, target + tolerance for <= and
// <, target itself for == (see passes_relative).
cty::Number relative_threshold(GateOp op, const cty::Number& target, const cty::Number& tolerance);

// Relative check: "not worse than target, give or take tolerance". For == it is
// |actual - target| <= tolerance; otherwise satisfies(actual, op, relative_threshold(...)).
bool passes_relative(const cty::Number& actual, GateOp op, const cty::Number& target, const cty::Number& tolerance);

}  // namespace aoa::promotion
