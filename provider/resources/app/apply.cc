// appofapps_app: apply: the files of an app written or deleted in one commit, siblings re-waved.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
namespace {

// The Azure ML files of an app: endpoint.yaml and deployment-<slot>.yaml (batch: slot "default").
Result<std::map<std::string, std::string>> workload_files(const AppConfig& c) {
  std::map<std::string, std::string> tags{{"appofapps.io/root", c.root},
                                          {"appofapps.io/environment", c.environment},
                                          {"appofapps.io/app", c.name},
                                          {"appofapps.io/owner", c.owner}};
  const std::string endpoint = render::azureml_endpoint_name(c.name, c.environment);
  const std::string model = "azureml:" + c.model_name + ":" + c.model_version;
  std::map<std::string, std::string> files;
  if (c.kind == "batch") {
    render::BatchEndpointSpec e;
    e.name = endpoint;
    e.default_deployment = "default";
    e.tags = tags;
    render::BatchDeploymentSpec d;
    d.name = "default";
    d.endpoint_name = endpoint;
    d.model = model;
    d.environment = c.azureml_env;
    d.compute = c.compute;
    d.instance_count = c.instance_count;
    auto get = [&](const char* f, int fallback) { auto it = c.batch_ints.find(f); return it == c.batch_ints.end() ? fallback : it->second; };
    d.mini_batch_size = get("mini_batch_size", d.mini_batch_size);
    d.max_concurrency_per_instance = get("max_concurrency_per_instance", d.max_concurrency_per_instance);
    d.error_threshold = get("error_threshold", d.error_threshold);
    d.max_retries = get("max_retries", d.max_retries);
    d.retry_timeout = get("retry_timeout", d.retry_timeout);
    if (!c.output_action.empty()) d.output_action = c.output_action;
    if (!c.output_file_name.empty()) d.output_file_name = c.output_file_name;
    d.environment_variables = c.environment_variables;
    d.tags = tags;
    AOA_ASSIGN_OR_RETURN(files[layout::endpoint_file(c.root, c.environment, c.name)], render::render_batch_endpoint(e));
    AOA_ASSIGN_OR_RETURN(files[layout::deployment_file(c.root, c.environment, c.name, "default")], render::render_batch_deployment(d));
  } else {
    render::OnlineEndpointSpec e;
    e.name = endpoint;
    e.traffic = {{c.slot, 100}};
    e.tags = tags;
    render::OnlineDeploymentSpec d;
    d.name = c.slot;
    d.endpoint_name = endpoint;
    d.model = model;
    d.environment = c.azureml_env;
    d.instance_type = c.instance_type;
    d.instance_count = c.instance_count;
    d.environment_variables = c.environment_variables;
    if (c.request_timeout_ms || c.max_concurrent_requests) {
      render::RequestSettingsSpec rs;
      if (c.request_timeout_ms) rs.request_timeout_ms = *c.request_timeout_ms;
      if (c.max_concurrent_requests) rs.max_concurrent_requests_per_instance = *c.max_concurrent_requests;
      d.request_settings = rs;
    }
    d.liveness_probe = c.liveness;
    d.readiness_probe = c.readiness;
    d.tags = tags;
    AOA_ASSIGN_OR_RETURN(files[layout::endpoint_file(c.root, c.environment, c.name)], render::render_online_endpoint(e));
    AOA_ASSIGN_OR_RETURN(files[layout::deployment_file(c.root, c.environment, c.name, c.slot)], render::render_online_deployment(d));
  }
  return files;
}

render::ChildApplicationSpec child_spec(const ProviderContext& ctx, const render::RootEnvironmentSpec& root,
                                        const AppConfig& c, int wave) {
  render::ChildApplicationSpec s;
  s.root = c.root;
  s.environment = c.environment;
  s.app = c.name;
  s.owner = c.owner;
  s.cluster = root.cluster;
  s.namespace_ = c.namespace_;
  s.project = root.project;
  s.argocd_namespace = root.argocd_namespace;
  s.repo_url = ctx.repo_url;
  s.target_revision = ctx.branch;
  s.source_path = ctx.repo_path(layout::workload_dir(c.root, c.environment, c.name));
  s.sync_wave = wave;
  s.protected_env = root.protected_env;
  s.labels = c.labels;
  s.depends_on = c.depends_on;
  s.model = c.model_name + ":" + c.model_version;
  return s;
}

}  // namespace

