#include "tests/support/crd_validator.h"

#include <algorithm>
#include <regex>
#include <set>
#include <string_view>

namespace aoa::testing {
namespace {

using Errors = std::vector<std::string>;

// ---- scalar typing (as go-yaml v2 / YAML 1.1 and YAML 1.2 core would read it) --------------

enum class ScalarKind { Null, Bool, Int, Float, String };

const char* kind_name(ScalarKind k) {
  switch (k) {
    case ScalarKind::Null: return "null";
    case ScalarKind::Bool: return "boolean";
    case ScalarKind::Int: return "integer";
    case ScalarKind::Float: return "number";
    case ScalarKind::String: return "string";
  }
  return "?";
}

ScalarKind resolve_plain(const std::string& s) {
  static const std::set<std::string> nulls = {"", "~", "null", "Null", "NULL"};
  static const std::set<std::string> bools = {"y",   "Y",    "yes",  "Yes",   "YES",   "n",     "N",
                                              "no",  "No",   "NO",   "true",  "True",  "TRUE",  "false",
                                              "False", "FALSE", "on", "On",   "ON",    "off",   "Off", "OFF"};
  static const std::regex int_re(
      R"([-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*|[1-9][0-9_]*(:[0-5]?[0-9])+))");
  static const std::regex float_re(
      R"([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*)");
  if (nulls.count(s)) return ScalarKind::Null;
  if (bools.count(s)) return ScalarKind::Bool;
  if (std::regex_match(s, int_re)) return ScalarKind::Int;
  if (std::regex_match(s, float_re)) return ScalarKind::Float;
  return ScalarKind::String;
}

ScalarKind scalar_kind(const YAML::Node& node) {
  if (node.IsNull()) return ScalarKind::Null;
  const std::string& tag = node.Tag();
  if (tag == "!") return ScalarKind::String;  // quoted (non-specific tag)
  if (tag == "?" || tag.empty()) return resolve_plain(node.Scalar());
  if (tag == "tag:yaml.org,2002:str" || tag == "!!str") return ScalarKind::String;
  if (tag == "tag:yaml.org,2002:int" || tag == "!!int") return ScalarKind::Int;
  if (tag == "tag:yaml.org,2002:float" || tag == "!!float") return ScalarKind::Float;
  if (tag == "tag:yaml.org,2002:bool" || tag == "!!bool") return ScalarKind::Bool;
  if (tag == "tag:yaml.org,2002:null" || tag == "!!null") return ScalarKind::Null;
  return resolve_plain(node.Scalar());
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined()) return "nothing";
  switch (node.Type()) {
    case YAML::NodeType::Map: return "object";
    case YAML::NodeType::Sequence: return "array";
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return std::string(kind_name(scalar_kind(node))) + " \"" + node.Scalar() + "\"";
    default: return "undefined";
  }
}

// ---- paths ---------------------------------------------------------------------------------

std::string child_path(const std::string& path, const std::string& key) {
  static const std::regex ident(R"([A-Za-z_$][A-Za-z0-9_$-]*)");
  if (std::regex_match(key, ident)) return path + "." + key;
  std::string quoted;
  for (char c : key) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return path + "[\"" + quoted + "\"]";
}

std::string show(const std::string& path) { return path.empty() ? "." : path; }

bool flag(const YAML::Node& schema, const char* key) {
  const YAML::Node n = schema[key];
  return n && n.IsScalar() && n.Scalar() == "true";
}

// ---- schema walk ---------------------------------------------------------------------------

void validate_object_meta(const YAML::Node& node, const std::string& path, Errors& errors);

void walk(const YAML::Node& node, const YAML::Node& schema, const std::string& path, Errors& errors) {
  if (!schema || !schema.IsMap()) return;

  if (node.IsNull()) {
    if (!flag(schema, "nullable")) errors.push_back(show(path) + ": must not be null");
    return;
  }

  for (const char* combinator : {"allOf", "anyOf", "oneOf"}) {
    const YAML::Node branches = schema[combinator];
    if (!branches || !branches.IsSequence()) continue;
    if (flag(schema, "x-kubernetes-int-or-string")) continue;  // handled below
    std::size_t passing = 0;
    Errors first_failure;
    for (const auto& branch : branches) {
      Errors branch_errors;
      walk(node, branch, path, branch_errors);
      if (branch_errors.empty()) {
        ++passing;
      } else if (first_failure.empty()) {
        first_failure = branch_errors;
      }
    }
    const std::string name(combinator);
    if (name == "allOf" && passing != branches.size()) {
      errors.insert(errors.end(), first_failure.begin(), first_failure.end());
    } else if (name == "anyOf" && passing == 0) {
      errors.push_back(show(path) + ": matches none of the anyOf schemas");
    } else if (name == "oneOf" && passing != 1) {
      errors.push_back(show(path) + ": must match exactly one oneOf schema, matches " + std::to_string(passing));
    }
  }

  if (flag(schema, "x-kubernetes-int-or-string")) {
    const bool ok = node.IsScalar() &&
                    (scalar_kind(node) == ScalarKind::Int || scalar_kind(node) == ScalarKind::String);
    if (!ok) errors.push_back(show(path) + ": expected integer or string, got " + describe(node));
    return;
  }

  const std::string type = schema["type"] ? schema["type"].as<std::string>() : std::string();
  const bool preserve_unknown = flag(schema, "x-kubernetes-preserve-unknown-fields");

  if (type == "object" || (type.empty() && (schema["properties"] || schema["additionalProperties"]))) {
    if (!node.IsMap()) {
      errors.push_back(show(path) + ": expected object, got " + describe(node));
      return;
    }
    if (path == ".metadata" && !schema["properties"]) {  // Kubernetes validates ObjectMeta itself
      validate_object_meta(node, path, errors);
      return;
    }
    const YAML::Node properties = schema["properties"];
    const YAML::Node additional = schema["additionalProperties"];
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        errors.push_back(show(path) + ": object keys must be strings");
        continue;
      }
      const std::string key = entry.first.Scalar();
      const std::string sub = child_path(path, key);
      if (properties && properties[key]) {
        walk(entry.second, properties[key], sub, errors);
      } else if (additional && additional.IsMap()) {
        walk(entry.second, additional, sub, errors);
      } else if (additional && additional.IsScalar() && additional.Scalar() == "true") {
        // any value allowed
      } else if (!preserve_unknown) {
        errors.push_back(sub + ": unknown field");
      }
    }
    const YAML::Node required = schema["required"];
    if (required && required.IsSequence()) {
      for (const auto& r : required) {
        const std::string key = r.as<std::string>();
        if (!node[key]) errors.push_back(child_path(path, key) + ": required property is missing");
      }
    }
  } else if (type == "array") {
    if (!node.IsSequence()) {
      errors.push_back(show(path) + ": expected array, got " + describe(node));
      return;
    }
    const YAML::Node items = schema["items"];
    for (std::size_t i = 0; i < node.size(); ++i) {
      walk(node[i], items, path + "[" + std::to_string(i) + "]", errors);
    }
  } else if (type == "string" || type == "integer" || type == "number" || type == "boolean") {
    const ScalarKind want = type == "string"    ? ScalarKind::String
                            : type == "integer" ? ScalarKind::Int
                            : type == "number"  ? ScalarKind::Float
                                                : ScalarKind::Bool;
    const ScalarKind got = node.IsScalar() ? scalar_kind(node) : ScalarKind::Null;
    const bool ok = node.IsScalar() && (got == want || (want == ScalarKind::Float && got == ScalarKind::Int));
    if (!ok) {
      errors.push_back(show(path) + ": expected " + type + ", got " + describe(node));
      return;
    }
  } else if (!type.empty()) {
    errors.push_back(show(path) + ": schema has unsupported type \"" + type + "\"");
    return;
  }

  const YAML::Node allowed = schema["enum"];
  if (allowed && allowed.IsSequence()) {
    bool found = false;
    for (const auto& value : allowed) {
      if (node.IsScalar() && value.IsScalar() && value.Scalar() == node.Scalar()) found = true;
    }
    if (!found) errors.push_back(show(path) + ": value " + describe(node) + " is not one of the allowed values");
  }
}

