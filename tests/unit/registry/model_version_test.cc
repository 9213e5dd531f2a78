#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "internal/registry/model_version.h"

using aoa::cty::Number;
using aoa::registry::ModelVersionRecord;
using aoa::registry::parse_model_version;
using aoa::registry::render_model_version;

namespace {

Number N(const char* s) { return Number::parse(s).value(); }

ModelVersionRecord sample() {
  ModelVersionRecord r;
  r.model = "fraud";
  r.version = "12";
  r.artifact_uri = "azureml://registries/ml/models/fraud/versions/12";
  r.metrics = {{"auc", N("0.912")}, {"latency_p95_ms", N("74")}, {"drift", N("-0.5")}, {"rows", N("1e9")}};
  r.lineage = {"run-7f3a", "dataset:transactions:42", "9c1e2d4"};
  r.tags = {{"team", "risk"}, {"note", "trained on: 2026-11 data"}, {"empty", ""}};
  return r;
}

// The field named by the Status of parsing `text` ("<none>" when it parses).
std::string error_field(const std::string& text) {
  const aoa::Status s = parse_model_version(text).status();
  if (s.ok()) return "<none>";
  EXPECT_EQ(s.code(), aoa::StatusCode::kCorruption) << text;
  return s.field();
}

std::string error_message(const std::string& text) {
  const aoa::Status s = parse_model_version(text).status();
  return s.ok() ? "<none>" : s.message();
}

const std::string kHeader = "apiVersion: appofapps.io/v1\nkind: ModelVersion\nmodel: fraud\nversion: \"12\"\n";

}  // namespace

TEST(ModelVersion, RendersTheDocumentedYaml) {
  EXPECT_EQ(render_model_version(sample()).value(),
            "apiVersion: appofapps.io/v1\n"
            "kind: ModelVersion\n"
            "model: fraud\n"
            "version: \"12\"\n"
            "artifact_uri: azureml://registries/ml/models/fraud/versions/12\n"
            "metrics:\n"
            "  auc: 0.912\n"
            "  drift: -0.5\n"
            "  latency_p95_ms: 74\n"
            "  rows: 1000000000\n"
            "lineage:\n"
            "  run_id: run-7f3a\n"
            "  data_version: dataset:transactions:42\n"
            "  code_commit: \"9c1e2d4\"\n"
            "tags:\n"
            "  empty: \"\"\n"
            "  note: \"trained on: 2026-11 data\"\n"
            "  team: risk\n");
}

TEST(ModelVersion, RoundTrips) {
  EXPECT_EQ(parse_model_version(render_model_version(sample()).value()).value(), sample());
  ModelVersionRecord minimal;
  minimal.model = "m";
  minimal.version = "1";
  EXPECT_EQ(parse_model_version(render_model_version(minimal).value()).value(), minimal);
  ModelVersionRecord odd = sample();
  odd.tags["quote\"and\\slash"] = "line\nbreak\ttab \xc3\xa9";
  odd.tags["true"] = "null";
  odd.metrics["huge"] = N("1e4000");
  odd.metrics["tiny"] = N("-1e-4000");
  odd.artifact_uri = "";
  EXPECT_EQ(parse_model_version(render_model_version(odd).value()).value(), odd);
}

TEST(ModelVersion, RenderIsDeterministic) {
  EXPECT_EQ(render_model_version(sample()).value(), render_model_version(sample()).value());
}

TEST(ModelVersion, MetricsAcceptYamlNumberForms) {
  const auto r = parse_model_version(kHeader +
                                     "metrics:\n  a: 0.910\n  b: 1e3\n  c: -2.5E-2\n  d: +7\n  e: .5\n  f: 0\n"
                                     "  g: !!float 1.25\n  h: 123456789012345678901234567890.000000000000000000001\n").value();
  EXPECT_EQ(r.metrics.at("a"), N("0.91"));
  EXPECT_EQ(r.metrics.at("a").to_string(), "0.91");
  EXPECT_EQ(r.metrics.at("b").to_string(), "1000");
  EXPECT_EQ(r.metrics.at("c").to_string(), "-0.025");
  EXPECT_EQ(r.metrics.at("d").to_string(), "7");
  EXPECT_EQ(r.metrics.at("e").to_string(), "0.5");
  EXPECT_EQ(r.metrics.at("f").to_string(), "0");
  EXPECT_EQ(r.metrics.at("g").to_string(), "1.25");
  EXPECT_EQ(r.metrics.at("h").to_string(), "123456789012345678901234567890.000000000000000000001");
}

TEST(ModelVersion, MetricThatIsNotADecimalNamesTheMetric) {
  for (const char* bad : {"abc", "\"0.91\"", "'1'", ".inf", ".nan", "0x10", "1_000", "[1]", "{a: 1}", "~", "1e99999",
                          "010", "-007", "!!str 1", "1,5"}) {
    const std::string text = kHeader + "metrics:\n  auc: " + bad + "\n";
    EXPECT_EQ(error_field(text), "metrics.auc") << bad;
  }
  EXPECT_NE(error_message(kHeader + "metrics:\n  auc: abc\n").find("\"abc\" is not a decimal number"),
            std::string::npos);
  EXPECT_NE(error_message(kHeader + "metrics:\n  auc: \"0.9\"\n").find("is a string, not a number"),
            std::string::npos);
  EXPECT_NE(error_message(kHeader + "metrics:\n  auc: 010\n").find("octal"), std::string::npos);
}

