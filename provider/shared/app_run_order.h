// How an app's plan or apply waits for the sibling apps it needs when the configuration does not
// order them: apps of one `for_each` name their dependencies by plain name (a reference to a
// sibling instance would be a Terraform cycle), so Terraform plans and applies them in any order.
//
// An app's sync wave needs the records of all its ancestors. The plan of an app waits until every
// ancestor has been planned in this run (or the run is quiet: the ancestor is not in this
// configuration, and its committed record is final). The apply waits until every ancestor has been
// written by this run (or the run is quiet: the ancestor does not change in this run). A
// dependency that is nowhere, neither in the repository nor in this run, is waited for longer and
// is then an error.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "provider/shared/environment_apps.h"
#include "provider/shared/plan_overlay.h"
#include "schema/call_activity.h"

namespace aoa::provider {

// Quiet periods: how long the whole run must be idle before a waiting call stops waiting for a
// sibling that may change (short), or for a dependency that is nowhere yet (long; only ends in an
// error). AOA_QUIET_MS sets the short one (the long one is 15 times it), for tests.
std::chrono::milliseconds short_quiet();
std::chrono::milliseconds long_quiet();
void set_short_quiet(std::chrono::milliseconds quiet);  // tests: runs without Terraform are quiet at once

struct AncestorScan {
  std::vector<std::string> ancestors;  // every app `name` depends on, directly or not, that exists
  std::vector<std::string> missing;    // names depended on (on any path) that are not in `apps`
  std::vector<std::string> missing_direct;  // of those, `name`'s own dependencies
};
AncestorScan scan_ancestors(const std::map<std::string, AppRecord>& apps, const std::string& name);

// The apps of one environment as this process sees them now: the repository with the changes
// staged for its next commit (environment_apps()) and this run's plans laid over it (`with_plans`).
class EnvironmentView {
 public:
  EnvironmentView(const gitops::Store& store, const PlanOverlay& overlay, std::string root, std::string environment,
                  bool with_plans);
  std::map<std::string, AppRecord> apps();

 private:
  const gitops::Store& store_;
  const PlanOverlay& overlay_;
  std::string root_, environment_;
  bool with_plans_;
};

// Waits until `ready()`; true when it holds, false when the run went quiet (or crowded) first.
bool wait_for_run(const std::function<bool()>& ready, std::chrono::milliseconds quiet,
                  schema::WaitOutcome* outcome = nullptr);

}  // namespace aoa::provider
