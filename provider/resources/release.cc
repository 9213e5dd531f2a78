#include "provider/resources/release.h"

#include "internal/gitops/commit_message.h"
#include "internal/gitops/repo_layout.h"
#include "internal/planner/release_graph.h"
#include "internal/render/child_application.h"
#include "provider/shared/app_run_order.h"
#include "provider/shared/planned_graph.h"
#include "provider/shared/release_hold.h"
#include "provider/shared/resource_helpers.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/name_rules.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/value_helpers.h"

#include <nlohmann/json.hpp>
#include <set>

namespace aoa::provider {
namespace {

constexpr const char* kType = "appofapps_release";
using Waves = std::map<std::string, cty::Number>;
using Apps = std::map<std::string, AppRecord>;

schema::Schema build_schema() {
  schema::Schema s;
  s.block =
      BlockBuilder()
          .description("The release graph of one environment of an `appofapps_root`: every app with its sync wave "
                       "and model version, known at plan time, so that the plan shows the whole release — which "
                       "waves and versions change — in one place. List the run's apps in `apps`: Terraform then "
                       "plans and applies the release after them. A dependency that names no app, or a cycle, "
                       "fails the release's plan. The release records itself in `releases/<root>/<environment>.yaml`; "
                       "from then on the apps of the environment hold their changes in the release journal (the side "
                       "branch `appofapps/journal/<branch>`) instead of committing them, and the release's apply "
                       "publishes them, with every wave computed over the whole graph, as one commit on the branch "
                       "whose message lists every change. Held changes that an interrupted run left behind are "
                       "published by the next apply of the release, or discarded when a file they change was changed "
                       "on the branch meanwhile; the plan says which.")
          .attribute("root", Type::string())
          .required()
          .requires_replace()
          .rule(dns_label_rule("Invalid root"))
          .description("The name of an `appofapps_root`. Changing it replaces the release.")
          .attribute("environment", Type::string())
          .required()
          .requires_replace()
          .rule(dns_label_rule("Invalid environment"))
          .description("An environment of that root. Changing it replaces the release.")
          .attribute("apps", Type::list(Type::string()))
          .optional()
          .description("The `id`s (`<root>/<environment>/<name>`) of the apps this configuration manages in the "
                       "environment, for example `[for a in appofapps_app.this : a.id]`. Each must be an app of "
                       "this root and environment (*App of another environment*, *Unknown app*). Apps of the "
                       "environment that are not listed are still part of the graph.")
          .attribute("waves", Type::map(Type::number()))
          .computed()
          .description("Every app of the environment → its Argo CD sync wave: the repository's apps with this "
                       "run's plans laid over them.")
          .attribute("models", Type::map(Type::string()))
          .computed()
          .description("Every app of the environment → its model, as `<model>:<version>`.")
          .attribute("id", Type::string())
          .computed()
          .description("`<root>/<environment>`.")
          .attribute("commit", Type::string())
          .computed()
          .description("The commit of the GitOps repository that published this release (the branch tip when "
                       "nothing was left to publish, or when the release was imported).")
          .build();
  return s;
}

// The app name of `id` when it is "<root>/<environment>/<name>".
std::optional<std::string> app_of(const std::string& id, const std::string& root, const std::string& environment) {
  const std::string prefix = root + "/" + environment + "/";
  if (!id.starts_with(prefix) || id.size() == prefix.size() || id.find('/', prefix.size()) != std::string::npos)
    return std::nullopt;
  return id.substr(prefix.size());
}

std::string names_of(const Apps& apps) {
  std::vector<std::string> names;
  for (const auto& [name, _] : apps) names.push_back(name);
  if (names.size() > 20) names.resize(20), names.push_back("…");
  return names.empty() ? "none" : join(names, ", ");
}

// The sync waves of `apps`, or nullopt with an error for a cycle or a missing dependency.
std::optional<std::map<std::string, int>> graph_waves(const Apps& apps, const std::string& where,
                                                      schema::Diagnostics& diags) {
  planner::WavePlan plan = planner::plan_waves(graph_nodes(apps));
  if (plan.cyclic()) {
    diags.error("Dependency cycle",
                "The apps of " + where + " depend on each other in a cycle: " + planner::cycle_to_string(plan.cycle) +
                    ". Remove one of these dependencies.",
                AttributePath::root("apps"));
    return std::nullopt;
  }
  if (!plan.missing.empty()) {
    for (const auto& [app, dependency] : plan.missing)
      diags.error("Dependency not found",
                  app + " depends on \"" + dependency + "\", which is neither an app of " + where +
                      " in the repository nor planned in this run. Apps there: " + names_of(apps) + ".",
                  AttributePath::root("apps"));
    return std::nullopt;
  }
  return plan.wave;
}

Waves as_numbers(const std::map<std::string, int>& waves) {
  Waves out;
  for (const auto& [name, wave] : waves) out[name] = cty::Number::from_int(wave);
  return out;
}

std::map<std::string, std::string> models_of(const Apps& apps) {
  std::map<std::string, std::string> out;
  for (const auto& [name, r] : apps) out[name] = r.model;
  return out;
}

Waves recorded_waves(const Apps& apps) {
  Waves out;
  for (const auto& [name, r] : apps) out[name] = cty::Number::from_int(r.sync_wave);
  return out;
}

// "a: 1 → 2, b: absent → 0": where two tables differ.
template <typename T, typename Show>
std::string differences(const std::map<std::string, T>& planned, const std::map<std::string, T>& now, Show show) {
  std::vector<std::string> out;
  auto shown = [&](const std::map<std::string, T>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string("absent") : show(it->second);
  };
  std::set<std::string> keys;
  for (const auto& [k, _] : planned) keys.insert(k);
  for (const auto& [k, _] : now) keys.insert(k);
  for (const auto& k : keys)
    if (shown(planned, k) != shown(now, k)) out.push_back(k + ": " + shown(planned, k) + " → " + shown(now, k));
  return join(out, ", ");
}

// releases/<root>/<env>.yaml: what the release published, app by app.
std::string release_record(const std::string& root, const std::string& environment, const Apps& apps,
                           const std::map<std::string, int>& waves) {
  auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(); };  // a YAML double-quoted scalar
  std::string out = "# Written by terraform-provider-appofapps (appofapps_release). While this file exists, the apps of\n"
                    "# this environment are published by the release, one commit per run.\n";
  out += "root: " + quoted(root) + "\nenvironment: " + quoted(environment) + "\napps:\n";
  if (apps.empty()) out.pop_back(), out += " {}\n";
  for (const auto& [name, r] : apps)
    out += "  " + quoted(name) + ":\n    wave: " + std::to_string(waves.at(name)) + "\n    model: " + quoted(r.model) + "\n";
  return out;
}

// The Application files of apps whose recorded wave is not the one of the whole graph.
std::vector<gitops::FileChange> rewaved_files(const gitops::Store& store, const std::string& root,
                                              const std::string& environment, const Apps& apps,
                                              const std::map<std::string, int>& waves) {
  std::vector<gitops::FileChange> out;
  for (const auto& [name, r] : apps) {
    if (r.sync_wave == waves.at(name)) continue;
    const std::string path = gitops::layout::app_file(root, environment, name);
    auto text = store.read(path);
    if (!text) continue;
    render::ChildApplicationSpec spec = value_or_throw(render::parse_child_application(*text));
    spec.sync_wave = waves.at(name);
    out.push_back({path, value_or_throw(render::render_child_application(spec))});
  }
  return out;
}

// What a provider found in the journal of `key` from an earlier run, as a plan warning.
void warn_recovered(const ProviderContext& ctx, const std::string& key, schema::Diagnostics& diags) {
  if (!ctx.group) return;
  auto r = ctx.group->recovered(key);
  if (!r) return;
  const std::string n = std::to_string(r->changes) + " change(s)";
  using O = gitops::JournalRecovery::Outcome;
  if (r->outcome == O::Pending)
    diags.warning("Held changes will be published",
                  n + " of " + key + " held by an earlier run were not published (an interrupted apply, or one that "
                  "left the release out with -target). This apply publishes them with the release.");
  else if (r->outcome == O::Published)
    diags.warning("Held changes already published",
                  "The " + n + " of " + key + " held by an earlier run are on branch " + ctx.branch +
                      " already (the run stopped after publishing them). This apply clears the release journal.");
  else
    diags.warning("Held changes discarded",
                  n + " of " + key + " held by an earlier run cannot be published: " + r->conflict +
                      " changed on branch " + ctx.branch + " since. This apply discards them from the release "
                      "journal; the apps are planned against the branch.");
}

}  // namespace

