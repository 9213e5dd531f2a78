#include "internal/render/azureml.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace aoa::render {
namespace {

const std::string kExamples = std::string(AOA_SHARED_DIR) + "/schemas/azureml-examples/";

std::set<std::string> keys_of(const YAML::Node& map) {
  std::set<std::string> keys;
  for (const auto& entry : map) keys.insert(entry.first.Scalar());
  return keys;
}

// How go-yaml/PyYAML would type a scalar: quoted -> string, plain digits -> int, else string.
std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "map";
  if (node.IsSequence()) return "seq";
  if (node.IsNull()) return "null";
  if (node.Tag() == "?") {
    const std::string& s = node.Scalar();
    if (!s.empty() && s.find_first_not_of("-0123456789") == std::string::npos) return "int";
  }
  return "string";
}

// Every key of `example` that we model is in `ours` with the same kind, recursively in maps.
void expect_same_shape(const YAML::Node& example, const YAML::Node& ours, const std::string& path,
                       const std::set<std::string>& not_modelled = {}) {
  for (const auto& entry : example) {
    const std::string key = entry.first.Scalar();
    if (not_modelled.count(key)) continue;
    const YAML::Node mine = ours[key];
    ASSERT_TRUE(mine) << path << key << " is missing from our output";
    EXPECT_EQ(kind_of(mine), kind_of(entry.second)) << path << key;
    if (entry.second.IsMap() && mine.IsMap()) expect_same_shape(entry.second, mine, path + key + ".");
  }
}

// Strings YAML would read as something else, or that need escaping.
const std::map<std::string, std::string> kNastyStrings = {
    {"A_BOOL", "true"}, {"B_FLOAT", "1.0"}, {"C_EMPTY", ""},      {"D_HEX", "0x10"},   {"E_MAP", "a: b"},
    {"F_NULL", "null"}, {"G_TILDE", "~"},   {"H_NL", "line\nbreak"}, {"I_QUOTE", "\"q\" 'x'"},
    {"J_UNI", "ünï"},   {"yes", "no"},      {"1", "2"}};

OnlineEndpointSpec online_endpoint() {
  OnlineEndpointSpec s;
  s.name = "fraud-dev";
  s.description = "Fraud scoring (dev)";
  s.traffic = {{"blue", 90}, {"green", 10}};
  s.tags = {{"appofapps.io/root", "ml-platform"}, {"appofapps.io/environment", "dev"},
            {"appofapps.io/app", "fraud"}, {"appofapps.io/owner", "team-risk"}};
  return s;
}

OnlineDeploymentSpec online_deployment() {
  OnlineDeploymentSpec s;
  s.name = "blue";
  s.endpoint_name = "fraud-dev";
  s.model = "azureml:fraud:7";
  s.code_configuration = CodeConfigurationSpec{"./code", "score.py"};
  s.environment = "azureml:fraud-env:3";
  s.instance_type = "Standard_DS3_v2";
  s.instance_count = 3;
  s.environment_variables = {{"LOG_LEVEL", "info"}, {"WORKERS", "4"}};
  s.request_settings = RequestSettingsSpec{};
  s.request_settings->request_timeout_ms = 3000;
  s.liveness_probe = ProbeSpec{};
  s.readiness_probe = ProbeSpec{5, 5, 1, 3, 1};
  s.tags = {{"appofapps.io/app", "fraud"}};
  return s;
}

BatchEndpointSpec batch_endpoint() {
  BatchEndpointSpec s;
  s.name = "churn-prod";
  s.description = "Nightly churn scoring";
  s.default_deployment = "blue";
  s.tags = {{"appofapps.io/app", "churn"}};
  return s;
}

BatchDeploymentSpec batch_deployment() {
  BatchDeploymentSpec s;
  s.name = "blue";
  s.endpoint_name = "churn-prod";
  s.model = "azureml:churn:12";
  s.compute = "azureml:cpu-cluster";
  s.instance_count = 2;
  s.max_concurrency_per_instance = 4;
  s.environment_variables = {{"BATCH", "1"}};
  s.tags = {{"appofapps.io/app", "churn"}};
  return s;
}

