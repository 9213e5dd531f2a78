// Rule 3 (gate evaluation) and rule 4 with on_gate_failure = "error".
#include <gtest/gtest.h>

#include <stdexcept>

#include "internal/registry/model_version.h"
#include "scenario.h"

using namespace aoa::promotion;
using namespace aoa::promotion::testing;

namespace {

// The evidence of a one-gate, one-app scenario.
GateEvidence single(const Decision& d) {
  EXPECT_EQ(d.evidence.size(), 1u) << dump(d);
  return d.evidence.empty() ? GateEvidence{} : d.evidence.front();
}

}  // namespace

TEST(DecideGates, AbsoluteGatePasses) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, "0.91");
  const Decision d = s.run();
  EXPECT_TRUE(d.diagnostics.empty()) << dump(d);
  const GateEvidence e = single(d);
  EXPECT_EQ(e.app, "fraud");
  EXPECT_EQ(e.model, "fraud");
  EXPECT_EQ(e.version, "12");
  EXPECT_EQ(e.metric, "auc");
  EXPECT_EQ(e.op, GateOp::Ge);
  EXPECT_EQ(e.threshold, N("0.91"));
  EXPECT_EQ(e.actual, N("0.93"));
  EXPECT_FALSE(e.relative);
  EXPECT_TRUE(e.passed);
  EXPECT_FALSE(e.waived);
  EXPECT_EQ(e.reason, "auc = 0.93 satisfies >= 0.91");
  EXPECT_FALSE(e.target_value.has_value());
  EXPECT_FALSE(e.tolerance.has_value());
}

TEST(DecideGates, AbsoluteGateFailureIsAnErrorAtTheGate) {
  Scenario s;
  s.add_gate("latency_p95_ms", GateOp::Le, "80");
  s.add_gate("auc", GateOp::Ge, "0.95");
  const Decision d = s.run();
  const auto diag = only(d, "gate[1].metric");
  EXPECT_EQ(diag.summary, "Gate failed for \"fraud\": auc >= 0.95 (gate[1])");
  EXPECT_TRUE(contains(diag.detail, "Model fraud version 12: auc = 0.93 does not satisfy >= 0.95")) << diag.detail;
  EXPECT_TRUE(contains(diag.detail, "on_gate_failure = \"hold\""));
  EXPECT_TRUE(at(d, "gate[0].metric").empty());
  EXPECT_EQ(d.status, Decision::Promoted);  // errors fail the plan; status stays
  ASSERT_EQ(d.evidence.size(), 2u);
  EXPECT_TRUE(d.evidence[0].passed);
  EXPECT_FALSE(d.evidence[1].passed);
}

TEST(DecideGates, EqualityIsByValueNotText) {
  Scenario s;
  s.set_metric("fraud", "12", "auc", "0.910");
  s.add_gate("auc", GateOp::Eq, "0.91");
  s.add_gate("auc", GateOp::Ge, "0.9100000");
  s.add_gate("auc", GateOp::Le, "91e-2");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.evidence.size(), 3u);
}

TEST(DecideGates, IntegersAndDecimalsCompare) {
  Scenario s;
  s.set_metric("fraud", "12", "latency_p95_ms", "80");
  s.add_gate("latency_p95_ms", GateOp::Le, "80.0");
  s.add_gate("latency_p95_ms", GateOp::Lt, "80.0001");
  s.add_gate("latency_p95_ms", GateOp::Gt, "79.9999");
  EXPECT_EQ(errors(s.run()), 0u);
}

