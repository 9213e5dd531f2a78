// Rules 1 (environment order) and 5 (approval of protected targets).
#include <gtest/gtest.h>

#include "scenario.h"

using namespace aoa::promotion;
using namespace aoa::promotion::testing;

TEST(DecideEnvironments, PromotesToTheNextEnvironment) {
  Scenario s;
  const Decision d = s.run();
  EXPECT_TRUE(d.diagnostics.empty()) << dump(d);
  EXPECT_EQ(d.status, Decision::Promoted);
  EXPECT_EQ(d.approved_versions, (std::map<std::string, std::string>{{"fraud", "12"}}));
  EXPECT_EQ(d.versions_before, (std::map<std::string, std::string>{{"fraud", "11"}}));
  EXPECT_EQ(d.order, std::vector<std::string>{"fraud"});
  EXPECT_FALSE(d.rollback);
  EXPECT_TRUE(d.skipped_environments.empty());
}

TEST(DecideEnvironments, FromMustBeAnEnvironmentOfTheRoot) {
  Scenario s;
  s.request.from = "qa";
  const Decision d = s.run();
  const auto diag = only(d, "from");
  EXPECT_EQ(diag.summary, "\"qa\" is not an environment of root \"ml\"");
  EXPECT_TRUE(contains(diag.detail, "in promotion order: dev → staging → prod")) << diag.detail;
  EXPECT_TRUE(at(d, "to").empty());
}

TEST(DecideEnvironments, ToMustBeAnEnvironmentOfTheRoot) {
  Scenario s;
  s.request.to = "production";
  const Decision d = s.run();
  EXPECT_EQ(only(d, "to").summary, "\"production\" is not an environment of root \"ml\"");
}

TEST(DecideEnvironments, BothUnknownAreBothReported) {
  Scenario s;
  s.request.from = "";
  s.request.to = "x";
  const Decision d = s.run();
  EXPECT_EQ(only(d, "from").summary, "from must name an environment");
  EXPECT_EQ(only(d, "to").summary, "\"x\" is not an environment of root \"ml\"");
}

TEST(DecideEnvironments, RootWithoutEnvironmentsSaysSo) {
  Scenario s;
  s.context.environment_order.clear();
  const Decision d = s.run();
  EXPECT_TRUE(contains(only(d, "from").detail, "in promotion order: (none)"));
}

TEST(DecideEnvironments, SameEnvironmentIsAnError) {
  Scenario s;
  s.request.to = "staging";
  s.request.allow_skip = true;  // never makes it legal
  const Decision d = s.run();
  const auto diag = only(d, "to");
  EXPECT_EQ(diag.summary, "to must differ from from");
  EXPECT_TRUE(contains(diag.detail, "the environment after staging is prod")) << diag.detail;
}

TEST(DecideEnvironments, BackwardsIsAnErrorEvenWithAllowSkip) {
  Scenario s;
  s.request.from = "prod";
  s.request.to = "dev";
  s.request.allow_skip = true;
  const Decision d = s.run();
  const auto diag = only(d, "to");
  EXPECT_EQ(diag.summary, "Promotion goes backwards: \"dev\" comes before \"prod\"");
  EXPECT_TRUE(contains(diag.detail, "dev → staging → prod"));
  EXPECT_TRUE(contains(diag.detail, "dev is the first environment")) << diag.detail;
  s.request.to = "staging";
  EXPECT_TRUE(contains(only(s.run(), "to").detail, "promote that version from dev (a rollback)"));
}

TEST(DecideEnvironments, SkippingNeedsAllowSkip) {
  Scenario s;
  s.request.from = "dev";
  s.context.from_apps = {{"fraud", {"fraud", "12", {}}}};
  const Decision d = s.run();
  const auto diag = only(d, "to");
  EXPECT_EQ(diag.summary, "Promotion from \"dev\" to \"prod\" skips staging");
  EXPECT_TRUE(contains(diag.detail, "the next environment after dev is staging"));
  EXPECT_TRUE(contains(diag.detail, "allow_skip = true"));
  EXPECT_TRUE(d.skipped_environments.empty());
}

TEST(DecideEnvironments, AllowSkipListsSkippedEnvironmentsInOrder) {
  Scenario s;
  s.context.environment_order = {"dev", "test", "staging", "prod"};
  s.request.from = "dev";
  s.request.allow_skip = true;
  s.context.from_apps = {{"fraud", {"fraud", "12", {}}}};
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.skipped_environments, (std::vector<std::string>{"test", "staging"}));
}

TEST(DecideApproval, ProtectedTargetNeedsAnApproval) {
  Scenario s;
  s.context.target_protected = true;
  const Decision d = s.run();
  const auto diag = only(d, "approval");
  EXPECT_EQ(diag.summary, "prod is protected: an approval is required");
  EXPECT_TRUE(contains(diag.detail, "approved_by"));
  EXPECT_TRUE(contains(diag.detail, "ticket"));
}

TEST(DecideApproval, BlankFieldsAreReportedAtTheirPaths) {
  Scenario s;
  s.context.target_protected = true;
  s.request.approval = Approval{" \t", ""};
  const Decision d = s.run();
  EXPECT_EQ(only(d, "approval.approved_by").summary, "approval.approved_by must not be empty");
  EXPECT_EQ(only(d, "approval.ticket").summary, "approval.ticket must not be empty");
  EXPECT_TRUE(at(d, "approval").empty());
}

TEST(DecideApproval, CompleteApprovalPasses) {
  Scenario s;
  s.context.target_protected = true;
  s.request.approval = Approval{"alice@example.com", "CHG-1234"};
  const Decision d = s.run();
  EXPECT_TRUE(d.diagnostics.empty()) << dump(d);
}

TEST(DecideApproval, UnprotectedTargetNeedsNone) {
  Scenario s;
  s.request.approval = Approval{"", ""};
  EXPECT_TRUE(s.run().diagnostics.empty());
}