// --- shape against the Azure ML CLI v2 examples ---------------------------------------------

TEST(AzureMl, OnlineEndpointHasTheExampleShape) {
  const YAML::Node example = YAML::LoadFile(kExamples + "endpoint.yml");
  OnlineEndpointSpec bare;
  bare.name = "my-endpoint";
  const std::string text = render_online_endpoint(bare).value();
  const YAML::Node ours = YAML::Load(text);
  EXPECT_EQ(keys_of(ours), keys_of(example));  // $schema, name, auth_mode
  expect_same_shape(example, ours, ".");
  EXPECT_EQ(ours["$schema"].Scalar(), example["$schema"].Scalar());
  EXPECT_EQ(text.rfind("$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\n", 0),
            0u);
  EXPECT_EQ(text, "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\n"
                  "name: my-endpoint\nauth_mode: key\n");
}

TEST(AzureMl, OnlineDeploymentHasTheExampleShape) {
  const YAML::Node blue = YAML::LoadFile(kExamples + "blue-deployment-with-registered-assets.yml");
  OnlineDeploymentSpec s;
  s.name = "blue";
  s.endpoint_name = "my-endpoint";
  s.model = "azureml:my-model:1";
  s.code_configuration = CodeConfigurationSpec{"../../model-1/onlinescoring/", "score.py"};
  s.environment = "azureml:my-env:1";
  s.instance_type = "Standard_DS3_v2";
  const YAML::Node ours = YAML::Load(render_online_deployment(s).value());
  EXPECT_EQ(keys_of(ours), keys_of(blue));
  expect_same_shape(blue, ours, ".");
  // Same values too: our rendering of the example's content reads back as the example.
  for (const auto& entry : blue) {
    if (entry.second.IsScalar()) {
      EXPECT_EQ(ours[entry.first.Scalar()].Scalar(), entry.second.Scalar());
    }
  }
  EXPECT_EQ(parse_online_deployment(render_online_deployment(s).value()).value(), s);

  // green-deployment.yml uses inline model/environment assets, which we do not model (we deploy
  // registered versions); every other key is there with the same type.
  const YAML::Node green = YAML::LoadFile(kExamples + "green-deployment.yml");
  expect_same_shape(green, ours, ".", {"model", "environment"});
  EXPECT_EQ(ours["$schema"].Scalar(), green["$schema"].Scalar());
}

TEST(AzureMl, FullOnlineDeploymentFields) {
  const std::string text = render_online_deployment(online_deployment()).value();
  EXPECT_EQ(text,
            R"($schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: fraud-dev
model: azureml:fraud:7
code_configuration:
  code: "./code"
  scoring_script: score.py
environment: azureml:fraud-env:3
instance_type: Standard_DS3_v2
instance_count: 3
environment_variables:
  LOG_LEVEL: info
  WORKERS: "4"
request_settings:
  request_timeout_ms: 3000
  max_concurrent_requests_per_instance: 1
  max_queue_wait_ms: 500
liveness_probe:
  initial_delay: 10
  period: 10
  timeout: 2
  success_threshold: 1
  failure_threshold: 30
readiness_probe:
  initial_delay: 5
  period: 5
  timeout: 1
  success_threshold: 1
  failure_threshold: 3
tags:
  appofapps.io/app: fraud
)");
}

TEST(AzureMl, OnlineEndpointTrafficAndTags) {
  const YAML::Node ours = YAML::Load(render_online_endpoint(online_endpoint()).value());
  EXPECT_EQ(kind_of(ours["traffic"]["blue"]), "int");
  EXPECT_EQ(ours["traffic"]["green"].as<int>(), 10);
  EXPECT_EQ(ours["tags"]["appofapps.io/owner"].Scalar(), "team-risk");
  EXPECT_EQ(ours["description"].Scalar(), "Fraud scoring (dev)");
}

