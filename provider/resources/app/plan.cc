// appofapps_app: plans: create, update, replace and destroy, with the sync wave over the environment.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
namespace app {

// Why a create finds its file taken, and the two ways out.
std::string already_exists_detail(const AppConfig& c) {
  return "The repository already has " + layout::app_file(c.root, c.environment, c.name) +
         " and this run does not delete it first. If Terraform replaces this app with create_before_destroy, the "
         "old and the new object are the same file and cannot exist together: remove create_before_destroy or give "
         "the app a new name. Otherwise import it with `terraform import <address> " + c.root + "/" + c.environment +
         "/" + c.name + "`.";
}

// The wave of `c` over `apps`, or an error for a cycle or a dependency that is nowhere.
std::optional<int> waves_or_error(const std::map<std::string, AppRecord>& apps, const AppConfig& c,
                                  schema::Diagnostics& diags) {
  planner::WavePlan plan = planner::plan_waves(graph_nodes(apps));
  if (plan.cyclic()) {
    diags.error("Dependency cycle",
                "The apps of " + c.root + "/" + c.environment + " would depend on each other in a cycle: " +
                    planner::cycle_to_string(plan.cycle),
                AttributePath::root("depends_on_apps"));
    return std::nullopt;
  }
  AncestorScan scan = scan_ancestors(apps, c.name);
  if (!scan.missing.empty()) {
    std::vector<std::string> existing;
    for (const auto& [name, _] : apps)
      if (name != c.name) existing.push_back(name);
    if (existing.size() > 20) existing.resize(20), existing.push_back("…");
    const bool direct = !scan.missing_direct.empty();
    diags.error("Dependency not found",
                (direct ? c.name + " depends on \"" + scan.missing_direct.front() + "\"" :
                          "An app that " + c.name + " depends on needs \"" + scan.missing.front() + "\"") +
                    ", which is neither an app of " + c.root + "/" + c.environment +
                    " in the repository nor planned in this run. Apps there: " +
                    (existing.empty() ? std::string("none") : join(existing, ", ")) + ".",
                AttributePath::root("depends_on_apps"));
    return std::nullopt;
  }
  return plan.wave.at(c.name);
}

}  // namespace app

