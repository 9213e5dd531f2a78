// Small accessors for reading configuration objects in resources: absent, null and unknown are
// handled in one place so resource code reads like the schema.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/value.h"

namespace aoa::provider {

// The attribute's string, or nullopt when it is null or unknown.
inline std::optional<std::string> opt_string(const cty::Value& obj, const std::string& name) {
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return std::nullopt;
  const cty::Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return std::nullopt;
  return v.as_string();
}

inline std::string string_or(const cty::Value& obj, const std::string& name, const std::string& fallback) {
  return opt_string(obj, name).value_or(fallback);
}

inline std::optional<bool> opt_bool(const cty::Value& obj, const std::string& name) {
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return std::nullopt;
  const cty::Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return std::nullopt;
  return v.as_bool();
}

// Known, non-null elements of a list/set attribute (empty when null or unknown).
inline std::vector<cty::Value> elements_of(const cty::Value& obj, const std::string& name) {
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return {};
  const cty::Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return {};
  return v.elements();
}

// Known string entries of a map(string) attribute; unknown or null entries are skipped.
inline std::map<std::string, std::string> string_map(const cty::Value& obj, const std::string& name) {
  std::map<std::string, std::string> out;
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return out;
  const cty::Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return out;
  for (const auto& [k, e] : v.entries())
    if (!e.is_null() && e.is_known()) out[k] = e.as_string();
  return out;
}

inline cty::Value string_map_value(const std::map<std::string, std::string>& m) {
  std::map<std::string, cty::Value> entries;
  for (const auto& [k, v] : m) entries[k] = cty::Value::string(v);
  return cty::Value::map(cty::Type::string(), std::move(entries));
}

}  // namespace aoa::provider
