// Helpers for emitting YAML that every reader (yaml-cpp, go-yaml v2 as used by Kubernetes and
// Argo CD, PyYAML) reads back as the same strings.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "internal/status/status.h"

namespace aoa::render {

// True when `s` can be written as a plain (unquoted) scalar and is still read back as that exact
// string by YAML 1.1 and 1.2 readers: no booleans (true/yes/on/y…), nulls (null/~/""), numbers,
// dates, indicators or whitespace. Deliberately conservative: anything doubtful is quoted.
bool is_safe_plain_scalar(std::string_view s);

// Emits `s` as a string scalar (map key or value): plain when safe, double-quoted otherwise.
void emit_string(YAML::Emitter& out, std::string_view s);

// Loads `text` as exactly one YAML document that is a mapping. Corruption, the message starting
// with `what`, when the text is not UTF-8, not YAML, not exactly one document or not a mapping.
// Never uses YAML::LoadAll: Debian's yaml-cpp 0.7 reports empty documents forever on some
// inputs (a lone ","), so LoadAll never returns (found by fuzzing the root parser).
Result<YAML::Node> load_single_document(std::string_view text, std::string_view what);

// Reads fields of a parsed manifest. Shape errors are corruption "<context>: <path> is …", where
// the context says what was expected (e.g. "not a root Application of …").
class ManifestReader {
 public:
  explicit ManifestReader(std::string context) : context_(std::move(context)) {}
  // Corruption "<context>: <why>".
  Status fail(const std::string& why) const;
  // The string at node[key]; "" when absent or null. Fails when present but not a scalar.
  Result<std::string> scalar_at(const YAML::Node& node, const char* key, const std::string& path) const;
  // The mapping at node[key]; an empty node when absent or null. Fails when not a mapping.
  Result<YAML::Node> map_at(const YAML::Node& node, const char* key, const std::string& path) const;
  // A mapping of strings to strings (null values read as ""); empty when `node` is empty.
  Result<std::map<std::string, std::string>> string_map(const YAML::Node& node, const std::string& path) const;

 private:
  std::string context_;
};

// Reads a decimal integer (optional leading '-', no '+', no hex/octal/underscores) in [min, max]
// into `out`; false (out untouched) otherwise.
bool parse_decimal_int(std::string_view s, long long min, long long max, long long& out);

}  // namespace aoa::render
