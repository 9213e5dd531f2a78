#include "internal/render/azureml.h"

#include <climits>
#include <cstdint>
#include <initializer_list>

#include <yaml-cpp/yaml.h>

#include "internal/render/child_application.h"
#include "internal/render/yaml_util.h"

namespace aoa::render {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// FNV-1a, 64 bit: stable across platforms and releases (std::hash is neither).
std::uint64_t fnv1a(std::string_view data, std::uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Letters, digits and '-' only; runs of '-' collapsed.
std::string sanitize_name_part(std::string_view s) {
  std::string out;
  for (char c : s) {
    const char mapped = (is_letter(c) || is_digit(c)) ? c : '-';
    if (mapped == '-' && !out.empty() && out.back() == '-') continue;
    out += mapped;
  }
  return out;
}

// --- validation ----------------------------------------------------------------------------

void require(bool ok, std::string_view file, std::string_view field, std::string_view what, std::string_view value) {
  if (!ok) {
    throw StatusException(Status::invalid_argument(std::string(file) + ": " + std::string(field) + " " +
                                                   std::string(what) + ", got \"" + std::string(value) + "\"",
                                               std::string(field)));
  }
}

void require_int(bool ok, std::string_view file, std::string_view field, std::string_view what, int value) {
  require(ok, file, field, what, std::to_string(value));
}

constexpr std::string_view kNameRule = "must be 3-32 letters, digits or '-', start with a letter, not end with '-'";

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed) {
    if (value == a) return true;
  }
  return false;
}

void validate_string_map(const std::map<std::string, std::string>& values, std::string_view file,
                         std::string_view field) {
  for (const auto& [key, value] : values) {
    require(!key.empty(), file, field, "keys must not be empty", key);
  }
}

void validate_code_configuration(const std::optional<CodeConfigurationSpec>& code, std::string_view file) {
  if (!code) return;
  require(!code->code.empty(), file, "code_configuration.code", "must not be empty", code->code);
  require(!code->scoring_script.empty(), file, "code_configuration.scoring_script", "must not be empty",
          code->scoring_script);
}

void validate_probe(const std::optional<ProbeSpec>& probe, std::string_view file, const std::string& field) {
  if (!probe) return;
  require_int(probe->initial_delay >= 0, file, field + ".initial_delay", "must be >= 0", probe->initial_delay);
  require_int(probe->period >= 1, file, field + ".period", "must be >= 1", probe->period);
  require_int(probe->timeout >= 1, file, field + ".timeout", "must be >= 1", probe->timeout);
  require_int(probe->failure_threshold >= 1, file, field + ".failure_threshold", "must be >= 1",
              probe->failure_threshold);
  require_int(probe->success_threshold >= 1, file, field + ".success_threshold", "must be >= 1",
              probe->success_threshold);
}

// --- emitting ------------------------------------------------------------------------------

// Keys are fixed, safe plain scalars; values go through emit_string.
void key(YAML::Emitter& out, std::string_view k) { out << YAML::Key << std::string(k) << YAML::Value; }

void emit_kv(YAML::Emitter& out, std::string_view k, std::string_view value) {
  key(out, k);
  emit_string(out, value);
}

void emit_int(YAML::Emitter& out, std::string_view k, int value) {
  key(out, k);
  out << value;
}

void emit_string_map(YAML::Emitter& out, std::string_view k, const std::map<std::string, std::string>& values) {
  if (values.empty()) return;
  key(out, k);
  out << YAML::BeginMap;
  for (const auto& [name, value] : values) {
    out << YAML::Key;
    emit_string(out, name);
    out << YAML::Value;
    emit_string(out, value);
  }
  out << YAML::EndMap;
}

void emit_code_configuration(YAML::Emitter& out, const std::optional<CodeConfigurationSpec>& code) {
  if (!code) return;
  key(out, "code_configuration");
  out << YAML::BeginMap;
  emit_kv(out, "code", code->code);
  emit_kv(out, "scoring_script", code->scoring_script);
  out << YAML::EndMap;
}

