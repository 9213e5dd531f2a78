#include "provider/root_resource.h"
#include "schema/rules.h"

#include <algorithm>
#include <set>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/root_application.h"
#include "provider/app_run_order.h"
#include "provider/config_defaults.h"
#include "provider/label_validation.h"
#include "provider/resource_helpers.h"
#include "provider/value_helpers.h"
#include "schema/plan.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;
using schema::Nesting;

constexpr const char* kType = "appofapps_root";
constexpr const char* kDefaultProject = "default";
constexpr const char* kDefaultArgocdNamespace = "argocd";

schema::Schema build_schema() {
  schema::Block environment =
      BlockBuilder()
          .description("One environment of the root; declare one block per environment, in promotion order (the "
                       "first is promoted from first). The position of each block is recorded in the manifest "
                       "(annotation `appofapps.io/environment-order`), so an import restores the order. With no "
                       "block, Terraform reports *Insufficient environment blocks*.")
          .attribute("name", Type::string())
          .required()
          .description("Environment name, e.g. `dev`: a DNS-1123 label (*Invalid name*), unique within the root "
                       "(*Duplicate environment*). The Application name `<root name>-<env name>` must be at most "
                       "63 characters (*Name too long*).")
          .attribute("cluster", Type::string())
          .required()
          .description("The workload cluster of this environment: an Argo CD cluster name that is a DNS-1123 "
                       "subdomain, or an `https://` API server URL (*Invalid cluster*). Recorded as annotation "
                       "`appofapps.io/workload-cluster`; the root Application itself is deployed to "
                       "`argocd_cluster`.")
          .attribute("namespace", Type::string())
          .required()
          .description("The default namespace for this environment's workloads: a DNS-1123 label (*Invalid "
                       "namespace*), recorded as annotation `appofapps.io/workload-namespace`.")
          .attribute("project", Type::string())
          .optional()
          .computed()
          .description("The Argo CD project of this environment's root Application: a DNS-1123 subdomain "
                       "(*Invalid project*). Default `default`.")
          .attribute("protected", Type::boolean())
          .optional()
          .computed()
          .description("Marks a protected environment: label `appofapps.io/protected: \"true\"`, and automated "
                       "sync with `prune: false`, so Argo CD never deletes a child Application on its own there. "
                       "A promotion into a protected environment needs an approval (see `appofapps_promotion`). "
                       "Default `false`.")
          .build();
  schema::Schema s;
  s.version = 0;
  s.block =
      BlockBuilder()
          .description("An app-of-apps root: one Argo CD `Application` per environment, each pointing at that "
                       "environment's folder of child applications (`apps/<root>/<env>`).")
          .attribute("name", Type::string())
          .required()
          .requires_replace()
          .description("Root name: a DNS-1123 label (*Invalid name*). Changing it replaces the root.")
          .attribute("argocd_namespace", Type::string())
          .optional()
          .computed()
          .description("The namespace Argo CD runs in: a DNS-1123 label (*Invalid argocd_namespace*). The root "
                       "Applications are created there, and they create their child Applications there. Default "
                       "`argocd`.")
          .attribute("argocd_cluster", Type::string())
          .optional()
          .computed()
          .description("The cluster Argo CD runs in, where the root creates the child Applications: an `https://`"
                       " API server URL (rendered as `spec.destination.server`) or an Argo CD cluster name that "
                       "is a DNS-1123 subdomain (rendered as `spec.destination.name`) (*Invalid argocd_cluster*)."
                       " Default `https://kubernetes.default.svc` (Argo CD's own cluster).")
          .attribute("labels", Type::map(Type::string()))
          .optional()
          .computed()
          .description("Extra Kubernetes labels for every root Application. Each key is a label key, "
                       "`[prefix/]name`: the optional prefix a DNS-1123 subdomain, the name 1-63 letters, digits,"
                       " `-`, `_` and `.`, starting and ending with a letter or digit (*Invalid label key*). Keys"
                       " starting with `appofapps.io/`, and `app.kubernetes.io/managed-by`, are reserved "
                       "(*Reserved label key*). Values are empty or follow the rule of the name part (*Invalid "
                       "label value*). Default: none (`{}` and leaving it out mean the same).")
          .attribute("id", Type::string())
          .computed()
          .description("The root name.")
          .attribute("commit", Type::string())
          .computed()
          .description("The commit of the GitOps repository that last wrote this root. After an import, the "
                       "branch tip at import time; when an apply changes nothing in the repository, the current "
                       "tip.")
          .attribute("bootstrap", Type::map(Type::string()))
          .computed()
          .description("Environment name → YAML of that environment's root `Application`, ready for "
                       "`kubernetes_manifest` (with `yamldecode`) to bootstrap Argo CD in the same run. The plan "
                       "shows it whenever the root's arguments are known; after a refresh it holds the committed "
                       "file, so a hand edit shows up as a diff here.")
          .block("environment", Nesting::List, environment)
          .min_items(1)
          .build();
  return s;
}

