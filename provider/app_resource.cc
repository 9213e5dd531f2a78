#include "provider/app_resource.h"
#include "schema/rules.h"

#include <algorithm>
#include <set>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/azureml.h"
#include "internal/render/child_application.h"
#include "internal/render/root_application.h"
#include "provider/app_run_order.h"
#include "provider/config_defaults.h"
#include "provider/environment_lookup.h"
#include "provider/label_validation.h"
#include "provider/resource_helpers.h"
#include "provider/value_helpers.h"
#include "schema/plan.h"

namespace aoa::provider {
namespace {

using cty::Number;
using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;
using schema::Nesting;

constexpr const char* kType = "appofapps_app";
constexpr const char* kDefaultInstanceType = "Standard_DS3_v2";
constexpr const char* kDefaultSlot = "blue";

schema::Block probe_block(const std::string& description) {
  return BlockBuilder()
      .description(description + " Unset fields take Azure's defaults.")
      .attribute("initial_delay", Type::number())
      .optional()
      .description("Seconds before the first probe, a whole number from 0 to 3600 (*Invalid initial_delay*). "
                   "Azure's default 10.")
      .attribute("period", Type::number())
      .optional()
      .description("Seconds between probes, 1 to 3600 (*Invalid period*). Azure's default 10.")
      .attribute("timeout", Type::number())
      .optional()
      .description("Seconds before a probe times out, 1 to 3600 (*Invalid timeout*). Azure's default 2.")
      .attribute("failure_threshold", Type::number())
      .optional()
      .description("Failures before the container is considered unhealthy, 1 to 1000 (*Invalid "
                   "failure_threshold*). Azure's default 30.")
      .attribute("success_threshold", Type::number())
      .optional()
      .description("Successes before it is considered healthy again, 1 to 1000 (*Invalid success_threshold*). "
                   "Azure's default 1.")
      .build();
}

// Integer fields of an endpoint that map one to one onto a renderer field.
struct IntField {
  const char* name;
  int min;
  int max;
};
constexpr IntField kProbeFields[] = {{"initial_delay", 0, 3600}, {"period", 1, 3600}, {"timeout", 1, 3600},
                                     {"failure_threshold", 1, 1000}, {"success_threshold", 1, 1000}};
constexpr IntField kBatchFields[] = {{"mini_batch_size", 1, 1000000}, {"max_concurrency_per_instance", 1, 10000},
                                     {"error_threshold", -1, 1000000}, {"max_retries", 0, 1000},
                                     {"retry_timeout", 1, 86400}};

schema::Schema build_schema() {
  schema::Block model = BlockBuilder()
                            .description("The model this app serves. The deployment references it as "
                                         "`azureml:<name>:<version>`; the child Application records it as "
                                         "annotation `appofapps.io/model: <name>:<version>`.")
                            .attribute("name", Type::string())
                            .required()
                            .description("The registered model name: not empty, no `:` and no spaces, tabs or "
                                         "newlines (*Invalid name*).")
                            .attribute("version", Type::string())
                            .required()
                            .description("The model version, same rule as `name` (*Invalid version*).")
                            .build();
  schema::Block endpoint =
      BlockBuilder()
          .description("How the model is served; `kind` selects an online or a batch endpoint, and some settings "
                       "apply to one kind only. With `kind = \"batch\"`, setting `slot`, `instance_type`, "
                       "`request_timeout_ms`, `max_concurrent_requests_per_instance` or a probe is an error (*Not"
                       " a batch setting*); with `kind = \"online\"` (or no `kind`), setting `compute` or a batch"
                       " setting is an error (*Not an online setting*). Omitted or empty: an online endpoint on "
                       "one `Standard_DS3_v2` instance, slot `blue`. The plan fills in the defaults of `kind`, "
                       "`instance_count` and, for online endpoints, `instance_type` and `slot`, so the state "
                       "always has an `endpoint` block; removing an argument returns it to its default.")
          .attribute("kind", Type::string())
          .optional()
          .computed()
          .description("`online` (managed online endpoint) or `batch` (*Invalid kind*). Default `online`.")
          .attribute("instance_type", Type::string())
          .optional()
          .computed()
          .description("Online: the VM size of the deployment. Default `Standard_DS3_v2`.")
          .attribute("instance_count", Type::number())
          .optional()
          .computed()
          .description("Both kinds: instances (online) or nodes (batch), a whole number, at least 1 (*Invalid "
                       "instance_count*). Default 1.")
          .attribute("slot", Type::string())
          .optional()
          .computed()
          .description("Online: the deployment that receives all the traffic, `blue` or `green` (*Invalid slot*)."
                       " Default `blue`.")
          .attribute("compute", Type::string())
          .optional()
          .description("Batch: the compute cluster, for example `azureml:cpu-cluster`. Required for batch "
                       "(*Missing compute*).")
          .attribute("environment", Type::string())
          .optional()
          .description("Both kinds: an Azure ML environment reference, `azureml:<env>:<version>`. Omit it for "
                       "MLflow models.")
          .attribute("request_timeout_ms", Type::number())
          .optional()
          .description("Online: request timeout in milliseconds, 1 to 180000 (*Invalid request_timeout_ms*). "
                       "Azure's default 5000.")
          .attribute("max_concurrent_requests_per_instance", Type::number())
          .optional()
          .description("Online: concurrent requests per instance, at least 1 (*Invalid "
                       "max_concurrent_requests_per_instance*). Azure's default 1.")
          .attribute("mini_batch_size", Type::number())
          .optional()
          .description("Batch: files per mini-batch, 1 to 1000000. Azure's default 10.")
          .attribute("max_concurrency_per_instance", Type::number())
          .optional()
          .description("Batch: parallel scoring processes per node, 1 to 10000. Azure's default 1.")
          .attribute("error_threshold", Type::number())
          .optional()
          .description("Batch: failed mini-batches tolerated, -1 to 1000000; -1 ignores failures. Azure's default"
                       " -1.")
          .attribute("max_retries", Type::number())
          .optional()
          .description("Batch: retries of a failed mini-batch, 0 to 1000. Azure's default 3.")
          .attribute("retry_timeout", Type::number())
          .optional()
          .description("Batch: seconds before a mini-batch attempt times out, 1 to 86400. Azure's default 30.")
          .attribute("output_action", Type::string())
          .optional()
          .description("Batch: `append_row` or `summary_only` (*Invalid output_action*). Default `append_row`.")
          .attribute("output_file_name", Type::string())
          .optional()
          .description("Batch: the output file of the job. Azure's default `predictions.csv`.")
          .block("liveness_probe", Nesting::Single, probe_block("Online: liveness probe of the scoring container."))
          .block("readiness_probe", Nesting::Single, probe_block("Online: readiness probe of the scoring container."))
          .build();
  schema::Schema s;
  s.block =
      BlockBuilder()
          .description("One child ML app in one environment of an `appofapps_root`: its Argo CD `Application` "
                       "(with the sync wave computed from `depends_on_apps`) and its Azure ML endpoint and "
                       "deployment.")
          .attribute("root", Type::string())
          .required()
          .requires_replace()
          .description("The name of an `appofapps_root`: a DNS-1123 label (*Invalid root*). Changing it replaces "
                       "the app.")
          .attribute("environment", Type::string())
          .required()
          .requires_replace()
          .description("An environment of that root: a DNS-1123 label (*Invalid environment*). Changing it "
                       "replaces the app.")
          .attribute("name", Type::string())
          .required()
          .requires_replace()
          .description("App name: a DNS-1123 label (*Invalid name*), unique in the root and environment. The "
                       "Application name `<name>-<environment>` must be at most 63 characters (*Name too long*). "
                       "Changing it replaces the app.")
          .attribute("owner", Type::string())
          .required()
          .description("The owning team: a non-empty Kubernetes label value, that is, at most 63 letters, digits,"
                       " `-`, `_` and `.`, starting and ending with a letter or digit (*Invalid owner*). Written "
                       "as label `appofapps.io/owner`.")
          .attribute("namespace", Type::string())
          .required()
          .description("The namespace this app owns in the environment's cluster: a DNS-1123 label (*Invalid "
                       "namespace*). No other app of the same root and environment may use it (*Namespace already"
                       " owned*).")
          .attribute("depends_on_apps", Type::set(Type::string()))
          .optional()
          .computed()
          .description("Names of sibling apps (same root and environment) that Argo CD must sync before this one."
                       " Each must be a DNS-1123 label (*Invalid depends_on_apps*), not the app itself "
                       "(*Dependency cycle*), and an app in the repository or in this run (*Dependency not "
                       "found*). Plain names (`[\"features\"]`) or references (`[appofapps_app.features.name]`) "
                       "both work.")
          .attribute("environment_variables", Type::map(Type::string()))
          .max_bytes(32768)
          .optional()
          .computed()
          .description("Non-secret environment variables of the Azure ML deployment.")
          .attribute("labels", Type::map(Type::string()))
          .optional()
          .computed()
          .description("Extra Kubernetes labels of the child Application. Keys must be label keys (*Invalid label"
                       " key*) and values label values (*Invalid label value*), with the same rules as the root's"
                       " `labels`. Keys starting with `appofapps.io/`, and `app.kubernetes.io/managed-by`, are "
                       "reserved (*Reserved label key*).")
          .attribute("id", Type::string())
          .computed()
          .description("`<root>/<environment>/<name>`.")
          .attribute("sync_wave", Type::number())
          .computed()
          .description("The Argo CD sync wave: 0 without dependencies, otherwise 1 + the highest wave among the "
                       "dependencies. Known at plan for an app without dependencies (0). A new app with "
                       "dependencies, or an app whose dependencies or wave change, shows `(known after apply)`: "
                       "its wave depends on other apps' files, which another run may change before this apply. An"
                       " unchanged app keeps its value and plans no change.")
          .attribute("commit", Type::string())
          .computed()
          .description("The commit of the GitOps repository that last wrote this app. After an import, the branch"
                       " tip at import time.")
          .block("model", Nesting::Single, model)
          .min_items(1)
          .max_items(1)
          .block("endpoint", Nesting::Group, endpoint)
          .build();
  return s;
}

}  // namespace

// The configuration of one app, read from a planned or state object (all known).
struct AppConfig {
  std::string root, environment, name, owner, namespace_, model_name, model_version;
  std::vector<std::string> depends_on;  // sorted, unique
  std::map<std::string, std::string> environment_variables, labels;
  std::string kind = "online", instance_type = kDefaultInstanceType, slot = kDefaultSlot, compute, azureml_env;
  int instance_count = 1;
  std::optional<int> request_timeout_ms, max_concurrent_requests;
  std::optional<render::ProbeSpec> liveness, readiness;
  std::map<std::string, int> batch_ints;       // kBatchFields that are set
  std::string output_action, output_file_name;  // "" = Azure's default

