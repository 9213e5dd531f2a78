#include <string>

#include <yaml-cpp/yaml.h>

#include "internal/registry/model_version.h"
#include "internal/registry/names.h"
#include "internal/registry/record_error.h"
#include "internal/registry/text_rules.h"
#include "internal/render/yaml_util.h"

namespace aoa::registry {
namespace {

// The renderer unwinds with StatusException; render_model_version turns it back into the Status.
[[noreturn]] void bad(const std::string& field, const std::string& problem) {
  throw StatusException(detail::record_error(StatusCode::kInvalidArgument, field, problem));
}

void require_valid(const Status& valid, const std::string& field) {
  if (!valid.ok()) bad(field, valid.message());
}

// yaml-cpp writes DEL raw even in double quotes, but YAML allows it only escaped
// (parse_model_version, go-yaml and PyYAML refuse it raw). Such rare strings are written with
// every non-ASCII character escaped, which yaml-cpp does for the next scalar only.
void emit_text(YAML::Emitter& out, std::string_view s) {
  if (s.find('\x7f') != std::string_view::npos) {
    out << YAML::EscapeNonAscii << YAML::DoubleQuoted << std::string(s);
  } else {
    render::emit_string(out, s);
  }
}

void emit_kv(YAML::Emitter& out, std::string_view key, std::string_view value) {
  out << YAML::Key;
  emit_text(out, key);
  out << YAML::Value;
  emit_text(out, value);
}

void require_text(std::string_view s, const std::string& field) {
  const std::string problem = detail::text_problem(s);
  if (!problem.empty()) bad(field, problem);
}

void emit_string_map(YAML::Emitter& out, std::string_view key, const std::map<std::string, std::string>& map) {
  out << YAML::Key << std::string(key) << YAML::Value << YAML::BeginMap;
  for (const auto& [k, v] : map) emit_kv(out, k, v);
  out << YAML::EndMap;
}

std::string render_or_throw(const ModelVersionRecord& r) {
  require_valid(validate_model_name(r.model), "model");
  require_valid(validate_version(r.version), "version");
  for (const auto& [name, value] : r.metrics) require_valid(validate_metric_name(name), "metrics." + name);
  require_text(r.artifact_uri, "artifact_uri");
  require_text(r.lineage.run_id, "lineage.run_id");
  require_text(r.lineage.data_version, "lineage.data_version");
  require_text(r.lineage.code_commit, "lineage.code_commit");
  for (const auto& [key, value] : r.tags) {
    require_text(key, "tags");
    require_text(value, "tags." + key);
  }

  YAML::Emitter out;
  out << YAML::BeginMap;
  emit_kv(out, "apiVersion", kApiVersion);
  emit_kv(out, "kind", kModelVersionKind);
  emit_kv(out, "model", r.model);
  emit_kv(out, "version", r.version);
  emit_kv(out, "artifact_uri", r.artifact_uri);
  out << YAML::Key << "metrics" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : r.metrics) {
    out << YAML::Key;
    render::emit_string(out, name);
    // Canonical decimal text (no exponent) is a plain YAML int or float for every reader.
    out << YAML::Value << value.to_string();
  }
  out << YAML::EndMap;
  out << YAML::Key << "lineage" << YAML::Value << YAML::BeginMap;
  emit_kv(out, "run_id", r.lineage.run_id);
  emit_kv(out, "data_version", r.lineage.data_version);
  emit_kv(out, "code_commit", r.lineage.code_commit);
  out << YAML::EndMap;
  emit_string_map(out, "tags", r.tags);
  out << YAML::EndMap;
  if (!out.good()) throw StatusException(Status::internal("model version record: YAML emitter failed: " + out.GetLastError()));
  std::string text = out.c_str();
  text += '\n';
  return text;
}

}  // namespace

Result<std::string> render_model_version(const ModelVersionRecord& record) {
  return catch_status([&] { return render_or_throw(record); });
}

}  // namespace aoa::registry