void emit_probe(YAML::Emitter& out, std::string_view k, const std::optional<ProbeSpec>& probe) {
  if (!probe) return;
  key(out, k);
  out << YAML::BeginMap;
  emit_int(out, "initial_delay", probe->initial_delay);
  emit_int(out, "period", probe->period);
  emit_int(out, "timeout", probe->timeout);
  emit_int(out, "success_threshold", probe->success_threshold);
  emit_int(out, "failure_threshold", probe->failure_threshold);
  out << YAML::EndMap;
}

YAML::Emitter& begin(YAML::Emitter& out, std::string_view schema) {
  out.SetIndent(2);
  out << YAML::BeginMap;
  emit_kv(out, "$schema", schema);
  return out;
}

std::string finish(YAML::Emitter& out, std::string_view file) {
  out << YAML::EndMap;
  if (!out.good()) throw StatusException(Status::internal(std::string(file) + ": YAML emitter failed: " + out.GetLastError()));
  std::string text = out.c_str();
  text += '\n';
  return text;
}

// --- parsing -------------------------------------------------------------------------------

// Present: defined and not null. (A default-constructed YAML::Node is a defined null, so
// `if (node)` cannot tell "absent" apart.)
bool present(const YAML::Node& node) { return node.IsDefined() && !node.IsNull(); }

class Reader {
 public:
  Reader(std::string_view text, std::string_view what, std::string_view schema)
      : what_(what), doc_(value_or_throw(load_single_document(text, what))) {
    const std::string found = string_at(doc_, "$schema", "");
    if (!found.empty() && found != schema) fail("$schema is \"" + found + "\", expected \"" + std::string(schema) + "\"");
  }

  const YAML::Node& doc() const { return doc_; }

  [[noreturn]] void fail(const std::string& why) const { throw StatusException(Status::corruption(what_ + ": " + why)); }

  // The string at node[key]; "" when absent or null.
  std::string string_at(const YAML::Node& node, const char* k, const std::string& path) const {
    const YAML::Node child = get(node, k);
    if (!present(child)) return {};
    if (!child.IsScalar()) fail(path + k + " is not a string");
    return child.Scalar();
  }

  // The decimal integer at node[key] in [min, max]; `fallback` when absent or null.
  int int_at(const YAML::Node& node, const char* k, const std::string& path, int fallback, long long min = INT_MIN,
             long long max = INT_MAX) const {
    const YAML::Node child = get(node, k);
    if (!present(child)) return fallback;
    long long value = 0;
    if (!child.IsScalar() || !parse_decimal_int(child.Scalar(), min, max, value)) {
      fail(path + k + " is not an integer" + (child.IsScalar() ? ": \"" + child.Scalar() + "\"" : std::string()));
    }
    return static_cast<int>(value);
  }

  // The mapping at node[key]; an invalid node when absent or null.
  YAML::Node map_at(const YAML::Node& node, const char* k, const std::string& path) const {
    const YAML::Node child = get(node, k);
    if (!present(child)) return YAML::Node();
    if (!child.IsMap()) fail(path + k + " is not a mapping");
    return child;
  }

  std::map<std::string, std::string> string_map_at(const YAML::Node& node, const char* k,
                                                   const std::string& path) const {
    std::map<std::string, std::string> result;
    const YAML::Node map = map_at(node, k, path);
    if (!present(map)) return result;
    for (const auto& entry : map) {
      if (!entry.first.IsScalar() || !(entry.second.IsScalar() || entry.second.IsNull())) {
        fail(path + k + " must map strings to strings");
      }
      result[entry.first.Scalar()] = entry.second.IsNull() ? std::string() : entry.second.Scalar();
    }
    return result;
  }

  std::optional<CodeConfigurationSpec> code_configuration_at(const YAML::Node& node) const {
    const YAML::Node map = map_at(node, "code_configuration", "");
    if (!present(map)) return std::nullopt;
    return CodeConfigurationSpec{string_at(map, "code", "code_configuration."),
                                 string_at(map, "scoring_script", "code_configuration.")};
  }

