// Rules 2 (versions live in from), 7 (dependencies), 8 (order) and reporting every problem.
#include <gtest/gtest.h>

#include "scenario.h"

using namespace aoa::promotion;
using namespace aoa::promotion::testing;

TEST(DecideBundle, VersionsMustNotBeEmpty) {
  Scenario s;
  s.request.versions.clear();
  const Decision d = s.run();
  const auto diag = only(d, "versions");
  EXPECT_EQ(diag.summary, "versions must name at least one app");
  EXPECT_TRUE(contains(diag.detail, "{ fraud = \"12\" }"));
  EXPECT_TRUE(d.order.empty());
}

TEST(DecideBundle, AppMustBeDeployedInFrom) {
  Scenario s;
  s.request.versions = {{"ranker", "1"}};
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"ranker\"]");
  EXPECT_EQ(diag.summary, "App \"ranker\" is not deployed in staging");
  EXPECT_TRUE(contains(diag.detail, "staging has no app \"ranker\""));
  EXPECT_TRUE(d.versions_before.empty());
}

TEST(DecideBundle, VersionMustBeLiveInFrom) {
  Scenario s;
  s.request.versions = {{"fraud", "13"}};
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "Version 13 of \"fraud\" is not live in staging");
  EXPECT_TRUE(contains(diag.detail, "staging runs \"fraud\" at version 12 (model fraud)")) << diag.detail;
  EXPECT_TRUE(contains(diag.detail, "promote 12"));
}

TEST(DecideBundle, VersionMustBeAValidName) {
  Scenario s;
  s.request.versions = {{"fraud", "../12"}};
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "Invalid version for \"fraud\"");
  EXPECT_TRUE(contains(diag.detail, "letters, digits"));
}

TEST(DecideBundle, AppWithoutModelCannotSkipItsGates) {
  Scenario s;
  s.context.from_apps["fraud"].model = "";
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  EXPECT_EQ(only(d, "versions[\"fraud\"]").summary, "App \"fraud\" names no model in staging");
}

TEST(DecideBundle, VersionsBeforeListsOnlyAppsRunningInTheTarget) {
  Scenario s;
  s.context.from_apps["ranker"] = {"ranker", "1", {}};
  s.request.versions = {{"fraud", "12"}, {"ranker", "1"}};
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.versions_before, (std::map<std::string, std::string>{{"fraud", "11"}}));
  EXPECT_EQ(d.approved_versions, s.request.versions);
}

TEST(DecideDependencies, DependencyAlreadyInTargetAtTheTestedVersion) {
  Scenario s;  // fraud depends on features 4, prod runs features 4
  EXPECT_EQ(errors(s.run()), 0u);
}

TEST(DecideDependencies, DependencyAtAnotherVersionInTarget) {
  Scenario s;
  s.context.to_apps["features"].version = "3";
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "\"fraud\" depends on \"features\", which prod does not run at version 4");
  EXPECT_TRUE(contains(diag.detail, "In staging, \"fraud\" runs with \"features\" 4; prod runs \"features\" 3"))
      << diag.detail;
  EXPECT_TRUE(contains(diag.detail, "Add \"features\" = \"4\" to versions"));
}

TEST(DecideDependencies, DependencyMissingFromTarget) {
  Scenario s;
  s.context.to_apps.erase("features");
  const Decision d = s.run();
  EXPECT_TRUE(contains(only(d, "versions[\"fraud\"]").detail, "prod has no \"features\""));
}

TEST(DecideDependencies, DependencyInTheBundleIsFine) {
  Scenario s;
  s.context.to_apps["features"].version = "3";
  s.set_metrics("features", "3", {});
  s.request.versions["features"] = "4";
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_EQ(d.order, (std::vector<std::string>{"features", "fraud"}));
}

