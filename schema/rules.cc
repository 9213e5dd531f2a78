#include "schema/rules.h"

#include <cstdio>

#include "schema/schema.h"

namespace aoa::schema {
namespace {

using cty::Value;

bool usable(const Value& v) { return !v.is_null() && v.is_known(); }

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out;
}

std::string show(const Value& v) {
  if (v.type() == cty::Type::string()) return "\"" + v.as_string() + "\"";
  if (v.type() == cty::Type::number()) return v.as_number().to_string();
  return "the value";
}

// Every string inside `v` with its path: the value itself, elements and map keys and values.
void strings_in(const Value& v, const AttributePath& path, const std::function<void(const std::string&, const AttributePath&)>& f) {
  if (!usable(v)) return;
  const cty::Type& t = v.type();
  if (t == cty::Type::string()) {
    f(v.as_string(), path);
  } else if (t.kind() == cty::Type::Kind::List) {
    int64_t i = 0;
    for (const auto& e : v.elements()) strings_in(e, path.index(i++), f);
  } else if (t.kind() == cty::Type::Kind::Set) {
    for (const auto& e : v.elements()) strings_in(e, path, f);  // set elements have no path step
  } else if (t.kind() == cty::Type::Kind::Map) {
    for (const auto& [k, e] : v.entries()) {
      f(k, path.key(k));
      strings_in(e, path.key(k), f);
    }
  } else if (t.is_object()) {
    for (const auto& [k, e] : v.entries()) strings_in(e, path.attr(k), f);
  }
}

void apply_rule(const Rule& r, const Value& v, const AttributePath& path, Diagnostics& diags) {
  auto run = [&](const Value& target, const AttributePath& p) {
    if (!usable(target)) return;
    if (std::string why = r.check(target); !why.empty()) diags.error(r.summary, why, p);
  };
  switch (r.target) {
    case Rule::Target::Value: run(v, path); break;
    case Rule::Target::Elements:
      if (v.type().kind() == cty::Type::Kind::Map) {
        for (const auto& [k, e] : v.entries()) run(e, path.key(k));
      } else if (v.type().kind() == cty::Type::Kind::List) {
        int64_t i = 0;
        for (const auto& e : v.elements()) run(e, path.index(i++));
      } else {
        for (const auto& e : v.elements()) run(e, path);
      }
      break;
    case Rule::Target::Keys:
      for (const auto& [k, _] : v.entries()) run(Value::string(k), path.key(k));
      break;
  }
}

void check_attribute_impl(const Attribute& a, const Value& v, const AttributePath& path, Diagnostics& diags) {
  if (!usable(v)) return;
  Diagnostics limits;
  strings_in(v, path, [&](const std::string& s, const AttributePath& p) {
    check_string_limits(s, a.max_bytes, a.multiline, p, limits);
  });
  diags.append(limits);
  if (limits.has_errors()) return;  // rules read the strings; a megabyte of NULs needs no more detail
  for (const auto& r : a.rules) apply_rule(r, v, path, diags);
}

void check_block(const Block& block, const Value& obj, const AttributePath& at, Diagnostics& diags);

AttributePath step(const AttributePath& at, const std::string& name) {
  return at.empty() ? AttributePath::root(name) : at.attr(name);
}

void check_nested(const NestedBlock& nb, const Value& v, const AttributePath& path, Diagnostics& diags) {
  if (!usable(v) || !nb.block) return;
  switch (nb.nesting) {
    case Nesting::Single:
    case Nesting::Group: check_block(*nb.block, v, path, diags); break;
    case Nesting::List: {
      int64_t i = 0;
      for (const auto& e : v.elements()) check_block(*nb.block, e, path.index(i++), diags);
      break;
    }
    case Nesting::Set:
      for (const auto& e : v.elements()) check_block(*nb.block, e, path, diags);
      break;
    case Nesting::Map:
      for (const auto& [k, e] : v.entries()) check_block(*nb.block, e, path.key(k), diags);
      break;
  }
}

void check_block(const Block& block, const Value& obj, const AttributePath& at, Diagnostics& diags) {
  if (!usable(obj)) return;
  for (const auto& a : block.attributes)
    if (obj.has_attr(a.name)) check_attribute_impl(a, obj.attr(a.name), step(at, a.name), diags);
  for (const auto& nb : block.block_types)
    if (obj.has_attr(nb.type_name)) check_nested(nb, obj.attr(nb.type_name), step(at, nb.type_name), diags);
}

}  // namespace

Rule Rule::custom(std::string summary, std::string description, std::function<std::string(const Value&)> check,
                  Target target) {
  return Rule{target, std::move(summary), std::move(description), std::move(check)};
}

Rule Rule::one_of(std::string summary, std::vector<std::string> allowed, Target target) {
  std::string list = quoted_list(allowed);
  return Rule{target, std::move(summary), "one of " + list, [allowed, list](const Value& v) -> std::string {
                for (const auto& a : allowed)
                  if (v.as_string() == a) return "";
                return show(v) + " is not allowed: use one of " + list + ".";
              }};
}

Rule Rule::int_between(std::string summary, int64_t min, int64_t max, Target target) {
  std::string range = std::to_string(min) + " to " + std::to_string(max);
  return Rule{target, std::move(summary), "a whole number from " + range, [min, max, range](const Value& v) -> std::string {
                auto n = v.as_number().to_int64();
                if (n && *n >= min && *n <= max) return "";
                return show(v) + " is not allowed: use a whole number from " + range + ".";
              }};
}

Rule Rule::not_empty(std::string summary, Target target) {
  return Rule{target, std::move(summary), "not empty", [](const Value& v) -> std::string {
                return v.as_string().empty() ? std::string("The value must not be empty.") : "";
              }};
}

Rule Rule::on(Target t) const {
  Rule copy = *this;
  copy.target = t;
  return copy;
}

void check_value(const Attribute& attribute, const Value& value, const AttributePath& path, Diagnostics& diags) {
  check_attribute_impl(attribute, value, path, diags);
}

void check_rules(const Block& block, const Value& config, Diagnostics& diags) {
  check_block(block, config, AttributePath(), diags);
}

void check_string_limits(const std::string& s, size_t max_bytes, bool multiline, const AttributePath& path,
                         Diagnostics& diags) {
  if (s.size() > max_bytes) {
    diags.error("Value too long",
                path.to_string() + " is " + std::to_string(s.size()) + " bytes long; at most " +
                    std::to_string(max_bytes) + " are allowed.",
                path);
    return;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool control = c < 0x20 || c == 0x7f;
    if (!control || (multiline && (c == '\n' || c == '\r' || c == '\t'))) continue;
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", c);
    diags.error("Invalid characters",
                path.to_string() + " contains the control character " + code + " at byte " + std::to_string(i) +
                    (multiline ? "; only text, newlines and tabs are allowed." : "; only printable text is allowed."),
                path);
    return;
  }
}

}  // namespace aoa::schema