TEST(DecideGates, BoundariesAreExact) {
  Scenario s;
  s.set_metric("fraud", "12", "auc", "0.91");
  s.add_gate("auc", GateOp::Ge, "0.91");  // passes at the edge
  s.add_gate("auc", GateOp::Gt, "0.91");  // fails at the edge
  s.add_gate("auc", GateOp::Le, "0.91");  // passes
  s.add_gate("auc", GateOp::Lt, "0.91");  // fails
  s.add_gate("auc", GateOp::Gt, "0.90999999999999999999999");  // a double would round this to 0.91
  const Decision d = s.run();
  EXPECT_TRUE(at(d, "gate[0].metric").empty());
  EXPECT_EQ(at(d, "gate[1].metric").size(), 1u);
  EXPECT_TRUE(at(d, "gate[2].metric").empty());
  EXPECT_EQ(at(d, "gate[3].metric").size(), 1u);
  EXPECT_TRUE(at(d, "gate[4].metric").empty()) << dump(d);
}

TEST(DecideGates, NegativeNumbers) {
  Scenario s;
  s.set_metric("fraud", "12", "drift", "-0.5");
  s.add_gate("drift", GateOp::Ge, "-0.5");
  s.add_gate("drift", GateOp::Gt, "-0.6");
  s.add_gate("drift", GateOp::Le, "-0.6");  // fails: -0.5 > -0.6
  s.add_gate("drift", GateOp::Lt, "0");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 1u) << dump(d);
  EXPECT_EQ(at(d, "gate[2].metric").size(), 1u);
}

TEST(DecideGates, ExponentFormValuesFromYaml) {
  Scenario s;
  // A hand-written record: 1e3 style values are decimals like any other.
  s.records[{"fraud", "12"}] = aoa::registry::parse_model_version(
      "apiVersion: appofapps.io/v1\nkind: ModelVersion\nmodel: fraud\nversion: \"12\"\n"
      "metrics:\n  latency_p95_ms: 1e3\n  auc: 9.3E-1\n").value();
  s.add_gate("latency_p95_ms", GateOp::Le, "1000");
  s.add_gate("latency_p95_ms", GateOp::Lt, "1000");
  s.add_gate("auc", GateOp::Eq, "0.93");
  const Decision d = s.run();
  EXPECT_TRUE(at(d, "gate[0].metric").empty());
  EXPECT_EQ(at(d, "gate[1].metric").size(), 1u);
  EXPECT_TRUE(at(d, "gate[2].metric").empty()) << dump(d);
  EXPECT_EQ(d.evidence[0].actual->to_string(), "1000");
}

TEST(DecideGates, HugeExponents) {
  Scenario s;
  s.set_metric("fraud", "12", "rows", "1e4000");
  s.set_metric("fraud", "12", "loss", "1e-4000");
  s.add_gate("rows", GateOp::Gt, "9.99999e3999");
  s.add_gate("loss", GateOp::Gt, "0");
  s.add_gate("loss", GateOp::Lt, "2e-4000");
  s.add_gate("rows", GateOp::Lt, "1e4000");  // fails
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 1u) << dump(d);
  EXPECT_EQ(at(d, "gate[3].metric").size(), 1u);
}

TEST(DecideGates, MissingMetricIsAGateFailureNotARecordError) {
  Scenario s;
  s.add_gate("f1", GateOp::Ge, "0.8");
  const Decision d = s.run();
  const GateEvidence e = single(d);
  EXPECT_FALSE(e.passed);
  EXPECT_FALSE(e.actual.has_value());
  EXPECT_EQ(e.reason, "model fraud version 12 records no metric f1 (the gate needs f1 >= 0.8)");
  EXPECT_TRUE(contains(only(d, "gate[0].metric").detail, "records no metric f1"));
  EXPECT_TRUE(at(d, "versions[\"fraud\"]").empty());
}

TEST(DecideGates, MissingRecordIsAnErrorAtTheVersionReportedOnce) {
  Scenario s;
  s.records.erase({"fraud", "12"});
  s.add_gate("auc", GateOp::Ge, "0.9");
  s.add_gate("latency_p95_ms", GateOp::Le, "80");
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "No registry record for model fraud version 12");
  EXPECT_TRUE(contains(diag.detail, "registry/fraud/12.yaml"));
  EXPECT_TRUE(contains(diag.detail, "appofapps_model_version"));
  EXPECT_TRUE(d.evidence.empty());
  EXPECT_TRUE(at(d, "gate[0].metric").empty());
  EXPECT_EQ(errors(d), 1u);
}