TEST(ModelVersion, ParseErrorsNameTheField) {
  EXPECT_EQ(error_field("apiVersion: v2\nkind: ModelVersion\nmodel: a\nversion: \"1\"\n"), "apiVersion");
  EXPECT_EQ(error_field("apiVersion: appofapps.io/v1\nkind: Model\nmodel: a\nversion: \"1\"\n"), "kind");
  EXPECT_EQ(error_field("apiVersion: appofapps.io/v1\nkind: ModelVersion\nversion: \"1\"\n"), "model");
  EXPECT_EQ(error_field("apiVersion: appofapps.io/v1\nkind: ModelVersion\nmodel: ../x\nversion: \"1\"\n"), "model");
  EXPECT_EQ(error_field("apiVersion: appofapps.io/v1\nkind: ModelVersion\nmodel: a\nversion: [1]\n"), "version");
  EXPECT_EQ(error_field(kHeader + "metircs: {}\n"), "metircs");
  EXPECT_EQ(error_field(kHeader + "metrics: [1, 2]\n"), "metrics");
  EXPECT_EQ(error_field(kHeader + "metrics:\n  5xx: 1\n"), "metrics.5xx");
  EXPECT_EQ(error_field(kHeader + "metrics:\n  auc: 1\n  auc: 2\n"), "metrics.auc");
  EXPECT_EQ(error_field(kHeader + "lineage:\n  run: x\n"), "lineage.run");
  EXPECT_EQ(error_field(kHeader + "lineage:\n  run_id: [x]\n"), "lineage.run_id");
  EXPECT_EQ(error_field(kHeader + "tags:\n  a: [x]\n"), "tags");
  EXPECT_EQ(error_field(kHeader + "artifact_uri: {a: b}\n"), "artifact_uri");
  EXPECT_EQ(error_field(kHeader + "model: again\n"), "model");  // repeated key
  EXPECT_NE(error_message(kHeader + "lineage:\n  run: x\n").find("allowed: run_id, data_version, code_commit"),
            std::string::npos);
}

TEST(ModelVersion, RejectsDocumentsThatAreNotOneMapping) {
  for (const std::string& bad : std::vector<std::string>{"", "- a\n- b\n", "just text", "a: [", ",", "a: 1\n---\nb: 2\n", "\xff\xfe",
                                "{a: 1}}", std::string(1000, '[')}) {
    EXPECT_EQ(error_field(bad), "") << bad.substr(0, 20);
  }
  EXPECT_EQ(error_message("- a\n").rfind("model version record: ", 0), 0u);
}

TEST(ModelVersion, RawControlCharactersAreRefusedEscapedOnesRoundTrip) {
  for (const std::string& bad : std::vector<std::string>{std::string("tags:\n  a\0b: x\n", 15), "tags:\n  a: x\x02\n",
                                                         "tags:\n  a: x\x7f\n", "tags:\n  a: x\xc2\x80\n", "tags:\n  a: \xef\xbf\xbe\n"}) {
    EXPECT_NE(error_message(kHeader + bad).find("control character"), std::string::npos) << bad;
  }
  EXPECT_EQ(error_field(kHeader + "tags:\n  a: \"tab\there\"\r\n  b: \"nel\xc2\x85\"\n"), "<none>");
  ModelVersionRecord r = sample();
  r.tags[std::string("t\x02\0_am", 6)] = "\x7f\xc2\x80 \xf0\x9f\x98\x80 \xc3\xa9";
  EXPECT_EQ(parse_model_version(render_model_version(r).value()).value(), r);
}

TEST(ModelVersion, TextMustBeValidUtf8WithoutNonCharacters) {
  EXPECT_EQ(error_field(kHeader + "tags:\n  a: \"\\ud800\"\n"), "");  // yaml-cpp refuses the escape itself
  EXPECT_EQ(error_field(kHeader + "tags:\n  a: \"\\uffff\"\n"), "tags.a");
  EXPECT_EQ(error_field(kHeader + "tags:\n  \"\\ufffe\": b\n"), "tags");
  EXPECT_EQ(error_field(kHeader + "lineage:\n  run_id: \"\\xff\"\n"), "<none>");  // \xff is U+00FF
  EXPECT_EQ(error_field(kHeader + "artifact_uri: \"\\uffff\"\n"), "artifact_uri");
  ModelVersionRecord r = sample();
  r.tags["k"] = "\xef\xbf\xbf";
  EXPECT_FALSE(render_model_version(r).ok());
  r = sample();
  r.lineage.run_id = "\xff";
  EXPECT_FALSE(render_model_version(r).ok());
}

TEST(ModelVersion, RenderRefusesRecordsItCouldNotReadBack) {
  ModelVersionRecord r = sample();
  r.model = "a/b";
  EXPECT_FALSE(render_model_version(r).ok());
  r = sample();
  r.version = "";
  EXPECT_FALSE(render_model_version(r).ok());
  r = sample();
  r.metrics[" spaced"] = N("1");
  const aoa::Status spaced = render_model_version(r).status();
  EXPECT_EQ(spaced.code(), aoa::StatusCode::kInvalidArgument);
  EXPECT_EQ(spaced.field(), "metrics. spaced");
  EXPECT_EQ(spaced.message().rfind("model version record: metrics. spaced: ", 0), 0u) << spaced.message();
}