Type env_type(const schema::Schema& s) { return s.block.implied_type().attribute("environment").element(); }

bool is_https_url(const std::string& s) { return s.rfind("https://", 0) == 0 && s.size() > 8; }

// Validates one string attribute if it is known; `check` says whether the value is allowed.
template <typename Check>
void check_string(const Value& obj, const std::string& name, const AttributePath& path, Check&& check,
                  const std::string& allowed, schema::Diagnostics& diags) {
  auto v = opt_string(obj, name);
  if (v && !check(*v))
    diags.error("Invalid " + name, "\"" + *v + "\" is not allowed: " + allowed, path);
}

// The spec of one environment's root Application, from a planned/state object.
render::RootEnvironmentSpec spec_for(const ProviderContext& ctx, const Value& root, const Value& env, int order) {
  render::RootEnvironmentSpec spec;
  spec.order = order;
  spec.root = root.attr("name").as_string();
  spec.environment = env.attr("name").as_string();
  spec.cluster = env.attr("cluster").as_string();
  spec.namespace_ = env.attr("namespace").as_string();
  spec.project = string_or(env, "project", kDefaultProject);
  spec.protected_env = opt_bool(env, "protected").value_or(false);
  spec.argocd_namespace = string_or(root, "argocd_namespace", kDefaultArgocdNamespace);
  spec.argocd_cluster = string_or(root, "argocd_cluster", std::string(render::kInClusterServer));
  spec.repo_url = ctx.repo_url;
  spec.target_revision = ctx.branch;
  spec.source_path = ctx.repo_path(layout::apps_dir(spec.root, spec.environment));
  spec.labels = string_map(root, "labels");
  return spec;
}

// Defaults of the optional+computed arguments, wherever the configuration leaves them null: an
// argument removed from the configuration returns to its default.
Value with_defaults(const Value& prior, const Value& planned, const Value& config) {
  Value out = default_unless_configured(planned, config, "argocd_namespace", Value::string(kDefaultArgocdNamespace));
  out = default_unless_configured(out, config, "argocd_cluster", Value::string(std::string(render::kInClusterServer)));
  out = empty_unless_configured(out, prior, config, "labels");
  return fill_list_block(out, config, "environment", [](Value env, const Value& configured) {
    env = default_unless_configured(env, configured, "project", Value::string(kDefaultProject));
    return default_unless_configured(env, configured, "protected", Value::boolean(false));
  });
}

// Rendered file of every environment, or nullopt when something it depends on is still unknown.
std::optional<std::map<std::string, std::string>> render_all(const ProviderContext& ctx, const Value& root) {
  if (!root.is_wholly_known()) {
    // Only the computed outputs may be unknown; anything the files depend on must be known.
    for (const char* a : {"name", "argocd_namespace", "argocd_cluster", "labels", "environment"})
      if (!root.attr(a).is_wholly_known()) return std::nullopt;
  }
  std::map<std::string, std::string> files;
  int order = 0;
  for (const Value& env : root.attr("environment").elements())
    files[env.attr("name").as_string()] = render::render_root_application(spec_for(ctx, root, env, order++));
  return files;
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

std::vector<std::string> env_names(const Value& root) {
  std::vector<std::string> out;
  for (const Value& e : elements_of(root, "environment"))
    if (auto n = opt_string(e, "name")) out.push_back(*n);
  return out;
}

}  // namespace