TEST(DecideDependencies, DependencyNotDeployedInFrom) {
  Scenario s;
  s.context.from_apps["fraud"].depends_on = {"features", "geo"};
  const Decision d = s.run();
  const auto diag = only(d, "versions[\"fraud\"]");
  EXPECT_EQ(diag.summary, "\"fraud\" depends on \"geo\", which is not deployed in staging");
  EXPECT_TRUE(contains(diag.detail, "prod has no \"geo\""));
}

TEST(DecideDependencies, EachMissingDependencyIsReportedOnce) {
  Scenario s;
  s.context.from_apps["fraud"].depends_on = {"geo", "geo", "ip"};
  const Decision d = s.run();
  EXPECT_EQ(at(d, "versions[\"fraud\"]").size(), 2u) << dump(d);
}

TEST(DecideOrder, BundleFollowsPlannerWavesThenNames) {
  Scenario s;
  s.context.from_apps["report"] = {"report", "1", {"fraud"}};
  s.context.from_apps["alerts"] = {"alerts", "5", {"report", "churn"}};
  s.request.versions = {{"alerts", "5"}, {"report", "1"}, {"fraud", "12"}, {"churn", "3"}, {"features", "4"}};
  const Decision d = s.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  // waves: churn 0, features 0, fraud 1, report 2, alerts 3
  EXPECT_EQ(d.order, (std::vector<std::string>{"churn", "features", "fraud", "report", "alerts"}));
}

TEST(DecideOrder, WavesComeFromTheWholeSourceEnvironment) {
  Scenario s;  // fraud's dependency features is not in the bundle but still puts fraud in wave 1
  s.context.from_apps["zeta"] = {"zeta", "1", {}};
  s.request.versions = {{"fraud", "12"}, {"zeta", "1"}};
  EXPECT_EQ(s.run().order, (std::vector<std::string>{"zeta", "fraud"}));
}

TEST(DecideOrder, CycleFallsBackToNamesWithAWarning) {
  Scenario s;
  s.context.from_apps["features"].depends_on = {"fraud"};
  s.request.versions = {{"fraud", "12"}, {"features", "4"}};
  const Decision d = s.run();
  EXPECT_EQ(d.order, (std::vector<std::string>{"features", "fraud"}));
  const auto diag = only(d, "versions", aoa::schema::Severity::Warning);
  EXPECT_TRUE(contains(diag.detail, "features -> fraud -> features")) << diag.detail;
}

TEST(DecideOrder, UnknownAppsGoLast) {
  Scenario s;
  s.request.versions = {{"aaa", "1"}, {"fraud", "12"}};
  const Decision d = s.run();
  EXPECT_EQ(d.order, (std::vector<std::string>{"fraud", "aaa"}));
}

TEST(DecideReporting, EveryProblemIsReportedAndTheDecisionStillFilled) {
  Scenario s;
  s.request.from = "dev";                                   // skips staging
  s.context.from_apps["churn"].version = "4";               // churn 3 not live in from
  s.context.to_apps["features"].version = "3";              // fraud's dependency differs
  s.context.target_protected = true;                        // no approval
  s.request.versions = {{"fraud", "12"}, {"churn", "3"}};
  s.add_gate("auc", GateOp::Ge, "0.95");                    // fails for both
  const Decision d = s.run();
  EXPECT_EQ(at(d, "to").size(), 1u);
  EXPECT_EQ(at(d, "versions[\"churn\"]").size(), 1u);
  EXPECT_EQ(at(d, "versions[\"fraud\"]").size(), 1u);
  EXPECT_EQ(at(d, "approval").size(), 1u);
  EXPECT_EQ(at(d, "gate[0].metric").size(), 2u);
  EXPECT_EQ(errors(d), 6u) << dump(d);
  EXPECT_EQ(d.order, (std::vector<std::string>{"churn", "fraud"}));
  EXPECT_EQ(d.approved_versions, s.request.versions);
  EXPECT_EQ(d.evidence.size(), 2u);
}
