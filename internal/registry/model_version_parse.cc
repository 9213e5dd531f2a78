#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "internal/registry/model_version.h"
#include "internal/registry/names.h"
#include "internal/registry/text_rules.h"
#include "internal/registry/record_error.h"
#include "internal/render/yaml_util.h"

namespace aoa::registry {
namespace {

const render::ManifestReader kReader("model version record");

// The parser unwinds with StatusException; parse_model_version turns it back into the Status.
[[noreturn]] void bad(const std::string& field, const std::string& problem) {
  throw StatusException(detail::record_error(StatusCode::kCorruption, field, problem));
}

// A key as it appears in a field path and message; bounded so hostile keys stay readable.
std::string shown(const std::string& key) {
  constexpr size_t kShown = 80;
  return key.size() <= kShown ? key : key.substr(0, kShown) + "…";
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? shown(key) : parent + "." + shown(key);
}

// Keys of a mapping, rejecting non-scalar keys, repeated keys and keys outside `allowed`
// (an empty `allowed` accepts any key).
void check_keys(const YAML::Node& map, const std::string& path, std::initializer_list<std::string_view> allowed) {
  std::set<std::string> seen;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) bad(path, "keys must be strings");
    const std::string& key = entry.first.Scalar();
    if (!seen.insert(key).second) bad(join_path(path, key), "appears more than once");
    if (allowed.size() == 0) continue;
    bool known = false;
    std::string list;
    for (auto a : allowed) {
      known = known || a == key;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    if (!known) bad(join_path(path, key), "is not a field here (allowed: " + list + ")");
  }
}

// Escapes in double quotes can produce text a record may not hold ("\ud800", "\uffff").
void require_text(const std::string& s, const std::string& field) {
  const std::string problem = detail::text_problem(s);
  if (!problem.empty()) bad(field, problem);
}

std::string string_at(const YAML::Node& map, const char* key, const std::string& parent) {
  Result<std::string> read = kReader.scalar_at(map, key, parent);
  if (!read.ok()) bad(join_path(parent, key), "must be a string");
  const std::string value = std::move(read).value();
  require_text(value, join_path(parent, key));
  return value;
}

YAML::Node map_at(const YAML::Node& map, const char* key) {
  Result<YAML::Node> read = kReader.map_at(map, key, "");
  if (!read.ok()) bad(key, "must be a mapping");
  return std::move(read).value();
}

std::string required_name(const YAML::Node& doc, const char* key, Status (*validate)(std::string_view)) {
  const std::string value = string_at(doc, key, "");
  const Status valid = validate(value);
  if (!valid.ok()) bad(key, valid.message());
  return value;
}

// A metric value: a plain (unquoted) YAML scalar, or one tagged !!int / !!float, whose text is a
// decimal number. Leading zeros ("010") are refused: YAML 1.1 readers take them as octal.
cty::Number metric_value(const YAML::Node& node, const std::string& field) {
  const std::string allowed = " (write a decimal number such as 0.91, -3 or 1e3, without quotes)";
  if (!node.IsScalar()) bad(field, "must be a number" + allowed);
  const std::string& tag = node.Tag();
  if (tag != "?" && tag != "tag:yaml.org,2002:int" && tag != "tag:yaml.org,2002:float") {
    bad(field, "is a string, not a number" + allowed);
  }
  const std::string& text = node.Scalar();
  const size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (text.size() > start + 1 && text[start] == '0' && text[start + 1] >= '0' && text[start + 1] <= '9') {
    bad(field, "\"" + shown(text) + "\" has a leading zero, which YAML 1.1 reads as octal" + allowed);
  }
  auto number = cty::Number::parse(text);
  if (!number) {
    bad(field, "\"" + shown(text) + "\" is not a decimal number with |exponent| <= " +
                                   std::to_string(cty::Number::kMaxExponent) + allowed);
  }
  return *number;
}

ModelVersionRecord read_record(const YAML::Node& doc) {
  check_keys(doc, "", {"apiVersion", "kind", "model", "version", "artifact_uri", "metrics", "lineage", "tags"});
  const std::string api_version = string_at(doc, "apiVersion", "");
  if (api_version != kApiVersion) {
    bad("apiVersion", "must be " + std::string(kApiVersion) + ", got \"" + shown(api_version) + "\"");
  }
  const std::string kind = string_at(doc, "kind", "");
  if (kind != kModelVersionKind) {
    bad("kind", "must be " + std::string(kModelVersionKind) + ", got \"" + shown(kind) + "\"");
  }

  ModelVersionRecord r;
  r.model = required_name(doc, "model", validate_model_name);
  r.version = required_name(doc, "version", validate_version);
  r.artifact_uri = string_at(doc, "artifact_uri", "");

  const YAML::Node metrics = map_at(doc, "metrics");
  check_keys(metrics, "metrics", {});
  for (const auto& entry : metrics) {
    const std::string& name = entry.first.Scalar();
    const std::string field = join_path("metrics", name);
    const Status valid = validate_metric_name(name);
    if (!valid.ok()) bad(field, valid.message());
    r.metrics.emplace(name, metric_value(entry.second, field));
  }

  const YAML::Node lineage = map_at(doc, "lineage");
  check_keys(lineage, "lineage", {"run_id", "data_version", "code_commit"});
  r.lineage.run_id = string_at(lineage, "run_id", "lineage");
  r.lineage.data_version = string_at(lineage, "data_version", "lineage");
  r.lineage.code_commit = string_at(lineage, "code_commit", "lineage");

  const YAML::Node tags = map_at(doc, "tags");
  check_keys(tags, "tags", {});
  Result<std::map<std::string, std::string>> read_tags = kReader.string_map(tags, "tags");
  if (!read_tags.ok()) bad("tags", "must map strings to strings");
  r.tags = std::move(read_tags).value();
  for (const auto& [key, value] : r.tags) {
    require_text(key, "tags");
    require_text(value, join_path("tags", key));
  }
  return r;
}

// YAML allows only printable characters in a stream: no C0 controls but tab, LF and CR, no DEL,
// no C1 controls but NEL, no U+FFFE/U+FFFF. yaml-cpp accepts them raw and then mangles some (a
// raw NUL in a key came back changed after render + parse: found by fuzzing), so they are refused
// up front. Escaped in double quotes ("\x02") they are fine. Runs on valid UTF-8 only after
// load_single_document's check, but is byte-safe on anything.
void reject_control_characters(std::string_view text) {
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0; };
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = byte(i);
    const bool c0 = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    const bool c1 = c == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F && byte(i + 1) != 0x85;
    const bool nonchar = c == 0xEF && byte(i + 1) == 0xBF && (byte(i + 2) == 0xBE || byte(i + 2) == 0xBF);
    if (c0 || c == 0x7F || c1 || nonchar) {
      bad("", "the file contains a control character at byte " + std::to_string(i) +
                                  ", which YAML does not allow (write it escaped in double quotes)");
    }
  }
}

}  // namespace

Result<ModelVersionRecord> parse_model_version(std::string_view yaml_text) {
  return catch_status([&] {
    reject_control_characters(yaml_text);
    const Result<YAML::Node> doc = render::load_single_document(yaml_text, "the file");
    if (!doc.ok()) bad("", doc.status().message());
    try {
      return read_record(*doc);
    } catch (const YAML::Exception& e) {
      bad("", std::string("could not be read: ") + e.what());
    }
  });
}

}  // namespace aoa::registry