// The batch shapes follow the Azure ML reference (domain notes §4.4): batch endpoint name,
// description, auth_mode aad_token, defaults.deployment_name, tags; model batch deployment with
// type: model, compute, resources.instance_count and the options under settings.
TEST(AzureMl, BatchShapes) {
  const YAML::Node endpoint = YAML::Load(render_batch_endpoint(batch_endpoint()).value());
  EXPECT_EQ(keys_of(endpoint),
            (std::set<std::string>{"$schema", "name", "description", "auth_mode", "defaults", "tags"}));
  EXPECT_EQ(endpoint["$schema"].Scalar(), kSchemaBatchEndpoint);
  EXPECT_EQ(endpoint["auth_mode"].Scalar(), "aad_token");
  EXPECT_EQ(endpoint["defaults"]["deployment_name"].Scalar(), "blue");

  const std::string text = render_batch_deployment(batch_deployment()).value();
  EXPECT_EQ(text,
            R"($schema: https://azuremlschemas.azureedge.net/latest/modelBatchDeployment.schema.json
name: blue
endpoint_name: churn-prod
type: model
model: azureml:churn:12
compute: azureml:cpu-cluster
resources:
  instance_count: 2
settings:
  max_concurrency_per_instance: 4
  mini_batch_size: 10
  output_action: append_row
  output_file_name: predictions.csv
  retry_settings:
    max_retries: 3
    timeout: 30
  error_threshold: -1
  logging_level: info
  environment_variables:
    BATCH: "1"
tags:
  appofapps.io/app: churn
)");
  const YAML::Node d = YAML::Load(text);
  for (const char* k : {"max_concurrency_per_instance", "mini_batch_size", "error_threshold"}) {
    EXPECT_EQ(kind_of(d["settings"][k]), "int") << k;
  }
  EXPECT_EQ(kind_of(d["settings"]["retry_settings"]["timeout"]), "int");
  EXPECT_EQ(kind_of(d["resources"]["instance_count"]), "int");
}

// --- round trips and quoting ------------------------------------------------------------------

TEST(AzureMl, RoundTrips) {
  OnlineEndpointSpec oe = online_endpoint();
  OnlineEndpointSpec oe_nasty = oe;
  oe_nasty.description = "yes: no # not a comment";
  oe_nasty.auth_mode = "aad_token";
  oe_nasty.traffic = {{"null", 100}, {"true", 0}};
  oe_nasty.tags = kNastyStrings;
  OnlineEndpointSpec bare;
  bare.name = "abc";
  for (const auto& spec : {oe, oe_nasty, bare}) {
    const std::string text = render_online_endpoint(spec).value();
    EXPECT_EQ(parse_online_endpoint(text).value(), spec) << text;
    EXPECT_EQ(render_online_endpoint(parse_online_endpoint(text).value()).value(), text);
  }

  OnlineDeploymentSpec od = online_deployment();
  OnlineDeploymentSpec od_nasty = od;
  od_nasty.name = "off";
  od_nasty.model = "azureml://registries/shared/models/fraud/versions/1.10";
  od_nasty.environment = "";
  od_nasty.code_configuration.reset();
  od_nasty.liveness_probe.reset();
  od_nasty.instance_type = "1.0";
  od_nasty.environment_variables = kNastyStrings;
  od_nasty.tags = kNastyStrings;
  for (const auto& spec : {od, od_nasty}) {
    const std::string text = render_online_deployment(spec).value();
    EXPECT_EQ(parse_online_deployment(text).value(), spec) << text;
    EXPECT_EQ(render_online_deployment(parse_online_deployment(text).value()).value(), text);
  }

  BatchEndpointSpec be = batch_endpoint();
  BatchEndpointSpec be_nasty;
  be_nasty.name = "null";
  be_nasty.description = "~";
  be_nasty.tags = kNastyStrings;
  for (const auto& spec : {be, be_nasty}) {
    const std::string text = render_batch_endpoint(spec).value();
    EXPECT_EQ(parse_batch_endpoint(text).value(), spec) << text;
    EXPECT_EQ(render_batch_endpoint(parse_batch_endpoint(text).value()).value(), text);
  }

  BatchDeploymentSpec bd = batch_deployment();
  BatchDeploymentSpec bd_nasty = bd;
  bd_nasty.code_configuration = CodeConfigurationSpec{"#code", "- score.py"};
  bd_nasty.environment = "azureml:env@latest";
  bd_nasty.compute = "true";
  bd_nasty.output_action = "summary_only";
  bd_nasty.output_file_name = "1.0";
  bd_nasty.logging_level = "debug";
  bd_nasty.error_threshold = 5;
  bd_nasty.max_retries = 0;
  bd_nasty.environment_variables = kNastyStrings;
  bd_nasty.tags = kNastyStrings;
  for (const auto& spec : {bd, bd_nasty}) {
    const std::string text = render_batch_deployment(spec).value();
    EXPECT_EQ(parse_batch_deployment(text).value(), spec) << text;
    EXPECT_EQ(render_batch_deployment(parse_batch_deployment(text).value()).value(), text);
  }
}

