// The lifecycle's shared rules that do not depend on a resource's model type (see resource.h).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "provider/shared/plan_overlay.h"
#include "provider/runtime/resource.h"
#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::runtime {

// True when `config` (an object) leaves `attr` null; false when it sets it or is unknown.
bool unset_in_config(const cty::Value& config, const std::string& attr);

// True for a null or known empty collection: what an unset collection argument means.
bool null_or_empty(const cty::Value& v);

// `planned` with each declared default where `config` leaves the attribute null. A collection whose
// default is empty keeps a prior null or empty value (both mean "none"), so neither spelling plans
// a change. `prior` is null on create. Single and group blocks that the configuration sets get
// their own attributes' defaults the same way, and so does each element of a list block (matched
// to the configuration and the prior state by position).
cty::Value apply_defaults(const schema::Block& block, const cty::Value& planned, const cty::Value& prior,
                          const cty::Value& config);

// The declared requires_replace attributes and blocks whose meaning changes from `prior` to `planned`.
std::vector<schema::AttributePath> declared_replacements(
    const schema::Block& block, const cty::Value& prior, const cty::Value& planned,
    const std::function<bool(const std::string&, const cty::Value&, const cty::Value&)>& same_meaning);

// The computed `commit` attribute (when the block has one): unknown on create; on update the prior
// commit when nothing else changes, the files were in sync and the hook does not `rewrite` them,
// else unknown.
cty::Value plan_commit(const schema::Block& block, const cty::Value& prior, const cty::Value& planned,
                       bool rewrite = false);

// Whether two objects of `block` have the same arguments (computed-only attributes ignored; unknown
// is not the same as known), and whether every argument of an object is known: for a resource that
// keeps what it decided while its configuration stays the same. Typed forms in lifecycle.h.
bool same_arguments(const schema::Block& block, const cty::Value& a, const cty::Value& b);
bool arguments_known(const schema::Block& block, const cty::Value& object);

// Private data naming the object `id` of `info`'s type that a plan moves away from (see
// provider/shared/resource_helpers.h and ResourceInfo::marker_names_type), and the id that such
// private data names ("" when it names no object of this type).
std::string replaces_marker(const ResourceInfo& info, const std::string& id);
std::string replaced_id(const ResourceInfo& info, const std::string& private_data);

// The "already exists" rule of a create: an error unless the repository's object is this
// workspace's own (being replaced, tainted, or handed over by a delete in the same run). Sets
// `planned_private` so that the second plan of a replacement knows. False after an error.
bool check_existing(const provider::PlanOverlay& overlay, const Existing& existing, const std::string& prior_private,
                    std::string& planned_private, schema::Diagnostics& diags);

// The attribute values of an import ID, by the declared parts, each checked by its attribute's
// rules; nullopt after an "Invalid import ID" error naming the expected form.
std::optional<std::map<std::string, std::string>> parse_import_id(const ResourceInfo& info, const schema::Block& block,
                                                                  const std::string& id, schema::Diagnostics& diags);

// The state an import starts from: the ID's parts, `id`, and every declared default; Read fills in
// the rest.
cty::Value import_stub(const schema::Block& block, const std::map<std::string, std::string>& parts,
                       const std::string& id);

}  // namespace aoa::runtime