RootResource::RootResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void RootResource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const AttributePath root;
  check_string(config, "name", root.attr("name"), render::is_dns1123_label,
               "a root name must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending "
               "with a letter or digit, at most 63 characters",
               diags);
  check_string(config, "argocd_namespace", root.attr("argocd_namespace"), render::is_dns1123_label,
               "a namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
               diags);
  check_string(
      config, "argocd_cluster", root.attr("argocd_cluster"),
      [](const std::string& s) { return is_https_url(s) || render::is_dns1123_subdomain(s); },
      "an Argo CD cluster is an https:// API server URL or a cluster name (DNS-1123 subdomain)", diags);

  validate_labels(config, "labels", diags);

  const Value& envs = config.attr("environment");
  if (!envs.is_known()) return;
  if (envs.is_null() || envs.length() == 0) {
    diags.error("At least one environment is required",
                "Declare the root's environments in promotion order with `environment` blocks.",
                root.attr("environment"));
    return;
  }
  auto name = opt_string(config, "name");
  std::map<std::string, int64_t> seen;
  int64_t i = 0;
  for (const Value& env : envs.elements()) {
    AttributePath p = root.attr("environment").index(i);
    check_string(env, "name", p.attr("name"), render::is_dns1123_label,
                 "an environment name must be a DNS-1123 label (lower-case letters, digits and '-')", diags);
    check_string(env, "namespace", p.attr("namespace"), render::is_dns1123_label,
                 "a namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
                 diags);
    check_string(
        env, "cluster", p.attr("cluster"),
        [](const std::string& s) { return is_https_url(s) || render::is_dns1123_subdomain(s); },
        "a cluster is an Argo CD cluster name (DNS-1123 subdomain) or an https:// API server URL", diags);
    check_string(env, "project", p.attr("project"), render::is_dns1123_subdomain,
                 "an Argo CD project name must be a DNS-1123 subdomain", diags);
    if (auto en = opt_string(env, "name")) {
      auto [it, inserted] = seen.emplace(*en, i);
      if (!inserted)
        diags.error("Duplicate environment",
                    "Environment \"" + *en + "\" is declared twice (environment[" + std::to_string(it->second) +
                        "] and environment[" + std::to_string(i) + "]); environment names are unique in a root.",
                    p.attr("name"));
      // The Application name <root>-<env> is also a label value (Argo CD's tracking label).
      if (name && name->size() + 1 + en->size() > 63)
        diags.error("Name too long",
                    "The Application name \"" + *name + "-" + *en + "\" would exceed 63 characters; shorten the "
                    "root or environment name.",
                    p.attr("name"));
    }
    ++i;
  }
}

