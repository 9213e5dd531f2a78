#include <nlohmann/json.hpp>

#include "internal/promotion/audit.h"
#include "internal/promotion/audit_id.h"
#include "internal/promotion/audit_time.h"

namespace aoa::promotion {
namespace {

using Json = nlohmann::json;

// The parser unwinds with StatusException; parse_audit_json turns it back into the Status, whose
// message reads "audit record: <field>: <problem>".
[[noreturn]] void bad(const std::string& field, const std::string& problem) {
  throw StatusException(
      Status::corruption("audit record: " + (field.empty() ? std::string() : field + ": ") + problem, field));
}

std::string join(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// Typed access to one JSON object; errors name the field. A null value reads as absent.
class Fields {
 public:
  Fields(const Json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) bad(path_, "must be a JSON object");
  }

  const Json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string field(const char* key) const { return join(path_, key); }

  std::string string(const char* key, bool required = false) const {
    const Json* v = find(key);
    if (v == nullptr) {
      if (required) bad(field(key), "is required");
      return {};
    }
    if (!v->is_string()) bad(field(key), "must be a string");
    return v->get<std::string>();
  }

  bool boolean(const char* key) const {
    const Json* v = find(key);
    if (v == nullptr) return false;
    if (!v->is_boolean()) bad(field(key), "must be true or false");
    return v->get<bool>();
  }

  std::optional<cty::Number> number(const char* key) const {
    const Json* v = find(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) bad(field(key), "must be a decimal number written as a string, e.g. \"0.91\"");
    auto n = cty::Number::parse(v->get_ref<const std::string&>());
    if (!n) bad(field(key), "is not a decimal number");
    return n;
  }

  std::map<std::string, std::string> string_map(const char* key) const {
    std::map<std::string, std::string> out;
    const Json* v = find(key);
    if (v == nullptr) return out;
    if (!v->is_object()) bad(field(key), "must be an object of strings");
    for (const auto& [k, value] : v->items()) {
      if (!value.is_string()) bad(field(key) + "." + k.substr(0, 80), "must be a string");
      out.emplace(k, value.get<std::string>());
    }
    return out;
  }

  std::vector<std::string> string_list(const char* key) const {
    std::vector<std::string> out;
    const Json* v = find(key);
    if (v == nullptr) return out;
    if (!v->is_array()) bad(field(key), "must be a list of strings");
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) bad(field(key) + "[" + std::to_string(i) + "]", "must be a string");
      out.push_back((*v)[i].get<std::string>());
    }
    return out;
  }

 private:
  const Json& object_;
  std::string path_;
};

// The "op" of a gate result or a gate block.
GateOp read_op(const Fields& f) {
  const auto op = parse_gate_op(f.string("op", true));
  if (!op) bad(f.field("op"), "must be " + std::string(kGateOpsAllowed));
  return *op;
}

GateEvidence read_evidence(const Json& j, const std::string& path) {
  const Fields f(j, path);
  GateEvidence e;
  e.app = f.string("app", true);
  e.model = f.string("model");
  e.version = f.string("version");
  e.metric = f.string("metric", true);
  e.op = read_op(f);
  e.threshold = f.number("threshold");
  e.actual = f.number("actual");
  e.relative = f.boolean("relative");
  e.target_version = f.string("target_version");
  e.target_value = f.number("target_value");
  e.tolerance = f.number("tolerance");
  e.passed = f.boolean("passed");
  e.waived = f.boolean("waived");
  e.reason = f.string("reason");
  return e;
}

Gate read_gate(const Json& j, const std::string& path) {
  const Fields f(j, path);
  Gate g;
  g.app = f.string("app");
  g.metric = f.string("metric", true);
  g.op = read_op(f);
  g.value = f.number("value");
  g.not_worse_than_target = f.boolean("not_worse_than_target");
  g.tolerance = f.number("tolerance").value_or(cty::Number());
  return g;
}

void require_equal(const Fields& f, const char* key, std::string_view expected) {
  if (f.string(key, true) != expected) bad(f.field(key), "must be \"" + std::string(expected) + "\"");
}

AuditRecord read_record(const Json& j) {
  const Fields f(j, "");
  require_equal(f, "apiVersion", kAuditApiVersion);
  require_equal(f, "kind", kAuditKind);
  AuditRecord r;
  r.id = f.string("id", true);
  if (!detail::is_valid_audit_id(r.id)) bad("id", "must be 1 to 64 letters, digits, '-' or '_'");
  r.decision = f.string("decision", true);
  if (r.decision != "promoted" && r.decision != "held" && r.decision != "withdrawn") {
    bad("decision", "must be \"promoted\", \"held\" or \"withdrawn\"");
  }
  r.time = f.string("time", true);
  if (!is_audit_time(r.time)) bad("time", "must be an RFC 3339 UTC time such as 2026-11-23T19:15:02Z");
  r.actor = f.string("actor");
  r.actor_email = f.string("actor_email");
  r.root = f.string("root", true);
  r.from = f.string("from", true);
  r.to = f.string("to", true);
  r.requested = f.string_map("requested");
  r.versions_before = f.string_map("versions_before");
  r.versions_after = f.string_map("versions_after");
  r.rollback = f.boolean("rollback");
  r.rolled_back_apps = f.string_list("rolled_back_apps");
  r.skipped_environments = f.string_list("skipped_environments");
  r.allow_skip = f.boolean("allow_skip");
  r.on_gate_failure = f.string("on_gate_failure");
  if (!r.on_gate_failure.empty() && !parse_on_gate_failure(r.on_gate_failure)) {
    bad("on_gate_failure", "must be \"error\" or \"hold\"");
  }
  if (const Json* approval = f.find("approval")) {
    const Fields a(*approval, "approval");
    r.approval = Approval{a.string("approved_by"), a.string("ticket")};
  }
  if (const Json* config = f.find("gate_config")) {
    if (!config->is_array()) bad("gate_config", "must be a list of gate blocks");
    for (size_t i = 0; i < config->size(); ++i) r.gate_config.push_back(read_gate((*config)[i], "gate_config[" + std::to_string(i) + "]"));
  }
  if (const Json* gates = f.find("gates")) {
    if (!gates->is_array()) bad("gates", "must be a list of gate results");
    for (size_t i = 0; i < gates->size(); ++i) {
      r.gates.push_back(read_evidence((*gates)[i], "gates[" + std::to_string(i) + "]"));
    }
  }
  return r;
}

}  // namespace

Result<AuditRecord> parse_audit_json(std::string_view text) {
  return catch_status([&] {
    Json j;
    try {
      j = Json::parse(text.begin(), text.end());
    } catch (const Json::exception& e) {
      bad("", std::string("not valid JSON: ") + e.what());
    }
    try {
      return read_record(j);
    } catch (const Json::exception& e) {  // defensive: the typed accessors check before reading
      bad("", std::string("could not be read: ") + e.what());
    }
  });
}

}  // namespace aoa::promotion