// A create that was committed but never reached Terraform's state (the provider or Terraform was
// killed in between) left exactly the files this create would write: the create takes them over.
bool app::holds_exactly(const ProviderContext& ctx, const AppConfig& c) {
  auto text = ctx.store->read(layout::app_file(c.root, c.environment, c.name));
  if (!text) return false;
  {
    const Result<render::ChildApplicationSpec> parsed = render::parse_child_application(*text);
    if (!parsed.ok()) return false;
    const render::ChildApplicationSpec& s = *parsed;
    if (s.root != c.root || s.environment != c.environment || s.app != c.name || s.owner != c.owner ||
        s.namespace_ != c.namespace_ || s.model != c.model_name + ":" + c.model_version ||
        s.depends_on != c.depends_on || s.labels != c.labels)
      return false;
  }
  const Result<std::map<std::string, std::string>> files = workload_files(c);
  if (!files.ok()) return false;  // nothing this create could write
  for (const auto& [path, content] : *files)
    if (ctx.store->read(path) != content) return false;
  return true;
}

namespace {

// A create's file is free: the old object of a replacement is deleted first; wait for it (a
// for_each key change sends the delete and the create in any order). False after an error.
// Files that are exactly this create's are taken over, unless this create replaces its own object
// (create_before_destroy): the old object's destroy would then delete them.
bool free_for_create(const ProviderContext& ctx, const AppConfig& c, bool replacing_itself,
                     schema::Diagnostics& diags) {
  const std::string file = layout::app_file(c.root, c.environment, c.name);
  if (!ctx.store->read(file) || (!replacing_itself && holds_exactly(ctx, c))) return true;
  wait_for_run([&] { return !ctx.store->read(file); }, long_quiet());
  if (!ctx.store->read(file)) return true;
  diags.error("App already exists", already_exists_detail(c), AttributePath::root("name"));
  return false;
}

// The wave of `c` over `apps` now, which must be the planned one when the plan knew it; nullopt
// after an error (the release graph changed since the plan).
std::optional<int> checked_wave(const std::map<std::string, AppRecord>& apps, const AppConfig& c,
                                const runtime::Number& planned_wave, schema::Diagnostics& diags) {
  schema::Diagnostics graph_diags;
  std::optional<int> wave = waves_or_error(apps, c, graph_diags);
  if (!wave) {
    for (const auto& d : graph_diags.items())
      diags.error("Release graph changed since the plan", d.detail + " Plan again.", d.path);
    return std::nullopt;
  }
  if (planned_wave.is_known() && planned_wave.get().to_int64() != *wave) {
    diags.error("Release graph changed since the plan",
                "The sync wave of " + c.name + " is now " + std::to_string(*wave) + " (the plan said " +
                    planned_wave.get().to_string() + "): the apps of " + c.root + "/" + c.environment +
                    " changed after this plan was made. Nothing was written; plan again.",
                AttributePath::root("sync_wave"));
    return std::nullopt;
  }
  return wave;
}

// One change: the app's Application and Azure ML files, stale deployment files removed, and the
// annotations of siblings whose wave moved.
// `graph` is the environment with this app as written, the waves are computed over.
void write_app(runtime::ApplyStep& step, PlanOverlay& overlay_, const render::RootEnvironmentSpec& root,
               const AppConfig& c, int wave, const EnvironmentApps& loaded,
               const std::map<std::string, AppRecord>& graph, bool creating) {
  const ProviderContext& ctx = step.ctx();
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::app_file(c.root, c.environment, c.name),
                            value_or_throw(render::render_child_application(child_spec(ctx, root, c, wave)))});
  auto files = value_or_throw(workload_files(c));
  for (const auto& [path, text] : files) commit.changes.push_back({path, text});
  // Azure ML files of a previous slot or kind go; anything else in the folder is the user's.
  const std::string dir = layout::workload_dir(c.root, c.environment, c.name);
  for (const auto& f : ctx.store->list(dir))
    if (layout::deployment_file_slot(f) && !files.count(layout::join(dir, f)))
      commit.changes.push_back({layout::join(dir, f), std::nullopt});
  planner::WavePlan waves = planner::plan_waves(graph_nodes(graph));
  std::vector<std::string> rewaved;
  for (const auto& [name, rec] : loaded.apps) {
    if (name == c.name || waves.wave.at(name) == rec.sync_wave) continue;
    auto text = ctx.store->read(layout::app_file(c.root, c.environment, name));
    if (!text) continue;
    render::ChildApplicationSpec sibling = value_or_throw(render::parse_child_application(*text));
    sibling.sync_wave = waves.wave.at(name);
    commit.changes.push_back(
        {layout::app_file(c.root, c.environment, name), value_or_throw(render::render_child_application(sibling))});
    rewaved.push_back(name + "=" + std::to_string(sibling.sync_wave));
  }
  commit.message = commit_message(ctx, creating ? "Create" : "Update", c, rewaved);
  // Staged under the environment's lock, committed after it: the next app of the environment
  // computes its wave on top of this change and shares its commit. With a release, held for it.
  step.stage(commit, held_for_release(ctx, c.root, c.environment));
  overlay_.note_applied(c.root, c.environment, c.name);
  schema::CallActivity::global().announce();
  log::info("app written", {{"app", c.root + "/" + c.environment + "/" + c.name}, {"wave", std::to_string(wave)}});
}

}  // namespace