TEST(AzureMl, EnvironmentVariableValuesAreAlwaysStrings) {
  OnlineDeploymentSpec s = online_deployment();
  s.environment_variables = kNastyStrings;
  const YAML::Node vars = YAML::Load(render_online_deployment(s).value())["environment_variables"];
  for (const auto& [name, value] : kNastyStrings) {
    ASSERT_TRUE(vars[name]) << name;
    EXPECT_EQ(kind_of(vars[name]), "string") << name << "=" << value;
    EXPECT_EQ(vars[name].Scalar(), value) << name;
  }
}

TEST(AzureMl, MissingFieldsParseAsDefaults) {
  const OnlineDeploymentSpec d = parse_online_deployment(
      "name: blue\nendpoint_name: e-1\nmodel: azureml:m:1\ninstance_type: S\nliveness_probe: {period: 3}\n").value();
  EXPECT_EQ(d.instance_count, 1);
  ASSERT_TRUE(d.liveness_probe);
  EXPECT_EQ(d.liveness_probe->period, 3);
  EXPECT_EQ(d.liveness_probe->failure_threshold, 30);
  EXPECT_FALSE(d.readiness_probe);
  EXPECT_FALSE(d.request_settings);
  EXPECT_EQ(parse_online_deployment(render_online_deployment(d).value()).value(), d);

  const BatchDeploymentSpec b = parse_batch_deployment("name: blue\nendpoint_name: e-1\nmodel: m\ncompute: c\n").value();
  BatchDeploymentSpec expected;
  expected.name = "blue";
  expected.endpoint_name = "e-1";
  expected.model = "m";
  expected.compute = "c";
  EXPECT_EQ(b, expected);
  EXPECT_EQ(parse_online_endpoint("name: abc\n")->auth_mode, "key");
}

TEST(AzureMl, ParseRejectsJunk) {
  const std::string online = render_online_endpoint(online_endpoint()).value();
  auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::string junk[] = {
      "",
      ",",
      ",,,\n,",
      "{{{",
      "- a\n",
      "just a string",
      online + "---\n" + online,
      replaced(online, "managedOnlineEndpoint", "batchEndpoint"),
      replaced(online, "blue: 90", "blue: ninety"),
      replaced(online, "blue: 90", "blue: 0x5a"),
      replaced(online, "blue: 90", "blue: 99999999999"),
      replaced(online, "blue: 90", "blue: [90]"),
      replaced(online, "name: fraud-dev", "name: {a: b}"),
      replaced(online, "appofapps.io/app: fraud", "appofapps.io/app: [fraud]"),
      replaced(online, "Fraud", "\xff\xfe"),
  };
  for (const auto& text : junk) {
    EXPECT_FALSE(parse_online_endpoint(text).ok()) << text;
  }
  const std::string deployment = render_online_deployment(online_deployment()).value();
  EXPECT_FALSE(parse_online_deployment(replaced(deployment, "instance_count: 3", "instance_count: three")).ok());
  EXPECT_FALSE(parse_online_deployment(replaced(deployment, "  period: 10", "  period: {}")).ok());
  EXPECT_FALSE(parse_online_deployment(replaced(deployment, "liveness_probe:\n", "liveness_probe: 1\nx:\n")).ok());
  EXPECT_FALSE(parse_online_deployment(online).ok());  // another $schema
  const std::string batch = render_batch_deployment(batch_deployment()).value();
  EXPECT_FALSE(parse_batch_deployment(replaced(batch, "type: model", "type: pipeline")).ok());
  EXPECT_FALSE(parse_batch_deployment(replaced(batch, "    timeout: 30", "    timeout: 3.5")).ok());
  EXPECT_FALSE(parse_batch_endpoint(batch).ok());
}

