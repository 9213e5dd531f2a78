// Audit records: JSON round trip, parse errors, file paths, ids, times and the record of a decision.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "internal/promotion/audit.h"
#include "internal/promotion/audit_time.h"
#include "scenario.h"

using namespace aoa::promotion;
using namespace aoa::promotion::testing;

namespace {

AuditRecord sample() {
  AuditRecord r;
  r.id = "0123456789abcdef";
  r.decision = "promoted";
  r.time = "2026-11-23T19:15:02Z";
  r.actor = "terraform";
  r.actor_email = "ci@example.com";
  r.root = "ml";
  r.from = "staging";
  r.to = "prod";
  r.requested = {{"fraud", "12"}};
  r.versions_before = {{"fraud", "11"}};
  r.versions_after = {{"fraud", "12"}};
  GateEvidence abs;
  abs.app = "fraud";
  abs.model = "fraud";
  abs.version = "12";
  abs.metric = "auc";
  abs.op = GateOp::Ge;
  abs.threshold = N("0.91");
  abs.actual = N("0.93");
  abs.passed = true;
  abs.reason = "auc = 0.93 satisfies >= 0.91";
  GateEvidence rel = abs;
  rel.op = GateOp::Le;
  rel.metric = "latency_p95_ms";
  rel.relative = true;
  rel.target_version = "11";
  rel.target_value = N("80");
  rel.tolerance = N("0.5");
  rel.threshold = N("80.5");
  rel.actual = std::nullopt;
  rel.passed = false;
  rel.waived = true;
  rel.reason = "…";
  r.gates = {abs, rel};
  r.approval = Approval{"alice", "CHG-1"};
  r.rollback = true;
  r.rolled_back_apps = {"fraud"};
  r.skipped_environments = {"qa"};
  r.allow_skip = true;
  r.on_gate_failure = "error";
  return r;
}

std::string error_field(const std::string& text) {
  const aoa::Status s = parse_audit_json(text).status();
  if (s.ok()) return "<none>";
  EXPECT_EQ(s.code(), aoa::StatusCode::kCorruption);
  return s.field();
}

// The rendered sample with one substring replaced (the test fails when it is not there).
std::string edited(const std::string& from, const std::string& to) {
  std::string text = render_audit_json(sample());
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST(AuditJson, RendersTheDocumentedShape) {
  AuditRecord r = sample();
  r.gates.resize(1);
  r.approval.reset();
  EXPECT_EQ(render_audit_json(r), R"({
  "apiVersion": "appofapps.io/v1",
  "kind": "PromotionAudit",
  "id": "0123456789abcdef",
  "decision": "promoted",
  "time": "2026-11-23T19:15:02Z",
  "actor": "terraform",
  "actor_email": "ci@example.com",
  "root": "ml",
  "from": "staging",
  "to": "prod",
  "requested": {
    "fraud": "12"
  },
  "versions_before": {
    "fraud": "11"
  },
  "versions_after": {
    "fraud": "12"
  },
  "rollback": true,
  "rolled_back_apps": [
    "fraud"
  ],
  "skipped_environments": [
    "qa"
  ],
  "allow_skip": true,
  "on_gate_failure": "error",
  "approval": null,
  "gate_config": [],
  "gates": [
    {
      "app": "fraud",
      "model": "fraud",
      "version": "12",
      "metric": "auc",
      "op": ">=",
      "threshold": "0.91",
      "actual": "0.93",
      "relative": false,
      "target_version": "",
      "target_value": null,
      "tolerance": null,
      "passed": true,
      "waived": false,
      "reason": "auc = 0.93 satisfies >= 0.91"
    }
  ]
}
)");
}

TEST(AuditJson, RoundTrips) {
  EXPECT_EQ(parse_audit_json(render_audit_json(sample())).value(), sample());
  AuditRecord empty;
  empty.id = "x";
  empty.decision = "withdrawn";
  empty.time = "2024-02-29T00:00:00Z";
  empty.root = "r";
  empty.from = "a";
  empty.to = "b";
  EXPECT_EQ(parse_audit_json(render_audit_json(empty)).value(), empty);
  AuditRecord odd = sample();
  odd.actor = "Zoë \"the\" admin\n\\";
  odd.gates[0].actual = N("-1e-4000");
  odd.gates[0].threshold = N("123456789012345678901234567890.5");
  odd.requested["a\u00e9"] = "";
  EXPECT_EQ(parse_audit_json(render_audit_json(odd)).value(), odd);
}

TEST(AuditJson, GateConfigRoundTripsForImport) {
  AuditRecord r = sample();
  Gate absolute;
  absolute.metric = "auc";
  absolute.op = GateOp::Ge;
  absolute.value = N("0.91");
  Gate relative;
  relative.app = "fraud";
  relative.metric = "latency_p95_ms";
  relative.op = GateOp::Le;
  relative.not_worse_than_target = true;
  relative.tolerance = N("5");
  r.gate_config = {absolute, relative};
  const std::string text = render_audit_json(r);
  EXPECT_NE(text.find("\"gate_config\": ["), std::string::npos) << text;
  EXPECT_EQ(parse_audit_json(text).value(), r);
  std::string bad = text;
  const size_t at = bad.find("\"op\": \"<=\"");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 10, "\"op\": \"=<\"");
  EXPECT_EQ(error_field(bad), "gate_config[1].op");
}