// Deletes the app's files once no app depends on it and no schedule retrains it. Dependents and
// schedules destroyed in this same run go first, in whatever order Terraform sends them: wait.
void AppResource::destroy(const AppModel& prior, runtime::ApplyStep& step) const {
  const ProviderContext* ctx = &step.ctx();
  const AppConfig c = app_config(prior);
  const std::string schedules = layout::schedules_dir(c.root, c.environment, c.name);
  // Half of a replacement: the app comes back under the same name in this run, so its dependents
  // and schedules stay.
  const bool replacing = step.replacing();
  EnvironmentView view(*ctx->store, overlay_, c.root, c.environment, false);
  auto dependents = [&] {
    auto apps = view.apps();
    apps.erase(c.name);
    return planner::dependents_of(graph_nodes(apps), c.name);
  };
  // When every one of Terraform's slots waits, the dependents cannot come first: their destroy was
  // planned with this one (the plan refuses a destroy that leaves dependents), so this delete goes
  // ahead and theirs follow in the same run.
  schema::WaitOutcome waited = schema::WaitOutcome::Ready;
  if (!replacing)
    wait_for_run([&] { return dependents().empty() && ctx->store->list(schedules).empty(); }, long_quiet(), &waited);
  auto env_lock = overlay_.lock_environment(c.root, c.environment);
  if (auto d = dependents(); !d.empty() && !replacing && waited != schema::WaitOutcome::Crowded) {
    step.diags().error("App still has dependents", "Cannot destroy " + c.name + ": " + join(d, ", ") + " depend(s) on it.",
                       AttributePath::root("name"));
    return;
  }
  if (auto left = ctx->store->list(schedules); !left.empty() && !replacing) {
    step.diags().error("App still has schedules",
                       "Cannot destroy " + c.name + " while " + schedules + "/ has " + std::to_string(left.size()) +
                           " schedule file(s) (" + left.front() + (left.size() > 1 ? ", …" : "") +
                           "). Destroy its appofapps_schedule resources first.",
                       AttributePath::root("name"));
    return;
  }
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::app_file(c.root, c.environment, c.name), std::nullopt});
  // Only the files the provider writes; other manifests in the folder are the user's.
  const std::string dir = layout::workload_dir(c.root, c.environment, c.name);
  for (const auto& f : ctx->store->list(dir))
    if (layout::is_endpoint_file_name(f) || layout::deployment_file_slot(f))
      commit.changes.push_back({layout::join(dir, f), std::nullopt});
  commit.message = commit_message(*ctx, "Delete", c, {});
  step.stage(commit, held_for_release(*ctx, c.root, c.environment));
  schema::CallActivity::global().announce();  // a create of the same name may wait for this
}

