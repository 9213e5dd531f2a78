// Pieces every resource of this provider uses the same way: the stop check before a write, the
// commit actor, and splitting an import ID.
#pragma once

#include <string>
#include <vector>

#include "provider/shared/app_run_order.h"
#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"
#include "schema/plan.h"
#include "schema/provider.h"

namespace aoa::provider {

// True (and an error in `res`) when Terraform asked the provider to stop: nothing is written then.
inline bool refuse_when_stopping(const schema::StopToken& stop, schema::ApplyResponse& res) {
  if (!stop.stop_requested()) return false;
  res.diagnostics.error("Cancelled", "Terraform asked the provider to stop; nothing was written.");
  return true;
}

// "name <email>" of the configured commit author, for the Appofapps-Actor trailer.
inline std::string author_actor(const ProviderContext& ctx) { return ctx.author.name + " <" + ctx.author.email + ">"; }

// The planned `commit` of an update: the prior one when nothing changes, else unknown. Read leaves
// commit "" when a file of the resource is missing, unreadable or hand-edited beyond what the
// attributes model; that forces an update which writes the files again.
inline cty::Value plan_commit(const cty::Value& prior, const cty::Value& planned) {
  const cty::Value& c = prior.attr("commit");
  const bool files_in_sync = c.is_known() && !c.is_null() && !c.as_string().empty();
  return schema::carry_or_unknown(prior, planned, "commit", !files_in_sync);
}

// Planned private data that names the object a plan moves away from ("<type>/<id>"). An update
// plan carries it; when Terraform turns the update into a replacement (-replace, or a changed
// argument that forces one) it plans the create again with it as prior private data, and hands the
// create's private data to the delete half of the replacement too.
inline std::string replaces_private(const std::string& key) { return "replaces=" + key; }
inline bool replaces(const std::string& private_data, const std::string& key) {
  return private_data == replaces_private(key);
}

// Whether a create may write over `key`'s files that are already in the repository (`exists`):
// when this workspace replaces its own object (-replace, taint, a for_each key change) rather than
// colliding with an object someone else manages. In the plan Terraform has refreshed the object or
// handed over the update plan's private data; in the apply the delete half goes first, or (another
// instance's delete) arrives while this waits.
template <typename Exists>
bool create_may_take_over(const PlanOverlay& overlay, const std::string& key, const std::string& prior_private,
                          Exists&& exists) {
  if (!exists() || replaces(prior_private, key) || overlay.in_state(key)) return true;
  wait_for_run([&] { return !exists() || overlay.in_state(key); }, long_quiet());
  return !exists() || overlay.in_state(key);
}

// "a/b/c" -> {"a", "b", "c"}; empty parts are kept ("a//b" -> {"a", "", "b"}).
inline std::vector<std::string> split_import_id(const std::string& id) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t slash = id.find('/', start);
    parts.push_back(id.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) return parts;
    start = slash + 1;
  }
}

}  // namespace aoa::provider