TEST(DecideGates, NoRecordIsNeededWithoutGates) {
  Scenario s;
  s.records.clear();
  EXPECT_TRUE(s.run().diagnostics.empty());
}

TEST(DecideGates, UnreadableRecordIsAnError) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, "0.9");
  s.run();  // installs the default lookup; replace it with one that fails like a broken file
  s.context.lookup = [](const std::string&,
                        const std::string&) -> aoa::Result<std::optional<aoa::registry::ModelVersionRecord>> {
    return aoa::Status::corruption("model version record: metrics.auc: \"x\" is not a decimal number", "metrics.auc");
  };
  const Decision d = decide(s.request, s.context);
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "Registry record of model fraud version 12 could not be read");
  EXPECT_TRUE(contains(diag.detail, "metrics.auc")) << diag.detail;
}

TEST(DecideGates, EmptyLookupMeansNoRecords) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = decide(s.request, s.context);  // context.lookup never set
  EXPECT_EQ(only(d, "versions[\"fraud\"]").summary, "No registry record for model fraud version 12");
}

TEST(DecideGates, GateForOneAppOnly) {
  Scenario s;
  s.request.versions = {{"fraud", "12"}, {"churn", "3"}};
  s.set_metric("churn", "3", "auc", "0.5");
  s.add_gate("auc", GateOp::Ge, "0.9", "fraud");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(single(d).app, "fraud");
}

TEST(DecideGates, GateForEveryAppRunsInAppOrder) {
  Scenario s;
  s.request.versions = {{"fraud", "12"}, {"churn", "3"}};
  s.set_metric("churn", "3", "auc", "0.5");
  s.add_gate("auc", GateOp::Ge, "0.9");
  s.add_gate("latency_p95_ms", GateOp::Le, "100");
  const Decision d = s.run();
  ASSERT_EQ(d.evidence.size(), 4u);
  EXPECT_EQ(d.evidence[0].app, "churn");
  EXPECT_EQ(d.evidence[0].metric, "auc");
  EXPECT_EQ(d.evidence[1].app, "fraud");
  EXPECT_EQ(d.evidence[2].metric, "latency_p95_ms");
  EXPECT_EQ(only(d, "gate[0].metric").summary, "Gate failed for \"churn\": auc >= 0.9 (gate[0])");
}

TEST(DecideGates, GateAppMustBeInTheBundle) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, "0.9", "churn");
  const Decision d = s.run();
  const auto diag = only(d, "gate[0].app");
  EXPECT_EQ(diag.summary, "Gate app \"churn\" is not in the bundle");
  EXPECT_TRUE(contains(diag.detail, "one app of versions (fraud)"));
  EXPECT_TRUE(d.evidence.empty());
}

TEST(DecideGates, GateNeedsValueOrRelative) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, std::nullopt);
  const Decision d = s.run();
  const auto diag = only(d, "gate[0]");
  EXPECT_EQ(diag.summary, "Gate on auc has nothing to compare with");
  EXPECT_TRUE(contains(diag.detail, "not_worse_than_target = true"));
}

TEST(DecideGates, ToleranceRules) {
  Scenario s;
  s.add_gate("auc", GateOp::Ge, std::nullopt).not_worse_than_target = true;
  s.request.gates[0].tolerance = N("-0.01");
  s.add_gate("auc", GateOp::Ge, "0.9").tolerance = N("0.01");
  const Decision d = s.run();
  EXPECT_EQ(only(d, "gate[0].tolerance").summary, "Gate tolerance must not be negative");
  const auto diag = only(d, "gate[1].tolerance");
  EXPECT_EQ(diag.summary, "Gate tolerance needs not_worse_than_target");
  EXPECT_TRUE(contains(diag.detail, "value is compared exactly"));
}

