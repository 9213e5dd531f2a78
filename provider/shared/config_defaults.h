// Defaults of optional+computed arguments, applied where the CONFIGURATION is null (Terraform's and
// terraform-plugin-framework's rule). Terraform proposes the prior value for an optional+computed
// argument the configuration leaves unset, so a default applied where the proposed value is null
// would never come back when an argument is removed from the configuration.
#pragma once

#include <string>
#include <vector>

#include "schema/value.h"

namespace aoa::provider {

// True when `config` (an object) leaves `attr` null; false when it sets it or is unknown.
inline bool unset_in_config(const cty::Value& config, const std::string& attr) {
  return config.is_known() && (config.is_null() || (config.has_attr(attr) && config.attr(attr).is_null()));
}

// `planned` with `attr` set to `fallback` where `config` leaves it null.
inline cty::Value default_unless_configured(const cty::Value& planned, const cty::Value& config,
                                            const std::string& attr, const cty::Value& fallback) {
  return unset_in_config(config, attr) ? planned.with_attr(attr, fallback) : planned;
}

// An empty list, set or map of `type`.
inline cty::Value empty_collection(const cty::Type& type) {
  switch (type.kind()) {
    case cty::Type::Kind::Map: return cty::Value::map(type.element(), {});
    case cty::Type::Kind::Set: return cty::Value::set(type.element(), {});
    default: return cty::Value::list(type.element(), {});
  }
}

// True for a null or known empty collection: what an unset collection argument means.
inline bool null_or_empty(const cty::Value& v) { return v.is_null() || (v.is_known() && v.length() == 0); }

// The default of a collection argument (optional+computed) that `config` leaves null: empty. A
// prior null or empty value is kept as it is (both mean "none"), so neither `{}` / `[]` nor leaving
// the argument out plans a change against a state that says "none" either way. `prior` is the prior
// object (null for a create).
inline cty::Value empty_unless_configured(const cty::Value& planned, const cty::Value& prior,
                                          const cty::Value& config, const std::string& attr) {
  if (!unset_in_config(config, attr)) return planned;
  const cty::Type& type = planned.type().attribute(attr);
  if (!prior.is_null() && prior.is_known() && null_or_empty(prior.attr(attr)))
    return planned.with_attr(attr, prior.attr(attr));
  return planned.with_attr(attr, empty_collection(type));
}

// `planned` with each element of the list block `block` replaced by `fill(element, configured)`,
// where `configured` is the element of the configuration at the same position (Terraform matches
// list blocks by position; null when the configuration has no such element). Unknown elements and
// an unknown list are left alone.
template <typename Fill>
cty::Value fill_list_block(const cty::Value& planned, const cty::Value& config, const std::string& block, Fill&& fill) {
  const cty::Value& list = planned.attr(block);
  const cty::Value& configured = config.attr(block);
  if (!list.is_known() || list.is_null() || !configured.is_known()) return planned;
  std::vector<cty::Value> out;
  for (size_t i = 0; i < list.length(); ++i) {
    const cty::Value& e = list.elements()[i];
    const bool has_config = !configured.is_null() && i < configured.length();
    out.push_back(e.is_known() && !e.is_null() ? fill(e, has_config ? configured.elements()[i] : cty::Value()) : e);
  }
  return planned.with_attr(block, cty::Value::list(list.type().element(), std::move(out)));
}

}  // namespace aoa::provider
