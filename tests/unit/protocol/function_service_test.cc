// Provider functions on the wire: the function declarations in GetProviderSchema, GetMetadata and
// GetFunctions, and CallFunction's msgpack arguments, result and FunctionError with the argument
// position, served by ProviderService in-process.
#include <gtest/gtest.h>

#include "internal/protocol/convert.h"
#include "internal/protocol/provider_service.h"
#include "tests/unit/protocol/fake_provider.h"

namespace aoa::protocol {
namespace {

using cty::Type;
using cty::Value;

TEST(Convert, FunctionSignatureCarriesTypesAsJsonAndNeverAllowsUnknowns) {
  testing::FakeProvider p;
  tfplugin6::Function out;
  to_proto(p.functions().at("repeat")->signature(), &out);
  EXPECT_EQ(out.summary(), "Repeats a word.");
  EXPECT_EQ(out.description_kind(), tfplugin6::MARKDOWN);
  ASSERT_EQ(out.parameters_size(), 2);
  EXPECT_EQ(out.parameters(0).name(), "word");
  EXPECT_EQ(out.parameters(0).type(), "\"string\"");
  EXPECT_TRUE(out.parameters(0).allow_null_value());
  EXPECT_FALSE(out.parameters(0).allow_unknown_values());
  EXPECT_EQ(out.parameters(1).type(), "\"number\"");
  EXPECT_FALSE(out.parameters(1).allow_null_value());
  EXPECT_EQ(out.return_().type(), R"(["list","string"])");
  EXPECT_FALSE(out.has_variadic_parameter());
}

TEST(Convert, FunctionErrorArgumentIsSetOnlyWhenKnown) {
  tfplugin6::FunctionError with, without;
  to_proto(schema::FunctionError{"bad", 1}, &with);
  to_proto(schema::FunctionError{"bad", std::nullopt}, &without);
  EXPECT_EQ(with.text(), "bad");
  ASSERT_TRUE(with.has_function_argument());
  EXPECT_EQ(with.function_argument(), 1);
  EXPECT_FALSE(without.has_function_argument());
}

TEST(FunctionService, SchemaMetadataAndGetFunctionsListTheFunctions) {
  testing::FakeProvider p;
  ProviderService s(p);
  tfplugin6::GetProviderSchema::Response schema;
  s.GetProviderSchema(nullptr, nullptr, &schema);
  ASSERT_EQ(schema.functions().size(), 1u);
  EXPECT_EQ(schema.functions().at("repeat").parameters_size(), 2);
  tfplugin6::GetFunctions::Response funcs;
  s.GetFunctions(nullptr, nullptr, &funcs);
  EXPECT_EQ(funcs.functions().at("repeat").summary(), "Repeats a word.");
  tfplugin6::GetMetadataMessages::Response meta;
  s.GetMetadata(nullptr, nullptr, &meta);
  ASSERT_EQ(meta.functions_size(), 1);
  EXPECT_EQ(meta.functions(0).name(), "repeat");
}

tfplugin6::CallFunction::Response call(ProviderService& s, const std::string& name, std::vector<Value> args) {
  tfplugin6::CallFunction::Request req;
  req.set_name(name);
  for (const auto& a : args) encode_dynamic(a, a.type(), req.add_arguments());
  tfplugin6::CallFunction::Response res;
  EXPECT_TRUE(s.CallFunction(nullptr, &req, &res).ok());
  return res;
}

TEST(FunctionService, CallDecodesArgumentsAndEncodesTheResult) {
  testing::FakeProvider p;
  ProviderService s(p);
  auto res = call(s, "repeat", {Value::string("go"), Value::number(int64_t{2})});
  ASSERT_FALSE(res.has_error()) << res.error().text();
  Value v = decode_dynamic(res.result(), Type::list(Type::string()));
  ASSERT_EQ(v.length(), 2u);
  EXPECT_EQ(v.elements()[1].as_string(), "go");
}

TEST(FunctionService, ErrorsCarryTheArgumentPositionAndNoResult) {
  testing::FakeProvider p;
  ProviderService s(p);
  auto res = call(s, "repeat", {Value::string("go"), Value::number(int64_t{-1})});
  ASSERT_TRUE(res.has_error());
  EXPECT_FALSE(res.has_result());
  EXPECT_EQ(res.error().text(), "times must not be negative");
  EXPECT_EQ(res.error().function_argument(), 1);

  auto null_times = call(s, "repeat", {Value::string("go"), Value::null(Type::number())});
  ASSERT_TRUE(null_times.has_error());
  EXPECT_EQ(null_times.error().function_argument(), 1);

  auto unknown_fn = call(s, "nope", {});
  ASSERT_TRUE(unknown_fn.has_error());
  EXPECT_FALSE(unknown_fn.error().has_function_argument());
  EXPECT_NE(unknown_fn.error().text().find("\"nope\""), std::string::npos);
}

TEST(FunctionService, AnExceptionInTheBodyBecomesAFunctionError) {
  testing::FakeProvider p;
  ProviderService s(p);
  auto res = call(s, "repeat", {Value::string("throw"), Value::number(int64_t{1})});
  ASSERT_TRUE(res.has_error());
  EXPECT_NE(res.error().text().find("boom"), std::string::npos);
  EXPECT_FALSE(res.error().has_function_argument());
}

TEST(FunctionService, MalformedArgumentBytesAreAFunctionErrorNotACrash) {
  testing::FakeProvider p;
  ProviderService s(p);
  tfplugin6::CallFunction::Request req;
  req.set_name("repeat");
  req.add_arguments()->set_msgpack(std::string("\xc1", 1));
  req.add_arguments()->set_msgpack(std::string("\xc1", 1));
  tfplugin6::CallFunction::Response res;
  s.CallFunction(nullptr, &req, &res);
  EXPECT_TRUE(res.has_error());
}

}  // namespace
}  // namespace aoa::protocol