ReleaseResource::ReleaseResource(const ContextHolder& context, PlanOverlay& overlay)
    : context_(context), overlay_(overlay), schema_(build_schema()) {}

const runtime::ResourceInfo& ReleaseResource::info() const {
  static const runtime::ResourceInfo kInfo{kType, "release", {{"root", "environment"}, "dev", "ml/dev"}};
  return kInfo;
}

std::optional<std::string> ReleaseResource::id_of(const ReleaseModel& m) const {
  if (!m.root.is_known() || !m.environment.is_known()) return std::nullopt;
  return m.root.get() + "/" + m.environment.get();
}

void ReleaseResource::validate(const ReleaseModel& config, schema::Diagnostics& diags) const {
  if (!config.apps.is_known() || !config.root.is_known() || !config.environment.is_known()) return;
  const auto& ids = config.apps.get();
  for (size_t i = 0; i < ids.size(); ++i)
    if (!app_of(ids[i], config.root.get(), config.environment.get()))
      diags.error("App of another environment",
                  "\"" + ids[i] + "\" is not the id of an app of " + config.root.get() + "/" +
                      config.environment.get() + ": list the apps' `id`s, `<root>/<environment>/<name>`.",
                  AttributePath::root("apps").index(static_cast<int64_t>(i)));
}