// ---- ObjectMeta ----------------------------------------------------------------------------

bool matches(const std::string& s, const std::regex& re) { return std::regex_match(s, re); }

const std::regex& dns_label_re() {
  static const std::regex re(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?)");
  return re;
}
const std::regex& dns_subdomain_re() {
  static const std::regex re(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
  return re;
}
const std::regex& qualified_name_re() {
  static const std::regex re(R"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])");
  return re;
}

bool valid_qualified_key(const std::string& key) {
  const auto slash = key.find('/');
  std::string name = key;
  if (slash != std::string::npos) {
    const std::string prefix = key.substr(0, slash);
    if (prefix.empty() || prefix.size() > 253 || !matches(prefix, dns_subdomain_re())) return false;
    name = key.substr(slash + 1);
  }
  return !name.empty() && name.size() <= 63 && matches(name, qualified_name_re());
}

bool require_string(const YAML::Node& node, const std::string& path, Errors& errors) {
  if (node.IsScalar() && scalar_kind(node) == ScalarKind::String) return true;
  errors.push_back(path + ": expected string, got " + describe(node));
  return false;
}

void validate_string_map(const YAML::Node& node, const std::string& path, bool label_values, Errors& errors) {
  if (!node.IsMap()) {
    errors.push_back(path + ": expected object, got " + describe(node));
    return;
  }
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const std::string sub = child_path(path, key);
    if (!entry.first.IsScalar() || !valid_qualified_key(key)) errors.push_back(sub + ": invalid key");
    if (!require_string(entry.second, sub, errors)) continue;
    const std::string value = entry.second.Scalar();
    if (label_values && !(value.empty() || (value.size() <= 63 && matches(value, qualified_name_re())))) {
      errors.push_back(sub + ": invalid label value \"" + value + "\"");
    }
  }
}

