// Validation of a `labels` map (Kubernetes label syntax, provider-reserved keys), shared by every
// resource that writes user labels onto manifests: as declared rules (`label_rules`) or as one
// check of a configuration (`validate_labels`), with the same diagnostics.
#pragma once

#include <string>
#include <vector>

#include "internal/render/k8s_names.h"
#include "internal/render/root_application.h"
#include "schema/diagnostics.h"
#include "schema/rules.h"
#include "schema/value.h"

namespace aoa::provider {

// What is wrong with a label key or value; "" when it is allowed. A reserved key is only reported
// when it is a valid key.
inline std::string invalid_label_key(const std::string& k) {
  if (render::is_label_key(k)) return "";
  return "\"" + k + "\" is not a Kubernetes label key ([prefix/]name, name at most 63 characters of letters, digits, "
         "'-', '_' and '.').";
}
inline std::string reserved_label_key(const std::string& k) {
  if (!render::is_label_key(k) || (k.rfind("appofapps.io/", 0) != 0 && k != render::kLabelManagedBy)) return "";
  return "\"" + k + "\" is set by the provider; choose another key.";
}
inline std::string invalid_label_value(const std::string& v) {
  if (render::is_label_value(v)) return "";
  return "\"" + v + "\" is not a Kubernetes label value (at most 63 characters of letters, digits, '-', '_' and "
         "'.').";
}

// The declared rules of a `labels` map attribute.
inline std::vector<schema::Rule> label_rules() {
  using schema::Rule;
  auto of = [](std::string (*check)(const std::string&)) {
    return [check](const cty::Value& v) { return check(v.as_string()); };
  };
  return {Rule::custom("Invalid label key",
                       "a label key, `[prefix/]name`: the optional prefix a DNS-1123 subdomain, the name 1-63 "
                       "letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit",
                       of(invalid_label_key), Rule::Target::Keys),
          Rule::custom("Reserved label key",
                       "not starting with `appofapps.io/` and not `app.kubernetes.io/managed-by`, which the "
                       "provider sets",
                       of(reserved_label_key), Rule::Target::Keys),
          Rule::custom("Invalid label value", "empty, or what the name part of a key may be", of(invalid_label_value),
                       Rule::Target::Elements)};
}

inline void validate_labels(const cty::Value& config, const std::string& attribute, schema::Diagnostics& diags) {
  const cty::Value& labels = config.attr(attribute);
  if (!labels.is_known() || labels.is_null()) return;
  for (const auto& [k, v] : labels.entries()) {
    schema::AttributePath p = schema::AttributePath::root(attribute).key(k);
    if (auto d = invalid_label_key(k); !d.empty()) diags.error("Invalid label key", d, p);
    else if (auto r = reserved_label_key(k); !r.empty()) diags.error("Reserved label key", r, p);
    if (v.is_known() && !v.is_null())
      if (auto d = invalid_label_value(v.as_string()); !d.empty()) diags.error("Invalid label value", d, p);
  }
}

}  // namespace aoa::provider
