#include "provider/shared/app_run_order.h"

#include <atomic>
#include <cstdlib>
#include <set>

namespace aoa::provider {

namespace {
std::chrono::milliseconds quiet_from_environment() {
  if (const char* env = std::getenv("AOA_QUIET_MS")) {
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && ms >= 1 && ms <= 60000) return std::chrono::milliseconds(ms);
  }
  return std::chrono::milliseconds(200);
}
std::atomic<int64_t> g_short_quiet_ms{quiet_from_environment().count()};
}  // namespace

std::chrono::milliseconds short_quiet() { return std::chrono::milliseconds(g_short_quiet_ms.load()); }
void set_short_quiet(std::chrono::milliseconds quiet) { g_short_quiet_ms.store(quiet.count()); }

std::chrono::milliseconds long_quiet() { return short_quiet() * 15; }

AncestorScan scan_ancestors(const std::map<std::string, AppRecord>& apps, const std::string& name) {
  AncestorScan scan;
  std::set<std::string> seen{name}, missing;
  std::vector<std::string> stack{name};
  while (!stack.empty()) {
    const std::string n = stack.back();
    stack.pop_back();
    auto it = apps.find(n);
    if (it == apps.end()) continue;
    for (const auto& d : it->second.depends_on) {
      if (!apps.count(d)) {
        if (missing.insert(d).second) scan.missing.push_back(d);
        if (n == name) scan.missing_direct.push_back(d);
      } else if (seen.insert(d).second) {
        scan.ancestors.push_back(d);
        stack.push_back(d);
      }
    }
  }
  return scan;
}

EnvironmentView::EnvironmentView(const gitops::Store& store, const PlanOverlay& overlay, std::string root,
                                 std::string environment, bool with_plans)
    : store_(store), overlay_(overlay), root_(std::move(root)), environment_(std::move(environment)),
      with_plans_(with_plans) {}

std::map<std::string, AppRecord> EnvironmentView::apps() {
  auto apps = environment_apps(store_, root_, environment_)->apps;  // cached while the folder is unchanged
  if (with_plans_) overlay_.overlay(root_, environment_, apps);
  return apps;
}

bool wait_for_run(const std::function<bool()>& ready, std::chrono::milliseconds quiet, schema::WaitOutcome* outcome) {
  const schema::WaitOutcome o = schema::CallActivity::global().wait_until(ready, quiet);
  if (outcome) *outcome = o;
  return o == schema::WaitOutcome::Ready;
}

}  // namespace aoa::provider
