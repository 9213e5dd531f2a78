#include "provider/runtime/rules.h"

#include "provider/config_defaults.h"
#include "provider/resource_helpers.h"
#include "schema/plan.h"
#include "schema/rules.h"

namespace aoa::runtime {

using cty::Value;
using schema::AttributePath;

namespace {

// Each element of a list block with its attributes' defaults, matched by position to the
// configuration's and the prior's elements (as Terraform matches list blocks); unknown elements
// stay as they are.
Value list_block_defaults(const schema::Block& block, const Value& planned, const Value& prior, const Value& config) {
  std::vector<Value> out;
  const bool prior_known = !prior.is_null() && prior.is_known();
  for (size_t i = 0; i < planned.length(); ++i) {
    const Value& e = planned.elements()[i];
    const Value configured = i < config.length() ? config.elements()[i] : Value();
    const Value prior_e = prior_known && i < prior.length() ? prior.elements()[i] : Value();
    out.push_back(e.is_known() && !e.is_null() ? apply_defaults(block, e, prior_e, configured) : e);
  }
  return Value::list(planned.type().element(), std::move(out));
}

}  // namespace

Value apply_defaults(const schema::Block& block, const Value& planned, const Value& prior, const Value& config) {
  Value out = planned;
  for (const auto& a : block.attributes) {
    if (a.default_value.is_null() || !provider::unset_in_config(config, a.name)) continue;
    const bool empty_default = a.type.is_collection() && a.default_value.length() == 0;
    if (empty_default && !prior.is_null() && prior.is_known() && provider::null_or_empty(prior.attr(a.name)))
      out = out.with_attr(a.name, prior.attr(a.name));
    else
      out = out.with_attr(a.name, a.default_value);
  }
  // A single or group block that is configured gets its attributes' defaults the same way; so does
  // each element of a list block.
  for (const auto& b : block.block_types) {
    const Value& inner = out.attr(b.type_name);
    const Value inner_config = config.is_known() && !config.is_null() ? config.attr(b.type_name) : Value();
    if (inner.is_null() || !inner.is_known() || inner_config.is_null() || !inner_config.is_known()) continue;
    const Value inner_prior = prior.is_null() || !prior.is_known() ? Value() : prior.attr(b.type_name);
    if (b.nesting == schema::Nesting::List)
      out = out.with_attr(b.type_name, list_block_defaults(*b.block, inner, inner_prior, inner_config));
    else if (b.nesting == schema::Nesting::Single || b.nesting == schema::Nesting::Group)
      out = out.with_attr(b.type_name, apply_defaults(*b.block, inner, inner_prior, inner_config));
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

Value plan_commit(const schema::Block& block, const Value& prior, const Value& planned) {
  if (block.find_attribute("commit") == nullptr) return planned;
  if (prior.is_null()) return planned.with_attr("commit", Value::unknown(cty::Type::string()));
  return provider::plan_commit(prior, planned);
}

std::string replaces_private(const std::string& key) { return provider::replaces_private(key); }

bool check_existing(const provider::PlanOverlay& overlay, const Existing& existing, const std::string& prior_private,
                    std::string& planned_private, schema::Diagnostics& diags) {
  if (existing.exists()) planned_private = replaces_private(existing.key);  // taint: this workspace's own
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
