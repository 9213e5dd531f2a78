// What this provider process has planned so far in the current Terraform run. Terraform plans all
// resources of one run in one provider process, in dependency order; an app that references its
// root or its dependencies (`depends_on_apps = [appofapps_app.features.name]`) is planned after
// them and sees them here before anything is in the repository.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "internal/registry/model_version.h"
#include "provider/environment_apps.h"

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
  // nullopt = planned for destruction.
  void plan_app(const std::string& root, const std::string& environment, const std::string& name,
                std::optional<AppRecord> record) {
    std::lock_guard<std::mutex> lock(mu_);
    apps_[root + "/" + environment][name] = std::move(record);
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
  std::map<std::string, std::unique_ptr<std::mutex>> env_locks_;
  std::map<std::string, registry::ModelVersionRecord> model_versions_;
};

}  // namespace aoa::provider