schema::PlanResponse RootResource::plan(const schema::PlanRequest& req) const {
  schema::PlanResponse res;
  if (req.proposed_new_state.is_null()) {  // destroy
    res.planned_state = req.proposed_new_state;
    // Apps of this root are planned in any order when they name the root by plain name: wait until
    // each is planned (or the run is quiet), and warn only about apps this run does not destroy.
    auto ctx = context_.get();
    const std::string root = req.prior_state.attr("name").as_string();
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
      res.diagnostics.warning("Root has apps",
                              std::to_string(apps.size()) + " app file(s) under " + layout::apps_root_dir(root) +
                                  "/ that this run does not destroy. Unless they are removed meanwhile, the apply "
                                  "stops before deleting the root.",
                              AttributePath::root("name"));
    return res;
  }
  validate(req.config, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;
  auto ctx = context_.get();

  Value planned = with_defaults(req.prior_state, req.proposed_new_state, req.config);
  const Value name = planned.attr("name");
  planned = planned.with_attr("id", name.is_known() ? name : Value::unknown(Type::string()));

  auto files = render_all(*ctx, planned);
  planned = planned.with_attr("bootstrap", files ? string_map_value(*files) : Value::unknown(Type::map(Type::string())));

  if (name.is_known() && planned.attr("environment").is_wholly_known()) {
    std::vector<PlanOverlay::PlannedEnvironment> envs;
    for (const Value& e : elements_of(planned, "environment"))
      envs.push_back({e.attr("name").as_string(), opt_bool(e, "protected").value_or(false)});
    overlay_.plan_root_environments(name.as_string(), envs);
  }
  if (req.prior_state.is_null()) {
    // A create must not silently adopt a root someone else wrote; it may replace this workspace's own.
    const std::string key = std::string("appofapps_root/") + (name.is_known() ? name.as_string() : "");
    auto exists = [&] { return name.is_known() && !ctx->store->list(layout::root_dir(name.as_string())).empty(); };
    if (exists()) res.planned_private = replaces_private(key);
    if (!create_may_take_over(overlay_, key, req.prior_private, exists)) {
      res.diagnostics.error("Root already exists",
                            "The repository already has files under " + layout::root_dir(name.as_string()) +
                                "/. Import it with `terraform import <address> " + name.as_string() +
                                "`, or choose another name.",
                            AttributePath::root("name"));
      return res;
    }
    planned = planned.with_attr("commit", Value::unknown(Type::string()));
  } else {
    planned = schema::carry_or_unknown(req.prior_state, planned, "commit");
    res.requires_replace = schema::requires_replace(req.prior_state, planned, {"name"});
    res.planned_private = replaces_private("appofapps_root/" + req.prior_state.attr("name").as_string());
  }
  res.planned_state = planned;
  return res;
}

schema::ApplyResponse RootResource::apply(const schema::ApplyRequest& req) const {
  schema::ApplyResponse res;
  res.new_state = req.prior_state;
  auto ctx = context_.get();
  if (refuse_when_stopping(stop_, res)) return res;
  gitops::CommitRequest commit;

  if (req.planned_state.is_null()) {  // destroy: every file of the root, in one commit
    const std::string root = req.prior_state.attr("name").as_string();
    // The delete half of replacing the root (taint, -replace): its apps stay for the new one.
    const bool replacing = replaces(req.planned_private, "appofapps_root/" + root);
    // Apps destroyed in this same run go first, in whatever order Terraform sends them: wait.
    if (!replacing) wait_for_run([&] { return ctx->store->list_recursive(layout::apps_root_dir(root)).empty(); }, long_quiet());
    if (auto apps = ctx->store->list_recursive(layout::apps_root_dir(root)); !apps.empty() && !replacing) {
      std::string list;
      for (size_t i = 0; i < apps.size() && i < 5; ++i) list += (i ? ", " : "") + apps[i];
      res.diagnostics.error("Root still has apps",
                            "Cannot destroy root " + root + " while apps remain (" + list +
                                (apps.size() > 5 ? ", …" : "") + "). Destroy those apps first.",
                            AttributePath::root("name"));
      return res;
    }
    for (const auto& f : ctx->store->list(layout::root_dir(root)))
      commit.changes.push_back({layout::join(layout::root_dir(root), f), std::nullopt});
    commit.message = commit_message(*ctx, "Delete", root, env_names(req.prior_state));
    try {
      ctx->store->commit(commit);
    } catch (const std::exception& e) {
      res.diagnostics.error("Could not delete root " + root, e.what());
      return res;
    }
    log::info("root deleted", {{"root", root}});
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }

  const Value& planned = req.planned_state;
  const std::string root = planned.attr("name").as_string();
  auto files = render_all(*ctx, planned);
  if (!files) {
    res.diagnostics.error("Root configuration still unknown at apply",
                          "Terraform passed unknown values for appofapps_root \"" + root + "\"; this is a bug.");
    return res;
  }
  std::set<std::string> keep;
  for (const auto& [env, content] : *files) {
    commit.changes.push_back({layout::root_file(root, env), content});
    keep.insert(layout::root_file(root, env));
  }
  // Environments dropped from the configuration (or added by hand) lose their root Application.
  for (const auto& f : ctx->store->list(layout::root_dir(root)))
    if (const std::string path = layout::join(layout::root_dir(root), f); !keep.count(path))
      commit.changes.push_back({path, std::nullopt});
  commit.message =
      commit_message(*ctx, req.prior_state.is_null() ? "Create" : "Update", root, env_names(planned));
  gitops::CommitResult result;
  try {
    result = ctx->store->commit(commit);
  } catch (const std::exception& e) {
    res.diagnostics.error("Could not write root " + root, e.what(), AttributePath::root("name"));
    return res;
  }
  log::info("root written", {{"root", root}, {"commit", result.commit_id}});
  if (auto wt = ctx->store->last_worktree_error(); !wt.empty())
    log::warn("working tree of the repository not updated", {{"root", root}, {"error", wt}});
  Value state = planned;
  if (!planned.attr("commit").is_known()) state = state.with_attr("commit", Value::string(result.commit_id));
  res.new_state = state;
  return res;
}

schema::ReadResponse RootResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  const std::string root = req.current_state.attr("name").as_string();
  overlay_.note_in_state("appofapps_root/" + root);

  std::vector<std::string> listed = ctx->store->list(layout::root_dir(root));
  std::map<std::string, std::string> contents;
  for (const auto& f : listed) {
    const auto env = layout::root_file_environment(f);
    if (!env) continue;
    if (auto c = ctx->store->read(layout::root_file(root, *env))) contents[*env] = *c;
  }
  if (contents.empty()) {  // every file gone: the root no longer exists
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }

  std::map<std::string, std::optional<render::RootEnvironmentSpec>> parsed;
  for (const auto& [n, text] : contents) {
    try {
      parsed[n] = render::parse_root_application(text);
    } catch (const render::RenderError& e) {
      // Unparseable hand edit: keep what we knew; the bootstrap difference makes the plan rewrite it.
      parsed[n] = std::nullopt;
      log::warn("root file is not a root Application we can read",
                {{"root", root}, {"environment", n}, {"error", e.what()}});
    }
  }

  // Keep the state's environment order; environments found only in the repository (after an
  // import, or added by hand) follow in their recorded order.
  std::vector<std::string> order;
  std::set<std::string> known;
  for (const auto& n : env_names(req.current_state))
    if (contents.count(n) && known.insert(n).second) order.push_back(n);
  std::vector<std::pair<int, std::string>> extras;
  for (const auto& [n, spec] : parsed)
    if (!known.count(n)) extras.emplace_back(spec ? spec->order : 1 << 20, n);
  std::sort(extras.begin(), extras.end());
  for (const auto& [_, n] : extras) order.push_back(n);

  std::map<std::string, Value> prior_envs;
  for (const Value& e : elements_of(req.current_state, "environment")) prior_envs[e.attr("name").as_string()] = e;

  Value state = req.current_state;
  std::vector<Value> envs;
  bool root_fields_read = false;
  for (const auto& n : order) {
    std::map<std::string, Value> attrs;
    if (auto it = prior_envs.find(n); it != prior_envs.end()) attrs = it->second.entries();
    attrs["name"] = Value::string(n);
    if (const auto& spec = parsed[n]) {
      attrs["cluster"] = Value::string(spec->cluster);
      attrs["namespace"] = Value::string(spec->namespace_);
      attrs["project"] = Value::string(spec->project.empty() ? kDefaultProject : spec->project);
      attrs["protected"] = Value::boolean(spec->protected_env);
      if (!root_fields_read) {
        root_fields_read = true;
        state = state.with_attr("argocd_namespace", Value::string(spec->argocd_namespace));
        state = state.with_attr("argocd_cluster", Value::string(spec->argocd_cluster));
        bool had_labels = !state.attr("labels").is_null();
        if (had_labels || !spec->labels.empty()) state = state.with_attr("labels", string_map_value(spec->labels));
      }
    }
    envs.push_back(Value::object(env_type(schema_), std::move(attrs)));
  }
  state = state.with_attr("environment", Value::list(env_type(schema_), std::move(envs)));
  std::map<std::string, std::string> bootstrap;
  for (const auto& n : order) bootstrap[n] = contents[n];
  state = state.with_attr("bootstrap", string_map_value(bootstrap));
  state = state.with_attr("id", Value::string(root));
  if (state.attr("commit").is_null()) state = state.with_attr("commit", Value::string(ctx->store->tip()));
  res.new_state = state;
  return res;
}

schema::ImportResponse RootResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  if (!render::is_dns1123_label(id)) {
    res.diagnostics.error("Invalid import ID",
                          "Import an appofapps_root by its name (a DNS-1123 label), e.g. `terraform import "
                          "appofapps_root.platform ml-platform`; got \"" + id + "\".");
    return res;
  }
  auto type = schema_.block.implied_type();
  // Empty labels, not null: Read keeps them empty when the files have none, so `labels = {}` and
  // leaving labels out both plan no change after the import.
  res.state = Value::object(type, {{"name", Value::string(id)},
                                   {"id", Value::string(id)},
                                   {"labels", string_map_value({})},
                                   {"environment", Value::list(env_type(schema_), {})}});
  return res;
}

}  // namespace aoa::provider
