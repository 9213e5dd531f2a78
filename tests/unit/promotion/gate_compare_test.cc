#include <gtest/gtest.h>

#include "internal/promotion/gate_compare.h"
#include "scenario.h"

using namespace aoa::promotion;
using aoa::promotion::testing::N;

TEST(GateOps, ParseAndPrint) {
  for (const char* text : {">=", ">", "<=", "<", "=="}) {
    const auto op = parse_gate_op(text);
    ASSERT_TRUE(op.has_value()) << text;
    EXPECT_EQ(to_string(*op), text);
  }
  for (const char* bad : {"", "=", "=>", "ge", " >=", ">= ", "!=", "==="}) EXPECT_FALSE(parse_gate_op(bad)) << bad;
  EXPECT_EQ(parse_on_gate_failure("error"), OnGateFailure::Error);
  EXPECT_EQ(parse_on_gate_failure("hold"), OnGateFailure::Hold);
  EXPECT_FALSE(parse_on_gate_failure("Hold"));
  EXPECT_EQ(to_string(OnGateFailure::Hold), "hold");
  EXPECT_EQ(to_string(OnGateFailure::Error), "error");
}

TEST(GateCompare, Satisfies) {
  struct C { const char* actual; GateOp op; const char* threshold; bool expected; } cases[] = {
      {"0.91", GateOp::Ge, "0.91", true},   {"0.91", GateOp::Gt, "0.91", false},
      {"0.910", GateOp::Eq, "0.91", true},  {"1e3", GateOp::Eq, "1000", true},
      {"-1", GateOp::Lt, "0", true},        {"-0.5", GateOp::Le, "-0.6", false},
      {"0", GateOp::Eq, "-0", true},        {"1e-4000", GateOp::Gt, "0", true},
      {"80", GateOp::Le, "80.0", true},     {"80.00000000000000000001", GateOp::Le, "80", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(satisfies(N(c.actual), c.op, N(c.threshold)), c.expected)
        << c.actual << " " << to_string(c.op) << " " << c.threshold;
  }
}

TEST(GateCompare, RelativeThresholdAndEdges) {
  EXPECT_EQ(relative_threshold(GateOp::Ge, N("0.9"), N("0.01")), N("0.89"));
  EXPECT_EQ(relative_threshold(GateOp::Gt, N("0.9"), N("0.01")), N("0.89"));
  EXPECT_EQ(relative_threshold(GateOp::Le, N("80"), N("2.5")), N("82.5"));
  EXPECT_EQ(relative_threshold(GateOp::Lt, N("-1"), N("0.5")), N("-0.5"));
  EXPECT_EQ(relative_threshold(GateOp::Eq, N("3"), N("1")), N("3"));

  EXPECT_TRUE(passes_relative(N("0.89"), GateOp::Ge, N("0.9"), N("0.01")));
  EXPECT_FALSE(passes_relative(N("0.89"), GateOp::Gt, N("0.9"), N("0.01")));
  EXPECT_TRUE(passes_relative(N("82.5"), GateOp::Le, N("80"), N("2.5")));
  EXPECT_FALSE(passes_relative(N("82.5"), GateOp::Lt, N("80"), N("2.5")));
  EXPECT_TRUE(passes_relative(N("4"), GateOp::Eq, N("3"), N("1")));
  EXPECT_TRUE(passes_relative(N("2"), GateOp::Eq, N("3"), N("1")));
  EXPECT_FALSE(passes_relative(N("4.0000000000000000001"), GateOp::Eq, N("3"), N("1")));
  EXPECT_TRUE(passes_relative(N("3"), GateOp::Eq, N("3"), N("0")));
  // 0.1 + 0.2 style sums stay exact: 0.3 is within 0 of 0.1 + 0.2
  EXPECT_TRUE(passes_relative(N("0.3"), GateOp::Le, N("0.1"), N("0.2")));
  EXPECT_TRUE(passes_relative(N("0.3"), GateOp::Ge, N("0.5"), N("0.2")));
}
