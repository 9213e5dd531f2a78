// What this provider process has seen of the current Terraform run. Terraform sends one walk
// (plan, or apply) to one provider process: every app of the run is planned here, and in the apply
// walk every changed app is re-planned and applied here. Apps that name each other by plain name
// come in any order, so a call that needs a sibling waits for it (schema::CallActivity) and finds
// it here: planned (with its record), written or deleted by an apply, or read from the state.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "internal/registry/model_version.h"
#include "provider/shared/environment_apps.h"

namespace aoa::provider {

class PlanOverlay {
 public:
  // A root planned in this run: its environments in promotion order, with their `protected` flag.
  struct PlannedEnvironment {
    std::string name;
    bool protected_env = false;
  };
  void plan_root_environments(const std::string& root, const std::vector<PlannedEnvironment>& environments) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& e : environments) root_envs_.insert(root + "/" + e.name);
    planned_roots_[root] = environments;
  }
  std::optional<std::vector<PlannedEnvironment>> planned_root(const std::string& root) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = planned_roots_.find(root);
    if (it == planned_roots_.end()) return std::nullopt;
    return it->second;
  }
  bool root_environment_planned(const std::string& root, const std::string& environment) const {
    std::lock_guard<std::mutex> lock(mu_);
    return root_envs_.count(root + "/" + environment) > 0;
  }
  // nullopt = planned for destruction. When one instance destroys an app and another creates it
  // again (a for_each key change), the app is kept: a record wins over a destruction.
  void plan_app(const std::string& root, const std::string& environment, const std::string& name,
                std::optional<AppRecord> record) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = apps_[root + "/" + environment];
    auto it = slot.find(name);
    if (!record && it != slot.end() && it->second) return;
    slot[name] = std::move(record);
  }
  // An apply of this run wrote (or deleted) the app's files.
  void note_applied(const std::string& root, const std::string& environment, const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    applied_.insert(root + "/" + environment + "/" + name);
  }
  bool applied(const std::string& root, const std::string& environment, const std::string& name) const {
    std::lock_guard<std::mutex> lock(mu_);
    return applied_.count(root + "/" + environment + "/" + name) > 0;
  }
  // The plan of an app of the environment writes files in this run (a create, an update that
  // rewrites, a destroy): the environment's release has something to publish.
  void note_app_change(const std::string& root, const std::string& environment) {
    std::lock_guard<std::mutex> lock(mu_);
    changing_envs_.insert(root + "/" + environment);
  }
  bool apps_change(const std::string& root, const std::string& environment) const {
    std::lock_guard<std::mutex> lock(mu_);
    return changing_envs_.count(root + "/" + environment) > 0;
  }
  // Terraform refreshed a state object ("<type>/<id>", e.g. "appofapps_app/ml/dev/fraud"): the
  // workspace manages it, so a create of the same object in this run replaces it (taint, a
  // `for_each` key change) rather than colliding with someone else's.
  void note_in_state(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    in_state_.insert(key);
  }
  bool in_state(const std::string& key) const {
    std::lock_guard<std::mutex> lock(mu_);
    return in_state_.count(key) > 0;
  }
  enum class Planned { NotYet, Kept, Destroyed };
  Planned planned(const std::string& root, const std::string& environment, const std::string& name) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto env = apps_.find(root + "/" + environment);
    if (env == apps_.end()) return Planned::NotYet;
    auto it = env->second.find(name);
    if (it == env->second.end()) return Planned::NotYet;
    return it->second ? Planned::Kept : Planned::Destroyed;
  }
  // Held while one app's plan reads the environment, decides and records itself, so that two apps
  // of an environment planned concurrently see each other (a cycle between them is found).
  std::unique_lock<std::mutex> lock_environment(const std::string& root, const std::string& environment) {
    std::mutex* m;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto& slot = env_locks_[root + "/" + environment];
      if (!slot) slot = std::make_unique<std::mutex>();
      m = slot.get();
    }
    return std::unique_lock<std::mutex>(*m);
  }
  // Registry records planned in this run (created or kept), so that a promotion planned after a
  // new model version can check its gates before the record is in the repository.
  void plan_model_version(registry::ModelVersionRecord record) {
    std::lock_guard<std::mutex> lock(mu_);
    std::string key = record.model + "/" + record.version;
    model_versions_[key] = std::move(record);
  }
  std::optional<registry::ModelVersionRecord> planned_model_version(const std::string& model,
                                                                   const std::string& version) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = model_versions_.find(model + "/" + version);
    if (it == model_versions_.end()) return std::nullopt;
    return it->second;
  }
  // Applies what was planned onto apps read from the repository.
  void overlay(const std::string& root, const std::string& environment, std::map<std::string, AppRecord>& apps) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = apps_.find(root + "/" + environment);
    if (it == apps_.end()) return;
    for (const auto& [name, record] : it->second) {
      if (record)
        apps[name] = *record;
      else
        apps.erase(name);
    }
  }

 private:
  mutable std::mutex mu_;
  std::set<std::string> root_envs_;
  std::map<std::string, std::vector<PlannedEnvironment>> planned_roots_;
  std::map<std::string, std::map<std::string, std::optional<AppRecord>>> apps_;
  std::set<std::string> applied_;   // "<root>/<env>/<app>"
  std::set<std::string> changing_envs_;  // "<root>/<env>"
  std::set<std::string> in_state_;  // "<type>/<id>"
  std::map<std::string, std::unique_ptr<std::mutex>> env_locks_;
  std::map<std::string, registry::ModelVersionRecord> model_versions_;
};

}  // namespace aoa::provider