namespace {

// A batch endpoint has no instance type and no slot unless the configuration sets them (the
// declared defaults are the online ones).
void batch_defaults(runtime::PlanStep<AppModel>& step) {
  if (!step.planned.endpoint.is_known()) return;
  EndpointModel ep = step.planned.endpoint.get();
  if (!ep.kind.is_known() || ep.kind.get() != "batch") return;
  const EndpointModel config = step.config.endpoint.value_or({});
  if (config.instance_type.is_null()) ep.instance_type = runtime::String();
  if (config.slot.is_null()) ep.slot = runtime::String();
  step.planned.endpoint = ep;
}

// The planned sync_wave of an update, and whether the files are written: an existing object is a
// no-op only when its wave over this run's whole graph is unchanged, nothing else changes and its
// files were in sync.
void plan_update_wave(runtime::PlanStep<AppModel>& step, std::optional<int> wave, const runtime::Number& written) {
  const AppModel& prior = *step.prior;
  const bool same_wave = wave && prior.sync_wave.is_known() && prior.sync_wave.get().to_int64() == *wave;
  AppModel kept = step.planned;
  kept.sync_wave = prior.sync_wave;
  kept.commit = prior.commit;
  const bool in_sync = prior.commit.is_known() && !prior.commit.get().empty();
  const bool unchanged = same_wave && in_sync && kept == prior;
  step.planned.sync_wave = unchanged ? prior.sync_wave : written;
  step.rewrite = !unchanged;
}

// The root and environment an app joins exist in the repository or are planned in this run (a
// root named by plain name may be planned after the app: wait for it).
bool check_root_environment(const ProviderContext& ctx, const PlanOverlay& overlay_, const AppConfig& c,
                            schema::Diagnostics& diags) {
  const std::string file = layout::root_file(c.root, c.environment);
  auto known = [&] { return overlay_.root_environment_planned(c.root, c.environment) || ctx.store->read(file).has_value(); };
  if (known()) return true;
  wait_for_run([&] { return known() || overlay_.planned_root(c.root).has_value(); }, long_quiet());
  if (known()) return true;
  if (ctx.store->list(layout::root_dir(c.root)).empty() && !overlay_.planned_root(c.root)) {
    diags.error("Unknown root",
                "There is no appofapps_root \"" + c.root + "\" in the repository or in this plan. " +
                    unknown_root_detail(ctx, c.root),
                AttributePath::root("root"));
  } else {
    diags.error("Unknown environment",
                "appofapps_root \"" + c.root + "\" has no environment \"" + c.environment + "\". " +
                    unknown_environment_detail(ctx, c.root, c.environment, &overlay_),
                AttributePath::root("environment"));
  }
  return false;
}

// One app's plan in the environment it joins: what the checks below share.
struct EnvironmentPlan {
  const ProviderContext& ctx;
  PlanOverlay& overlay;
  const AppConfig& c;
  const std::string& replaces;  // the app (root/env/name) this plan moves away from, or ""
  EnvironmentView view;
  // The owner of this namespace and an object with this name may be leaving in this run.
  bool leaving(const std::string& other) const {
    return c.root + "/" + c.environment + "/" + other == replaces ||
           overlay.planned(c.root, c.environment, other) == PlanOverlay::Planned::Destroyed;
  }
};

// Waits for the ancestors the app names to be planned; false when the wait was released only to
// free one of Terraform's slots (the wave is not certain then).
bool wait_for_ancestor_plans(EnvironmentPlan& p) {
  const AppConfig& c = p.c;
  // Dependencies that are nowhere yet may still be planned in this run: wait long for them. A run
  // that goes quiet without them has none: the graph check reports them.
  schema::WaitOutcome found = schema::WaitOutcome::Ready, settled_all = schema::WaitOutcome::Ready;
  wait_for_run([&] { return scan_ancestors(p.view.apps(), c.name).missing.empty(); }, long_quiet(), &found);
  // Ancestors in the repository may change in this run: wait until each is planned, or the run is
  // quiet (they are not in this configuration, and their committed records are final).
  auto settled = [&](const std::string& a) {
    return p.overlay.planned(c.root, c.environment, a) != PlanOverlay::Planned::NotYet;
  };
  wait_for_run([&] {
    for (const auto& a : scan_ancestors(p.view.apps(), c.name).ancestors)
      if (!settled(a)) return false;
    return true;
  }, short_quiet(), &settled_all);
  return found != schema::WaitOutcome::Crowded && settled_all != schema::WaitOutcome::Crowded;
}

// No other app of the environment owns the namespace (one that leaves in this run does not count:
// in the plan it is planned for destruction; in the apply its delete goes first).
bool namespace_free(EnvironmentPlan& p, schema::Diagnostics& diags) {
  const AppConfig& c = p.c;
  auto owners = [&] {
    std::vector<std::string> out;
    for (const auto& [other, rec] : p.view.apps())
      if (other != c.name && rec.namespace_ == c.namespace_ && !p.leaving(other)) out.push_back(other);
    return out;
  };
  wait_for_run([&] { return owners().empty(); }, long_quiet());
  auto o = owners();
  if (o.empty()) return true;
  diags.error("Namespace already owned",
              "Namespace \"" + c.namespace_ + "\" in " + c.root + "/" + c.environment + " is owned by app \"" +
                  o.front() + "\"; \"" + c.name + "\" cannot claim it too (one owner per namespace per environment). If "
                  "this run renames \"" + o.front() + "\" with create_before_destroy, both would own it at once: "
                  "remove create_before_destroy for the rename.",
              AttributePath::root("namespace"));
  return false;
}

// A create's file is free, or this workspace's own object that this run replaces (taint,
// -replace, a for_each key change): Terraform refreshed it, or plans its destroy, or replaces it
// in place.
bool name_free(EnvironmentPlan& p, schema::Diagnostics& diags) {
  const AppConfig& c = p.c;
  const std::string self = c.root + "/" + c.environment + "/" + c.name;
  const std::string file = layout::app_file(c.root, c.environment, c.name);
  if (!p.ctx.store->read(file)) return true;
  // Exactly this create's files, and no object of this workspace: a create committed before a
  // crash, never recorded. Taken over at apply.
  if (p.replaces != self && !p.overlay.in_state(std::string(kType) + "/" + self) && holds_exactly(p.ctx, c))
    return true;
  auto ours = [&] { return p.replaces == self || p.overlay.in_state(std::string(kType) + "/" + self) || p.leaving(c.name); };
  auto gone = [&] { return !p.ctx.store->read(file); };
  wait_for_run([&] { return ours() || gone(); }, long_quiet());
  if (ours() || gone()) return true;
  diags.error("App already exists", already_exists_detail(c), AttributePath::root("name"));
  return false;
}

// The first dependency that this plan destroys, or "".
std::string destroyed_dependency(const EnvironmentPlan& p) {
  for (const auto& d : p.c.depends_on)
    if (p.overlay.planned(p.c.root, p.c.environment, d) == PlanOverlay::Planned::Destroyed) return d;
  return "";
}

// No dependency is destroyed by this plan.
bool dependencies_stay(const EnvironmentPlan& p, schema::Diagnostics& diags) {
  const std::string d = destroyed_dependency(p);
  if (d.empty()) return true;
  diags.error("Dependency is being destroyed",
              p.c.name + " depends on \"" + d + "\", which this plan destroys. Remove the dependency or keep \"" + d +
                  "\".",
              AttributePath::root("depends_on_apps"));
  return false;
}

// Checks an app against the environment it joins (root, namespace, dependencies, cycles, an
// existing file) and returns its wave over the whole graph of this run, once the ancestors it
// names have been planned (or, when Terraform's slots were all taken first, over what is known).
// Errors go to `diags`.
std::optional<int> plan_in_environment(const ProviderContext& ctx, PlanOverlay& overlay, const AppConfig& c, bool creating,
                                       const std::string& replaces, schema::Diagnostics& diags) {
  overlay.plan_app(c.root, c.environment, c.name, c.record());
  schema::CallActivity::global().announce();
  if (!check_root_environment(ctx, overlay, c, diags)) return std::nullopt;
  EnvironmentPlan p{ctx, overlay, c, replaces, EnvironmentView(*ctx.store, overlay, c.root, c.environment, true)};
  const bool certain = wait_for_ancestor_plans(p);
  if (!namespace_free(p, diags)) return std::nullopt;
  if (creating && !name_free(p, diags)) return std::nullopt;
  // A dependency that this plan destroys may come back under another for_each key in this run
  // (its delete and its create are planned in any order): wait for the create, or a quiet run.
  wait_for_run([&] { return destroyed_dependency(p).empty(); }, short_quiet());
  auto env_lock = overlay.lock_environment(c.root, c.environment);
  auto apps = p.view.apps();
  apps[c.name] = c.record();
  if (!dependencies_stay(p, diags)) return std::nullopt;
  if (certain) return waves_or_error(apps, c, diags);
  // Released to free one of Terraform's slots before every ancestor was planned: the ancestors not
  // planned yet count with their committed records. An update whose wave comes out unchanged stays
  // a no-op (should such an ancestor change after all, its write re-waves this app's file and the
  // next refresh reads the new wave); a create's wave is unknown in the plan anyway. Errors over
  // records that may still change are the apply's to find.
  if (auto scan = scan_ancestors(apps, c.name); !scan.missing.empty()) return std::nullopt;
  schema::Diagnostics provisional;
  return waves_or_error(apps, c, provisional);
}

}  // namespace

