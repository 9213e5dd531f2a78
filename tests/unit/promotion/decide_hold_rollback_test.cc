// Rule 4 with on_gate_failure = "hold", and rule 6 (rollbacks, with and without history).
#include <gtest/gtest.h>

#include "scenario.h"

using namespace aoa::promotion;
using namespace aoa::promotion::testing;
using aoa::schema::Severity;

namespace {

AuditRecord promoted(const std::string& id, const std::string& time, const std::string& to,
                     std::map<std::string, std::string> after, const std::string& decision = "promoted",
                     const std::string& root = "ml") {
  AuditRecord r;
  r.id = id;
  r.decision = decision;
  r.time = time;
  r.root = root;
  r.from = "staging";
  r.to = to;
  r.versions_after = std::move(after);
  return r;
}

}  // namespace

TEST(DecideHold, FailingGateHoldsTheWholeBundle) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.request.versions = {{"fraud", "12"}, {"churn", "3"}};
  s.set_metric("fraud", "12", "auc", "0.85");
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.status, Decision::Held);
  // churn passed, but a bundle moves together: both keep what prod runs
  EXPECT_EQ(d.approved_versions, (std::map<std::string, std::string>{{"churn", "2"}, {"fraud", "11"}}));
  EXPECT_EQ(d.approved_versions, d.versions_before);
  const auto warning = only(d, "gate", Severity::Warning);
  EXPECT_EQ(warning.summary, "Promotion to prod held: 1 gate check(s) failed");
  EXPECT_TRUE(contains(warning.detail, "gate[0] \"fraud\" (fraud 12): auc = 0.85 does not satisfy >= 0.9"))
      << warning.detail;
  EXPECT_TRUE(contains(warning.detail, "prod keeps churn 2, fraud 11"));
}

TEST(DecideHold, OneWarningListsEveryFailure) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.request.versions = {{"fraud", "12"}, {"churn", "3"}};
  s.add_gate("auc", GateOp::Ge, "0.99");
  s.add_gate("latency_p95_ms", GateOp::Lt, "10");
  const Decision d = s.run();
  EXPECT_EQ(warnings(d), 1u) << dump(d);
  const auto warning = only(d, "gate", Severity::Warning);
  EXPECT_EQ(warning.summary, "Promotion to prod held: 4 gate check(s) failed");
  EXPECT_TRUE(contains(warning.detail, "gate[1] \"churn\""));
}

TEST(DecideHold, PassingGatesPromote) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_TRUE(d.diagnostics.empty()) << dump(d);
  EXPECT_EQ(d.status, Decision::Promoted);
  EXPECT_EQ(d.approved_versions, s.request.versions);
}

TEST(DecideHold, HoldingIsImpossibleForAnAppNewToTheTarget) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.context.to_apps.erase("fraud");
  s.add_gate("auc", GateOp::Ge, "0.99");
  const Decision d = s.run();
  EXPECT_EQ(d.status, Decision::Held);
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "Cannot hold \"fraud\": nothing runs in prod");
  EXPECT_TRUE(contains(diag.detail, "on_gate_failure = \"error\""));
  EXPECT_TRUE(d.approved_versions.empty());
}

TEST(DecideRollback, LowerVersionIsARollback) {
  Scenario s;
  s.context.from_apps["fraud"].version = "10";
  s.request.versions = {{"fraud", "10"}};
  const Decision d = s.run();
  EXPECT_TRUE(d.rollback);
  EXPECT_EQ(d.rolled_back_apps, std::vector<std::string>{"fraud"});
  const auto warning = only(d, "versions[\"fraud\"]", Severity::Warning);
  EXPECT_EQ(warning.summary, "Rollback of \"fraud\" in prod: 11 → 10");
  EXPECT_TRUE(contains(warning.detail, "must run in staging and pass the gates like any promotion"));
  EXPECT_EQ(errors(d), 0u);
}

TEST(DecideRollback, VersionOrderIsNumeric) {
  Scenario s;
  s.context.to_apps["fraud"].version = "9";
  s.context.from_apps["fraud"].version = "10";
  s.request.versions = {{"fraud", "10"}};
  s.set_metrics("fraud", "10", {});
  EXPECT_FALSE(s.run().rollback);
  s.context.to_apps["fraud"].version = "1.9";
  s.context.from_apps["fraud"].version = "1.10";
  s.request.versions = {{"fraud", "1.10"}};
  EXPECT_FALSE(s.run().rollback);
}