TEST(AuditJson, NumbersAreExactDecimalStrings) {
  const std::string text = render_audit_json(sample());
  EXPECT_NE(text.find("\"threshold\": \"0.91\""), std::string::npos);
  EXPECT_NE(text.find("\"tolerance\": \"0.5\""), std::string::npos);
  const AuditRecord r = parse_audit_json(edited("\"threshold\": \"0.91\"", "\"threshold\": \"0.910\"")).value();
  EXPECT_EQ(r.gates[0].threshold, N("0.91"));
}

TEST(AuditJson, AbsentOptionalFieldsTakeDefaults) {
  const AuditRecord r = parse_audit_json(R"({"apiVersion": "appofapps.io/v1", "kind": "PromotionAudit",
      "id": "abc", "decision": "held", "time": "2026-01-01T00:00:00Z", "root": "ml", "from": "dev", "to": "qa",
      "gates": [{"app": "a", "metric": "m", "op": "<"}], "future_field": {"x": [1, 2.5e300]}})").value();
  EXPECT_EQ(r.decision, "held");
  EXPECT_TRUE(r.requested.empty());
  EXPECT_FALSE(r.approval.has_value());
  ASSERT_EQ(r.gates.size(), 1u);
  EXPECT_EQ(r.gates[0].op, GateOp::Lt);
  EXPECT_FALSE(r.gates[0].threshold.has_value());
  EXPECT_EQ(r.on_gate_failure, "");
}

TEST(AuditJson, ParseErrorsNameTheField) {
  EXPECT_EQ(error_field(edited("\"id\": \"0123456789abcdef\",", "")), "id");
  EXPECT_EQ(error_field(edited("\"id\": \"0123456789abcdef\"", "\"id\": \"../x\"")), "id");
  EXPECT_EQ(error_field(edited("\"decision\": \"promoted\"", "\"decision\": \"approved\"")), "decision");
  EXPECT_EQ(error_field(edited("\"time\": \"2026-11-23T19:15:02Z\"", "\"time\": \"2026-11-23 19:15:02\"")), "time");
  EXPECT_EQ(error_field(edited("\"time\": \"2026-11-23T19:15:02Z\"", "\"time\": 1700000000")), "time");
  EXPECT_EQ(error_field(edited("\"kind\": \"PromotionAudit\"", "\"kind\": \"Other\"")), "kind");
  EXPECT_EQ(error_field(edited("\"apiVersion\": \"appofapps.io/v1\"", "\"apiVersion\": \"v2\"")), "apiVersion");
  EXPECT_EQ(error_field(edited("\"root\": \"ml\"", "\"root\": null")), "root");
  EXPECT_EQ(error_field(edited("\"requested\": {\n    \"fraud\": \"12\"", "\"requested\": {\n    \"fraud\": 12")),
            "requested.fraud");
  EXPECT_EQ(error_field(edited("\"requested\": {", "\"requested\": [], \"x\": {")), "requested");
  EXPECT_EQ(error_field(edited("\"rollback\": true", "\"rollback\": \"yes\"")), "rollback");
  EXPECT_EQ(error_field(edited("\"rolled_back_apps\": [\n    \"fraud\"", "\"rolled_back_apps\": [\n    1")),
            "rolled_back_apps[0]");
  EXPECT_EQ(error_field(edited("\"on_gate_failure\": \"error\"", "\"on_gate_failure\": \"warn\"")),
            "on_gate_failure");
  EXPECT_EQ(error_field(edited("\"approval\": {", "\"approval\": [], \"x\": {")), "approval");
  EXPECT_EQ(error_field(edited("\"approved_by\": \"alice\"", "\"approved_by\": true")), "approval.approved_by");
  EXPECT_EQ(error_field(edited("\"threshold\": \"0.91\"", "\"threshold\": 0.91")), "gates[0].threshold");
  EXPECT_EQ(error_field(edited("\"threshold\": \"0.91\"", "\"threshold\": \"high\"")), "gates[0].threshold");
  EXPECT_EQ(error_field(edited("\"op\": \"<=\"", "\"op\": \"~\"")), "gates[1].op");
  EXPECT_EQ(error_field(edited("\"passed\": false", "\"passed\": 0")), "gates[1].passed");
  EXPECT_EQ(error_field(edited("\"gates\": [", "\"gates\": {\"a\": [")), "");  // not JSON any more
  EXPECT_EQ(error_field(edited("\"gates\": [", "\"gates\": 3, \"x\": [")), "gates");
  EXPECT_EQ(error_field(edited("\"gates\": [\n    {", "\"gates\": [\n    7, {")), "gates[0]");
}