void AppResource::modify_plan(runtime::PlanStep<AppModel>& step) const {
  batch_defaults(step);
  AppModel& planned = step.planned;
  const auto id = id_of(planned);
  planned.id = id ? runtime::String(*id) : runtime::String::unknown();
  std::optional<int> wave;
  if (id && !planned.depends_on_apps.is_unknown() && !planned.namespace_.is_unknown()) {
    wave = plan_in_environment(*context_.get(), overlay_, app_config(planned), step.is_create(), step.replaces,
                               step.diags);
    if (step.diags.has_errors()) return;
  }
  // A wave that the apply writes is known in the plan only when nothing can move it: an app without
  // dependencies is wave 0. Any other wave depends on sibling records that may change between this
  // plan and the apply (a saved plan, another pipeline), and Terraform plans the app again right
  // before applying it without telling that plan what this one said: a known value here could
  // only end in "Provider produced inconsistent final plan".
  const runtime::StringList& deps = planned.depends_on_apps;
  const bool free_standing = deps.is_null() || (deps.is_known() && deps.get().empty());
  const runtime::Number written = free_standing ? runtime::Number(cty::Number::from_int(0)) : runtime::Number::unknown();
  if (!step.is_create()) {
    plan_update_wave(step, wave, written);
    if (step.rewrite && id) overlay_.note_app_change(planned.root.get(), planned.environment.get());
    return;
  }
  if (id) overlay_.note_app_change(planned.root.get(), planned.environment.get());
  planned.sync_wave = written;
  // A create over this workspace's own object (taint, -replace) is a replacement: the runtime hands
  // the delete half the private data that says so, and it keeps the app's dependents.
  step.replaces_own = id && context_.get()->store->read(layout::app_file(planned.root.get(), planned.environment.get(),
                                                                          planned.name.get()));
}