TEST(DecideGates, MetricNameIsValidated) {
  Scenario s;
  s.add_gate("p95 latency", GateOp::Le, "80");
  const Decision d = s.run();
  EXPECT_EQ(only(d, "gate[0].metric").summary, "Invalid gate metric");
}

TEST(DecideRelativeGates, GreaterOrEqualWithToleranceIsExactAtTheEdge) {
  Scenario s;
  s.set_metric("fraud", "11", "auc", "0.90");
  s.set_metric("fraud", "12", "auc", "0.89");  // exactly target - tolerance
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  g.tolerance = N("0.01");
  Decision d = s.run();
  GateEvidence e = single(d);
  EXPECT_TRUE(e.passed) << e.reason;
  EXPECT_TRUE(e.relative);
  EXPECT_EQ(e.target_version, "11");
  EXPECT_EQ(e.target_value, N("0.9"));
  EXPECT_EQ(e.tolerance, N("0.01"));
  EXPECT_EQ(e.threshold, N("0.89"));
  EXPECT_EQ(e.reason, "auc = 0.89 satisfies >= 0.89 (0.9 of version 11 in prod minus tolerance 0.01)");

  s.set_metric("fraud", "12", "auc", "0.889999999999999999999");
  d = s.run();
  EXPECT_FALSE(single(d).passed);
  const auto diag = only(d, "gate[0].metric");
  EXPECT_EQ(diag.summary, "Gate failed for \"fraud\": auc >= 0.89 (not worse than prod) (gate[0])");
}

TEST(DecideRelativeGates, StrictGreaterFailsAtTheEdge) {
  Scenario s;
  s.set_metric("fraud", "11", "auc", "0.90");
  s.set_metric("fraud", "12", "auc", "0.89");
  Gate& g = s.add_gate("auc", GateOp::Gt, std::nullopt);
  g.not_worse_than_target = true;
  g.tolerance = N("0.01");
  EXPECT_FALSE(single(s.run()).passed);
  s.set_metric("fraud", "12", "auc", "0.8900001");
  EXPECT_TRUE(single(s.run()).passed);
}

TEST(DecideRelativeGates, LowerIsBetterUsesTargetPlusTolerance) {
  Scenario s;
  s.set_metric("fraud", "11", "latency_p95_ms", "80");
  s.set_metric("fraud", "12", "latency_p95_ms", "85");
  Gate& le = s.add_gate("latency_p95_ms", GateOp::Le, std::nullopt);
  le.not_worse_than_target = true;
  le.tolerance = N("5");
  Gate& lt = s.add_gate("latency_p95_ms", GateOp::Lt, std::nullopt);
  lt.not_worse_than_target = true;
  lt.tolerance = N("5");
  Decision d = s.run();
  ASSERT_EQ(d.evidence.size(), 2u);
  EXPECT_TRUE(d.evidence[0].passed);
  EXPECT_EQ(d.evidence[0].threshold, N("85"));
  EXPECT_EQ(d.evidence[0].reason, "latency_p95_ms = 85 satisfies <= 85 (80 of version 11 in prod plus tolerance 5)");
  EXPECT_FALSE(d.evidence[1].passed);
  s.set_metric("fraud", "12", "latency_p95_ms", "85.0001");
  d = s.run();
  EXPECT_FALSE(d.evidence[0].passed);
}

TEST(DecideRelativeGates, EqualityWithinTolerance) {
  Scenario s;
  s.set_metric("fraud", "11", "bias", "-0.5");
  Gate& g = s.add_gate("bias", GateOp::Eq, std::nullopt);
  g.not_worse_than_target = true;
  g.tolerance = N("0.1");
  for (const char* ok : {"-0.5", "-0.4", "-0.6", "-0.45"}) {
    s.set_metric("fraud", "12", "bias", ok);
    EXPECT_TRUE(single(s.run()).passed) << ok;
  }
  for (const char* bad : {"-0.39999", "-0.60001", "0.5"}) {
    s.set_metric("fraud", "12", "bias", bad);
    const Decision d = s.run();
    EXPECT_FALSE(single(d).passed) << bad;
    EXPECT_EQ(single(d).threshold, N("-0.5"));
  }
  s.set_metric("fraud", "12", "bias", "-0.7");
  EXPECT_EQ(single(s.run()).reason, "bias = -0.7 is not within 0.1 of -0.5 of version 11 in prod");
}

