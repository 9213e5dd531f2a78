// Validation of a `labels` map (Kubernetes label syntax, provider-reserved keys), shared by every
// resource that writes user labels onto manifests.
#pragma once

#include <string>

#include "internal/render/k8s_names.h"
#include "internal/render/root_application.h"
#include "schema/diagnostics.h"
#include "schema/value.h"

namespace aoa::provider {

inline void validate_labels(const cty::Value& config, const std::string& attribute, schema::Diagnostics& diags) {
  const cty::Value& labels = config.attr(attribute);
  if (!labels.is_known() || labels.is_null()) return;
  for (const auto& [k, v] : labels.entries()) {
    schema::AttributePath p = schema::AttributePath::root(attribute).key(k);
    if (!render::is_label_key(k))
      diags.error("Invalid label key", "\"" + k + "\" is not a Kubernetes label key ([prefix/]name, name at most 63 "
                                       "characters of letters, digits, '-', '_' and '.').", p);
    else if (k.rfind("appofapps.io/", 0) == 0 || k == render::kLabelManagedBy)
      diags.error("Reserved label key", "\"" + k + "\" is set by the provider; choose another key.", p);
    if (v.is_known() && !v.is_null() && !render::is_label_value(v.as_string()))
      diags.error("Invalid label value", "\"" + v.as_string() + "\" is not a Kubernetes label value (at most 63 "
                                         "characters of letters, digits, '-', '_' and '.').", p);
  }
}

}  // namespace aoa::provider