void ReleaseResource::modify_plan(runtime::PlanStep<ReleaseModel>& step) const {
  ReleaseModel& planned = step.planned;
  const auto id = id_of(planned);
  planned.id = id ? runtime::String(*id) : runtime::String::unknown();
  planned.waves = runtime::Field<Waves>::unknown();
  planned.models = runtime::StringMap::unknown();
  if (!id || (!planned.apps.is_known() && !planned.apps.is_null())) return;
  const std::string root = planned.root.get(), env = planned.environment.get();
  std::vector<std::string> listed;
  for (const auto& app_id : planned.apps.value_or({}))
    if (auto name = app_of(app_id, root, env)) listed.push_back(*name);
  auto ctx = context_.get();
  EnvironmentView view(*ctx->store, overlay_, root, env, true);
  // Terraform plans the listed apps first; one that is neither planned nor in the repository yet
  // gets until the run is quiet.
  wait_for_run([&] {
    const Apps apps = view.apps();
    for (const auto& name : listed)
      if (!apps.count(name) && overlay_.planned(root, env, name) == PlanOverlay::Planned::NotYet) return false;
    return true;
  }, short_quiet());
  const Apps apps = view.apps();
  for (size_t i = 0; i < listed.size(); ++i)
    if (!apps.count(listed[i]))
      step.diags.error("Unknown app",
                       listed[i] + " is neither an app of " + *id + " in the repository nor planned in this run "
                       "(an app whose plan is not known yet, or one being destroyed). Apps there: " +
                           names_of(apps) + ".",
                       AttributePath::root("apps").index(static_cast<int64_t>(i)));
  if (step.diags.has_errors()) return;
  auto waves = graph_waves(apps, *id, step.diags);
  if (!waves) return;
  // The apply walk of this run may need it: an app applied before an ancestor Terraform has not sent.
  save_planned_graph(*ctx, root, env, apps);
  planned.waves = as_numbers(*waves);
  planned.models = models_of(apps);
  // The apply publishes when an app of the environment changes in this run, when changes are held
  // from an earlier run, or when the release has not recorded itself yet.
  warn_recovered(*ctx, release_key(root, env), step.diags);
  const bool recorded = ctx->store->read(gitops::layout::release_file(root, env)).has_value();
  step.rewrite = overlay_.apps_change(root, env) || !ctx->group || ctx->group->recovered(release_key(root, env)) ||
                 !recorded;
  // Created with its apps: they are applied first and must hold their changes for this apply too.
  if (!recorded) note_release_planned(*ctx, root, env);
}