  std::optional<ProbeSpec> probe_at(const YAML::Node& node, const char* k) const {
    const YAML::Node map = map_at(node, k, "");
    if (!present(map)) return std::nullopt;
    const std::string path = std::string(k) + ".";
    ProbeSpec probe;
    probe.initial_delay = int_at(map, "initial_delay", path, probe.initial_delay);
    probe.period = int_at(map, "period", path, probe.period);
    probe.timeout = int_at(map, "timeout", path, probe.timeout);
    probe.success_threshold = int_at(map, "success_threshold", path, probe.success_threshold);
    probe.failure_threshold = int_at(map, "failure_threshold", path, probe.failure_threshold);
    return probe;
  }

 private:
  static YAML::Node get(const YAML::Node& node, const char* k) {
    if (!present(node) || !node.IsMap()) return YAML::Node();
    return node[k];
  }

  std::string what_;
  YAML::Node doc_;
};

// Runs `parse` and turns yaml-cpp's exceptions (bad conversions, invalid nodes) into corruption.
// Renderers and parsers unwind with StatusException; the public functions at the end of this file
// turn it back into a Status.
template <typename F>
auto guarded(std::string_view what, F&& parse) {
  try {
    return parse();
  } catch (const YAML::Exception& e) {
    throw StatusException(Status::corruption(std::string(what) + " could not be read: " + e.what()));
  }
}

constexpr std::string_view kOnlineEndpoint = "online endpoint";
constexpr std::string_view kOnlineDeployment = "online deployment";
constexpr std::string_view kBatchEndpoint = "batch endpoint";
constexpr std::string_view kBatchDeployment = "batch deployment";

}  // namespace

// --- names ---------------------------------------------------------------------------------

bool is_azureml_endpoint_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  if (!is_letter(name.front()) || name.back() == '-') return false;
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c) && c != '-') return false;
  }
  return true;
}