TEST(AzureMl, RenderRejectsInvalidSpecs) {
  auto expect_error = [](auto render, auto spec, const std::string& field) {
    const Status e = render(spec).status();
    ASSERT_FALSE(e.ok()) << "no error for " << field;
    EXPECT_EQ(e.code(), StatusCode::kInvalidArgument) << e.message();
    EXPECT_NE(e.message().find(field), std::string::npos) << e.message();
  };
  auto oe = online_endpoint();
  oe.name = "9lives";
  expect_error(render_online_endpoint, oe, "name");
  oe = online_endpoint();
  oe.auth_mode = "none";
  expect_error(render_online_endpoint, oe, "auth_mode");
  oe = online_endpoint();
  oe.traffic["blue"] = 50;
  expect_error(render_online_endpoint, oe, "traffic");
  oe = online_endpoint();
  oe.traffic = {{"blue", 101}};
  expect_error(render_online_endpoint, oe, "traffic[\"blue\"]");
  oe = online_endpoint();
  oe.traffic = {{"b", 100}};
  expect_error(render_online_endpoint, oe, "traffic");
  oe = online_endpoint();
  oe.tags[""] = "x";
  expect_error(render_online_endpoint, oe, "tags");

  auto od = online_deployment();
  od.endpoint_name = "x";
  expect_error(render_online_deployment, od, "endpoint_name");
  od = online_deployment();
  od.model = "";
  expect_error(render_online_deployment, od, "model");
  od = online_deployment();
  od.instance_type = "";
  expect_error(render_online_deployment, od, "instance_type");
  od = online_deployment();
  od.instance_count = 0;
  expect_error(render_online_deployment, od, "instance_count");
  od = online_deployment();
  od.request_settings->request_timeout_ms = 180001;
  expect_error(render_online_deployment, od, "request_settings.request_timeout_ms");
  od = online_deployment();
  od.readiness_probe->period = 0;
  expect_error(render_online_deployment, od, "readiness_probe.period");
  od = online_deployment();
  od.code_configuration->scoring_script = "";
  expect_error(render_online_deployment, od, "code_configuration.scoring_script");

  auto be = batch_endpoint();
  be.default_deployment = "-x";
  expect_error(render_batch_endpoint, be, "default_deployment");

  auto bd = batch_deployment();
  bd.compute = "";
  expect_error(render_batch_deployment, bd, "compute");
  bd = batch_deployment();
  bd.output_action = "overwrite";
  expect_error(render_batch_deployment, bd, "output_action");
  bd = batch_deployment();
  bd.logging_level = "trace";
  expect_error(render_batch_deployment, bd, "logging_level");
  bd = batch_deployment();
  bd.error_threshold = -2;
  expect_error(render_batch_deployment, bd, "error_threshold");
  bd = batch_deployment();
  bd.mini_batch_size = 0;
  expect_error(render_batch_deployment, bd, "mini_batch_size");
}

// --- endpoint names -------------------------------------------------------------------------------

