#include "internal/protocol/convert.h"

#include <gtest/gtest.h>

namespace aoa::protocol {
namespace {

using cty::Type;
using cty::Value;

schema::Schema sample_schema() {
  schema::Schema s;
  s.version = 2;
  s.block = schema::BlockBuilder()
                .description("d")
                .attribute("name", Type::string())
                .required()
                .attribute("token", Type::string())
                .optional()
                .sensitive()
                .attribute("id", Type::string())
                .computed()
                .block("env", schema::Nesting::List,
                       schema::BlockBuilder().attribute("n", Type::number()).required().build())
                .min_items(1)
                .build();
  return s;
}

TEST(Convert, SchemaCarriesTypesAsJsonTextAndFlags) {
  tfplugin6::Schema out;
  to_proto(sample_schema(), &out);
  EXPECT_EQ(out.version(), 2);
  ASSERT_EQ(out.block().attributes_size(), 3);
  const auto& name = out.block().attributes(0);
  EXPECT_EQ(name.name(), "name");
  EXPECT_EQ(name.type(), "\"string\"");
  EXPECT_TRUE(name.required());
  EXPECT_EQ(name.description_kind(), tfplugin6::MARKDOWN);
  EXPECT_TRUE(out.block().attributes(1).sensitive());
  EXPECT_TRUE(out.block().attributes(2).computed());
  ASSERT_EQ(out.block().block_types_size(), 1);
  EXPECT_EQ(out.block().block_types(0).nesting(), tfplugin6::Schema::NestedBlock::LIST);
  EXPECT_EQ(out.block().block_types(0).min_items(), 1);
  EXPECT_EQ(out.block().block_types(0).block().attributes(0).type(), "\"number\"");
}

TEST(Convert, DiagnosticsKeepSeverityAndPath) {
  schema::Diagnostics d;
  d.error("bad", "detail", schema::AttributePath::root("env").index(1).attr("n"));
  d.warning("careful", "", schema::AttributePath::root("labels").key("team"));
  google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic> out;
  to_proto(d, &out);
  ASSERT_EQ(out.size(), 2);
  EXPECT_EQ(out[0].severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(out[1].severity(), tfplugin6::Diagnostic::WARNING);
  ASSERT_EQ(out[0].attribute().steps_size(), 3);
  EXPECT_EQ(out[0].attribute().steps(0).attribute_name(), "env");
  EXPECT_EQ(out[0].attribute().steps(1).element_key_int(), 1);
  EXPECT_EQ(out[0].attribute().steps(2).attribute_name(), "n");
  EXPECT_EQ(out[1].attribute().steps(1).element_key_string(), "team");
  EXPECT_EQ(from_proto(out[0].attribute()), schema::AttributePath::root("env").index(1).attr("n"));
}

TEST(Convert, DynamicValueFallsBackFromMsgpackToJsonToNull) {
  Type t = sample_schema().block.implied_type();
  tfplugin6::DynamicValue empty;
  EXPECT_TRUE(decode_dynamic(empty, t).is_null());

  tfplugin6::DynamicValue json;
  json.set_json(R"({"name":"x","token":null,"id":null,"env":[{"n":1}]})");
  Value v = decode_dynamic(json, t);
  EXPECT_EQ(v.attr("name").as_string(), "x");

  tfplugin6::DynamicValue mp;
  encode_dynamic(v, t, &mp);
  EXPECT_FALSE(mp.msgpack().empty());
  EXPECT_TRUE(mp.json().empty());
  EXPECT_EQ(decode_dynamic(mp, t), v);
}

}  // namespace
}  // namespace aoa::protocol
