// appofapps_app: plans: create, update, replace and destroy, with the sync wave over the environment.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
namespace app {

std::string replaced_id(const std::string& private_data) {
  const std::string prefix = "replaces=";
  return private_data.rfind(prefix, 0) == 0 ? private_data.substr(prefix.size()) : "";
}

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

// Planned private data: the identity of the object an update plan starts from. When Terraform
// turns the update into a replacement (`-replace`, or `root`/`environment`/`name` changed) it plans
// the new object again with this as its prior private data, so the create knows what it replaces.
std::string replaces_marker(const Value& prior) {
  return "replaces=" + prior.attr("root").as_string() + "/" + prior.attr("environment").as_string() + "/" +
         prior.attr("name").as_string();
}
// Optional+computed endpoint settings take their default where the configuration leaves them out,
// so removing an argument returns it to the default (not to the prior value).
Value endpoint_with_defaults(const Value& planned_ep, const Value& config_ep) {
  if (planned_ep.is_null() || !planned_ep.is_known()) return planned_ep;
  Value ep = planned_ep;
  const bool config_known = !config_ep.is_null() && config_ep.is_known();
  auto configured = [&](const char* f) { return config_known && !config_ep.attr(f).is_null(); };
  const bool batch = string_or(ep, "kind", "online") == "batch";
  if (!configured("kind")) ep = ep.with_attr("kind", Value::string("online"));
  if (!configured("instance_count")) ep = ep.with_attr("instance_count", Value::number(1));
  if (!configured("instance_type"))
    ep = ep.with_attr("instance_type", batch ? Value::null(Type::string()) : Value::string(kDefaultInstanceType));
  if (!configured("slot")) ep = ep.with_attr("slot", batch ? Value::null(Type::string()) : Value::string(kDefaultSlot));
  return ep;
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

// Checks an app against the environment it joins (root, namespace, dependencies, cycles, an
// existing file) and returns its wave over the whole graph of this run, once the ancestors it
// names have been planned. Errors go to `diags`.
std::optional<int> plan_in_environment(const ProviderContext& ctx, PlanOverlay& overlay_, const AppConfig& c, bool creating,
                                       const std::string& replaces, schema::Diagnostics& diags) {
  const std::string self = c.root + "/" + c.environment + "/" + c.name;
  overlay_.plan_app(c.root, c.environment, c.name, c.record());
  schema::CallActivity::global().announce();
  if (!check_root_environment(ctx, overlay_, c, diags)) return std::nullopt;

  EnvironmentView view(*ctx.store, overlay_, c.root, c.environment, true);
  // Dependencies that are nowhere yet may still be planned in this run: wait long for them. A run
  // that goes quiet without them has none: the graph check below reports them.
  schema::WaitOutcome found = schema::WaitOutcome::Ready, settled_all = schema::WaitOutcome::Ready;
  wait_for_run([&] { return scan_ancestors(view.apps(), c.name).missing.empty(); }, long_quiet(), &found);
  // Ancestors in the repository may change in this run: wait until each is planned, or the run is
  // quiet (they are not in this configuration, and their committed records are final).
  auto settled = [&](const std::string& a) {
    return overlay_.planned(c.root, c.environment, a) != PlanOverlay::Planned::NotYet;
  };
  wait_for_run([&] {
    for (const auto& a : scan_ancestors(view.apps(), c.name).ancestors)
      if (!settled(a)) return false;
    return true;
  }, short_quiet(), &settled_all);
  // Released only to free one of Terraform's slots: the wave is not certain.
  const bool certain = found != schema::WaitOutcome::Crowded && settled_all != schema::WaitOutcome::Crowded;
  // The owner of this namespace and an object with this name may be leaving in this run.
  auto leaving = [&](const std::string& other) {
    return c.root + "/" + c.environment + "/" + other == replaces ||
           overlay_.planned(c.root, c.environment, other) == PlanOverlay::Planned::Destroyed;
  };
  auto owners = [&] {
    std::vector<std::string> out;
    for (const auto& [other, rec] : view.apps())
      if (other != c.name && rec.namespace_ == c.namespace_ && !leaving(other)) out.push_back(other);
    return out;
  };
  // In the plan the leaving owner is planned for destruction; in the apply its delete goes first.
  wait_for_run([&] { return owners().empty(); }, long_quiet());
  if (auto o = owners(); !o.empty()) {
    diags.error("Namespace already owned",
                "Namespace \"" + c.namespace_ + "\" in " + c.root + "/" + c.environment + " is owned by app \"" +
                    o.front() + "\"; \"" + c.name + "\" cannot claim it too (one owner per namespace per environment). If "
                    "this run renames \"" + o.front() + "\" with create_before_destroy, both would own it at once: "
                    "remove create_before_destroy for the rename.",
                AttributePath::root("namespace"));
    return std::nullopt;
  }
  if (creating && ctx.store->read(layout::app_file(c.root, c.environment, c.name))) {
    // The file is this workspace's own object when this run replaces it (taint, -replace, a
    // for_each key change): Terraform refreshed it, or plans its destroy, or replaces it in place.
    auto ours = [&] { return replaces == self || overlay_.in_state(std::string(kType) + "/" + self) || leaving(c.name); };
    auto gone = [&] { return !ctx.store->read(layout::app_file(c.root, c.environment, c.name)); };
    wait_for_run([&] { return ours() || gone(); }, long_quiet());
    if (!ours() && !gone()) {
      diags.error("App already exists", already_exists_detail(c), AttributePath::root("name"));
      return std::nullopt;
    }
  }
  auto env_lock = overlay_.lock_environment(c.root, c.environment);
  auto apps = view.apps();
  apps[c.name] = c.record();
  for (const auto& d : c.depends_on) {
    if (overlay_.planned(c.root, c.environment, d) == PlanOverlay::Planned::Destroyed) {
      diags.error("Dependency is being destroyed",
                  c.name + " depends on \"" + d + "\", which this plan destroys. Remove the dependency or keep \"" + d +
                      "\".",
                  AttributePath::root("depends_on_apps"));
      return std::nullopt;
    }
  }
  if (!certain) {
    if (auto scan = scan_ancestors(apps, c.name); !scan.missing.empty()) return std::nullopt;  // the apply decides
  }
  std::optional<int> wave = waves_or_error(apps, c, diags);
  return certain ? wave : std::nullopt;
}

}  // namespace

schema::PlanResponse AppResource::plan(const schema::PlanRequest& req) const {
  if (req.proposed_new_state.is_null()) return plan_destroy(req);
  schema::PlanResponse res;
  validate(req.config, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;

  Value planned = req.proposed_new_state;
  planned = planned.with_attr("endpoint", endpoint_with_defaults(planned.attr("endpoint"), req.config.attr("endpoint")));
  for (const char* attr : {"depends_on_apps", "environment_variables", "labels"})
    planned = empty_unless_configured(planned, req.prior_state, req.config, attr);
  const bool identity_known = planned.attr("root").is_known() && planned.attr("environment").is_known() &&
                              planned.attr("name").is_known();
  planned = planned.with_attr("id", identity_known ? Value::string(planned.attr("root").as_string() + "/" +
                                                                   planned.attr("environment").as_string() + "/" +
                                                                   planned.attr("name").as_string())
                                                   : Value::unknown(Type::string()));
  // The object this plan moves away from: the prior one (a rename replaces it), or, for a plan
  // without a prior object, the one the update plan before it named (see replaces_marker).
  const std::string replaces = req.prior_state.is_null() ? replaced_id(req.prior_private)
                                                          : replaced_id(replaces_marker(req.prior_state));
  std::optional<int> wave;
  if (identity_known && planned.attr("depends_on_apps").is_wholly_known() && planned.attr("namespace").is_known()) {
    AppConfig c = app_config(planned);
    auto computed = plan_in_environment(*context_.get(), overlay_, c, req.prior_state.is_null(), replaces, res.diagnostics);
    if (res.diagnostics.has_errors()) return res;
    wave = computed;
  }
  // A wave that the apply writes is known in the plan only when nothing can move it: an app without
  // dependencies is wave 0. Any other wave depends on sibling records that may change between this
  // plan and the apply (a saved plan, another pipeline), and Terraform plans the app again right
  // before applying it without telling that plan what this one said: a known value here could
  // only end in "Provider produced inconsistent final plan".
  const Value& deps = planned.attr("depends_on_apps");
  const bool free_standing = deps.is_known() && (deps.is_null() || deps.length() == 0);
  const Value written_wave = free_standing ? Value::number(0) : Value::unknown(Type::number());
  if (req.prior_state.is_null()) {
    planned = planned.with_attr("sync_wave", written_wave);
    planned = planned.with_attr("commit", Value::unknown(Type::string()));
    // A create over this workspace's own object (taint, -replace) is a replacement: Terraform hands
    // this private data to the delete half too, which then keeps the app's dependents.
    if (identity_known && context_.get()->store->read(layout::app_file(planned.attr("root").as_string(),
                                                                      planned.attr("environment").as_string(),
                                                                      planned.attr("name").as_string())))
      res.planned_private = "replaces=" + planned.attr("id").as_string();
  } else {
    // An existing object is a no-op only when its wave over this run's whole graph is unchanged.
    const Value& prior_wave = req.prior_state.attr("sync_wave");
    planned = planned.with_attr("sync_wave", prior_wave);
    planned = plan_commit(req.prior_state, planned);
    const bool same_wave = wave && prior_wave.is_known() && !prior_wave.is_null() &&
                           prior_wave.as_number().to_int64() == *wave;
    if (!same_wave || !(planned == req.prior_state)) {
      planned = planned.with_attr("sync_wave", written_wave);
      planned = planned.with_attr("commit", Value::unknown(Type::string()));
    }
    res.requires_replace = schema::requires_replace(req.prior_state, planned, {"root", "environment", "name"});
    res.planned_private = replaces_marker(req.prior_state);
  }
  res.planned_state = planned;
  return res;
}

schema::PlanResponse AppResource::plan_destroy(const schema::PlanRequest& req) const {
  schema::PlanResponse res;
  res.planned_state = req.proposed_new_state;
  auto ctx = context_.get();
  const Value& prior = req.prior_state;
  const std::string root = prior.attr("root").as_string(), env = prior.attr("environment").as_string(),
                    name = prior.attr("name").as_string();
  overlay_.plan_app(root, env, name, std::nullopt);
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
  wait_for_run([&] {
    for (const auto& d : dependents())
      if (overlay_.planned(root, env, d) == PlanOverlay::Planned::NotYet) return false;
    return true;
  }, long_quiet());
  std::vector<std::string> kept, outside;
  for (const auto& d : dependents())
    (overlay_.planned(root, env, d) == PlanOverlay::Planned::Kept ? kept : outside).push_back(d);
  // Another instance of this run may create the same app (a for_each key change): then this delete
  // is half of a replacement and the dependents keep their dependency.
  auto recreated = [&] { return overlay_.planned(root, env, name) == PlanOverlay::Planned::Kept; };
  if (!kept.empty() || !outside.empty()) wait_for_run(recreated, short_quiet());
  if (recreated()) {
    res.planned_private = "replaces=" + root + "/" + env + "/" + name;
    return res;
  }
  if (!kept.empty() || !outside.empty()) {
    res.diagnostics.error("App still has dependents",
                          "Cannot destroy " + name + " in " + root + "/" + env + ": " + join(kept.empty() ? outside : kept, ", ") +
                              " depend(s) on it and " + (kept.empty() ? "this run does not destroy them" : "this plan keeps them") +
                              ". Remove the dependency or destroy them too.",
                          AttributePath::root("name"));
    return res;
  }
  if (auto left = ctx->store->list(layout::schedules_dir(root, env, name)); !left.empty())
    res.diagnostics.warning("App has schedules",
                            std::to_string(left.size()) + " schedule file(s) under " +
                                layout::schedules_dir(root, env, name) + "/. Unless those appofapps_schedule "
                                "resources are destroyed in this same run, the apply stops before deleting " + name + ".",
                            AttributePath::root("name"));
  return res;
}

}  // namespace aoa::provider
