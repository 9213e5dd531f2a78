#include "internal/status/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace aoa {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Status::invalid_argument("must be positive, got " + std::to_string(v), "count");
  return v;
}

Result<int> doubled(int v) {
  AOA_ASSIGN_OR_RETURN(int x, parse_positive(v));
  return 2 * x;
}

Status check_both(int a, int b) {
  AOA_RETURN_IF_ERROR(parse_positive(a).status());
  AOA_RETURN_IF_ERROR(parse_positive(b).status().in("second"));
  return {};
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.to_string(), "OK");
}

TEST(Status, CarriesCodeMessageAndField) {
  Status s = Status::not_found("no app named \"x\"", "apps[1]");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.field(), "apps[1]");
  EXPECT_EQ(s.to_string(), "apps[1]: no app named \"x\"");
  EXPECT_STREQ(status_code_name(s.code()), "not found");
}

TEST(Status, InPrefixesTheField) {
  EXPECT_EQ(Status::invalid_argument("bad", "hours").in("recurrence").field(), "recurrence.hours");
  EXPECT_EQ(Status::invalid_argument("bad", "[2]").in("apps").field(), "apps[2]");
  EXPECT_EQ(Status::invalid_argument("bad").in("cron").field(), "cron");
  EXPECT_TRUE(Status().in("cron").field().empty());
}

TEST(Status, WithContextPrefixesTheMessage) {
  EXPECT_EQ(Status::io_error("disk full").with_context("writing apps/a.yaml").message(),
            "writing apps/a.yaml: disk full");
  EXPECT_TRUE(Status().with_context("x").ok());
}

TEST(Result, HoldsValueOrStatus) {
  Result<int> good = parse_positive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = parse_positive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "count");
  EXPECT_EQ(bad.value_or(7), 7);
}

TEST(Result, OkStatusWithoutValueIsAnInternalError) {
  Result<int> r{Status()};
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(Result, MacrosPropagate) {
  EXPECT_EQ(*doubled(4), 8);
  EXPECT_EQ(doubled(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(check_both(1, 2).ok());
  EXPECT_EQ(check_both(1, -2).field(), "second.count");
}

TEST(Result, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r{std::make_unique<int>(5)};
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

// A module's deep check unwinds with StatusException; its public function returns the Status.
int deep_check(int n) {
  if (n < 0) throw StatusException(Status::invalid_argument("must not be negative", "n"));
  return n * 2;
}

TEST(StatusException, StaysInsideTheModule) {
  const Result<int> good = catch_status([] { return deep_check(2); });
  EXPECT_EQ(*good, 4);
  const Result<int> bad = catch_status([] { return deep_check(-1); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status(), Status::invalid_argument("must not be negative", "n"));
  EXPECT_EQ(catch_status([] { return value_or_throw(parse_positive(-1)); }).status().field(), "count");
  EXPECT_EQ(catch_status([] {
              throw_if_error(Status::not_found("gone"));
              return 1;
            }).status().code(),
            StatusCode::kNotFound);
  try {
    value_or_throw(parse_positive(-1));
    FAIL();
  } catch (const StatusException& e) {
    EXPECT_EQ(std::string(e.what()), e.status().message());  // what() is the message, for catch-alls
  }
}

}  // namespace
}  // namespace aoa