// Before a create or update computes its wave, the ancestors that this run writes must be written:
// dependencies that are nowhere yet (created in this run) and ancestors that this walk has planned
// are waited for long; other ancestors in the repository until this run has written them or the
// run is quiet (they do not change in it).
// Quiet when a dependency is still nowhere and the run is quiet: it is truly missing. Crowded when
// Terraform's slots are all taken by apps that wait for ancestors it has yet to send: the app then
// goes on without them, and their writes re-wave it (write_app re-waves every sibling).
schema::WaitOutcome AppResource::wait_for_ancestors(const AppConfig& c) const {
  auto ctx = context_.get();
  EnvironmentView view(*ctx->store, overlay_, c.root, c.environment, true);
  auto graph = [&] {
    auto apps = view.apps();
    apps[c.name] = c.record();
    return scan_ancestors(apps, c.name);
  };
  schema::WaitOutcome outcome = schema::WaitOutcome::Ready;
  wait_for_run([&] { return graph().missing.empty(); }, long_quiet(), &outcome);
  if (outcome != schema::WaitOutcome::Ready) return outcome;
  // Ancestors that Terraform already sent in this walk are being applied: they will be written.
  auto written_or = [&](bool require_unsent) {
    for (const auto& a : graph().ancestors) {
      if (overlay_.applied(c.root, c.environment, a)) continue;
      const bool sent = overlay_.planned(c.root, c.environment, a) != PlanOverlay::Planned::NotYet;
      if (sent || require_unsent) return false;
    }
    return true;
  };
  wait_for_run([&] { return written_or(false); }, long_quiet(), &outcome);
  if (outcome == schema::WaitOutcome::Crowded) return outcome;
  // The others do not change in this run, unless Terraform has yet to send them.
  wait_for_run([&] { return written_or(true); }, short_quiet(), &outcome);
  return outcome == schema::WaitOutcome::Crowded ? outcome : schema::WaitOutcome::Ready;
}

AppModel AppResource::create(const AppModel& planned, runtime::ApplyStep& step) const {
  return write(planned, true, step);
}

AppModel AppResource::update(const AppModel&, const AppModel& planned, runtime::ApplyStep& step) const {
  return write(planned, false, step);
}

// The environment exists, a create's file is free (the old object of a replacement is deleted
// first), the ancestors this run writes are written; then the wave is computed again and must be
// the planned one. Errors go to step.diags() and nothing is written.
AppModel AppResource::write(const AppModel& planned, bool creating, runtime::ApplyStep& step) const {
  const ProviderContext* ctx = &step.ctx();
  const AppConfig c = app_config(planned);
  auto root_text = ctx->store->read(layout::root_file(c.root, c.environment));
  if (!root_text) {
    step.diags().error("Unknown environment", "appofapps_root \"" + c.root + "\" has no environment \"" +
                                                  c.environment + "\" in the repository. " +
                                                  unknown_environment_detail(*ctx, c.root, c.environment, &overlay_),
                       AttributePath::root("environment"));
    return planned;
  }
  const bool replacing_itself =
      runtime::replaced_id(info(), step.planned_private()) == c.root + "/" + c.environment + "/" + c.name;
  if (creating && !free_for_create(*ctx, c, replacing_itself, step.diags())) return planned;
  const schema::WaitOutcome waited = wait_for_ancestors(c);
  render::RootEnvironmentSpec root = value_or_throw(render::parse_root_application(*root_text));
  auto env_lock = overlay_.lock_environment(c.root, c.environment);
  EnvironmentApps loaded = load_environment_apps(*ctx->store, c.root, c.environment);
  auto apps = loaded.apps;
  apps[c.name] = c.record();
  // Ancestors that Terraform has yet to send: their dependencies as this run's plan saw them, or
  // else stand-ins at wave 0 until their own write re-waves this app.
  if (waited == schema::WaitOutcome::Crowded)
    for (const auto& missing : add_planned_ancestors(apps, planned_graph(*ctx, c.root, c.environment), c.name))
      apps[missing].name = missing;
  std::optional<int> wave = checked_wave(apps, c, planned.sync_wave, step.diags());
  if (!wave) return planned;
  write_app(step, overlay_, root, c, *wave, loaded, apps, creating);
  AppModel out = planned;
  out.sync_wave = cty::Number::from_int(*wave);
  return out;
}

}  // namespace aoa::provider
