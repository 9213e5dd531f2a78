// schema::check_rules: declared rules and the string limits, with the path of every value.
#include "schema/rules.h"

#include <gtest/gtest.h>

#include "schema/schema.h"

namespace aoa::schema {
namespace {

using cty::Type;
using cty::Value;

Block app_block() {
  Block model = BlockBuilder()
                    .attribute("name", Type::string())
                    .required()
                    .attribute("version", Type::string())
                    .required()
                    .max_bytes(16)
                    .build();
  return BlockBuilder()
      .attribute("kind", Type::string())
      .optional()
      .rule(Rule::one_of("Invalid kind", {"online", "batch"}))
      .attribute("count", Type::number())
      .optional()
      .rule(Rule::int_between("Invalid count", 1, 10))
      .attribute("notes", Type::string())
      .optional()
      .multiline()
      .attribute("env", Type::map(Type::string()))
      .optional()
      .rule(Rule::not_empty("Invalid env value", Rule::Target::Elements))
      .rule(Rule::custom("Invalid env name", "upper case", [](const Value& k) {
              for (char c : k.as_string())
                if (c >= 'a' && c <= 'z') return std::string("lower case letter in ") + k.as_string();
              return std::string();
            }, Rule::Target::Keys))
      .attribute("deps", Type::list(Type::string()))
      .optional()
      .block("model", Nesting::List, model)
      .build();
}

Value config(std::map<std::string, Value> attrs) {
  Type t = app_block().implied_type();
  for (const auto& [name, type] : t.attributes())
    if (!attrs.count(name)) attrs[name] = Value::null(type);
  return Value::object(t, std::move(attrs));
}

Value model_list(const std::string& name, const std::string& version) {
  Type m = app_block().implied_type().attribute("model").element();
  return Value::list(m, {Value::object(m, {{"name", Value::string(name)}, {"version", Value::string(version)}})});
}

std::vector<std::string> errors(const Value& v) {
  Diagnostics d;
  check_rules(app_block(), v, d);
  std::vector<std::string> out;
  for (const auto& i : d.items()) out.push_back(i.summary + " at " + (i.path ? i.path->to_string() : "-"));
  return out;
}

TEST(RulesTest, AValidConfigurationHasNoErrors) {
  EXPECT_TRUE(errors(config({{"kind", Value::string("batch")},
                             {"count", Value::number(int64_t{3})},
                             {"notes", Value::string("line one\nline two\ttab")},
                             {"env", Value::map(Type::string(), {{"MODE", Value::string("fast")}})},
                             {"model", model_list("fraud", "7")}}))
                  .empty());
}

TEST(RulesTest, DeclaredRulesNameTheirPath) {
  EXPECT_EQ(errors(config({{"kind", Value::string("stream")}})), std::vector<std::string>{"Invalid kind at kind"});
  EXPECT_EQ(errors(config({{"count", Value::number(int64_t{11})}})), std::vector<std::string>{"Invalid count at count"});
  EXPECT_EQ(errors(config({{"env", Value::map(Type::string(), {{"mode", Value::string("")}})}})),
            (std::vector<std::string>{"Invalid env value at env[\"mode\"]", "Invalid env name at env[\"mode\"]"}));
}

TEST(RulesTest, EveryAttributeIsCheckedAfterAnotherOnesError) {
  EXPECT_EQ(errors(config({{"kind", Value::string("stream")},
                           {"count", Value::number(int64_t{11})},
                           {"notes", Value::string("bell\a")},
                           {"env", Value::map(Type::string(), {{"mode", Value::string("x")}})}})),
            (std::vector<std::string>{"Invalid kind at kind", "Invalid count at count", "Invalid characters at notes",
                                      "Invalid env name at env[\"mode\"]"}));
}

TEST(RulesTest, ControlCharactersAreRejectedEverywhere) {
  const std::string nul("fr\0ud", 5);
  EXPECT_EQ(errors(config({{"model", model_list(nul, "7")}})),
            std::vector<std::string>{"Invalid characters at model[0].name"});
  EXPECT_EQ(errors(config({{"env", Value::map(Type::string(), {{"A", Value::string(nul)}})}})),
            std::vector<std::string>{"Invalid characters at env[\"A\"]"});
  EXPECT_EQ(errors(config({{"env", Value::map(Type::string(), {{nul, Value::string("x")}})}})).front(),
            "Invalid characters at env[\"" + nul + "\"]");
  EXPECT_EQ(errors(config({{"deps", Value::list(Type::string(), {Value::string("a"), Value::string("b\n")})}})),
            std::vector<std::string>{"Invalid characters at deps[1]"});
  EXPECT_EQ(errors(config({{"notes", Value::string("bell\a")}})), std::vector<std::string>{"Invalid characters at notes"});
}

TEST(RulesTest, LongStringsAreRejectedWithTheirLimit) {
  Diagnostics d;
  check_rules(app_block(), config({{"model", model_list("fraud", std::string(17, '1'))}}), d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].summary, "Value too long");
  EXPECT_EQ(d.items()[0].detail, "model[0].version is 17 bytes long; at most 16 are allowed.");
  EXPECT_EQ(errors(config({{"notes", Value::string(std::string(kDefaultMaxBytes + 1, 'x'))}})),
            std::vector<std::string>{"Value too long at notes"});
  EXPECT_TRUE(errors(config({{"notes", Value::string(std::string(kDefaultMaxBytes, 'x'))}})).empty());
}

TEST(RulesTest, UnknownAndNullValuesWaitUntilTheyAreKnown) {
  EXPECT_TRUE(errors(config({{"kind", Value::unknown(Type::string())}})).empty());
  EXPECT_TRUE(errors(Value::null(app_block().implied_type())).empty());
  EXPECT_TRUE(errors(Value::unknown(app_block().implied_type())).empty());
}

TEST(RulesTest, RulesDescribeThemselves) {
  EXPECT_EQ(Rule::one_of("x", {"a", "b"}).description, "one of \"a\", \"b\"");
  EXPECT_EQ(Rule::int_between("x", 1, 10).description, "a whole number from 1 to 10");
}

}  // namespace
}  // namespace aoa::schema
