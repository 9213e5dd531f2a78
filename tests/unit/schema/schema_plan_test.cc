#include <gtest/gtest.h>

#include "schema/diagnostics.h"
#include "schema/plan.h"
#include "schema/schema.h"

using namespace aoa::schema;
using aoa::cty::Type;
using aoa::cty::Value;

namespace {
Block app_block() {
  return BlockBuilder()
      .description("An application")
      .attribute("name", Type::string()).required().description("Name")
      .attribute("id", Type::string()).computed()
      .attribute("revision", Type::string()).optional().computed()
      .attribute("labels", Type::map(Type::string())).optional()
      .block("environment", Nesting::List,
             BlockBuilder()
                 .attribute("name", Type::string()).required()
                 .attribute("url", Type::string()).computed()
                 .build())
      .min_items(1)
      .block("settings", Nesting::Single, BlockBuilder().attribute("mode", Type::string()).optional().build())
      .build();
}
}  // namespace

TEST(Schema, BuilderAndImpliedType) {
  Block b = app_block();
  EXPECT_EQ(b.description, "An application");
  ASSERT_NE(b.find_attribute("name"), nullptr);
  EXPECT_TRUE(b.find_attribute("name")->required);
  EXPECT_EQ(b.find_attribute("name")->description, "Name");
  EXPECT_TRUE(b.find_attribute("revision")->optional && b.find_attribute("revision")->computed);
  ASSERT_NE(b.find_block("environment"), nullptr);
  EXPECT_EQ(b.find_block("environment")->min_items, 1);
  EXPECT_EQ(b.find_attribute("nope"), nullptr);
  Type env = Type::object({{"name", Type::string()}, {"url", Type::string()}});
  Type expected = Type::object({{"name", Type::string()},
                                {"id", Type::string()},
                                {"revision", Type::string()},
                                {"labels", Type::map(Type::string())},
                                {"environment", Type::list(env)},
                                {"settings", Type::object({{"mode", Type::string()}})}});
  EXPECT_EQ(b.implied_type(), expected);

  Block nest = BlockBuilder()
                   .block("s", Nesting::Set, BlockBuilder().attribute("a", Type::number()).optional())
                   .block("m", Nesting::Map, BlockBuilder().attribute("a", Type::number()).optional())
                   .block("g", Nesting::Group, BlockBuilder().attribute("a", Type::number()).optional())
                   .build();
  Type a = Type::object({{"a", Type::number()}});
  EXPECT_EQ(nest.implied_type(), Type::object({{"s", Type::set(a)}, {"m", Type::map(a)}, {"g", a}}));
}

TEST(Schema, BuilderValidates) {
  EXPECT_THROW(BlockBuilder().attribute("Bad", Type::string()).required().build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().attribute("x", Type::string()).build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().attribute("x", Type::string()).required().optional().build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().attribute("x", Type::string()).required().computed().build(), std::logic_error);
  EXPECT_NO_THROW(BlockBuilder().attribute("x", Type::string()).optional().computed().build());
  EXPECT_THROW(BlockBuilder()
                   .attribute("x", Type::string()).optional()
                   .block("x", Nesting::List, BlockBuilder().attribute("y", Type::string()).optional().build())
                   .build(),
               std::logic_error);
  EXPECT_THROW(BlockBuilder().attribute("x", Type::string()).optional().attribute("x", Type::number()).optional().build(),
               std::logic_error);
  EXPECT_THROW(BlockBuilder().required(), std::logic_error);
  EXPECT_THROW(BlockBuilder().min_items(1), std::logic_error);
  EXPECT_THROW(BlockBuilder().attribute("s", Type::set(Type::dynamic())).optional().build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().block("b", Nesting::Single, Block{}).min_items(2).max_items(2).build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().block("b", Nesting::Group, Block{}).min_items(1).build(), std::logic_error);
  EXPECT_THROW(BlockBuilder().block("b", Nesting::List, Block{}).min_items(3).max_items(2).build(), std::logic_error);
  // Nested invalid content is reported with its location.
  try {
    Block bad;
    Attribute attr;
    attr.name = "BAD";
    attr.type = Type::string();
    attr.optional = true;
    bad.attributes.push_back(attr);
    BlockBuilder().block("outer", Nesting::List, bad).build();
    FAIL();
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("outer.BAD"), std::string::npos) << e.what();
  }
}

