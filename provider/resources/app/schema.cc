// appofapps_app: the schema.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider::app {
namespace {

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

schema::Block model_block() {
  return BlockBuilder()
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
}

schema::Block endpoint_block() {
  return
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
}

}  // namespace

schema::Schema build_schema() {
  const schema::Block model = model_block();
  const schema::Block endpoint = endpoint_block();
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

}  // namespace aoa::provider::app