TEST(AzureMlNames, EndpointNameRule) {
  EXPECT_TRUE(is_azureml_endpoint_name("abc"));
  EXPECT_TRUE(is_azureml_endpoint_name("Abc"));
  EXPECT_TRUE(is_azureml_endpoint_name("a-1"));
  EXPECT_TRUE(is_azureml_endpoint_name(std::string(32, 'a')));
  EXPECT_TRUE(is_azureml_endpoint_name("a" + std::string(30, '-') + "1"));
  EXPECT_FALSE(is_azureml_endpoint_name("ab"));
  EXPECT_FALSE(is_azureml_endpoint_name(""));
  EXPECT_FALSE(is_azureml_endpoint_name(std::string(33, 'a')));
  EXPECT_FALSE(is_azureml_endpoint_name("1ab"));
  EXPECT_FALSE(is_azureml_endpoint_name("-ab"));
  EXPECT_FALSE(is_azureml_endpoint_name("abc-"));
  EXPECT_FALSE(is_azureml_endpoint_name("a_bc"));
  EXPECT_FALSE(is_azureml_endpoint_name("a.bc"));
  EXPECT_FALSE(is_azureml_endpoint_name("abé"));
}

TEST(AzureMlNames, ShortNamesAreKept) {
  EXPECT_EQ(azureml_endpoint_name("fraud", "dev"), "fraud-dev");
  EXPECT_EQ(azureml_endpoint_name("a", "b"), "a-b");  // exactly 3
  const std::string app30(28, 'f');
  EXPECT_EQ(azureml_endpoint_name(app30, "dev"), app30 + "-dev");  // exactly 32
}

TEST(AzureMlNames, LongOrInvalidNamesAreShortenedStably) {
  const std::string long_app = "customer-lifetime-value-recommendations";
  const std::string prod = azureml_endpoint_name(long_app, "prod");
  const std::string dev = azureml_endpoint_name(long_app, "dev");
  for (const auto& name : {prod, dev}) {
    EXPECT_TRUE(is_azureml_endpoint_name(name)) << name;
    EXPECT_LE(name.size(), 32u);
  }
  EXPECT_NE(prod, dev);
  EXPECT_EQ(prod, azureml_endpoint_name(long_app, "prod"));
  EXPECT_EQ(prod.substr(0, 23), "customer-lifetime-prod-");  // the environment stays visible
  // Pinned: the name is part of what is deployed; it must not change between releases.
  EXPECT_EQ(prod, "customer-lifetime-prod-ef17c9f9");
  EXPECT_EQ(azureml_endpoint_name("9lives", "dev"), "lives-dev-20583fc6");
  EXPECT_EQ(azureml_endpoint_name("", ""), "ep-73ccf799");

  // 33 characters: one too many.
  const std::string app29(29, 'f');
  const std::string cut = azureml_endpoint_name(app29, "dev");
  EXPECT_TRUE(is_azureml_endpoint_name(cut)) << cut;
  EXPECT_NE(cut, app29 + "-dev");

  // Invalid first character, invalid characters, empty parts, a long environment.
  for (const auto& [app, env] : std::vector<std::pair<std::string, std::string>>{
           {"9lives", "dev"}, {"fraud_scoring", "dev"}, {"", ""}, {"", "x"}, {"1", "2"}, {"-", "-"},
           {"ok", std::string(40, 'e')}, {"x", "ab_"}, {"ü", "dev"}}) {
    const std::string name = azureml_endpoint_name(app, env);
    EXPECT_TRUE(is_azureml_endpoint_name(name)) << "'" << app << "','" << env << "' -> " << name;
    EXPECT_EQ(name, azureml_endpoint_name(app, env));
  }
  EXPECT_EQ(azureml_endpoint_name("9lives", "dev").substr(0, 10), "lives-dev-");
  EXPECT_EQ(azureml_endpoint_name("fraud_scoring", "dev").substr(0, 18), "fraud-scoring-dev-");
  // Inputs that sanitize to the same text still get different names.
  EXPECT_NE(azureml_endpoint_name("fraud_scoring", "dev"), azureml_endpoint_name("fraud.scoring", "dev"));
}

}  // namespace
}  // namespace aoa::render
