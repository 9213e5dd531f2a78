#include "provider/runtime/rules.h"

#include "provider/shared/resource_helpers.h"
#include "schema/plan.h"
#include "schema/rules.h"

namespace aoa::runtime {

using cty::Value;
using schema::AttributePath;

namespace {

bool usable(const Value& v) { return v.is_known() && !v.is_null(); }

// The defaults of a nested block's objects: a single or group block as one object, a list block
// element by element, matched to the configuration and the prior state by position (as Terraform
// matches list blocks). Unknown objects and set or map blocks are left as they are.
Value nested_defaults(const schema::NestedBlock& nb, const Value& planned, const Value& prior, const Value& config) {
  if (!nb.block || !usable(planned) || !usable(config)) return planned;
  if (nb.nesting == schema::Nesting::Single || nb.nesting == schema::Nesting::Group)
    return apply_defaults(*nb.block, planned, usable(prior) ? prior : Value(), config);
  if (nb.nesting != schema::Nesting::List) return planned;
  std::vector<Value> out;
  for (size_t i = 0; i < planned.length(); ++i) {
    const Value& e = planned.elements()[i];
    const Value none = Value::null(e.type());
    const Value& c = i < config.length() ? config.elements()[i] : none;
    const Value& p = usable(prior) && i < prior.length() ? prior.elements()[i] : none;
    out.push_back(usable(e) && c.is_known() ? apply_defaults(*nb.block, e, p, c) : e);
  }
  return Value::list(planned.type().element(), std::move(out));
}

}  // namespace

bool unset_in_config(const Value& config, const std::string& attr) {
  return config.is_known() && (config.is_null() || (config.has_attr(attr) && config.attr(attr).is_null()));
}

bool null_or_empty(const Value& v) { return v.is_null() || (v.is_known() && v.length() == 0); }

Value apply_defaults(const schema::Block& block, const Value& planned, const Value& prior, const Value& config) {
  Value out = planned;
  for (const auto& a : block.attributes) {
    if (a.default_value.is_null() || !unset_in_config(config, a.name)) continue;
    const bool empty_default = a.type.is_collection() && a.default_value.length() == 0;
    if (empty_default && !prior.is_null() && prior.is_known() && null_or_empty(prior.attr(a.name)))
      out = out.with_attr(a.name, prior.attr(a.name));
    else
      out = out.with_attr(a.name, a.default_value);
  }
  for (const auto& nb : block.block_types) {
    if (!out.has_attr(nb.type_name) || config.is_null() || !config.is_known()) continue;
    const Value& p = prior.is_null() || !prior.is_known() ? prior : prior.attr(nb.type_name);
    out = out.with_attr(nb.type_name, nested_defaults(nb, out.attr(nb.type_name), p, config.attr(nb.type_name)));
  }
  return out;
}

std::vector<AttributePath> declared_replacements(
    const schema::Block& block, const Value& prior, const Value& planned,
    const std::function<bool(const std::string&, const Value&, const Value&)>& same_meaning) {
  std::vector<AttributePath> out;
  if (prior.is_null() || planned.is_null()) return out;
  auto consider = [&](const std::string& name) {
    if (!same_meaning(name, prior.attr(name), planned.attr(name))) out.push_back(AttributePath::root(name));
  };
  for (const auto& a : block.attributes)
    if (a.requires_replace) consider(a.name);
  for (const auto& b : block.block_types)
    if (b.requires_replace) consider(b.type_name);
  return out;
}

Value plan_commit(const schema::Block& block, const Value& prior, const Value& planned, bool rewrite) {
  if (block.find_attribute("commit") == nullptr) return planned;
  if (prior.is_null() || rewrite) return planned.with_attr("commit", Value::unknown(cty::Type::string()));
  return provider::plan_commit(prior, planned);
}

bool same_arguments(const schema::Block& block, const Value& a, const Value& b) {
  return schema::equal_ignoring_computed(block, a, b);
}

bool arguments_known(const schema::Block& block, const Value& object) {
  Value v = object;
  if (!v.is_null() && v.is_known())
    for (const auto& a : block.attributes)
      if (a.computed && !a.optional) v = v.with_attr(a.name, Value::null(a.type));
  return v.is_wholly_known();
}

std::string replaces_marker(const ResourceInfo& info, const std::string& id) {
  return provider::replaces_private(info.marker_names_type ? info.type_name + "/" + id : id);
}

std::string replaced_id(const ResourceInfo& info, const std::string& private_data) {
  const std::string prefix = replaces_marker(info, "");
  return private_data.rfind(prefix, 0) == 0 ? private_data.substr(prefix.size()) : "";
}

bool check_existing(const provider::PlanOverlay& overlay, const Existing& existing, const std::string& prior_private,
                    std::string& planned_private, schema::Diagnostics& diags) {
  if (existing.exists()) planned_private = provider::replaces_private(existing.key);  // taint: this workspace's own
  if (provider::create_may_take_over(overlay, existing.key, prior_private, existing.exists)) return true;
  diags.error(existing.summary, existing.detail, existing.path);
  return false;
}

namespace {

std::string expected_form(const ResourceInfo& info) {
  const auto& parts = info.import_id.parts;
  std::string form;
  for (size_t i = 0; i < parts.size(); ++i) form += (i ? "/<" : "<") + parts[i] + ">";
  return "Import an " + info.type_name + (parts.size() == 1 ? " by its " + parts[0] : " as " + form) +
         ", e.g. `terraform import " + info.type_name + "." + info.import_id.example_name + " " +
         info.import_id.example + "`";
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_import_id(const ResourceInfo& info, const schema::Block& block,
                                                                  const std::string& id, schema::Diagnostics& diags) {
  const std::string shown = id.size() > 200 ? id.substr(0, 200) + "…" : id;
  std::vector<std::string> values = provider::split_import_id(id);
  std::string why;
  if (values.size() != info.import_id.parts.size()) why = "it has " + std::to_string(values.size()) + " part(s)";
  std::map<std::string, std::string> out;
  for (size_t i = 0; why.empty() && i < values.size(); ++i) {
    const std::string& name = info.import_id.parts[i];
    schema::Diagnostics part;
    if (const schema::Attribute* a = block.find_attribute(name))
      schema::check_value(*a, Value::string(values[i]), AttributePath::root(name), part);
    if (values[i].empty()) why = name + " is empty";
    else if (part.has_errors()) why = name + ": " + part.items().front().detail;
    out[name] = values[i];
  }
  if (why.empty()) return out;
  diags.error("Invalid import ID", expected_form(info) + "; got \"" + shown + "\" (" + why + ").");
  return std::nullopt;
}

Value import_stub(const schema::Block& block, const std::map<std::string, std::string>& parts, const std::string& id) {
  std::map<std::string, Value> attrs;
  for (const auto& a : block.attributes)
    if (!a.default_value.is_null()) attrs[a.name] = a.default_value;
  for (const auto& [name, value] : parts) attrs[name] = Value::string(value);
  if (block.find_attribute("id") != nullptr) attrs["id"] = Value::string(id);
  return Value::object(block.implied_type(), std::move(attrs));
}

}  // namespace aoa::runtime
