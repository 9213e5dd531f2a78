#include "internal/gitops/repo_layout.h"
#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {

schema::AttributePath version_path(const std::string& app) { return schema::AttributePath::root("versions").key(app); }

schema::AttributePath gate_path(size_t index) {
  return schema::AttributePath::root("gate").index(static_cast<int64_t>(index));
}

const DecideState::Lookup& DecideState::lookup(const std::string& model, const std::string& version) {
  const auto key = std::make_pair(model, version);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  Lookup result;
  if (context.lookup) {
    Result<std::optional<registry::ModelVersionRecord>> found = context.lookup(model, version);
    if (found.ok()) {
      result.record = std::move(found).value();
    } else {
      result.error = found.status().message();
    }
  }
  return cache_.emplace(key, std::move(result)).first->second;
}

const registry::ModelVersionRecord* DecideState::bundle_record(const std::string& app) {
  const auto model = model_of.find(app);
  if (model == model_of.end()) return nullptr;
  const std::string& version = request.versions.at(app);
  const Lookup& found = lookup(model->second, version);
  if (found.record) return &*found.record;
  if (reported_.insert(app).second) {
    const std::string what = "model " + model->second + " version " + version;
    if (!found.error.empty()) {
      decision.diagnostics.error("Registry record of " + what + " could not be read",
                                 "The gates of app \"" + app + "\" read " +
                                     gitops::layout::registry_file(model->second, version) + ": " + found.error +
                                     ". Fix or re-create the record (appofapps_model_version).",
                                 version_path(app));
    } else {
      decision.diagnostics.error("No registry record for " + what,
                                 "The gates of app \"" + app + "\" compare the metrics of " +
                                     gitops::layout::registry_file(model->second, version) + ", which does not exist. Create it with an "
                                     "appofapps_model_version resource, or remove the gates that apply to \"" +
                                     app + "\".",
                                 version_path(app));
    }
  }
  return nullptr;
}

const registry::ModelVersionRecord* DecideState::target_record(const std::string& app, std::string& why) {
  const auto live = context.to_apps.find(app);
  if (live == context.to_apps.end()) {
    why = "nothing runs in " + request.to;
    return nullptr;
  }
  const Lookup& found = lookup(live->second.model, live->second.version);
  if (found.record) return &*found.record;
  const std::string what = "model " + live->second.model + " version " + live->second.version;
  why = found.error.empty() ? "there is no registry record of " + what + " (running in " + request.to + ")"
                            : "the registry record of " + what + " could not be read: " + found.error;
  return nullptr;
}

}  // namespace aoa::promotion::detail
