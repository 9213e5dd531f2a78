#include "provider/runtime/status_diagnostic.h"

#include <gtest/gtest.h>

namespace aoa::runtime {
namespace {

using schema::AttributePath;

std::string path_text(const std::string& field, const std::optional<AttributePath>& base = std::nullopt) {
  const auto path = status_path(field, base);
  return path ? path->to_string() : "<none>";
}

TEST(StatusPath, DottedFieldsKeysAndIndexes) {
  EXPECT_EQ(path_text("recurrence.hours"), "recurrence.hours");
  EXPECT_EQ(path_text("metrics.auc"), "metrics.auc");
  EXPECT_EQ(path_text("apps[2]"), "apps[2]");
  EXPECT_EQ(path_text("labels[\"team\"]"), "labels[\"team\"]");
  EXPECT_EQ(path_text("gates[2].threshold"), "gates[2].threshold");
  EXPECT_EQ(path_text("traffic[\"a.b\"]"), "traffic[\"a.b\"]");  // a dot inside a key is part of the key
  EXPECT_EQ(path_text(""), "<none>");
  const auto indexed = status_path("apps[2]");
  ASSERT_TRUE(indexed);
  ASSERT_EQ(indexed->steps().size(), 2u);
  EXPECT_EQ(indexed->steps()[1].kind, AttributePath::Step::Kind::KeyInt);
  EXPECT_EQ(indexed->steps()[1].index, 2);
  const auto keyed = status_path("labels[\"team\"]");
  ASSERT_TRUE(keyed);
  EXPECT_EQ(keyed->steps()[1].kind, AttributePath::Step::Kind::KeyString);
  EXPECT_EQ(keyed->steps()[1].name, "team");
}

TEST(StatusPath, UnderABase) {
  const AttributePath gate = AttributePath::root("gate").index(1);
  EXPECT_EQ(path_text("metric", gate), "gate[1].metric");
  EXPECT_EQ(path_text("", gate), "gate[1]");
  EXPECT_EQ(path_text("[3]", AttributePath::root("apps")), "apps[3]");
}

TEST(StatusPath, TextThatIsNotABracketStaysAName) {
  EXPECT_EQ(path_text("[2]"), "[2]");   // an index needs something to index
}

TEST(ReportStatus, SummaryDetailAndPath) {
  schema::Diagnostics diags;
  EXPECT_TRUE(report_status(Status(), diags));
  EXPECT_TRUE(diags.empty());
  EXPECT_FALSE(report_status(Status::invalid_argument("interval must be at least 1, got 0", "recurrence.interval"),
                             diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].summary, "Invalid recurrence.interval");
  EXPECT_EQ(diags.items()[0].detail, "interval must be at least 1, got 0");
  ASSERT_TRUE(diags.items()[0].path);
  EXPECT_EQ(diags.items()[0].path->to_string(), "recurrence.interval");

  StatusReport how;
  how.summary = "Could not write schedule";
  how.at_field = false;
  how.detail_prefix = "apply: ";
  report_status(Status::invalid_argument("bad", "job"), diags, how);
  EXPECT_EQ(diags.items()[1].summary, "Could not write schedule");
  EXPECT_EQ(diags.items()[1].detail, "apply: bad");
  EXPECT_FALSE(diags.items()[1].path);
}

TEST(FunctionFailure, MessageAtTheArgument) {
  const schema::FunctionResult r = function_failure(Status::not_found("unknown time zone \"X\"", "time_zone"), 1);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->text, "unknown time zone \"X\"");
  EXPECT_EQ(r.error->argument, 1);
}

}  // namespace
}  // namespace aoa::runtime