// Every change held for the release and the re-waved apps, with the release's record, as one commit.
ReleaseModel ReleaseResource::publish(const ReleaseModel& planned, runtime::ApplyStep& step) const {
  const ProviderContext& ctx = step.ctx();
  const std::string root = planned.root.get(), env = planned.environment.get(), key = release_key(root, env);
  const Apps apps = environment_apps(*ctx.store, root, env)->apps;  // the branch with the held changes
  auto computed = graph_waves(apps, key, step.diags());
  if (!computed) return planned;
  const Waves now = as_numbers(*computed);
  const auto models = models_of(apps);
  auto show_number = [](const cty::Number& n) { return n.to_string(); };
  auto show_text = [](const std::string& s) { return s; };
  if (planned.waves.is_known() && planned.waves.get() != now) {
    step.diags().error("Release graph changed since the plan",
                       "The sync waves of " + key + " are not the planned ones (" +
                           differences(planned.waves.get(), now, show_number) +
                           "): another run or a hand edit changed the apps. Nothing was published; plan again.",
                       AttributePath::root("waves"));
    return planned;
  }
  if (planned.models.is_known() && planned.models.get() != models) {
    step.diags().error("Release graph changed since the plan",
                       "The model versions of " + key + " are not the planned ones (" +
                           differences(planned.models.get(), models, show_text) +
                           "). Nothing was published; plan again.",
                       AttributePath::root("models"));
    return planned;
  }
  gitops::CommitRequest release;
  release.changes = rewaved_files(*ctx.store, root, env, apps, *computed);
  release.changes.push_back({gitops::layout::release_file(root, env), release_record(root, env, apps, *computed)});
  std::vector<std::string> messages = ctx.group ? ctx.group->held_messages(key) : std::vector<std::string>{};
  messages.push_back(gitops::build_commit_message(
      "Record release " + key, std::to_string(apps.size()) + " app(s); waves computed over the whole graph.",
      {{"Appofapps-Resource", std::string(kType) + "." + key}, {"Appofapps-Environment", key},
       {"Appofapps-Actor", author_actor(ctx)}}));
  release.message = messages.size() == 1 ? messages.front()
                                         : gitops::combine_commit_messages(messages, "Release " + key + ": " +
                                                                                         std::to_string(messages.size() - 1) +
                                                                                         " change(s)");
  gitops::CommitResult r = ctx.group ? ctx.group->publish(key, release) : ctx.store->commit(release);
  ReleaseModel out = planned;
  out.waves = now;
  out.models = models;
  out.commit = r.commit_id;
  return out;
}

ReleaseModel ReleaseResource::create(const ReleaseModel& planned, runtime::ApplyStep& step) const {
  return publish(planned, step);
}

ReleaseModel ReleaseResource::update(const ReleaseModel&, const ReleaseModel& planned, runtime::ApplyStep& step) const {
  return publish(planned, step);
}

// Publishes what is still held (apps destroyed with the release go after it, committing on their
// own) and removes the record, in one commit.
void ReleaseResource::destroy(const ReleaseModel& prior, runtime::ApplyStep& step) const {
  const ProviderContext& ctx = step.ctx();
  const std::string key = release_key(prior.root.get(), prior.environment.get());
  gitops::CommitRequest release;
  release.changes.push_back({gitops::layout::release_file(prior.root.get(), prior.environment.get()), std::nullopt});
  std::vector<std::string> messages = ctx.group ? ctx.group->held_messages(key) : std::vector<std::string>{};
  messages.push_back(gitops::build_commit_message(
      "Delete release " + key, "The apps of " + key + " commit their changes on their own again.",
      {{"Appofapps-Resource", std::string(kType) + "." + key}, {"Appofapps-Environment", key},
       {"Appofapps-Actor", author_actor(ctx)}}));
  release.message = messages.size() == 1 ? messages.front() : gitops::combine_commit_messages(messages);
  if (ctx.group)
    ctx.group->publish(key, release);
  else
    ctx.store->commit(release);
}

std::optional<ReleaseModel> ReleaseResource::read(const ReleaseModel& current, runtime::ReadStep& step) const {
  const std::string root = current.root.get(), env = current.environment.get();
  if (!step.ctx.store->read(layout::root_file(root, env))) return std::nullopt;  // the environment is gone
  const Apps apps = environment_apps(*step.ctx.store, root, env)->apps;
  ReleaseModel out = current;
  out.id = root + "/" + env;
  out.waves = recorded_waves(apps);
  out.models = models_of(apps);
  return out;
}

std::shared_ptr<schema::Resource> make_release_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<ReleaseResource>>(
      std::make_shared<const ReleaseResource>(services.context, services.overlay), services);
}

}  // namespace aoa::provider