TEST(DecideRelativeGates, ZeroToleranceMeansNotWorse) {
  Scenario s;
  s.set_metric("fraud", "11", "auc", "0.93");
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  EXPECT_TRUE(single(s.run()).passed);
  s.set_metric("fraud", "12", "auc", "0.929");
  EXPECT_FALSE(single(s.run()).passed);
}

TEST(DecideRelativeGates, SkippedWhenNothingRunsInTarget) {
  Scenario s;
  s.context.to_apps.erase("fraud");
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  const GateEvidence e = single(d);
  EXPECT_TRUE(e.passed);
  EXPECT_EQ(e.target_version, "");
  EXPECT_EQ(e.reason, "nothing runs in prod for fraud, so the comparison with the target is skipped");
}

TEST(DecideRelativeGates, MissingTargetRecordIsAFailure) {
  Scenario s;
  s.records.erase({"fraud", "11"});
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  const Decision d = s.run();
  const GateEvidence e = single(d);
  EXPECT_FALSE(e.passed);
  EXPECT_EQ(e.target_version, "11");
  EXPECT_EQ(e.reason, "cannot compare with version 11 in prod: there is no registry record of model fraud version 11 "
                      "(running in prod)");
  EXPECT_EQ(at(d, "gate[0].metric").size(), 1u);
  EXPECT_TRUE(at(d, "versions[\"fraud\"]").empty());
}

TEST(DecideRelativeGates, MissingTargetMetricIsAFailure) {
  Scenario s;
  s.records.at({"fraud", "11"}).metrics.erase("auc");
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  const GateEvidence e = single(s.run());
  EXPECT_FALSE(e.passed);
  EXPECT_EQ(e.reason, "cannot compare with version 11 in prod: model fraud version 11 records no metric auc");
}

TEST(DecideRelativeGates, MissingNewMetricIsAFailure) {
  Scenario s;
  s.records.at({"fraud", "12"}).metrics.erase("auc");
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  const GateEvidence e = single(s.run());
  EXPECT_FALSE(e.passed);
  EXPECT_EQ(e.target_value, N("0.93"));
  EXPECT_EQ(e.reason, "model fraud version 12 records no metric auc to compare with 0.93 of version 11 in prod");
}

TEST(DecideRelativeGates, GateWithValueAndRelativeGivesTwoChecks) {
  Scenario s;
  s.set_metric("fraud", "11", "auc", "0.95");
  Gate& g = s.add_gate("auc", GateOp::Ge, "0.9");
  g.not_worse_than_target = true;
  g.tolerance = N("0.01");
  const Decision d = s.run();
  ASSERT_EQ(d.evidence.size(), 2u);
  EXPECT_FALSE(d.evidence[0].relative);
  EXPECT_TRUE(d.evidence[0].passed);
  EXPECT_TRUE(d.evidence[1].relative);
  EXPECT_FALSE(d.evidence[1].passed);  // 0.93 < 0.95 - 0.01
  EXPECT_EQ(at(d, "gate[0].metric").size(), 1u);
}

TEST(DecideRelativeGates, TargetRecordUsesTheTargetsModel) {
  Scenario s;
  s.context.to_apps["fraud"].model = "fraud-legacy";
  s.set_metrics("fraud-legacy", "11", {{"auc", "0.99"}});
  Gate& g = s.add_gate("auc", GateOp::Ge, std::nullopt);
  g.not_worse_than_target = true;
  const GateEvidence e = single(s.run());
  EXPECT_EQ(e.target_value, N("0.99"));
  EXPECT_FALSE(e.passed);
}
