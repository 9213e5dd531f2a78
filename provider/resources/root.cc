#include "provider/resources/root.h"
#include "provider/shared/schema_names.h"

#include <algorithm>
#include <set>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/root_application.h"
#include "provider/runtime/status_diagnostic.h"
#include "provider/shared/app_run_order.h"
#include "provider/shared/resource_helpers.h"

namespace aoa::provider {
namespace {

constexpr const char* kType = "appofapps_root";
constexpr const char* kDefaultProject = kRootDefaultProject;
constexpr const char* kDefaultArgocdNamespace = kRootDefaultArgocdNamespace;

// The spec of one environment's root Application, from a planned or state model.
render::RootEnvironmentSpec spec_for(const ProviderContext& ctx, const RootModel& root, const EnvironmentModel& env,
                                     int order) {
  render::RootEnvironmentSpec spec;
  spec.order = order;
  spec.root = root.name.get();
  spec.environment = env.name.get();
  spec.cluster = env.cluster.get();
  spec.namespace_ = env.namespace_.get();
  spec.project = env.project.value_or(kDefaultProject);
  spec.protected_env = env.protected_.value_or(false);
  spec.argocd_namespace = root.argocd_namespace.value_or(kDefaultArgocdNamespace);
  spec.argocd_cluster = root.argocd_cluster.value_or(std::string(render::kInClusterServer));
  spec.repo_url = ctx.repo_url;
  spec.target_revision = ctx.branch;
  spec.source_path = ctx.repo_path(layout::apps_dir(spec.root, spec.environment));
  spec.labels = root.labels.value_or({});
  return spec;
}

// Rendered file of every environment, or nullopt when something it depends on is still unknown; a
// Status only for a configuration the declared rules let through but the renderer refuses (a bug).
Result<std::optional<std::map<std::string, std::string>>> render_all(const ProviderContext& ctx,
                                                                    const RootModel& root) {
  using Files = std::optional<std::map<std::string, std::string>>;
  // Only the computed outputs may be unknown; anything the files depend on must be known.
  RootModel inputs = root;
  inputs.id = inputs.commit = runtime::String();
  inputs.bootstrap = runtime::StringMap();
  if (!runtime::wholly_known(inputs)) return Files();
  std::map<std::string, std::string> files;
  int order = 0;
  for (const EnvironmentModel& env : root.environment.value_or({})) {
    AOA_ASSIGN_OR_RETURN(files[env.name.get()], render::render_root_application(spec_for(ctx, root, env, order++)));
  }
  return Files(std::move(files));
}

std::vector<std::string> env_names(const RootModel& root) {
  std::vector<std::string> out;
  for (const EnvironmentModel& e : root.environment.value_or({}))
    if (e.name.is_known()) out.push_back(e.name.get());
  return out;
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const std::string& root,
                           const std::vector<std::string>& envs) {
  std::vector<std::pair<std::string, std::string>> trailers;
  trailers.emplace_back("Appofapps-Resource", std::string(kType) + "/" + root);
  for (const auto& e : envs) trailers.emplace_back("Appofapps-Environment", e);
  trailers.emplace_back("Appofapps-Actor", author_actor(ctx));
  std::string list;
  for (const auto& e : envs) list += (list.empty() ? "" : ", ") + e;
  return gitops::build_commit_message(action + " " + kType + " " + root + (list.empty() ? "" : " (" + list + ")"),
                                      "", trailers);
}

// Commits `commit`; a failure is the error `summary` (false).
bool commit_or_refuse(runtime::ApplyStep& step, const gitops::CommitRequest& commit, const std::string& summary,
                      std::optional<AttributePath> path = std::nullopt) {
  try {
    step.commit(commit);
    return true;
  } catch (const std::exception& e) {
    step.diags().error(summary, e.what(), std::move(path));
    return false;
  }
}

// The root's files as the repository has them: environment name → content.
std::map<std::string, std::string> root_files(const ProviderContext& ctx, const std::string& root) {
  std::map<std::string, std::string> contents;
  for (const auto& f : ctx.store->list(layout::root_dir(root)))
    if (const auto env = layout::root_file_environment(f))
      if (auto c = ctx.store->read(layout::root_file(root, *env))) contents[*env] = *c;
  return contents;
}

// Each file read back; nullopt for a file that is not a root Application we can read.
std::map<std::string, std::optional<render::RootEnvironmentSpec>> parse_files(
    const std::string& root, const std::map<std::string, std::string>& contents) {
  std::map<std::string, std::optional<render::RootEnvironmentSpec>> parsed;
  for (const auto& [n, text] : contents) {
    Result<render::RootEnvironmentSpec> spec = render::parse_root_application(text);
    if (spec.ok()) {
      parsed[n] = std::move(spec).value();
    } else {
      // Unparseable hand edit: keep what we knew; the bootstrap difference makes the plan rewrite it.
      parsed[n] = std::nullopt;
      log::warn("root file is not a root Application we can read",
                {{"root", root}, {"environment", n}, {"error", spec.status().message()}});
    }
  }
  return parsed;
}

// The state's environment order; environments found only in the repository (after an import, or
// added by hand) follow in their recorded order.
std::vector<std::string> read_order(const RootModel& current,
                                    const std::map<std::string, std::optional<render::RootEnvironmentSpec>>& parsed) {
  std::vector<std::string> order;
  std::set<std::string> known;
  for (const auto& n : env_names(current))
    if (parsed.count(n) && known.insert(n).second) order.push_back(n);
  std::vector<std::pair<int, std::string>> extras;
  for (const auto& [n, spec] : parsed)
    if (!known.count(n)) extras.emplace_back(spec ? spec->order : 1 << 20, n);
  std::sort(extras.begin(), extras.end());
  for (const auto& [_, n] : extras) order.push_back(n);
  return order;
}

// `m` with the environments (in `order`) and root arguments that the files say.
void with_files(RootModel& m, const std::vector<std::string>& order,
                const std::map<std::string, std::optional<render::RootEnvironmentSpec>>& parsed) {
  std::map<std::string, EnvironmentModel> prior_envs;
  for (const EnvironmentModel& e : m.environment.value_or({}))
    if (e.name.is_known()) prior_envs[e.name.get()] = e;
  std::vector<EnvironmentModel> envs;
  bool root_fields_read = false;
  for (const auto& n : order) {
    EnvironmentModel env = prior_envs[n];
    env.name = n;
    if (const auto& spec = parsed.at(n)) {
      env.cluster = spec->cluster;
      env.namespace_ = spec->namespace_;
      env.project = spec->project.empty() ? kDefaultProject : spec->project;
      env.protected_ = spec->protected_env;
      if (!root_fields_read) {
        root_fields_read = true;
        m.argocd_namespace = spec->argocd_namespace;
        m.argocd_cluster = spec->argocd_cluster;
        if (!m.labels.is_null() || !spec->labels.empty()) m.labels = spec->labels;
      }
    }
    envs.push_back(std::move(env));
  }
  m.environment = std::move(envs);
}

}  // namespace

RootResource::RootResource(const ContextHolder& context, PlanOverlay& overlay)
    : context_(context), overlay_(overlay), schema_(root_schema()) {}

const runtime::ResourceInfo& RootResource::info() const {
  static const runtime::ResourceInfo kInfo{kType, "root", {{"name"}, "platform", "ml-platform"}};
  return kInfo;
}

std::optional<std::string> RootResource::id_of(const RootModel& m) const {
  return m.name.is_known() ? std::optional<std::string>(m.name.get()) : std::nullopt;
}

void RootResource::validate(const RootModel& config, schema::Diagnostics& diags) const {
  const AttributePath envs_path = AttributePath::root("environment");
  if (config.environment.is_unknown()) return;
  if (config.environment.is_null() || config.environment.get().empty()) {
    diags.error("At least one environment is required",
                "Declare the root's environments in promotion order with `environment` blocks.", envs_path);
    return;
  }
  std::map<std::string, int64_t> seen;
  int64_t i = 0;
  for (const EnvironmentModel& env : config.environment.get()) {
    const AttributePath p = envs_path.index(i);
    if (env.name.is_known()) {
      const std::string& en = env.name.get();
      if (auto [it, inserted] = seen.emplace(en, i); !inserted)
        diags.error("Duplicate environment",
                    "Environment \"" + en + "\" is declared twice (environment[" + std::to_string(it->second) +
                        "] and environment[" + std::to_string(i) + "]); environment names are unique in a root.",
                    p.attr("name"));
      // The Application name <root>-<env> is also a label value (Argo CD's tracking label).
      if (config.name.is_known() && config.name.get().size() + 1 + en.size() > 63)
        diags.error("Name too long",
                    "The Application name \"" + config.name.get() + "-" + en + "\" would exceed 63 characters; "
                    "shorten the root or environment name.",
                    p.attr("name"));
    }
    ++i;
  }
}

void RootResource::modify_plan(runtime::PlanStep<RootModel>& step) const {
  RootModel& planned = step.planned;
  planned.id = planned.name.is_known() ? planned.name : runtime::String::unknown();
  const auto rendered = render_all(*context_.get(), planned);
  runtime::StatusReport how;
  how.summary = "Could not render the root Application";
  how.at_field = false;
  if (!runtime::report_status(rendered.status(), step.diags, how)) return;
  const auto& files = *rendered;
  planned.bootstrap = files ? runtime::StringMap(*files) : runtime::StringMap::unknown();
  if (planned.name.is_known() && runtime::wholly_known(planned.environment)) {
    std::vector<PlanOverlay::PlannedEnvironment> envs;
    for (const EnvironmentModel& e : planned.environment.value_or({}))
      envs.push_back({e.name.get(), e.protected_.value_or(false)});
    overlay_.plan_root_environments(planned.name.get(), envs);
  }
}

// A create must not silently adopt a root someone else wrote; it may replace this workspace's own.
std::optional<runtime::Existing> RootResource::existing(const RootModel& planned, const ProviderContext& ctx) const {
  if (!planned.name.is_known()) return std::nullopt;
  const std::string name = planned.name.get();
  return runtime::Existing{std::string(kType) + "/" + name,
                           [&ctx, name] { return !ctx.store->list(layout::root_dir(name)).empty(); },
                           "Root already exists",
                           "The repository already has files under " + layout::root_dir(name) +
                               "/. Import it with `terraform import <address> " + name + "`, or choose another name.",
                           AttributePath::root("name")};
}

// Apps of this root are planned in any order when they name the root by plain name: wait until
// each is planned (or the run is quiet), and warn only about apps this run does not destroy.
void RootResource::plan_destroy(const RootModel& prior, runtime::DestroyPlan& step) const {
  auto ctx = context_.get();
  const std::string root = prior.name.get();
  auto staying = [&] {
    std::vector<std::string> out;
    for (const auto& path : ctx->store->list_recursive(layout::apps_root_dir(root))) {
      const auto app = layout::parse_app_file(path);
      if (!app || overlay_.planned(root, app->environment, app->app) != PlanOverlay::Planned::Destroyed)
        out.push_back(path);
    }
    return out;
  };
  wait_for_run([&] { return staying().empty(); }, short_quiet());
  if (auto apps = staying(); !apps.empty())
    step.diags.warning("Root has apps",
                  std::to_string(apps.size()) + " app file(s) under " + layout::apps_root_dir(root) +
                      "/ that this run does not destroy. Unless they are removed meanwhile, the apply stops before "
                      "deleting the root.",
                  AttributePath::root("name"));
}

RootModel RootResource::write(const RootModel& planned, const std::string& action, runtime::ApplyStep& step) const {
  const ProviderContext& ctx = step.ctx();
  const std::string root = planned.name.get();
  auto files = value_or_throw(render_all(ctx, planned));
  if (!files) {
    step.diags().error("Root configuration still unknown at apply",
                       "Terraform passed unknown values for appofapps_root \"" + root + "\"; this is a bug.");
    return planned;
  }
  gitops::CommitRequest commit;
  std::set<std::string> keep;
  for (const auto& [env, content] : *files) {
    commit.changes.push_back({layout::root_file(root, env), content});
    keep.insert(layout::root_file(root, env));
  }
  // Environments dropped from the configuration (or added by hand) lose their root Application.
  for (const auto& f : ctx.store->list(layout::root_dir(root)))
    if (const std::string path = layout::join(layout::root_dir(root), f); !keep.count(path))
      commit.changes.push_back({path, std::nullopt});
  commit.message = commit_message(ctx, action, root, env_names(planned));
  if (!commit_or_refuse(step, commit, "Could not write root " + root, AttributePath::root("name"))) return planned;
  log::info("root written", {{"root", root}, {"commit", step.commit_id()}});
  if (auto wt = ctx.store->last_worktree_error(); !wt.empty())
    log::warn("working tree of the repository not updated", {{"root", root}, {"error", wt}});
  return planned;
}

RootModel RootResource::create(const RootModel& planned, runtime::ApplyStep& step) const {
  return write(planned, "Create", step);
}

RootModel RootResource::update(const RootModel&, const RootModel& planned, runtime::ApplyStep& step) const {
  return write(planned, "Update", step);
}

// Every file of the root, in one commit.
void RootResource::destroy(const RootModel& prior, runtime::ApplyStep& step) const {
  const ProviderContext& ctx = step.ctx();
  const std::string root = prior.name.get();
  // The delete half of replacing the root (taint, -replace): its apps stay for the new one.
  const bool replacing = replaces(step.planned_private(), std::string(kType) + "/" + root);
  // Apps destroyed in this same run go first, in whatever order Terraform sends them: wait.
  if (!replacing) wait_for_run([&] { return ctx.store->list_recursive(layout::apps_root_dir(root)).empty(); }, long_quiet());
  if (auto apps = ctx.store->list_recursive(layout::apps_root_dir(root)); !apps.empty() && !replacing) {
    std::string list;
    for (size_t i = 0; i < apps.size() && i < 5; ++i) list += (i ? ", " : "") + apps[i];
    step.diags().error("Root still has apps",
                       "Cannot destroy root " + root + " while apps remain (" + list + (apps.size() > 5 ? ", …" : "") +
                           "). Destroy those apps first.",
                       AttributePath::root("name"));
    return;
  }
  gitops::CommitRequest commit;
  for (const auto& f : ctx.store->list(layout::root_dir(root)))
    commit.changes.push_back({layout::join(layout::root_dir(root), f), std::nullopt});
  commit.message = commit_message(ctx, "Delete", root, env_names(prior));
  if (commit_or_refuse(step, commit, "Could not delete root " + root)) log::info("root deleted", {{"root", root}});
}

std::optional<RootModel> RootResource::read(const RootModel& current, runtime::ReadStep& step) const {
  const std::string root = current.name.get();
  const std::map<std::string, std::string> contents = root_files(step.ctx, root);
  if (contents.empty()) return std::nullopt;  // every file gone: the root no longer exists
  const auto parsed = parse_files(root, contents);
  const std::vector<std::string> order = read_order(current, parsed);
  RootModel m = current;
  with_files(m, order, parsed);
  std::map<std::string, std::string> bootstrap;
  for (const auto& n : order) bootstrap[n] = contents.at(n);
  m.bootstrap = bootstrap;
  m.id = root;
  return m;
}

std::shared_ptr<schema::Resource> make_root_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<RootResource>>(
      std::make_shared<const RootResource>(services.context, services.overlay), services);
}

}  // namespace aoa::provider