std::string azureml_endpoint_name(std::string_view app, std::string_view environment) {
  std::string candidate = std::string(app) + "-" + std::string(environment);
  if (is_azureml_endpoint_name(candidate)) return candidate;

  // The hash separates app and environment with a byte neither contains, so ("a-b", "c") and
  // ("a", "b-c") differ.
  std::uint64_t hash = fnv1a(app);
  hash = fnv1a(std::string_view("\0", 1), hash);
  hash = fnv1a(environment, hash);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string suffix(8, '0');
  for (int i = 7; i >= 0; --i) {
    suffix[static_cast<size_t>(i)] = kHex[hash & 0xF];
    hash >>= 4;
  }

  constexpr size_t kPrefixMax = 32 - 1 - 8;  // "<prefix>-<8 hex>"
  const std::string app_part = sanitize_name_part(app);
  const std::string env_part = sanitize_name_part(environment);
  std::string prefix;
  if (!env_part.empty() && env_part.size() <= 10) {
    // Keep the (short) environment whole, cut the app.
    prefix = app_part.substr(0, kPrefixMax - 1 - env_part.size()) + "-" + env_part;
  } else {
    prefix = sanitize_name_part(candidate).substr(0, kPrefixMax);
  }
  // A letter first, no doubled or trailing '-'.
  size_t first = 0;
  while (first < prefix.size() && !is_letter(prefix[first])) ++first;
  prefix = sanitize_name_part(prefix.substr(first));
  while (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
  if (prefix.empty()) prefix = "ep";
  return prefix + "-" + suffix;
}

// --- online endpoint -----------------------------------------------------------------------

static std::string render_online_endpoint_or_throw(const OnlineEndpointSpec& spec) {
  constexpr auto file = kOnlineEndpoint;
  require(is_azureml_endpoint_name(spec.name), file, "name", kNameRule, spec.name);
  require(one_of(spec.auth_mode, {"key", "aml_token", "aad_token"}), file, "auth_mode",
          "must be key, aml_token or aad_token", spec.auth_mode);
  long long total = 0;
  for (const auto& [deployment, percent] : spec.traffic) {
    require(is_azureml_endpoint_name(deployment), file, "traffic", "keys are deployment names that " +
            std::string(kNameRule), deployment);
    require_int(percent >= 0 && percent <= 100, file, "traffic[\"" + deployment + "\"]", "must be 0..100", percent);
    total += percent;
  }
  require(total == 0 || total == 100, file, "traffic", "must add up to 0 or 100", std::to_string(total));
  validate_string_map(spec.tags, file, "tags");

  YAML::Emitter out;
  begin(out, kSchemaOnlineEndpoint);
  emit_kv(out, "name", spec.name);
  if (!spec.description.empty()) emit_kv(out, "description", spec.description);
  emit_kv(out, "auth_mode", spec.auth_mode);
  if (!spec.traffic.empty()) {
    key(out, "traffic");
    out << YAML::BeginMap;
    for (const auto& [deployment, percent] : spec.traffic) {
      out << YAML::Key;
      emit_string(out, deployment);  // a deployment may be called "true" or "null"
      out << YAML::Value << percent;
    }
    out << YAML::EndMap;
  }
  emit_string_map(out, "tags", spec.tags);
  return finish(out, file);
}

static OnlineEndpointSpec parse_online_endpoint_or_throw(std::string_view yaml_text) {
  return guarded(kOnlineEndpoint, [&] {
    const Reader r(yaml_text, kOnlineEndpoint, kSchemaOnlineEndpoint);
    OnlineEndpointSpec spec;
    spec.name = r.string_at(r.doc(), "name", "");
    spec.description = r.string_at(r.doc(), "description", "");
    const std::string auth_mode = r.string_at(r.doc(), "auth_mode", "");
    if (!auth_mode.empty()) spec.auth_mode = auth_mode;
    if (const YAML::Node traffic = r.map_at(r.doc(), "traffic", ""); present(traffic)) {
      for (const auto& entry : traffic) {
        if (!entry.first.IsScalar()) r.fail("traffic keys must be deployment names");
        const std::string deployment = entry.first.Scalar();
        spec.traffic[deployment] = r.int_at(traffic, deployment.c_str(), "traffic.", 0);
      }
    }
    spec.tags = r.string_map_at(r.doc(), "tags", "");
    return spec;
  });
}

// --- online deployment ---------------------------------------------------------------------

static std::string render_online_deployment_or_throw(const OnlineDeploymentSpec& spec) {
  constexpr auto file = kOnlineDeployment;
  require(is_azureml_endpoint_name(spec.name), file, "name", kNameRule, spec.name);
  require(is_azureml_endpoint_name(spec.endpoint_name), file, "endpoint_name", kNameRule, spec.endpoint_name);
  require(!spec.model.empty(), file, "model", "must not be empty (e.g. azureml:<model>:<version>)", spec.model);
  validate_code_configuration(spec.code_configuration, file);
  require(!spec.instance_type.empty(), file, "instance_type", "must be a VM SKU such as Standard_DS3_v2",
          spec.instance_type);
  require_int(spec.instance_count >= 1, file, "instance_count", "must be >= 1", spec.instance_count);
  validate_string_map(spec.environment_variables, file, "environment_variables");
  if (spec.request_settings) {
    const auto& rs = *spec.request_settings;
    require_int(rs.request_timeout_ms >= 1 && rs.request_timeout_ms <= 180000, file,
                "request_settings.request_timeout_ms", "must be 1..180000", rs.request_timeout_ms);
    require_int(rs.max_concurrent_requests_per_instance >= 1, file,
                "request_settings.max_concurrent_requests_per_instance", "must be >= 1",
                rs.max_concurrent_requests_per_instance);
    require_int(rs.max_queue_wait_ms >= 0, file, "request_settings.max_queue_wait_ms", "must be >= 0",
                rs.max_queue_wait_ms);
  }
  validate_probe(spec.liveness_probe, file, "liveness_probe");
  validate_probe(spec.readiness_probe, file, "readiness_probe");
  validate_string_map(spec.tags, file, "tags");

  YAML::Emitter out;
  begin(out, kSchemaOnlineDeployment);
  emit_kv(out, "name", spec.name);
  emit_kv(out, "endpoint_name", spec.endpoint_name);
  emit_kv(out, "model", spec.model);
  emit_code_configuration(out, spec.code_configuration);
  if (!spec.environment.empty()) emit_kv(out, "environment", spec.environment);
  emit_kv(out, "instance_type", spec.instance_type);
  emit_int(out, "instance_count", spec.instance_count);
  emit_string_map(out, "environment_variables", spec.environment_variables);
  if (spec.request_settings) {
    key(out, "request_settings");
    out << YAML::BeginMap;
    emit_int(out, "request_timeout_ms", spec.request_settings->request_timeout_ms);
    emit_int(out, "max_concurrent_requests_per_instance", spec.request_settings->max_concurrent_requests_per_instance);
    emit_int(out, "max_queue_wait_ms", spec.request_settings->max_queue_wait_ms);
    out << YAML::EndMap;
  }
  emit_probe(out, "liveness_probe", spec.liveness_probe);
  emit_probe(out, "readiness_probe", spec.readiness_probe);
  emit_string_map(out, "tags", spec.tags);
  return finish(out, file);
}

static OnlineDeploymentSpec parse_online_deployment_or_throw(std::string_view yaml_text) {
  return guarded(kOnlineDeployment, [&] {
    const Reader r(yaml_text, kOnlineDeployment, kSchemaOnlineDeployment);
    const YAML::Node& d = r.doc();
    OnlineDeploymentSpec spec;
    spec.name = r.string_at(d, "name", "");
    spec.endpoint_name = r.string_at(d, "endpoint_name", "");
    spec.model = r.string_at(d, "model", "");
    spec.code_configuration = r.code_configuration_at(d);
    spec.environment = r.string_at(d, "environment", "");
    spec.instance_type = r.string_at(d, "instance_type", "");
    spec.instance_count = r.int_at(d, "instance_count", "", spec.instance_count);
    spec.environment_variables = r.string_map_at(d, "environment_variables", "");
    if (const YAML::Node rs = r.map_at(d, "request_settings", ""); present(rs)) {
      RequestSettingsSpec settings;
      settings.request_timeout_ms = r.int_at(rs, "request_timeout_ms", "request_settings.", settings.request_timeout_ms);
      settings.max_concurrent_requests_per_instance =
          r.int_at(rs, "max_concurrent_requests_per_instance", "request_settings.",
                   settings.max_concurrent_requests_per_instance);
      settings.max_queue_wait_ms = r.int_at(rs, "max_queue_wait_ms", "request_settings.", settings.max_queue_wait_ms);
      spec.request_settings = settings;
    }
    spec.liveness_probe = r.probe_at(d, "liveness_probe");
    spec.readiness_probe = r.probe_at(d, "readiness_probe");
    spec.tags = r.string_map_at(d, "tags", "");
    return spec;
  });
}

// --- batch endpoint ------------------------------------------------------------------------

static std::string render_batch_endpoint_or_throw(const BatchEndpointSpec& spec) {
  constexpr auto file = kBatchEndpoint;
  require(is_azureml_endpoint_name(spec.name), file, "name", kNameRule, spec.name);
  require(spec.default_deployment.empty() || is_azureml_endpoint_name(spec.default_deployment), file,
          "default_deployment", "must be empty or a deployment name that " + std::string(kNameRule),
          spec.default_deployment);
  validate_string_map(spec.tags, file, "tags");

  YAML::Emitter out;
  begin(out, kSchemaBatchEndpoint);
  emit_kv(out, "name", spec.name);
  if (!spec.description.empty()) emit_kv(out, "description", spec.description);
  emit_kv(out, "auth_mode", "aad_token");  // the only mode batch endpoints support
  if (!spec.default_deployment.empty()) {
    key(out, "defaults");
    out << YAML::BeginMap;
    emit_kv(out, "deployment_name", spec.default_deployment);
    out << YAML::EndMap;
  }
  emit_string_map(out, "tags", spec.tags);
  return finish(out, file);
}

static BatchEndpointSpec parse_batch_endpoint_or_throw(std::string_view yaml_text) {
  return guarded(kBatchEndpoint, [&] {
    const Reader r(yaml_text, kBatchEndpoint, kSchemaBatchEndpoint);
    BatchEndpointSpec spec;
    spec.name = r.string_at(r.doc(), "name", "");
    spec.description = r.string_at(r.doc(), "description", "");
    spec.default_deployment = r.string_at(r.map_at(r.doc(), "defaults", ""), "deployment_name", "defaults.");
    spec.tags = r.string_map_at(r.doc(), "tags", "");
    return spec;
  });
}

// --- batch deployment ----------------------------------------------------------------------

static std::string render_batch_deployment_or_throw(const BatchDeploymentSpec& spec) {
  constexpr auto file = kBatchDeployment;
  require(is_azureml_endpoint_name(spec.name), file, "name", kNameRule, spec.name);
  require(is_azureml_endpoint_name(spec.endpoint_name), file, "endpoint_name", kNameRule, spec.endpoint_name);
  require(!spec.model.empty(), file, "model", "must not be empty (e.g. azureml:<model>:<version>)", spec.model);
  validate_code_configuration(spec.code_configuration, file);
  require(!spec.compute.empty(), file, "compute", "must name a compute cluster (e.g. azureml:cpu-cluster)",
          spec.compute);
  require_int(spec.instance_count >= 1, file, "instance_count", "must be >= 1", spec.instance_count);
  require_int(spec.max_concurrency_per_instance >= 1, file, "max_concurrency_per_instance", "must be >= 1",
              spec.max_concurrency_per_instance);
  require_int(spec.mini_batch_size >= 1, file, "mini_batch_size", "must be >= 1", spec.mini_batch_size);
  require_int(spec.error_threshold >= -1, file, "error_threshold", "must be >= -1 (-1 = no limit)",
              spec.error_threshold);
  require_int(spec.max_retries >= 0, file, "max_retries", "must be >= 0", spec.max_retries);
  require_int(spec.retry_timeout >= 1, file, "retry_timeout", "must be >= 1 (seconds)", spec.retry_timeout);
  require(one_of(spec.output_action, {"append_row", "summary_only"}), file, "output_action",
          "must be append_row or summary_only", spec.output_action);
  require(!spec.output_file_name.empty(), file, "output_file_name", "must not be empty", spec.output_file_name);
  require(one_of(spec.logging_level, {"debug", "info", "warning"}), file, "logging_level",
          "must be debug, info or warning", spec.logging_level);
  validate_string_map(spec.environment_variables, file, "environment_variables");
  validate_string_map(spec.tags, file, "tags");

  YAML::Emitter out;
  begin(out, kSchemaBatchDeployment);
  emit_kv(out, "name", spec.name);
  emit_kv(out, "endpoint_name", spec.endpoint_name);
  emit_kv(out, "type", "model");
  emit_kv(out, "model", spec.model);
  emit_code_configuration(out, spec.code_configuration);
  if (!spec.environment.empty()) emit_kv(out, "environment", spec.environment);
  emit_kv(out, "compute", spec.compute);
  key(out, "resources");
  out << YAML::BeginMap;
  emit_int(out, "instance_count", spec.instance_count);
  out << YAML::EndMap;
  key(out, "settings");
  out << YAML::BeginMap;
  emit_int(out, "max_concurrency_per_instance", spec.max_concurrency_per_instance);
  emit_int(out, "mini_batch_size", spec.mini_batch_size);
  emit_kv(out, "output_action", spec.output_action);
  emit_kv(out, "output_file_name", spec.output_file_name);
  key(out, "retry_settings");
  out << YAML::BeginMap;
  emit_int(out, "max_retries", spec.max_retries);
  emit_int(out, "timeout", spec.retry_timeout);
  out << YAML::EndMap;
  emit_int(out, "error_threshold", spec.error_threshold);
  emit_kv(out, "logging_level", spec.logging_level);
  emit_string_map(out, "environment_variables", spec.environment_variables);
  out << YAML::EndMap;  // settings
  emit_string_map(out, "tags", spec.tags);
  return finish(out, file);
}

static BatchDeploymentSpec parse_batch_deployment_or_throw(std::string_view yaml_text) {
  return guarded(kBatchDeployment, [&] {
    const Reader r(yaml_text, kBatchDeployment, kSchemaBatchDeployment);
    const YAML::Node& d = r.doc();
    const std::string type = r.string_at(d, "type", "");
    if (!type.empty() && type != "model") r.fail("type is \"" + type + "\"; only model deployments are modelled");
    BatchDeploymentSpec spec;
    spec.name = r.string_at(d, "name", "");
    spec.endpoint_name = r.string_at(d, "endpoint_name", "");
    spec.model = r.string_at(d, "model", "");
    spec.code_configuration = r.code_configuration_at(d);
    spec.environment = r.string_at(d, "environment", "");
    spec.compute = r.string_at(d, "compute", "");
    spec.instance_count = r.int_at(r.map_at(d, "resources", ""), "instance_count", "resources.", spec.instance_count);
    const YAML::Node s = r.map_at(d, "settings", "");
    const std::string p = "settings.";
    spec.max_concurrency_per_instance =
        r.int_at(s, "max_concurrency_per_instance", p, spec.max_concurrency_per_instance);
    spec.mini_batch_size = r.int_at(s, "mini_batch_size", p, spec.mini_batch_size);
    const std::string output_action = r.string_at(s, "output_action", p);
    if (!output_action.empty()) spec.output_action = output_action;
    const std::string output_file_name = r.string_at(s, "output_file_name", p);
    if (!output_file_name.empty()) spec.output_file_name = output_file_name;
    const YAML::Node retry = r.map_at(s, "retry_settings", p);
    spec.max_retries = r.int_at(retry, "max_retries", p + "retry_settings.", spec.max_retries);
    spec.retry_timeout = r.int_at(retry, "timeout", p + "retry_settings.", spec.retry_timeout);
    spec.error_threshold = r.int_at(s, "error_threshold", p, spec.error_threshold);
    const std::string logging_level = r.string_at(s, "logging_level", p);
    if (!logging_level.empty()) spec.logging_level = logging_level;
    spec.environment_variables = r.string_map_at(s, "environment_variables", p);
    spec.tags = r.string_map_at(d, "tags", "");
    return spec;
  });
}


// --- the interface: Status instead of the StatusException used above -----------------------

Result<std::string> render_online_endpoint(const OnlineEndpointSpec& spec) {
  return catch_status([&] { return render_online_endpoint_or_throw(spec); });
}
Result<OnlineEndpointSpec> parse_online_endpoint(std::string_view yaml_text) {
  return catch_status([&] { return parse_online_endpoint_or_throw(yaml_text); });
}
Result<std::string> render_online_deployment(const OnlineDeploymentSpec& spec) {
  return catch_status([&] { return render_online_deployment_or_throw(spec); });
}
Result<OnlineDeploymentSpec> parse_online_deployment(std::string_view yaml_text) {
  return catch_status([&] { return parse_online_deployment_or_throw(yaml_text); });
}
Result<std::string> render_batch_endpoint(const BatchEndpointSpec& spec) {
  return catch_status([&] { return render_batch_endpoint_or_throw(spec); });
}
Result<BatchEndpointSpec> parse_batch_endpoint(std::string_view yaml_text) {
  return catch_status([&] { return parse_batch_endpoint_or_throw(yaml_text); });
}
Result<std::string> render_batch_deployment(const BatchDeploymentSpec& spec) {
  return catch_status([&] { return render_batch_deployment_or_throw(spec); });
}
Result<BatchDeploymentSpec> parse_batch_deployment(std::string_view yaml_text) {
  return catch_status([&] { return parse_batch_deployment_or_throw(yaml_text); });
}

}  // namespace aoa::render
