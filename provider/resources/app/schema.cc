// appofapps_app: the schema, with its declared rules and defaults, and the resource's identity.
#include "provider/resources/app/app_parts.h"
#include "provider/shared/name_rules.h"

namespace aoa::provider::app {
namespace {

using schema::Rule;

// A whole number that fits an int (the app's integer settings); nullopt otherwise.
std::optional<int> whole(const Value& v) {
  auto i = v.as_number().to_int64();
  if (!i || *i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
  return static_cast<int>(*i);
}

// A string that `ok` allows; the detail reads "\"x\" is not allowed: <allowed>".
template <typename Ok>
Rule string_rule(const char* summary, const char* description, const std::string& allowed, Ok ok) {
  return Rule::custom(summary, description, [allowed, ok](const Value& v) {
    const std::string& s = v.as_string();
    return ok(s) ? std::string() : "\"" + s + "\" is not allowed: " + allowed;
  });
}

Rule allowed_rule(const char* summary, const char* description, const std::string& allowed,
                  std::vector<std::string> values) {
  return string_rule(summary, description, allowed, [values](const std::string& s) {
    return std::find(values.begin(), values.end(), s) != values.end();
  });
}

Rule owner_rule() {
  return string_rule("Invalid owner",
                     "a non-empty Kubernetes label value: at most 63 letters, digits, `-`, `_` and `.`, starting "
                     "and ending with a letter or digit",
                     "a Kubernetes label value (letters, digits, '-', '_' and '.', at most 63 characters), e.g. a "
                     "team name",
                     [](const std::string& s) { return !s.empty() && render::is_label_value(s); });
}

Rule model_part_rule(const char* summary) {
  return string_rule(summary, "not empty, no `:` and no spaces, tabs or newlines",
                     "a non-empty name without ':' or spaces (it forms azureml:<name>:<version>)",
                     [](const std::string& s) { return !s.empty() && s.find_first_of(": \t\n") == std::string::npos; });
}

// A whole number in [min, max] (other numbers are left to Azure, as they always were).
Rule at_least_rule(const char* summary, int min, int max, const std::string& detail) {
  const std::string range = max == INT32_MAX ? "at least " + std::to_string(min)
                                             : "from " + std::to_string(min) + " to " + std::to_string(max);
  return Rule::custom(summary, "a whole number " + range, [min, max, detail](const Value& v) {
    auto n = whole(v);
    return n && (*n < min || *n > max) ? detail : std::string();
  });
}

// The range rule of one of `fields` (kProbeFields, kBatchFields), by name.
template <typename M, size_t N>
Rule int_rule(const IntField<M> (&fields)[N], const char* name) {
  for (const auto& f : fields)
    if (std::string(f.name) == name)
      return at_least_rule(("Invalid " + std::string(name)).c_str(), f.min, f.max,
                           "Must be between " + std::to_string(f.min) + " and " + std::to_string(f.max) + ".");
  throw std::logic_error(std::string("no integer field ") + name);
}

Rule instance_count_rule() {
  return Rule::custom("Invalid instance_count", "a whole number, at least 1", [](const Value& v) {
    auto n = whole(v);
    if (!n) return std::string("instance_count is a whole number of instances.");
    return *n < 1 ? std::string("At least 1 instance is required.") : std::string();
  });
}

schema::Block probe_block(const std::string& description) {
  return BlockBuilder()
      .description(description + " Unset fields take Azure's defaults.")
      .attribute("initial_delay", Type::number())
      .optional()
      .rule(int_rule(kProbeFields, "initial_delay"))
      .description("Seconds before the first probe. Azure's default 10.")
      .attribute("period", Type::number())
      .optional()
      .rule(int_rule(kProbeFields, "period"))
      .description("Seconds between probes. Azure's default 10.")
      .attribute("timeout", Type::number())
      .optional()
      .rule(int_rule(kProbeFields, "timeout"))
      .description("Seconds before a probe times out. Azure's default 2.")
      .attribute("failure_threshold", Type::number())
      .optional()
      .rule(int_rule(kProbeFields, "failure_threshold"))
      .description("Failures before the container is considered unhealthy. Azure's default 30.")
      .attribute("success_threshold", Type::number())
      .optional()
      .rule(int_rule(kProbeFields, "success_threshold"))
      .description("Successes before it is considered healthy again. Azure's default 1.")
      .build();
}

schema::Block model_block() {
  return BlockBuilder()
      .description("The model this app serves. The deployment references it as "
                   "`azureml:<name>:<version>`; the child Application records it as "
                   "annotation `appofapps.io/model: <name>:<version>`.")
      .attribute("name", Type::string())
      .required()
      .rule(model_part_rule("Invalid name"))
      .description("The registered model name.")
      .attribute("version", Type::string())
      .required()
      .rule(model_part_rule("Invalid version"))
      .description("The model version, with the same rule as `name`.")
      .build();
}

// The settings of both kinds: kind, size, slot, compute and environment.
void serving_settings(BlockBuilder& b) {
  b.attribute("kind", Type::string())
      .optional()
      .computed()
      .default_value(Value::string("online"))
      .rule(allowed_rule("Invalid kind", "`online` or `batch`", "\"online\" or \"batch\"", {"online", "batch"}))
      .description("`online` (managed online endpoint) or `batch`. Default `online`.")
      .attribute("instance_type", Type::string())
      .optional()
      .computed()
      .default_value(Value::string(kDefaultInstanceType))
      .description("Online: the VM size of the deployment. Default `Standard_DS3_v2`.")
      .attribute("instance_count", Type::number())
      .optional()
      .computed()
      .default_value(Value::number(1))
      .rule(instance_count_rule())
      .description("Both kinds: instances (online) or nodes (batch). Default 1.")
      .attribute("slot", Type::string())
      .optional()
      .computed()
      .default_value(Value::string(kDefaultSlot))
      .rule(allowed_rule("Invalid slot", "`blue` or `green`", "\"blue\" or \"green\"", {"blue", "green"}))
      .description("Online: the deployment that receives all the traffic. Default `blue`.")
      .attribute("compute", Type::string())
      .optional()
      .description("Batch: the compute cluster, for example `azureml:cpu-cluster`. Required for batch "
                   "(*Missing compute*).")
      .attribute("environment", Type::string())
      .optional()
      .description("Both kinds: an Azure ML environment reference, `azureml:<env>:<version>`. Omit it for "
                   "MLflow models.");
}

// Online only: request settings (the probes are blocks).
void online_settings(BlockBuilder& b) {
  b.attribute("request_timeout_ms", Type::number())
      .optional()
      .rule(at_least_rule("Invalid request_timeout_ms", 1, 180000, "Azure ML accepts 1 to 180000 milliseconds."))
      .description("Online: request timeout in milliseconds. Azure's default 5000.")
      .attribute("max_concurrent_requests_per_instance", Type::number())
      .optional()
      .rule(at_least_rule("Invalid max_concurrent_requests_per_instance", 1, INT32_MAX, "Must be at least 1."))
      .description("Online: concurrent requests per instance. Azure's default 1.");
}

// Batch only: how the job runs and where its output goes.
void batch_settings(BlockBuilder& b) {
  b.attribute("mini_batch_size", Type::number())
      .optional()
      .rule(int_rule(kBatchFields, "mini_batch_size"))
      .description("Batch: files per mini-batch. Azure's default 10.")
      .attribute("max_concurrency_per_instance", Type::number())
      .optional()
      .rule(int_rule(kBatchFields, "max_concurrency_per_instance"))
      .description("Batch: parallel scoring processes per node. Azure's default 1.")
      .attribute("error_threshold", Type::number())
      .optional()
      .rule(int_rule(kBatchFields, "error_threshold"))
      .description("Batch: failed mini-batches tolerated; -1 ignores failures. Azure's default "
                   "-1.")
      .attribute("max_retries", Type::number())
      .optional()
      .rule(int_rule(kBatchFields, "max_retries"))
      .description("Batch: retries of a failed mini-batch. Azure's default 3.")
      .attribute("retry_timeout", Type::number())
      .optional()
      .rule(int_rule(kBatchFields, "retry_timeout"))
      .description("Batch: seconds before a mini-batch attempt times out. Azure's default 30.")
      .attribute("output_action", Type::string())
      .optional()
      .rule(allowed_rule("Invalid output_action", "`append_row` or `summary_only`", "\"append_row\" or \"summary_only\"", {"append_row", "summary_only"}))
      .description("Batch: how the job writes its results. Default `append_row`.")
      .attribute("output_file_name", Type::string())
      .optional()
      .description("Batch: the output file of the job. Azure's default `predictions.csv`.");
}

schema::Block endpoint_block() {
  BlockBuilder b;
  b.description("How the model is served; `kind` selects an online or a batch endpoint, and some settings "
                   "apply to one kind only. With `kind = \"batch\"`, setting `slot`, `instance_type`, "
                   "`request_timeout_ms`, `max_concurrent_requests_per_instance` or a probe is an error (*Not"
                   " a batch setting*); with `kind = \"online\"` (or no `kind`), setting `compute` or a batch"
                   " setting is an error (*Not an online setting*). Omitted or empty: an online endpoint on "
                   "one `Standard_DS3_v2` instance, slot `blue`. The plan fills in the defaults of `kind`, "
                   "`instance_count` and, for online endpoints, `instance_type` and `slot`, so the state "
                   "always has an `endpoint` block; removing an argument returns it to its default.");
  serving_settings(b);
  online_settings(b);
  batch_settings(b);
  return b.block("liveness_probe", Nesting::Single, probe_block("Online: liveness probe of the scoring container."))
      .block("readiness_probe", Nesting::Single, probe_block("Online: readiness probe of the scoring container."))
      .build();
}

// root, environment and name: which app this is; a change replaces it.
void identity(BlockBuilder& b) {
  b.attribute("root", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid root"))
      .description("The name of an `appofapps_root`. Changing it replaces the app.")
      .attribute("environment", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid environment"))
      .description("An environment of that root. Changing it replaces the app.")
      .attribute("name", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid name"))
      .description("App name, unique in the root and environment. The Application name "
                   "`<name>-<environment>` must be at most 63 characters (*Name too long*). "
                   "Changing it replaces the app.");
}

// Who owns the app, its namespace and what it needs first.
void ownership(BlockBuilder& b) {
  b.attribute("owner", Type::string())
      .required()
      .rule(owner_rule())
      .description("The owning team, written as label `appofapps.io/owner`.")
      .attribute("namespace", Type::string())
      .required()
      .rule(dns_label_rule("Invalid namespace"))
      .description("The namespace this app owns in the environment's cluster. No other app of "
                   "the same root and environment may use it (*Namespace already owned*).")
      .attribute("depends_on_apps", Type::set(Type::string()))
      .optional()
      .computed()
      .default_value(Value::set(Type::string(), {}))
      .rule(dns_label_rule("Invalid depends_on_apps", "an app name", schema::Rule::Target::Elements))
      .description("Names of sibling apps (same root and environment) that Argo CD must sync "
                   "before this one: not the app itself (*Dependency cycle*), and each an app in "
                   "the repository or in this run (*Dependency not found*). Plain names "
                   "(`[\"features\"]`) or references (`[appofapps_app.features.name]`) both "
                   "work.");
}

// What the deployment and the Application carry beyond the model.
void deployment_settings(BlockBuilder& b) {
  b.attribute("environment_variables", Type::map(Type::string()))
      .max_bytes(32768)
      .optional()
      .computed()
      .default_value(Value::map(Type::string(), {}))
      .description("Non-secret environment variables of the Azure ML deployment, written in plain text to the "
                   "repository. A value that looks like a literal secret (a name with SECRET, TOKEN, PASSWORD or "
                   "KEY, or a token-shaped value) is a plan warning (*Possible secret in environment_variables*); "
                   "put secrets in `secret_environment_variables`, as references.")
      .attribute("secret_environment_variables", Type::map(Type::string()))
      .max_bytes(32768)
      .optional()
      .description("Environment variables of the Azure ML deployment whose values are secrets, given as "
                   "references, never as values: an Azure Key Vault secret URI "
                   "(`https://<vault>.vault.azure.net/secrets/<name>[/<version>]`) or an Azure ML workspace "
                   "connection credential (`azureml://connections/<connection>/credentials/<key>`), anything else "
                   "is an error (*Invalid secret reference*). The deployment YAML carries them as Azure ML secret "
                   "injection references (`${{keyvault:<uri>}}`, `${{azureml://…}}`), which the endpoint's identity "
                   "resolves at run time; the secret never enters the repository. A name may not also be in "
                   "`environment_variables` (*Duplicate environment variable*).")
      .attribute("labels", Type::map(Type::string()))
      .optional()
      .computed()
      .default_value(Value::map(Type::string(), {}))
      .description("Extra Kubernetes labels of the child Application, with the same rules as the "
                   "root's `labels`.");
  for (auto& r : label_rules()) b.rule(std::move(r));
}

// What the provider computes: id, sync wave and commit.
void computed_attributes(BlockBuilder& b) {
  b.attribute("id", Type::string())
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
      .description("The commit of the GitOps repository that last wrote this app. In an environment with an "
                   "`appofapps_release`, the release journal's commit that held the change (the release's `commit` "
                   "is the one published on the branch). After an import, the branch tip at import time.");
}

}  // namespace

schema::Schema build_schema() {
  BlockBuilder b;
  b.description("One child ML app in one environment of an `appofapps_root`: its Argo CD `Application` "
                   "(with the sync wave computed from `depends_on_apps`) and its Azure ML endpoint and "
                   "deployment.");
  identity(b);
  ownership(b);
  deployment_settings(b);
  computed_attributes(b);
  b.block("model", Nesting::Single, model_block())
      .min_items(1)
      .max_items(1)
      .block("endpoint", Nesting::Group, endpoint_block());
  schema::Schema s;
  s.block = b.build();
  return s;
}

}  // namespace aoa::provider::app

namespace aoa::provider {

AppResource::AppResource(const ContextHolder& context, PlanOverlay& overlay)
    : context_(context), overlay_(overlay), schema_(app::build_schema()) {}

const runtime::ResourceInfo& AppResource::info() const {
  static const runtime::ResourceInfo kInfo{app::kType, "app",
                                           {{"root", "environment", "name"}, "fraud", "ml-platform/dev/fraud"},
                                           {},
                                           /*marker_names_type=*/false};
  return kInfo;
}

std::optional<std::string> AppResource::id_of(const AppModel& m) const {
  if (!m.root.is_known() || !m.environment.is_known() || !m.name.is_known()) return std::nullopt;
  return m.root.get() + "/" + m.environment.get() + "/" + m.name.get();
}

std::shared_ptr<schema::Resource> make_app_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<AppResource>>(
      std::make_shared<const AppResource>(services.context, services.overlay), services);
}

}  // namespace aoa::provider
