// Azure ML CLI v2 YAML of one appofapps_app in one environment, written under
// workloads/<root>/<env>/<app>/: endpoint.yaml (online or batch endpoint) and
// deployment-<slot>.yaml (online or batch deployment), as `az ml online-endpoint create -f …`,
// `az ml online-deployment create -f …`, `az ml batch-endpoint …`, `az ml batch-deployment …`
// read them. Rendering is deterministic; parsing reads the files back for drift detection.
//
// Every file starts with its `$schema` line. Strings that YAML would read as something else
// (true, 1.0, 0x1f, null…) are quoted; environment variable values and tags are always strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "internal/render/root_application.h"

namespace aoa::render {

inline constexpr std::string_view kSchemaOnlineEndpoint =
    "https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json";
inline constexpr std::string_view kSchemaOnlineDeployment =
    "https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json";
inline constexpr std::string_view kSchemaBatchEndpoint =
    "https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json";
// Batch deployments of a model (`type: model`, options under `settings:`).
inline constexpr std::string_view kSchemaBatchDeployment =
    "https://azuremlschemas.azureedge.net/latest/modelBatchDeployment.schema.json";

// Names of endpoints and deployments, as the Azure ML SDK (azure-ai-ml, the code behind
// `az ml`) checks them before sending anything: 3 to 32 characters; the first a letter (either
// case); then letters, digits or '-'; the last not a '-'. (The domain notes only say an online
// endpoint name must be unique per Azure region; the length and character rule is the SDK's
// endpoint/deployment name validation in azure/ai/ml/_utils/_endpoint_utils.py.)
bool is_azureml_endpoint_name(std::string_view name);

// "<app>-<environment>" when that is a valid endpoint name; otherwise a stable shortened form:
// the name with invalid characters replaced by '-', cut so that the environment stays visible
// when it is short, a letter first, then "-" and 8 hex digits of a hash of (app, environment).
// Always valid; the same inputs always give the same name; different inputs give different
// names except for hash collisions (1 in 2^32).
std::string azureml_endpoint_name(std::string_view app, std::string_view environment);

// liveness_probe / readiness_probe of an online deployment (Azure's defaults).
struct ProbeSpec {
  int initial_delay = 10;  // seconds, >= 0
  int period = 10;         // seconds, >= 1
  int timeout = 2;         // seconds, >= 1
  int failure_threshold = 30;
  int success_threshold = 1;
  bool operator==(const ProbeSpec&) const = default;
};

// request_settings of an online deployment (Azure's defaults).
struct RequestSettingsSpec {
  int request_timeout_ms = 5000;                // 1..180000
  int max_concurrent_requests_per_instance = 1;  // >= 1
  int max_queue_wait_ms = 500;                   // >= 0 (deprecated by Azure, still accepted)
  bool operator==(const RequestSettingsSpec&) const = default;
};

// code_configuration of a deployment (not needed for MLflow models): a local folder or
// registered code asset, and the scoring script in it.
struct CodeConfigurationSpec {
  std::string code, scoring_script;  // both non-empty
  bool operator==(const CodeConfigurationSpec&) const = default;
};

struct OnlineEndpointSpec {
  std::string name;                    // is_azureml_endpoint_name
  std::string auth_mode = "key";       // key | aml_token | aad_token
  std::string description;             // omitted when empty
  // Deployment name -> percentage (0..100, summing to 0 or 100); omitted when empty. Azure
  // rejects traffic naming deployments that do not exist yet: the pipeline creates the endpoint,
  // then the deployments, then applies the traffic.
  std::map<std::string, int> traffic;
  std::map<std::string, std::string> tags;  // omitted when empty
  bool operator==(const OnlineEndpointSpec&) const = default;
};

struct OnlineDeploymentSpec {
  std::string name;           // the slot, e.g. "blue" or "green" (same rule as endpoint names)
  std::string endpoint_name;  // is_azureml_endpoint_name
  std::string model;          // "azureml:<model>:<version>" or another model reference; required
  std::optional<CodeConfigurationSpec> code_configuration;
  std::string environment;    // "azureml:<env>:<version>"; omitted when empty (MLflow models)
  std::string instance_type;  // VM SKU, e.g. "Standard_DS3_v2"; required
  int instance_count = 1;     // >= 1
  std::map<std::string, std::string> environment_variables;  // omitted when empty
  std::optional<RequestSettingsSpec> request_settings;
  std::optional<ProbeSpec> liveness_probe, readiness_probe;
  std::map<std::string, std::string> tags;
  bool operator==(const OnlineDeploymentSpec&) const = default;
};

struct BatchEndpointSpec {
  std::string name;                // is_azureml_endpoint_name; auth_mode is always aad_token
  std::string description;         // omitted when empty
  std::string default_deployment;  // defaults.deployment_name (batch's "traffic"); omitted when empty
  std::map<std::string, std::string> tags;
  bool operator==(const BatchEndpointSpec&) const = default;
};

struct BatchDeploymentSpec {
  std::string name, endpoint_name;  // same rule as endpoint names
  std::string model;                // required
  std::optional<CodeConfigurationSpec> code_configuration;
  std::string environment;          // omitted when empty (MLflow models)
  std::string compute;              // compute cluster, e.g. "azureml:cpu-cluster"; required
  int instance_count = 1;           // resources.instance_count, >= 1
  // settings:
  int max_concurrency_per_instance = 1;  // >= 1
  int mini_batch_size = 10;              // >= 1
  int error_threshold = -1;              // >= -1 (-1: ignore failed mini-batches)
  int max_retries = 3;                   // retry_settings.max_retries, >= 0
  int retry_timeout = 30;                // retry_settings.timeout (seconds), >= 1
  std::string output_action = "append_row";  // append_row | summary_only
  std::string output_file_name = "predictions.csv";
  std::string logging_level = "info";   // debug | info | warning
  std::map<std::string, std::string> environment_variables;  // settings.environment_variables
  std::map<std::string, std::string> tags;
  bool operator==(const BatchDeploymentSpec&) const = default;
};

// Renderers: deterministic YAML ending with "\n". Invalid argument naming the field when the
// spec cannot produce a file that Azure ML accepts.
Result<std::string> render_online_endpoint(const OnlineEndpointSpec& spec);
Result<std::string> render_online_deployment(const OnlineDeploymentSpec& spec);
Result<std::string> render_batch_endpoint(const BatchEndpointSpec& spec);
Result<std::string> render_batch_deployment(const BatchDeploymentSpec& spec);

// Parsers: corruption when the text is not one YAML mapping, has another `$schema` (a
// missing one is accepted), or a modelled field has the wrong type (integers must be decimal).
// Absent fields get the renderer's/Azure's defaults, so parse(render(parse(x))) == parse(x).
// Fields not modelled are not returned: compare render(parse(text)) with text to see edits there.
Result<OnlineEndpointSpec> parse_online_endpoint(std::string_view yaml_text);
Result<OnlineDeploymentSpec> parse_online_deployment(std::string_view yaml_text);
Result<BatchEndpointSpec> parse_batch_endpoint(std::string_view yaml_text);
Result<BatchDeploymentSpec> parse_batch_deployment(std::string_view yaml_text);

}  // namespace aoa::render