void validate_object_meta(const YAML::Node& node, const std::string& path, Errors& errors) {
  static const std::set<std::string> known = {
      "name",           "generateName",      "namespace",         "labels",          "annotations",
      "finalizers",     "uid",               "resourceVersion",   "generation",      "creationTimestamp",
      "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "managedFields", "selfLink"};
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const std::string sub = child_path(path, key);
    if (!known.count(key)) {
      errors.push_back(sub + ": unknown field");
    } else if (key == "name") {
      if (require_string(entry.second, sub, errors)) {
        const std::string v = entry.second.Scalar();
        if (v.size() > 253 || !matches(v, dns_subdomain_re())) errors.push_back(sub + ": invalid name \"" + v + "\"");
      }
    } else if (key == "namespace") {
      if (require_string(entry.second, sub, errors)) {
        const std::string v = entry.second.Scalar();
        if (v.size() > 63 || !matches(v, dns_label_re())) errors.push_back(sub + ": invalid namespace \"" + v + "\"");
      }
    } else if (key == "labels") {
      validate_string_map(entry.second, sub, true, errors);
    } else if (key == "annotations") {
      validate_string_map(entry.second, sub, false, errors);
    } else if (key == "finalizers") {
      if (!entry.second.IsSequence()) {
        errors.push_back(sub + ": expected array, got " + describe(entry.second));
      } else {
        for (std::size_t i = 0; i < entry.second.size(); ++i) {
          require_string(entry.second[i], sub + "[" + std::to_string(i) + "]", errors);
        }
      }
    }
  }
  if (!node["name"] && !node["generateName"]) errors.push_back(path + ".name: required property is missing");
}

}  // namespace

std::vector<std::string> validate_against_crd_node(const YAML::Node& object, const YAML::Node& crd) {
  Errors errors;
  if (!crd || !crd.IsMap() || !crd["kind"] || crd["kind"].as<std::string>() != "CustomResourceDefinition") {
    return {"<crd>: not a CustomResourceDefinition"};
  }
  if (!object || !object.IsMap()) return {".: expected object, got " + describe(object)};

  const YAML::Node api_version = object["apiVersion"];
  const YAML::Node kind = object["kind"];
  if (!api_version || !api_version.IsScalar()) return {".apiVersion: required property is missing"};
  if (!kind || !kind.IsScalar()) return {".kind: required property is missing"};

  const std::string group = crd["spec"]["group"].as<std::string>();
  const std::string expected_kind = crd["spec"]["names"]["kind"].as<std::string>();
  const std::string av = api_version.Scalar();
  const auto slash = av.find('/');
  if (slash == std::string::npos || av.substr(0, slash) != group) {
    return {".apiVersion: \"" + av + "\" is not in group " + group};
  }
  if (kind.Scalar() != expected_kind) return {".kind: expected " + expected_kind + ", got \"" + kind.Scalar() + "\""};

  const std::string version = av.substr(slash + 1);
  YAML::Node schema;
  bool served = false;
  for (const auto& v : crd["spec"]["versions"]) {
    if (v["name"].as<std::string>() == version && v["served"] && v["served"].as<bool>()) {
      schema = v["schema"]["openAPIV3Schema"];
      served = true;
    }
  }
  if (!served) return {".apiVersion: version \"" + version + "\" is not served by the CRD"};

  walk(object, schema, "", errors);
  return errors;
}

std::vector<std::string> validate_against_crd(const YAML::Node& object, const std::string& crd_path) {
  YAML::Node crd;
  try {
    crd = YAML::LoadFile(crd_path);
  } catch (const YAML::Exception& e) {
    return {"<crd>: cannot load " + crd_path + ": " + e.what()};
  }
  return validate_against_crd_node(object, crd);
}

}  // namespace aoa::testing
