// Helpers for PlanResourceChange.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "schema/diagnostics.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::schema {

// Values equal ignoring computed-only attributes (computed && !optional) at any depth of nested
// blocks. Set-nested blocks are compared as multisets (elements matched ignoring computed-only
// attributes).
bool equal_ignoring_computed(const Block& block, const cty::Value& a, const cty::Value& b);

// Starts from `proposed`. If `prior` is null (create) or the configurable content differs from
// prior (equal_ignoring_computed is false), every computed attribute whose config value is null
// becomes unknown — top-level ones except those named in `keep`, and recursively inside
// SINGLE/GROUP/LIST/MAP nested blocks (matched to config by position / key). Inside SET nested
// blocks (which cannot be matched to config elements) only computed-only attributes become
// unknown. Otherwise returns `proposed` unchanged. A null `proposed` (destroy) is returned as is.
cty::Value mark_computed_unknown(const Block& block, const cty::Value& prior, const cty::Value& proposed,
                                 const cty::Value& config, const std::set<std::string>& keep = {});

// Top-level attribute paths (from `candidates`, in that order) whose values differ between prior and
// planned, or where the planned value is (partly) unknown. Empty when prior or planned is null.
// Candidates that are not attributes of either object are skipped.
// A computed attribute that only an apply produces (a commit id, say): the prior value when the
// planned object equals the prior one apart from this attribute and `force_change` is false,
// otherwise unknown. Returns `planned` with the attribute set accordingly.
cty::Value carry_or_unknown(const cty::Value& prior, const cty::Value& planned, const std::string& attribute,
                            bool force_change = false);

std::vector<AttributePath> requires_replace(const cty::Value& prior, const cty::Value& planned,
                                            const std::vector<std::string>& candidates);

}  // namespace aoa::schema
