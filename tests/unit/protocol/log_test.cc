#include "internal/protocol/log.h"

#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "internal/protocol/convert.h"
#include "internal/protocol/provider_service.h"
#include "tests/unit/protocol/fake_provider.h"

namespace aoa::log {
namespace {

TEST(Log, LineIsJsonInTheShapeTerraformReads) {
  std::string line = format_line(Level::Warn, "repository \"x\" busy", {{"root", "ml"}, {"attempt", "3"}},
                                 "2026-01-02T03:04:05.000006Z");
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["@level"], "warn");
  EXPECT_EQ(j["@message"], "repository \"x\" busy");
  EXPECT_EQ(j["@module"], "provider.appofapps");
  EXPECT_EQ(j["@timestamp"], "2026-01-02T03:04:05.000006Z");
  EXPECT_EQ(j["root"], "ml");
  EXPECT_EQ(j["attempt"], "3");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Log, InvalidUtf8NeverBreaksTheLine) {
  std::string line = format_line(Level::Info, std::string("bad \xff byte"), {}, "t");
  EXPECT_NO_THROW(nlohmann::json::parse(line));
}

TEST(Log, LevelsParseLikeTerraform) {
  EXPECT_EQ(parse_level("TRACE"), Level::Trace);
  EXPECT_EQ(parse_level("json"), Level::Trace);
  EXPECT_EQ(parse_level("Debug"), Level::Debug);
  EXPECT_EQ(parse_level("info"), Level::Info);
  EXPECT_EQ(parse_level("WARN"), Level::Warn);
  EXPECT_EQ(parse_level("error"), Level::Error);
  EXPECT_EQ(parse_level("off"), Level::Off);
  EXPECT_EQ(parse_level("1"), Level::Trace) << "Terraform: an unrecognised level means TRACE";
}

// Captures every line written while it lives, at TRACE.
class Capture {
 public:
  Capture() {
    lines().clear();
    set_level(Level::Trace);
    set_sink(&Capture::sink);
  }
  ~Capture() {
    set_sink(nullptr);
    set_level(Level::Error);
  }
  static std::vector<nlohmann::json> json() {
    std::vector<nlohmann::json> out;
    std::lock_guard<std::mutex> lock(mu());
    for (const auto& l : lines()) out.push_back(nlohmann::json::parse(l));
    return out;
  }
  static std::string all() {
    std::lock_guard<std::mutex> lock(mu());
    std::string out;
    for (const auto& l : lines()) out += l;
    return out;
  }

 private:
  static void sink(std::string_view line) {
    std::lock_guard<std::mutex> lock(mu());
    lines().emplace_back(line);
  }
  static std::vector<std::string>& lines() {
    static std::vector<std::string> l;
    return l;
  }
  static std::mutex& mu() {
    static std::mutex m;
    return m;
  }
};

TEST(Log, RequestIdsAreRandomVersion4Uuids) {
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = new_request_id();
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Log, LinesInsideARequestScopeCarryItsFieldsAndTheScopeTimesIt) {
  Capture capture;
  std::string id;
  {
    RequestScope scope("ApplyResourceChange", "tf_resource_type", "appofapps_root");
    id = scope.id();
    annotate_request("tf_resource_id", "ml");
    info("root written");
  }
  info("after");
  auto lines = Capture::json();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["@message"], "Received request");
  EXPECT_EQ(lines[0]["@level"], "trace");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[i]["tf_req_id"], id);
    EXPECT_EQ(lines[i]["tf_rpc"], "ApplyResourceChange");
    EXPECT_EQ(lines[i]["tf_resource_type"], "appofapps_root");
    EXPECT_EQ(lines[i]["@module"], "provider.appofapps");
  }
  EXPECT_FALSE(lines[0].contains("tf_resource_id")) << "annotations apply to later lines";
  EXPECT_EQ(lines[1]["tf_resource_id"], "ml");
  EXPECT_EQ(lines[2]["@message"], "Served request");
  EXPECT_EQ(lines[2]["@level"], "debug");
  EXPECT_EQ(lines[2]["tf_resource_id"], "ml");
  EXPECT_TRUE(std::regex_match(lines[2]["tf_req_duration_ms"].get<std::string>(), std::regex(R"(\d+\.\d{3})")));
  EXPECT_FALSE(lines[3].contains("tf_req_id")) << "nothing after the scope ends";
}

// Values in a configuration may be secrets: no RPC logs them, whatever the outcome.
TEST(Log, RpcLinesNeverCarryAttributeOrArgumentValues) {
  Capture capture;
  protocol::testing::FakeProvider p;
  protocol::ProviderService s(p);
  const cty::Type t = p.resources().at("fake_thing")->schema().block.implied_type();
  for (const char* name : {"SECRET-NAME-1", ""}) {
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name("fake_thing");
    protocol::encode_dynamic(cty::Value::object(t, {{"name", cty::Value::string(name)},
                                                    {"token", cty::Value::string("SECRET-TOKEN-2")}}),
                             t, req.mutable_config());
    tfplugin6::ValidateResourceConfig::Response res;
    s.ValidateResourceConfig(nullptr, &req, &res);
  }
  tfplugin6::CallFunction::Request call;
  call.set_name("repeat");
  protocol::encode_dynamic(cty::Value::string("SECRET-WORD-3"), cty::Type::string(), call.add_arguments());
  protocol::encode_dynamic(cty::Value::number(int64_t{-1}), cty::Type::number(), call.add_arguments());
  tfplugin6::CallFunction::Response call_res;
  s.CallFunction(nullptr, &call, &call_res);
  ASSERT_TRUE(call_res.has_error());

  auto lines = Capture::json();
  ASSERT_EQ(lines.size(), 6u) << Capture::all();
  EXPECT_EQ(lines[1]["tf_rpc"], "ValidateResourceConfig");
  EXPECT_EQ(lines[1]["tf_resource_type"], "fake_thing");
  EXPECT_FALSE(lines[1].contains("diagnostic_error_count"));
  EXPECT_EQ(lines[3]["diagnostic_error_count"], "1");
  EXPECT_NE(lines[0]["tf_req_id"], lines[2]["tf_req_id"]) << "one id per RPC";
  EXPECT_EQ(lines[5]["tf_rpc"], "CallFunction");
  EXPECT_EQ(lines[5]["tf_function_name"], "repeat");
  EXPECT_EQ(lines[5]["function_error_argument"], "1");
  EXPECT_EQ(Capture::all().find("SECRET"), std::string::npos) << Capture::all();
}

}  // namespace
}  // namespace aoa::log
