// Declared rules: validators that an attribute carries in its schema, and the walk that checks a
// configuration against them. Every rule describes itself, so generated documentation states
// exactly what the check enforces.
//
// Every string in a configuration (attribute values, list/set elements, map keys and values, in
// nested blocks too) is also held to two limits unless its attribute declares otherwise: at most
// `kDefaultMaxBytes` bytes (`max_bytes`), and no control characters (`multiline` allows newline,
// carriage return and tab). Values that reach annotations, commit messages and file names have no
// business being megabytes long or carrying NUL bytes.
//
// Nothing here knows about ML or Git: domain rules come in as `Rule::custom`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "schema/diagnostics.h"
#include "schema/value.h"

namespace aoa::schema {

struct Block;
struct Attribute;

inline constexpr size_t kDefaultMaxBytes = 1024;

// One check of a known, non-null value. `check` returns "" when the value is allowed, else the
// diagnostic detail (what is wrong with it and what is allowed).
struct Rule {
  enum class Target {
    Value,     // the attribute's value itself
    Elements,  // each element of a list or set, each value of a map
    Keys,      // each key of a map
  };
  Target target = Target::Value;
  std::string summary;      // the diagnostic summary, e.g. "Invalid namespace"
  std::string description;  // what is allowed, as a phrase for the docs: "a DNS-1123 label (…)"
  std::function<std::string(const cty::Value&)> check;

  // A rule on the attribute's value (or its elements or keys) with the caller's own check.
  static Rule custom(std::string summary, std::string description,
                     std::function<std::string(const cty::Value&)> check, Target target = Target::Value);
  // The string is one of `allowed`.
  static Rule one_of(std::string summary, std::vector<std::string> allowed, Target target = Target::Value);
  // The number is a whole number in [min, max].
  static Rule int_between(std::string summary, int64_t min, int64_t max, Target target = Target::Value);
  // The string is not empty.
  static Rule not_empty(std::string summary, Target target = Target::Value);

  // A copy that checks each element (or key) instead of the value.
  Rule on(Target t) const;
};

// Checks `config` (an object of `block`'s implied type) against every declared rule and the string
// limits; unknown and null values are skipped (they are checked again once known). Each problem is
// an error whose attribute path names the value.
void check_rules(const Block& block, const cty::Value& config, Diagnostics& diags);

// One attribute's value against its rules and string limits (for values that come from elsewhere
// than a configuration, such as the parts of an import ID).
void check_value(const Attribute& attribute, const cty::Value& value, const AttributePath& path, Diagnostics& diags);

// The generic string limits alone, for one string at `path` (for values that are not attributes,
// such as import IDs).
void check_string_limits(const std::string& s, size_t max_bytes, bool multiline, const AttributePath& path,
                         Diagnostics& diags);

}  // namespace aoa::schema
