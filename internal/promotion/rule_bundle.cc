// Rules 2 and 6: the bundle's versions run in from; rollbacks and what the target ran before.
#include "internal/promotion/decide_steps.h"
#include "internal/registry/names.h"
#include "internal/registry/version_order.h"

namespace aoa::promotion::detail {
namespace {

const LiveApp* find_app(const std::map<std::string, LiveApp>& apps, const std::string& app) {
  const auto it = apps.find(app);
  return it == apps.end() ? nullptr : &it->second;
}

// The latest earlier decision that promoted `version` of `app` to the target, if any.
const AuditRecord* promoted_before(const DecideState& s, const std::string& app, const std::string& version) {
  const AuditRecord* latest = nullptr;
  for (const auto& record : s.context.history) {
    if (record.root != s.request.root || record.to != s.request.to || record.decision != "promoted") continue;
    const auto after = record.versions_after.find(app);
    if (after == record.versions_after.end() || after->second != version) continue;
    if (latest == nullptr || record.time > latest->time) latest = &record;
  }
  return latest;
}

void note_rollback(DecideState& s, const std::string& app, const std::string& version, const LiveApp& in_to) {
  auto& d = s.decision;
  d.rollback = true;
  d.rolled_back_apps.push_back(app);  // versions is a sorted map: stays sorted
  const AuditRecord* earlier = promoted_before(s, app, version);
  if (earlier != nullptr) s.waived_apps.insert(app);
  const std::string& to = s.request.to;
  d.diagnostics.warning(
      "Rollback of \"" + app + "\" in " + to + ": " + in_to.version + " → " + version,
      earlier != nullptr
          ? to + " ran " + version + " before (audit record " + earlier->id + " of " + earlier->time +
                "), so gate failures of this version are waived and it need not run in " + s.request.from + "."
          : "The audit history does not show " + version + " ever promoted to " + to + ", so it must run in " +
                s.request.from + " and pass the gates like any promotion.",
      version_path(app));
}

void require_live_in_from(DecideState& s, const std::string& app, const std::string& version, const LiveApp* in_from) {
  const std::string& from = s.request.from;
  if (in_from == nullptr) {
    s.decision.diagnostics.error(
        "App \"" + app + "\" is not deployed in " + from,
        "versions[\"" + app + "\"] = \"" + version + "\" must be live in " + from +
            ", the source of the promotion, but " + from + " has no app \"" + app +
            "\". Deploy it there first (appofapps_app), or remove it from versions.",
        version_path(app));
  } else if (in_from->version != version) {
    s.decision.diagnostics.error(
        "Version " + version + " of \"" + app + "\" is not live in " + from,
        from + " runs \"" + app + "\" at version " + in_from->version + " (model " + in_from->model +
            "). Only the version live in the source environment can be promoted: promote " + in_from->version +
            ", or deploy " + version + " to " + from + " first.",
        version_path(app));
  }
}

}  // namespace

void check_bundle(DecideState& s) {
  auto& d = s.decision;
  if (s.request.versions.empty()) {
    d.diagnostics.error("versions must name at least one app",
                        "versions maps each app of the bundle to the model version to promote, e.g. "
                        "{ fraud = \"12\" }; the version must be live in " + s.request.from + ".",
                        schema::AttributePath::root("versions"));
  }
  for (const auto& [app, version] : s.request.versions) {
    const LiveApp* in_from = find_app(s.context.from_apps, app);
    const LiveApp* in_to = find_app(s.context.to_apps, app);
    if (in_to != nullptr) d.versions_before[app] = in_to->version;

    const Status valid = registry::validate_version(version);
    if (!valid.ok()) {
      d.diagnostics.error("Invalid version for \"" + app + "\"", "versions[\"" + app + "\"]: " + valid.message() + ".",
                          version_path(app));
      continue;
    }
    if (in_to != nullptr && registry::compare_versions(version, in_to->version) < 0) {
      note_rollback(s, app, version, *in_to);
    }
    if (!s.waived_apps.contains(app)) require_live_in_from(s, app, version, in_from);

    // Registry records are read under the model the app runs in from (in to for a rollback
    // that is not in from). An app with no model would silently skip its gates: an error.
    const LiveApp* source = in_from != nullptr ? in_from : in_to;
    if (source == nullptr) continue;  // reported above: not deployed in from
    if (source->model.empty()) {
      const std::string& env = in_from != nullptr ? s.request.from : s.request.to;
      d.diagnostics.error("App \"" + app + "\" names no model in " + env,
                          "Its gates cannot be checked. Set the model of \"" + app + "\" (appofapps_app).",
                          version_path(app));
      continue;
    }
    s.model_of[app] = source->model;
  }
}

}  // namespace aoa::promotion::detail