TEST(Diagnostics, PathsAndUtf8) {
  EXPECT_EQ(AttributePath::root("environment").index(0).attr("name").to_string(), "environment[0].name");
  EXPECT_EQ(AttributePath::root("labels").key("team").to_string(), "labels[\"team\"]");
  EXPECT_EQ(AttributePath().to_string(), "");
  EXPECT_TRUE(AttributePath().empty());
  EXPECT_EQ(AttributePath::root("a").attr("b"), AttributePath::root("a").attr("b"));
  EXPECT_FALSE(AttributePath::root("a").index(1) == AttributePath::root("a").key("1"));
  ASSERT_EQ(AttributePath::root("a").index(3).steps().size(), 2u);
  EXPECT_EQ(AttributePath::root("a").index(3).steps()[1].kind, AttributePath::Step::Kind::KeyInt);

  EXPECT_EQ(sanitize_utf8("plain"), "plain");
  EXPECT_EQ(sanitize_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(sanitize_utf8("a\xFFz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(sanitize_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");          // truncated
  EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");  // > U+10FFFF
  EXPECT_EQ(sanitize_utf8(std::string_view("a\0b", 3)), std::string("a\0b", 3));

  Diagnostics d;
  EXPECT_TRUE(d.empty());
  d.warning("careful");
  EXPECT_FALSE(d.has_errors());
  d.error("bad \xFF value", "detail \xC3", AttributePath::root("name"));
  EXPECT_TRUE(d.has_errors());
  ASSERT_EQ(d.items().size(), 2u);
  EXPECT_EQ(d.items()[1].summary, "bad \xEF\xBF\xBD value");
  EXPECT_EQ(d.items()[1].detail, "detail \xEF\xBF\xBD");
  EXPECT_EQ(d.items()[1].path->to_string(), "name");
  Diagnostics e;
  e.append(d);
  EXPECT_EQ(e.items().size(), 2u);
  EXPECT_TRUE(e.has_errors());
}

namespace {
Value app_value(const Block& b, const std::string& name, Value id, Value revision, Value env_url,
                const std::string& env_name = "dev") {
  Type t = b.implied_type();
  Type env = t.attribute("environment").element();
  return Value::object(
      t, {{"name", Value::string(name)},
          {"id", std::move(id)},
          {"revision", std::move(revision)},
          {"labels", Value::null(Type::map(Type::string()))},
          {"environment",
           Value::list(env, {Value::object(env, {{"name", Value::string(env_name)}, {"url", std::move(env_url)}})})},
          {"settings", Value::null(t.attribute("settings"))}});
}
}  // namespace

TEST(Plan, EqualIgnoringComputed) {
  Block b = app_block();
  Value a = app_value(b, "x", Value::string("1"), Value::string("r"), Value::string("u1"));
  Value c = app_value(b, "x", Value::unknown(Type::string()), Value::string("r"), Value::string("u2"));
  EXPECT_TRUE(equal_ignoring_computed(b, a, c));
  Value d = app_value(b, "x", Value::string("1"), Value::string("other"), Value::string("u1"));
  EXPECT_FALSE(equal_ignoring_computed(b, a, d));  // optional+computed counts
  Value e = app_value(b, "y", Value::string("1"), Value::string("r"), Value::string("u1"));
  EXPECT_FALSE(equal_ignoring_computed(b, a, e));
  Value f = app_value(b, "x", Value::string("1"), Value::string("r"), Value::string("u1"), "prod");
  EXPECT_FALSE(equal_ignoring_computed(b, a, f));
  EXPECT_FALSE(equal_ignoring_computed(b, Value::null(b.implied_type()), a));
  EXPECT_TRUE(equal_ignoring_computed(b, Value::null(b.implied_type()), Value::null(b.implied_type())));
}

TEST(Plan, MarkComputedUnknown) {
  Block b = app_block();
  Type t = b.implied_type();
  Value s = Value::null(Type::string());
  Value config = app_value(b, "x", s, s, s);
  // Create: computed attributes with null config become unknown, including nested ones.
  Value planned = mark_computed_unknown(b, Value::null(t), config, config);
  EXPECT_TRUE(planned.attr("id").is_unknown());
  EXPECT_TRUE(planned.attr("revision").is_unknown());
  EXPECT_TRUE(planned.attr("environment").elements()[0].attr("url").is_unknown());
  EXPECT_EQ(planned.attr("name"), Value::string("x"));
  // keep
  Value kept = mark_computed_unknown(b, Value::null(t), config, config, {"revision"});
  EXPECT_TRUE(kept.attr("revision").is_null());
  EXPECT_TRUE(kept.attr("id").is_unknown());
  // Config sets optional+computed: not unknown.
  Value cfg2 = app_value(b, "x", s, Value::string("pinned"), s);
  Value p2 = mark_computed_unknown(b, Value::null(t), cfg2, cfg2);
  EXPECT_EQ(p2.attr("revision"), Value::string("pinned"));

  // Update with no configurable change: proposed unchanged.
  Value prior = app_value(b, "x", Value::string("1"), Value::string("r"), Value::string("u"));
  Value proposed = prior;  // ProposedNew copies prior computed values
  EXPECT_EQ(mark_computed_unknown(b, prior, proposed, config), proposed);
  // Update with a change: computed become unknown again.
  Value proposed2 = app_value(b, "y", Value::string("1"), Value::string("r"), Value::string("u"));
  Value config2 = app_value(b, "y", s, s, s);
  Value p3 = mark_computed_unknown(b, prior, proposed2, config2);
  EXPECT_TRUE(p3.attr("id").is_unknown());
  EXPECT_EQ(p3.attr("name"), Value::string("y"));
  // Destroy
  EXPECT_TRUE(mark_computed_unknown(b, prior, Value::null(t), Value::null(t)).is_null());
}

TEST(Plan, RequiresReplace) {
  Block b = app_block();
  Type t = b.implied_type();
  Value prior = app_value(b, "x", Value::string("1"), Value::string("r"), Value::string("u"));
  Value same = prior;
  EXPECT_TRUE(requires_replace(prior, same, {"name", "revision"}).empty());
  Value renamed = prior.with_attr("name", Value::string("y"));
  auto r = requires_replace(prior, renamed, {"name", "revision", "nonexistent"});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], AttributePath::root("name"));
  Value unk = prior.with_attr("revision", Value::unknown(Type::string()));
  r = requires_replace(prior, unk, {"name", "revision"});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].to_string(), "revision");
  EXPECT_TRUE(requires_replace(Value::null(t), renamed, {"name"}).empty());
  EXPECT_TRUE(requires_replace(prior, Value::null(t), {"name"}).empty());
}

namespace aoa::schema {
namespace {

TEST(Plan, CarryOrUnknownKeepsTheComputedValueOnlyWithoutChange) {
  using cty::Type;
  using cty::Value;
  Type t = Type::object({{"name", Type::string()}, {"commit", Type::string()}});
  Value prior = Value::object(t, {{"name", Value::string("a")}, {"commit", Value::string("c1")}});
  Value same = Value::object(t, {{"name", Value::string("a")}, {"commit", Value::unknown(Type::string())}});
  Value changed = Value::object(t, {{"name", Value::string("b")}, {"commit", Value::string("c1")}});
  EXPECT_EQ(carry_or_unknown(prior, same, "commit").attr("commit"), Value::string("c1"));
  EXPECT_FALSE(carry_or_unknown(prior, changed, "commit").attr("commit").is_known());
  EXPECT_FALSE(carry_or_unknown(prior, same, "commit", true).attr("commit").is_known());
  EXPECT_EQ(carry_or_unknown(prior, changed, "commit").attr("name"), Value::string("b"));
}

}  // namespace
}  // namespace aoa::schema