  AppRecord record() const {
    AppRecord r;
    r.name = name;
    r.owner = owner;
    r.namespace_ = namespace_;
    r.model = model_name + ":" + model_version;
    r.depends_on = depends_on;
    return r;
  }
};

namespace {

std::optional<int> opt_int(const Value& obj, const std::string& name) {
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return std::nullopt;
  const Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return std::nullopt;
  auto i = v.as_number().to_int64();
  if (!i || *i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
  return static_cast<int>(*i);
}

std::vector<std::string> string_set(const Value& obj, const std::string& name) {
  std::set<std::string> out;
  for (const Value& v : elements_of(obj, name))
    if (!v.is_null() && v.is_known()) out.insert(v.as_string());
  return {out.begin(), out.end()};
}

AppConfig app_config(const Value& v) {
  AppConfig c;
  c.root = v.attr("root").as_string();
  c.environment = v.attr("environment").as_string();
  c.name = v.attr("name").as_string();
  c.owner = string_or(v, "owner", "");
  c.namespace_ = string_or(v, "namespace", "");
  c.model_name = string_or(v.attr("model"), "name", "");
  c.model_version = string_or(v.attr("model"), "version", "");
  c.depends_on = string_set(v, "depends_on_apps");
  c.environment_variables = string_map(v, "environment_variables");
  c.labels = string_map(v, "labels");
  const Value& ep = v.attr("endpoint");
  c.kind = string_or(ep, "kind", c.kind);
  c.instance_type = string_or(ep, "instance_type", c.instance_type);
  c.instance_count = opt_int(ep, "instance_count").value_or(1);
  c.slot = string_or(ep, "slot", c.slot);
  c.compute = string_or(ep, "compute", "");
  c.azureml_env = string_or(ep, "environment", "");
  c.request_timeout_ms = opt_int(ep, "request_timeout_ms");
  c.max_concurrent_requests = opt_int(ep, "max_concurrent_requests_per_instance");
  auto probe = [&](const char* block) -> std::optional<render::ProbeSpec> {
    if (ep.is_null() || !ep.is_known() || ep.attr(block).is_null()) return std::nullopt;
    const Value& b = ep.attr(block);
    render::ProbeSpec p;
    p.initial_delay = opt_int(b, "initial_delay").value_or(p.initial_delay);
    p.period = opt_int(b, "period").value_or(p.period);
    p.timeout = opt_int(b, "timeout").value_or(p.timeout);
    p.failure_threshold = opt_int(b, "failure_threshold").value_or(p.failure_threshold);
    p.success_threshold = opt_int(b, "success_threshold").value_or(p.success_threshold);
    return p;
  };
  c.liveness = probe("liveness_probe");
  c.readiness = probe("readiness_probe");
  for (const auto& f : kBatchFields)
    if (auto v = opt_int(ep, f.name)) c.batch_ints[f.name] = *v;
  c.output_action = string_or(ep, "output_action", "");
  c.output_file_name = string_or(ep, "output_file_name", "");
  return c;
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const AppConfig& c,
                           const std::vector<std::string>& rewaved) {
  std::string body;
  if (!rewaved.empty()) {
    body = "Sync waves rewritten for:";
    for (const auto& a : rewaved) body += " " + a;
  }
  return gitops::build_commit_message(
      action + " " + kType + " " + c.name + " (" + c.root + "/" + c.environment + ")", body,
      {{"Appofapps-Resource", std::string(kType) + "/" + c.root + "/" + c.environment + "/" + c.name},
       {"Appofapps-Environment", c.environment},
       {"Appofapps-Actor", author_actor(ctx)}});
}

}  // namespace

AppResource::AppResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void AppResource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const AttributePath root;
  auto check = [&](const Value& obj, const std::string& name, const AttributePath& path, auto&& ok,
                   const std::string& allowed) {
    auto v = opt_string(obj, name);
    if (v && !ok(*v)) diags.error("Invalid " + name, "\"" + *v + "\" is not allowed: " + allowed, path);
  };
  const std::string dns = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
  check(config, "root", root.attr("root"), render::is_dns1123_label, dns);
  check(config, "environment", root.attr("environment"), render::is_dns1123_label, dns);
  check(config, "name", root.attr("name"), render::is_dns1123_label, dns);
  check(config, "namespace", root.attr("namespace"), render::is_dns1123_label, dns);
  check(config, "owner", root.attr("owner"), [](const std::string& s) { return !s.empty() && render::is_label_value(s); },
        "a Kubernetes label value (letters, digits, '-', '_' and '.', at most 63 characters), e.g. a team name");
  if (auto n = opt_string(config, "name"), e = opt_string(config, "environment"); n && e && n->size() + 1 + e->size() > 63)
    diags.error("Name too long", "The Application name \"" + *n + "-" + *e + "\" would exceed 63 characters.",
                root.attr("name"));
  const Value& deps = config.attr("depends_on_apps");
  if (deps.is_known() && !deps.is_null()) {
    for (const Value& d : deps.elements()) {
      if (!d.is_known() || d.is_null()) continue;
      if (!render::is_dns1123_label(d.as_string()))
        diags.error("Invalid depends_on_apps", "\"" + d.as_string() + "\" is not an app name: " + dns,
                    root.attr("depends_on_apps"));
      if (auto n = opt_string(config, "name"); n && *n == d.as_string())
        diags.error("Dependency cycle", "An app cannot depend on itself: " + *n + " -> " + *n,
                    root.attr("depends_on_apps"));
    }
  }
  validate_labels(config, "labels", diags);
  const Value& model = config.attr("model");
  if (model.is_known() && !model.is_null()) {
    for (const char* f : {"name", "version"})
      check(model, f, root.attr("model").attr(f),
            [](const std::string& s) { return !s.empty() && s.find_first_of(": \t\n") == std::string::npos; },
            "a non-empty name without ':' or spaces (it forms azureml:<name>:<version>)");
  }
  const Value& ep = config.attr("endpoint");
  if (ep.is_known() && !ep.is_null()) {
    const AttributePath e = root.attr("endpoint");
    auto kind = opt_string(ep, "kind");
    check(ep, "kind", e.attr("kind"), [](const std::string& s) { return s == "online" || s == "batch"; },
          "\"online\" or \"batch\"");
    check(ep, "slot", e.attr("slot"), [](const std::string& s) { return s == "blue" || s == "green"; },
          "\"blue\" or \"green\"");
    if (auto n = opt_int(ep, "instance_count"); n && *n < 1)
      diags.error("Invalid instance_count", "At least 1 instance is required.", e.attr("instance_count"));
    if (!ep.attr("instance_count").is_null() && ep.attr("instance_count").is_known() && !opt_int(ep, "instance_count"))
      diags.error("Invalid instance_count", "instance_count is a whole number of instances.", e.attr("instance_count"));
    if (kind && *kind == "batch") {
      if (ep.attr("compute").is_null())
        diags.error("Missing compute", "A batch endpoint runs on a compute cluster: set compute, e.g. "
                                       "\"azureml:cpu-cluster\".", e.attr("compute"));
      for (const char* f : {"slot", "request_timeout_ms", "max_concurrent_requests_per_instance", "instance_type"})
        if (!ep.attr(f).is_null())
          diags.error("Not a batch setting", std::string(f) + " applies to online endpoints only.", e.attr(f));
    } else if ((!kind || *kind == "online") && ep.attr("kind").is_known() && !ep.attr("compute").is_null()) {
      diags.error("Not an online setting", "compute applies to batch endpoints only.", e.attr("compute"));
    }
    const bool is_batch = kind && *kind == "batch";
    for (const char* block : {"liveness_probe", "readiness_probe"}) {
      const Value& b = ep.attr(block);
      if (b.is_null() || !b.is_known()) continue;
      if (is_batch) diags.error("Not a batch setting", std::string(block) + " applies to online endpoints only.", e.attr(block));
      for (const auto& f : kProbeFields)
        if (auto n = opt_int(b, f.name); n && (*n < f.min || *n > f.max))
          diags.error("Invalid " + std::string(f.name), "Must be between " + std::to_string(f.min) + " and " +
                      std::to_string(f.max) + ".", e.attr(block).attr(f.name));
    }
    for (const auto& f : kBatchFields) {
      if (ep.attr(f.name).is_null()) continue;
      if (!is_batch && ep.attr("kind").is_known())
        diags.error("Not an online setting", std::string(f.name) + " applies to batch endpoints only.", e.attr(f.name));
      if (auto n = opt_int(ep, f.name); n && (*n < f.min || *n > f.max))
        diags.error("Invalid " + std::string(f.name), "Must be between " + std::to_string(f.min) + " and " +
                    std::to_string(f.max) + ".", e.attr(f.name));
    }
    for (const char* f : {"output_action", "output_file_name"})
      if (!ep.attr(f).is_null() && !is_batch && ep.attr("kind").is_known())
        diags.error("Not an online setting", std::string(f) + " applies to batch endpoints only.", e.attr(f));
    check(ep, "output_action", e.attr("output_action"),
          [](const std::string& v) { return v == "append_row" || v == "summary_only"; }, "\"append_row\" or \"summary_only\"");
    if (auto n = opt_int(ep, "request_timeout_ms"); n && (*n < 1 || *n > 180000))
      diags.error("Invalid request_timeout_ms", "Azure ML accepts 1 to 180000 milliseconds.", e.attr("request_timeout_ms"));
    if (auto n = opt_int(ep, "max_concurrent_requests_per_instance"); n && *n < 1)
      diags.error("Invalid max_concurrent_requests_per_instance", "Must be at least 1.",
                  e.attr("max_concurrent_requests_per_instance"));
  }
}

namespace {


// Planned private data: the identity of the object an update plan starts from. When Terraform
// turns the update into a replacement (`-replace`, or `root`/`environment`/`name` changed) it plans
// the new object again with this as its prior private data, so the create knows what it replaces.
std::string replaces_marker(const Value& prior) {
  return "replaces=" + prior.attr("root").as_string() + "/" + prior.attr("environment").as_string() + "/" +
         prior.attr("name").as_string();
}
std::string replaced_id(const std::string& private_data) {
  const std::string prefix = "replaces=";
  return private_data.rfind(prefix, 0) == 0 ? private_data.substr(prefix.size()) : "";
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

// Why a create finds its file taken, and the two ways out.
std::string already_exists_detail(const AppConfig& c) {
  return "The repository already has " + layout::app_file(c.root, c.environment, c.name) +
         " and this run does not delete it first. If Terraform replaces this app with create_before_destroy, the "
         "old and the new object are the same file and cannot exist together: remove create_before_destroy or give "
         "the app a new name. Otherwise import it with `terraform import <address> " + c.root + "/" + c.environment +
         "/" + c.name + "`.";
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

namespace {

// The Azure ML files of an app: endpoint.yaml and deployment-<slot>.yaml (batch: slot "default").
std::map<std::string, std::string> workload_files(const AppConfig& c) {
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
    files[layout::endpoint_file(c.root, c.environment, c.name)] = render::render_batch_endpoint(e);
    files[layout::deployment_file(c.root, c.environment, c.name, "default")] = render::render_batch_deployment(d);
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
    files[layout::endpoint_file(c.root, c.environment, c.name)] = render::render_online_endpoint(e);
    files[layout::deployment_file(c.root, c.environment, c.name, c.slot)] = render::render_online_deployment(d);
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

schema::ApplyResponse AppResource::apply(const schema::ApplyRequest& req) const {
  schema::ApplyResponse res;
  res.new_state = req.prior_state;
  if (refuse_when_stopping(stop_, res)) return res;
  try {
    if (req.planned_state.is_null()) {
      apply_destroy(app_config(req.prior_state), replaced_id(req.planned_private), res);
    } else {
      apply_write(req, res);
    }
  } catch (const std::exception& e) {
    res.diagnostics.error("Could not write app", e.what());
  }
  return res;
}

// Deletes the app's files once no app depends on it and no schedule retrains it. Dependents and
// schedules destroyed in this same run go first, in whatever order Terraform sends them: wait.
void AppResource::apply_destroy(const AppConfig& c, const std::string& replaced_by, schema::ApplyResponse& res) const {
  auto ctx = context_.get();
  const std::string schedules = layout::schedules_dir(c.root, c.environment, c.name);
  // Half of a replacement: the app comes back under the same name in this run, so its dependents
  // and schedules stay.
  const bool replacing = replaced_by == c.root + "/" + c.environment + "/" + c.name;
  EnvironmentView view(*ctx->store, overlay_, c.root, c.environment, false);
  auto dependents = [&] {
    auto apps = view.apps();
    apps.erase(c.name);
    return planner::dependents_of(graph_nodes(apps), c.name);
  };
  if (!replacing)
    wait_for_run([&] { return dependents().empty() && ctx->store->list(schedules).empty(); }, long_quiet());
  auto env_lock = overlay_.lock_environment(c.root, c.environment);
  if (auto d = dependents(); !d.empty() && !replacing) {
    res.diagnostics.error("App still has dependents",
                          "Cannot destroy " + c.name + ": " + join(d, ", ") + " depend(s) on it.",
                          AttributePath::root("name"));
    return;
  }
  if (auto left = ctx->store->list(schedules); !left.empty() && !replacing) {
    res.diagnostics.error("App still has schedules",
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
  ctx->store->commit(commit);
  schema::CallActivity::global().announce();  // a create of the same name may wait for this
  res.new_state = Value::null(schema_.block.implied_type());
}

// Before a create or update computes its wave, the ancestors that this run writes must be written:
// dependencies that are nowhere yet (created in this run) and ancestors that this walk has planned
// are waited for long; other ancestors in the repository until this run has written them or the
// run is quiet (they do not change in it).
// False when a dependency is still nowhere and the run is quiet, so that it is truly missing.
bool AppResource::wait_for_ancestors(const AppConfig& c) const {
  auto ctx = context_.get();
  EnvironmentView view(*ctx->store, overlay_, c.root, c.environment, true);
  auto graph = [&] {
    auto apps = view.apps();
    apps[c.name] = c.record();
    return scan_ancestors(apps, c.name);
  };
  schema::WaitOutcome outcome = schema::WaitOutcome::Ready;
  wait_for_run([&] { return graph().missing.empty(); }, long_quiet(), &outcome);
  if (outcome == schema::WaitOutcome::Quiet) return false;
  // Ancestors that Terraform already sent in this walk are being applied: they will be written.
  auto written_or = [&](bool require_unsent) {
    for (const auto& a : graph().ancestors) {
      if (overlay_.applied(c.root, c.environment, a)) continue;
      const bool sent = overlay_.planned(c.root, c.environment, a) != PlanOverlay::Planned::NotYet;
      if (sent || require_unsent) return false;
    }
    return true;
  };
  wait_for_run([&] { return written_or(false); }, long_quiet());
  // The others do not change in this run, unless Terraform has yet to send them.
  wait_for_run([&] { return written_or(true); }, short_quiet());
  return true;
}

void AppResource::apply_write(const schema::ApplyRequest& req, schema::ApplyResponse& res) const {
  auto ctx = context_.get();
  AppConfig c = app_config(req.planned_state);
  auto root_text = ctx->store->read(layout::root_file(c.root, c.environment));
  if (!root_text) {
    res.diagnostics.error("Unknown environment", "appofapps_root \"" + c.root + "\" has no environment \"" +
                                                     c.environment + "\" in the repository. " +
                                                     unknown_environment_detail(*ctx, c.root, c.environment, &overlay_),
                          AttributePath::root("environment"));
    return;
  }
  if (req.prior_state.is_null() && ctx->store->read(layout::app_file(c.root, c.environment, c.name))) {
    // A replacement deletes the old object first; wait for it (a for_each key change sends the
    // delete and the create in any order).
    wait_for_run([&] { return !ctx->store->read(layout::app_file(c.root, c.environment, c.name)); }, long_quiet());
    if (ctx->store->read(layout::app_file(c.root, c.environment, c.name))) {
      res.diagnostics.error("App already exists", already_exists_detail(c), AttributePath::root("name"));
      return;
    }
  }
  wait_for_ancestors(c);
  render::RootEnvironmentSpec root = render::parse_root_application(*root_text);
  auto env_lock = overlay_.lock_environment(c.root, c.environment);
  EnvironmentApps loaded = load_environment_apps(*ctx->store, c.root, c.environment);
  auto apps = loaded.apps;
  apps[c.name] = c.record();
  schema::Diagnostics graph_diags;
  std::optional<int> wave = waves_or_error(apps, c, graph_diags);
  if (!wave) {
    for (const auto& d : graph_diags.items())
      res.diagnostics.error("Release graph changed since the plan", d.detail + " Plan again.", d.path);
    return;
  }
  if (const Value& planned_wave = req.planned_state.attr("sync_wave");
      planned_wave.is_known() && !planned_wave.is_null() && planned_wave.as_number().to_int64() != *wave) {
    res.diagnostics.error("Release graph changed since the plan",
                          "The sync wave of " + c.name + " is now " + std::to_string(*wave) + " (the plan said " +
                              planned_wave.as_number().to_string() + "): the apps of " + c.root + "/" + c.environment +
                              " changed after this plan was made. Nothing was written; plan again.",
                          AttributePath::root("sync_wave"));
    return;
  }
  write_app(*ctx, root, c, *wave, loaded, req.prior_state.is_null());
  res.new_state = req.planned_state.with_attr("sync_wave", Value::number(static_cast<int64_t>(*wave)));
  if (!res.new_state.attr("commit").is_known())
    res.new_state = res.new_state.with_attr("commit", Value::string(ctx->store->tip()));
}

// One commit: the app's Application and Azure ML files, stale deployment files removed, and the
// annotations of siblings whose wave moved.
void AppResource::write_app(const ProviderContext& ctx, const render::RootEnvironmentSpec& root, const AppConfig& c,
                            int wave, const EnvironmentApps& loaded, bool creating) const {
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::app_file(c.root, c.environment, c.name),
                            render::render_child_application(child_spec(ctx, root, c, wave))});
  auto files = workload_files(c);
  for (const auto& [path, text] : files) commit.changes.push_back({path, text});
  // Azure ML files of a previous slot or kind go; anything else in the folder is the user's.
  const std::string dir = layout::workload_dir(c.root, c.environment, c.name);
  for (const auto& f : ctx.store->list(dir))
    if (layout::deployment_file_slot(f) && !files.count(layout::join(dir, f)))
      commit.changes.push_back({layout::join(dir, f), std::nullopt});
  planner::WavePlan waves = planner::plan_waves(graph_nodes([&] {
    auto apps = loaded.apps;
    apps[c.name] = c.record();
    return apps;
  }()));
  std::vector<std::string> rewaved;
  for (const auto& [name, rec] : loaded.apps) {
    if (name == c.name || waves.wave.at(name) == rec.sync_wave) continue;
    auto text = ctx.store->read(layout::app_file(c.root, c.environment, name));
    if (!text) continue;
    render::ChildApplicationSpec sibling = render::parse_child_application(*text);
    sibling.sync_wave = waves.wave.at(name);
    commit.changes.push_back({layout::app_file(c.root, c.environment, name), render::render_child_application(sibling)});
    rewaved.push_back(name + "=" + std::to_string(sibling.sync_wave));
  }
  commit.message = commit_message(ctx, creating ? "Create" : "Update", c, rewaved);
  ctx.store->commit(commit);
  overlay_.note_applied(c.root, c.environment, c.name);
  schema::CallActivity::global().announce();
  log::info("app written", {{"app", c.root + "/" + c.environment + "/" + c.name}, {"wave", std::to_string(wave)}});
}

schema::ReadResponse AppResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  Value state = req.current_state;
  const std::string root = state.attr("root").as_string(), env = state.attr("environment").as_string(),
                    name = state.attr("name").as_string();
  overlay_.note_in_state(std::string(kType) + "/" + root + "/" + env + "/" + name);
  schema::CallActivity::global().announce();
  auto text = ctx->store->read(layout::app_file(root, env, name));
  if (!text) {
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }
  render::ChildApplicationSpec spec;
  try {
    spec = render::parse_child_application(*text);
  } catch (const render::RenderError& e) {
    // Unreadable hand edit: mark the commit unknown-equivalent by clearing it so the plan rewrites.
    log::warn("app file is not an Application we can read", {{"app", name}, {"error", e.what()}});
    res.new_state = state.with_attr("commit", Value::string(""));
    return res;
  }
  // An import starts from the identity alone: every collection is read back, empty ones as empty.
  const bool importing = state.attr("owner").is_null();
  state = state.with_attr("owner", Value::string(spec.owner));
  state = state.with_attr("namespace", Value::string(spec.namespace_));
  state = state.with_attr("sync_wave", Value::number(static_cast<int64_t>(spec.sync_wave)));
  if (!spec.depends_on.empty() || !state.attr("depends_on_apps").is_null() || importing) {
    std::vector<Value> deps;
    for (const auto& d : spec.depends_on) deps.push_back(Value::string(d));
    state = state.with_attr("depends_on_apps", Value::set(Type::string(), deps));
  }
  if (!spec.labels.empty() || !state.attr("labels").is_null() || importing) state = state.with_attr("labels", string_map_value(spec.labels));
  if (auto colon = spec.model.rfind(':'); colon != std::string::npos) {
    Type model_type = schema_.block.implied_type().attribute("model");
    state = state.with_attr("model", Value::object(model_type, {{"name", Value::string(spec.model.substr(0, colon))},
                                                                {"version", Value::string(spec.model.substr(colon + 1))}}));
  }
  // The deployment carries the serving settings and environment variables. Kind and slot come
  // from the configuration when it has an endpoint block, else from the files (after an import).
  AppConfig c = app_config(state);
  const std::string dir = layout::workload_dir(root, env, name);
  // After an apply the state holds the endpoint's kind; after an import it holds nothing yet.
  const bool configured_endpoint = !state.attr("endpoint").is_null() && !state.attr("endpoint").attr("kind").is_null();
  if (!configured_endpoint) {
    if (ctx->store->read(layout::deployment_file(root, env, name, "default"))) {
      c.kind = "batch";
    } else {
      for (const auto& f : ctx->store->list(dir))
        if (auto slot = layout::deployment_file_slot(f)) {
          c.slot = *slot;
          break;
        }
    }
  }
  Type ep_type = schema_.block.implied_type().attribute("endpoint");
  auto set_env_vars = [&](const std::map<std::string, std::string>& vars) {
    if (!vars.empty() || !state.attr("environment_variables").is_null() || importing)
      state = state.with_attr("environment_variables", string_map_value(vars));
  };
  try {
    if (c.kind == "batch") {
      if (auto d = ctx->store->read(layout::deployment_file(root, env, name, "default"))) {
        auto dep = render::parse_batch_deployment(*d);
        set_env_vars(dep.environment_variables);
        std::map<std::string, Value> ep = configured_endpoint ? state.attr("endpoint").entries()
                                                              : std::map<std::string, Value>{{"kind", Value::string("batch")}};
        ep["instance_count"] = Value::number(dep.instance_count);
        ep["compute"] = Value::string(dep.compute);
        const render::BatchDeploymentSpec defaults;
        const std::map<std::string, std::pair<int, int>> ints{
            {"mini_batch_size", {dep.mini_batch_size, defaults.mini_batch_size}},
            {"max_concurrency_per_instance", {dep.max_concurrency_per_instance, defaults.max_concurrency_per_instance}},
            {"error_threshold", {dep.error_threshold, defaults.error_threshold}},
            {"max_retries", {dep.max_retries, defaults.max_retries}},
            {"retry_timeout", {dep.retry_timeout, defaults.retry_timeout}}};
        for (const auto& [f, v] : ints)
          if (configured_endpoint ? !state.attr("endpoint").attr(f).is_null() : v.first != v.second) ep[f] = Value::number(v.first);
        const std::map<std::string, std::pair<std::string, std::string>> strs{
            {"output_action", {dep.output_action, defaults.output_action}},
            {"output_file_name", {dep.output_file_name, defaults.output_file_name}}};
        for (const auto& [f, v] : strs)
          if (configured_endpoint ? !state.attr("endpoint").attr(f).is_null() : v.first != v.second) ep[f] = Value::string(v.first);
        if (!dep.environment.empty() || (configured_endpoint && !state.attr("endpoint").attr("environment").is_null()))
          ep["environment"] = Value::string(dep.environment);
        state = state.with_attr("endpoint", Value::object(ep_type, ep));
      } else {
        state = state.with_attr("commit", Value::string(""));
      }
    } else if (auto d = ctx->store->read(layout::deployment_file(root, env, name, c.slot))) {
      auto dep = render::parse_online_deployment(*d);
      set_env_vars(dep.environment_variables);
      {  // the endpoint block is a group: always present, defaults included
        std::map<std::string, Value> ep = configured_endpoint ? state.attr("endpoint").entries()
                                                              : std::map<std::string, Value>{{"kind", Value::string("online")}};
        ep["slot"] = Value::string(c.slot);
        ep["instance_count"] = Value::number(dep.instance_count);
        ep["instance_type"] = Value::string(dep.instance_type);
        if (!dep.environment.empty() || (configured_endpoint && !state.attr("endpoint").attr("environment").is_null()))
          ep["environment"] = Value::string(dep.environment);
        // Optional (not computed) settings are read back only where the configuration sets them
        // (or after an import): an unset one must stay null or every plan would show a diff.
        Type probe_type = ep_type.attribute("liveness_probe");
        for (const auto& [block, probe] : {std::pair{"liveness_probe", dep.liveness_probe}, std::pair{"readiness_probe", dep.readiness_probe}}) {
          const bool configured = configured_endpoint && !state.attr("endpoint").attr(block).is_null();
          if (!probe || (configured_endpoint && !configured)) continue;
          std::map<std::string, Value> b;
          const Value prior = configured ? state.attr("endpoint").attr(block) : Value();
          const std::map<std::string, int> values{{"initial_delay", probe->initial_delay}, {"period", probe->period},
                                                  {"timeout", probe->timeout}, {"failure_threshold", probe->failure_threshold},
                                                  {"success_threshold", probe->success_threshold}};
          const render::ProbeSpec defaults;
          const std::map<std::string, int> default_values{{"initial_delay", defaults.initial_delay}, {"period", defaults.period},
                                                          {"timeout", defaults.timeout}, {"failure_threshold", defaults.failure_threshold},
                                                          {"success_threshold", defaults.success_threshold}};
          // Configured: the fields the configuration sets; imported: the fields that differ from Azure's defaults.
          for (const auto& [f, v] : values)
            if (configured ? !prior.attr(f).is_null() : v != default_values.at(f)) b[f] = Value::number(v);
          ep[block] = Value::object(probe_type, b);
        }
        if (dep.request_settings) {
          auto settable = [&](const char* f) { return !configured_endpoint || !state.attr("endpoint").attr(f).is_null(); };
          if (settable("request_timeout_ms"))
            ep["request_timeout_ms"] = Value::number(dep.request_settings->request_timeout_ms);
          if (settable("max_concurrent_requests_per_instance"))
            ep["max_concurrent_requests_per_instance"] = Value::number(dep.request_settings->max_concurrent_requests_per_instance);
        }
        state = state.with_attr("endpoint", Value::object(ep_type, ep));
      }
    } else {
      // The deployment file is gone: an empty commit makes the plan write it again.
      state = state.with_attr("commit", Value::string(""));
    }
  } catch (const render::RenderError& e) {
    log::warn("deployment file unreadable", {{"app", name}, {"error", e.what()}});
    state = state.with_attr("commit", Value::string(""));
  }
  if (state.attr("commit").is_null()) state = state.with_attr("commit", Value::string(ctx->store->tip()));
  res.new_state = state;
  return res;
}

schema::ImportResponse AppResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  const std::vector<std::string> parts = split_import_id(id);
  if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return render::is_dns1123_label(p); })) {
    res.diagnostics.error("Invalid import ID", "Import an appofapps_app as <root>/<environment>/<app>, e.g. "
                                               "`terraform import appofapps_app.fraud ml-platform/dev/fraud`; got \"" +
                                                   id + "\".");
    return res;
  }
  auto type = schema_.block.implied_type();
  res.state = Value::object(type, {{"root", Value::string(parts[0])},
                                   {"environment", Value::string(parts[1])},
                                   {"name", Value::string(parts[2])},
                                   {"id", Value::string(id)}});
  return res;
}

}  // namespace aoa::provider