TEST(AuditJson, RejectsTextThatIsNotARecord) {
  for (const std::string& bad : std::vector<std::string>{"", "null", "[]", "42", "{", "{} {}", "\"x\"",
                                                         "{\"id\": \"\xff\"}", std::string(100000, '[')}) {
    EXPECT_EQ(error_field(bad), "") << bad.substr(0, 20);
  }
  EXPECT_EQ(parse_audit_json("[]").status().message(), "audit record: must be a JSON object");
}

TEST(AuditId, SixteenHexCharactersFromACsprng) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_audit_id().value();
    ASSERT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(AuditTime, FormatsUtcWithSecondPrecision) {
  using namespace std::chrono;
  const sys_seconds t = sys_days{year{2026} / November / 23} + hours{19} + minutes{15} + seconds{2};
  EXPECT_EQ(format_audit_time(t), "2026-11-23T19:15:02Z");
  EXPECT_EQ(format_audit_time(t + milliseconds{999}), "2026-11-23T19:15:02Z");
  EXPECT_EQ(format_audit_time(system_clock::time_point{}), "1970-01-01T00:00:00Z");
  EXPECT_TRUE(is_audit_time(format_audit_time(system_clock::now())));
}

TEST(AuditTime, ValidatesTheExactShapeAndCalendar) {
  for (const char* ok : {"2026-11-23T19:15:02Z", "2024-02-29T23:59:59Z", "2000-01-01T00:00:00Z"}) {
    EXPECT_TRUE(is_audit_time(ok)) << ok;
  }
  for (const char* bad : {"", "2026-11-23T19:15:02", "2026-11-23t19:15:02Z", "2026-11-23T19:15:02z",
                          "2026-11-23T19:15:02.1Z", "2026-11-23T19:15:02+00:00", "2023-02-29T00:00:00Z",
                          "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z",
                          "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z", "2026-11-23T23:59:60Z",
                          "2026-1a-23T19:15:02Z", " 2026-11-23T19:15:02Z"}) {
    EXPECT_FALSE(is_audit_time(bad)) << bad;
  }
  EXPECT_EQ(compact_audit_time("2026-11-23T19:15:02Z"), "20261123T191502Z");
  EXPECT_FALSE(compact_audit_time("2026-11-23"));
}

TEST(AuditRecordOfDecision, PromotedRecord) {
  Scenario s;
  s.context.target_protected = true;
  s.request.approval = Approval{"alice", "CHG-7"};
  s.add_gate("auc", GateOp::Ge, "0.9");
  const Decision d = s.run();
  const AuditRecord r = make_audit_record(s.request, d, "terraform", "tf@example.com", "2026-11-23T19:15:02Z", "abcd");
  EXPECT_EQ(r.decision, "promoted");
  EXPECT_EQ(r.requested, s.request.versions);
  EXPECT_EQ(r.versions_before, (std::map<std::string, std::string>{{"fraud", "11"}}));
  EXPECT_EQ(r.versions_after, (std::map<std::string, std::string>{{"fraud", "12"}}));
  EXPECT_EQ(r.gates, d.evidence);
  EXPECT_EQ(r.approval, s.request.approval);
  EXPECT_EQ(r.on_gate_failure, "error");
  EXPECT_EQ(r.actor_email, "tf@example.com");
  EXPECT_EQ(parse_audit_json(render_audit_json(r)).value(), r);
}

TEST(AuditRecordOfDecision, HeldRecordKeepsTheTargetVersions) {
  Scenario s;
  s.request.on_gate_failure = OnGateFailure::Hold;
  s.add_gate("auc", GateOp::Ge, "0.99");
  const Decision d = s.run();
  const AuditRecord r = make_audit_record(s.request, d, "tf", "", "2026-11-23T19:15:02Z", "id1");
  EXPECT_EQ(r.decision, "held");
  EXPECT_EQ(r.versions_after, r.versions_before);
  EXPECT_EQ(r.on_gate_failure, "hold");
}

TEST(AuditRecordOfDecision, RecordsAreTheHistoryOfLaterRollbacks) {
  // Promote 11 to prod, then 12; rolling back to 11 is then waived through its failing gate.
  Scenario s;
  s.context.from_apps["fraud"].version = "11";
  s.context.to_apps["fraud"].version = "10";
  s.request.versions = {{"fraud", "11"}};
  const Decision first = s.run();
  ASSERT_EQ(errors(first), 0u) << dump(first);
  const std::string json =
      render_audit_json(make_audit_record(s.request, first, "tf", "", "2026-10-01T00:00:00Z", new_audit_id().value()));

  Scenario later;
  later.context.to_apps["fraud"].version = "12";
  later.context.from_apps["fraud"].version = "13";
  later.request.versions = {{"fraud", "11"}};
  later.set_metric("fraud", "11", "auc", "0.5");
  later.add_gate("auc", GateOp::Ge, "0.9");
  later.context.history = {parse_audit_json(json).value()};
  const Decision d = later.run();
  EXPECT_EQ(errors(d), 0u) << dump(d);
  EXPECT_TRUE(d.evidence[0].waived);
}