TEST(DecideRollback, WithHistoryGateFailuresAreWaived) {
  Scenario s;
  s.context.to_apps["fraud"].version = "12";
  s.context.from_apps["fraud"].version = "11";
  s.request.versions = {{"fraud", "11"}};
  s.set_metric("fraud", "11", "auc", "0.80");
  s.add_gate("auc", GateOp::Ge, "0.9");
  s.context.history = {promoted("a1", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}}),
                       promoted("a2", "2026-11-01T10:00:00Z", "prod", {{"fraud", "12"}})};
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_TRUE(d.rollback);
  ASSERT_EQ(d.evidence.size(), 1u);
  EXPECT_FALSE(d.evidence[0].passed);
  EXPECT_TRUE(d.evidence[0].waived);
  EXPECT_EQ(d.approved_versions, s.request.versions);
  const auto warning = only(d, "versions[\"fraud\"]", Severity::Warning);
  EXPECT_TRUE(contains(warning.detail, "prod ran 11 before (audit record a1 of 2026-10-01T10:00:00Z)")) << warning.detail;
}

TEST(DecideRollback, WithHistoryNeedNotRunInFrom) {
  Scenario s;
  s.context.to_apps["fraud"].version = "12";  // staging already runs 13
  s.context.from_apps["fraud"].version = "13";
  s.request.versions = {{"fraud", "11"}};
  s.context.history = {promoted("a1", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}})};
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.evidence.size(), 1u);
}

TEST(DecideRollback, WithHistoryAppNotInFromUsesTheTargetsModel) {
  Scenario s;
  s.context.from_apps.erase("fraud");
  s.context.to_apps["fraud"] = {"fraud-v2", "12", {"features"}};
  s.set_metrics("fraud-v2", "11", {{"auc", "0.97"}});
  s.request.versions = {{"fraud", "11"}, {"churn", "3"}};
  s.context.history = {promoted("a1", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}, {"churn", "2"}})};
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  ASSERT_EQ(d.evidence.size(), 2u);
  EXPECT_EQ(d.evidence[1].model, "fraud-v2");
  EXPECT_EQ(d.evidence[1].actual, N("0.97"));
  EXPECT_EQ(d.order, (std::vector<std::string>{"churn", "fraud"}));  // fraud placed by its deps in prod
}

TEST(DecideRollback, WithoutHistoryGateFailuresCount) {
  Scenario s;
  s.context.to_apps["fraud"].version = "12";
  s.context.from_apps["fraud"].version = "11";
  s.request.versions = {{"fraud", "11"}};
  s.set_metric("fraud", "11", "auc", "0.80");
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_TRUE(d.rollback);
  EXPECT_FALSE(d.evidence[0].waived);
  EXPECT_EQ(at(d, "gate[0].metric").size(), 1u) << dump(d);
}

TEST(DecideRollback, WithoutHistoryMustRunInFrom) {
  Scenario s;
  s.context.to_apps["fraud"].version = "12";
  s.request.versions = {{"fraud", "11"}};  // staging runs 12
  const Decision d = s.run();
  EXPECT_EQ(only(d, "versions[\"fraud\"]").summary, "Version 11 of \"fraud\" is not live in staging");
}

TEST(DecideRollback, OnlyMatchingHistoryCounts) {
  Scenario s;
  s.context.to_apps["fraud"].version = "12";
  s.context.from_apps["fraud"].version = "13";
  s.request.versions = {{"fraud", "11"}};
  s.context.history = {promoted("b1", "2026-10-01T10:00:00Z", "staging", {{"fraud", "11"}}),      // other target
                       promoted("b2", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}}, "held"),  // not promoted
                       promoted("b3", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}}, "promoted", "other"),
                       promoted("b4", "2026-10-01T10:00:00Z", "prod", {{"churn", "11"}}),          // other app
                       promoted("b5", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11.0"}})};       // other version
  const Decision d = s.run();
  EXPECT_EQ(at(d, "versions[\"fraud\"]").size(), 1u) << dump(d);
  EXPECT_TRUE(d.rollback);
}

TEST(DecideRollback, WaivedFailuresDoNotHold) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.context.to_apps["fraud"].version = "12";
  s.context.from_apps["fraud"].version = "11";
  s.request.versions = {{"fraud", "11"}};
  s.set_metric("fraud", "11", "auc", "0.80");
  s.add_gate("auc", GateOp::Ge, "0.9");
  s.context.history = {promoted("a1", "2026-10-01T10:00:00Z", "prod", {{"fraud", "11"}})};
  const Decision d = s.run();
  EXPECT_EQ(d.status, Decision::Promoted);
  EXPECT_EQ(d.approved_versions, s.request.versions);
}
