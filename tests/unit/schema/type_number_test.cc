#include <gtest/gtest.h>

#include "schema/number.h"
#include "schema/type.h"

using aoa::cty::Number;
using aoa::cty::Type;
using aoa::cty::TypeError;

TEST(Type, JsonRoundTrip) {
  std::vector<std::string> cases = {
      "\"string\"", "\"number\"", "\"bool\"", "\"dynamic\"", "[\"list\",\"string\"]", "[\"set\",\"number\"]",
      "[\"map\",[\"list\",\"bool\"]]", "[\"tuple\",[\"string\",\"number\"]]", "[\"tuple\",[]]",
      "[\"object\",{\"a\":\"number\",\"b\":[\"map\",\"dynamic\"]}]", "[\"object\",{}]"};
  for (const auto& c : cases) {
    Type t = Type::from_json(c);
    EXPECT_EQ(t.to_json(), c);
    EXPECT_EQ(Type::from_json(t.to_json()), t);
  }
}

TEST(Type, FromJsonAcceptsOptionalAttrsAndWhitespace) {
  Type t = Type::from_json(R"( ["object", {"a": "string"}, ["a"]] )");
  EXPECT_EQ(t, Type::object({{"a", Type::string()}}));
}

TEST(Type, FromJsonRejectsGarbage) {
  for (const char* bad : {"", "\"strin\"", "[\"list\"]", "[\"list\",\"string\",1]", "[\"frob\",\"string\"]",
                          "\"string\" x", "\"string\"\"number\"", "42", "{}", "[\"object\",[]]",
                          "[\"tuple\",\"string\"]", "[\"list\",\"string\"", "null"}) {
    EXPECT_THROW(Type::from_json(bad), TypeError) << bad;
  }
  std::string deep;
  for (int i = 0; i < 400; ++i) deep += "[\"list\",";
  deep += "\"string\"";
  for (int i = 0; i < 400; ++i) deep += "]";
  EXPECT_THROW(Type::from_json(deep), TypeError);
}

TEST(Type, Accessors) {
  Type o = Type::object({{"name", Type::string()}, {"tags", Type::map(Type::string())}});
  EXPECT_EQ(o.kind(), Type::Kind::Object);
  EXPECT_TRUE(o.has_attribute("name"));
  EXPECT_FALSE(o.has_attribute("nope"));
  EXPECT_EQ(o.attribute("tags").element(), Type::string());
  EXPECT_THROW(o.attribute("nope"), std::out_of_range);
  EXPECT_TRUE(Type::list(Type::string()).is_collection());
  EXPECT_TRUE(Type::number().is_primitive());
  EXPECT_FALSE(Type::tuple({}).is_collection());
  EXPECT_NE(Type::list(Type::string()), Type::set(Type::string()));
  EXPECT_EQ(Type::list(Type::string()).friendly_name(), "list of string");
  EXPECT_EQ(Type::map(Type::number()).friendly_name(), "map of number");
  EXPECT_EQ(o.friendly_name(), "object");
  EXPECT_TRUE(Type::list(Type::dynamic()).contains_dynamic());
  EXPECT_FALSE(o.contains_dynamic());
  EXPECT_EQ(Type(), Type::dynamic());
}

TEST(Number, ParseAndCanonicalText) {
  struct C { const char* in; const char* out; } cases[] = {
      {"0", "0"}, {"-0", "0"}, {"-0.000", "0"}, {"12.50", "12.5"}, {"-12.50", "-12.5"}, {"1e3", "1000"},
      {"1.5E-3", "0.0015"}, {"+7", "7"}, {".5", "0.5"}, {"5.", "5"}, {"00012", "12"},
      {"123456789012345678901234567890", "123456789012345678901234567890"},
      {"0.1", "0.1"}, {"100", "100"}, {"1e-2", "0.01"}, {"123.456e1", "1234.56"}};
  for (const auto& c : cases) {
    auto n = Number::parse(c.in);
    ASSERT_TRUE(n) << c.in;
    EXPECT_EQ(n->to_string(), c.out) << c.in;
  }
  for (const char* bad : {"", "-", ".", "e3", "1e", "1.2.3", "abc", "NaN", "Infinity", "1 ", " 1", "0x10", "1e99999999"})
    EXPECT_FALSE(Number::parse(bad)) << bad;
}

TEST(Number, Conversions) {
  EXPECT_EQ(Number::from_int(INT64_MIN).to_string(), "-9223372036854775808");
  EXPECT_EQ(Number::from_int(INT64_MIN).to_int64(), INT64_MIN);
  EXPECT_EQ(Number::from_uint(UINT64_MAX).to_string(), "18446744073709551615");
  EXPECT_EQ(Number::from_uint(UINT64_MAX).to_uint64(), UINT64_MAX);
  EXPECT_FALSE(Number::from_uint(UINT64_MAX).to_int64());
  EXPECT_FALSE(Number::parse("9223372036854775808")->to_int64());
  EXPECT_EQ(Number::parse("-9223372036854775808")->to_int64(), INT64_MIN);
  EXPECT_FALSE(Number::parse("-9223372036854775809")->to_int64());
  EXPECT_FALSE(Number::parse("1.5")->to_int64());
  EXPECT_FALSE(Number::parse("-1")->to_uint64());
  EXPECT_EQ(Number::parse("1e3")->to_int64(), 1000);
  EXPECT_EQ(Number::from_double(0.1).to_string(), "0.1");
  EXPECT_EQ(Number::from_double(1e22).to_string(), "10000000000000000000000");
  EXPECT_EQ(Number::from_double(-2.5).to_string(), "-2.5");
  EXPECT_DOUBLE_EQ(Number::parse("0.1")->to_double(), 0.1);
  EXPECT_TRUE(Number::parse("0.1")->exactly_representable_as_double());
  EXPECT_TRUE(Number::parse("2.5")->exactly_representable_as_double());
  EXPECT_FALSE(Number::parse("0.1000000000000000000000000001")->exactly_representable_as_double());
  EXPECT_TRUE(Number::parse("12")->is_integer());
  EXPECT_FALSE(Number::parse("12.01")->is_integer());
  EXPECT_THROW(Number::from_double(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(Number, Compare) {
  auto n = [](const char* s) { return *Number::parse(s); };
  EXPECT_EQ(n("1.50"), n("1.5"));
  EXPECT_LT(n("-2"), n("-1"));
  EXPECT_LT(n("-1"), n("0"));
  EXPECT_LT(n("0"), n("0.0001"));
  EXPECT_LT(n("9.99"), n("10"));
  EXPECT_LT(n("123456789012345678901234567890"), n("123456789012345678901234567891"));
  EXPECT_GT(n("1e30"), n("999999999999999999999999999999"));
  EXPECT_EQ(n("1e3").compare(n("1000")), 0);
  EXPECT_EQ(Number(), n("0"));
}