void AppResource::plan_destroy(const AppModel& prior, runtime::DestroyPlan& step) const {
  auto ctx = context_.get();
  const std::string root = prior.root.get(), env = prior.environment.get(), name = prior.name.get();
  overlay_.plan_app(root, env, name, std::nullopt);
  overlay_.note_app_change(root, env);
  schema::CallActivity::global().announce();
  // Dependents named by plain name are planned in any order: wait until each is planned (destroyed
  // with this app, or kept), or the run is quiet (it is not in this configuration).
  EnvironmentView view(*ctx->store, overlay_, root, env, false);
  auto dependents = [&] {
    auto apps = view.apps();
    overlay_.overlay(root, env, apps);
    apps.erase(name);
    return planner::dependents_of(graph_nodes(apps), name);
  };
  schema::WaitOutcome waited = schema::WaitOutcome::Ready;
  wait_for_run([&] {
    for (const auto& d : dependents())
      if (overlay_.planned(root, env, d) == PlanOverlay::Planned::NotYet) return false;
    return true;
  }, long_quiet(), &waited);
  // Released because every one of Terraform's slots waits: dependents not planned yet may still be
  // destroyed in this run. They count as going with this app; one that this run keeps fails its own
  // plan (*Dependency is being destroyed*).
  const bool crowded = waited == schema::WaitOutcome::Crowded;
  std::vector<std::string> kept, outside;
  for (const auto& d : dependents()) {
    const PlanOverlay::Planned planned = overlay_.planned(root, env, d);
    if (planned == PlanOverlay::Planned::Kept)
      kept.push_back(d);
    else if (!(crowded && planned == PlanOverlay::Planned::NotYet))
      outside.push_back(d);
  }
  // Another instance of this run may create the same app (a for_each key change): then this delete
  // is half of a replacement and the dependents keep their dependency.
  auto recreated = [&] { return overlay_.planned(root, env, name) == PlanOverlay::Planned::Kept; };
  if (!kept.empty() || !outside.empty()) wait_for_run(recreated, short_quiet());
  if ((step.replaced = recreated())) return;
  if (!kept.empty() || !outside.empty()) {
    step.diags.error("App still has dependents",
                     "Cannot destroy " + name + " in " + root + "/" + env + ": " + join(kept.empty() ? outside : kept, ", ") +
                         " depend(s) on it and " + (kept.empty() ? "this run does not destroy them" : "this plan keeps them") +
                         ". Remove the dependency or destroy them too.",
                     AttributePath::root("name"));
    return;
  }
  if (auto left = ctx->store->list(layout::schedules_dir(root, env, name)); !left.empty())
    step.diags.warning("App has schedules",
                       std::to_string(left.size()) + " schedule file(s) under " +
                           layout::schedules_dir(root, env, name) + "/. Unless those appofapps_schedule "
                           "resources are destroyed in this same run, the apply stops before deleting " + name + ".",
                       AttributePath::root("name"));
}

}  // namespace aoa::provider
