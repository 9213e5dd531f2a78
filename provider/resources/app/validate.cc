// appofapps_app: the rules between attributes of a configuration (the rules of single attributes
// are declared on the schema, app/schema.cc).
#include "provider/resources/app/app_parts.h"
#include "provider/shared/secret_hints.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
namespace {

const AttributePath kEndpoint = AttributePath::root("endpoint");

// A known string within the generic string limits (schema/rules.h): one that a detail may quote.
bool quotable(const runtime::String& s) {
  if (!s.is_known() || s.get().size() > schema::kDefaultMaxBytes) return false;
  return std::none_of(s.get().begin(), s.get().end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

// With kind = "batch": compute is required, online settings are errors.
void validate_batch(const EndpointModel& ep, schema::Diagnostics& diags) {
  if (ep.compute.is_null())
    diags.error("Missing compute", "A batch endpoint runs on a compute cluster: set compute, e.g. "
                                   "\"azureml:cpu-cluster\".", kEndpoint.attr("compute"));
  const std::pair<const char*, bool> online[] = {
      {"slot", !ep.slot.is_null()},
      {"request_timeout_ms", !ep.request_timeout_ms.is_null()},
      {"max_concurrent_requests_per_instance", !ep.max_concurrent_requests_per_instance.is_null()},
      {"instance_type", !ep.instance_type.is_null()}};
  for (const auto& [f, set] : online)
    if (set) diags.error("Not a batch setting", std::string(f) + " applies to online endpoints only.", kEndpoint.attr(f));
  for (const auto& [block, probe] : {std::pair{"liveness_probe", &ep.liveness_probe},
                                     std::pair{"readiness_probe", &ep.readiness_probe}})
    if (probe->is_known())
      diags.error("Not a batch setting", std::string(block) + " applies to online endpoints only.",
                  kEndpoint.attr(block));
}

// With any other kind: batch settings are errors (and compute, for "online" or no kind; another
// kind has its own error).
void validate_online(const EndpointModel& ep, schema::Diagnostics& diags) {
  if (ep.kind.value_or("online") == "online" && !ep.compute.is_null())
    diags.error("Not an online setting", "compute applies to batch endpoints only.", kEndpoint.attr("compute"));
  for (const auto& f : kBatchFields)
    if (!(ep.*(f.member)).is_null())
      diags.error("Not an online setting", std::string(f.name) + " applies to batch endpoints only.",
                  kEndpoint.attr(f.name));
  for (const auto& [f, set] : {std::pair{"output_action", !ep.output_action.is_null()},
                               std::pair{"output_file_name", !ep.output_file_name.is_null()}})
    if (set) diags.error("Not an online setting", std::string(f) + " applies to batch endpoints only.", kEndpoint.attr(f));
}

}  // namespace

// Runs after declared rule errors too (validate_after_rule_errors), so that one validation reports
// every problem; values over the string limits are not quoted.
void AppResource::validate(const AppModel& config, schema::Diagnostics& diags) const {
  const AttributePath root;
  if (quotable(config.name) && quotable(config.environment) &&
      config.name.get().size() + 1 + config.environment.get().size() > 63)
    diags.error("Name too long",
                "The Application name \"" + config.name.get() + "-" + config.environment.get() +
                    "\" would exceed 63 characters.",
                root.attr("name"));
  if (quotable(config.name) && config.depends_on_apps.is_known()) {
    const std::string& n = config.name.get();
    for (const auto& d : config.depends_on_apps.get())
      if (d == n)
        diags.error("Dependency cycle", "An app cannot depend on itself: " + n + " -> " + n,
                    root.attr("depends_on_apps"));
  }
  // Plain text in the repository: a literal secret there is a leak, worth a warning at plan.
  if (config.environment_variables.is_known())
    for (const auto& [key, value] : config.environment_variables.get())
      if (std::string why = literal_secret_reason(key, value); !why.empty())
        diags.warning("Possible secret in environment_variables",
                      "environment_variables[\"" + key + "\"] looks like a literal secret (" + why +
                          "). These values are written in plain text to the GitOps repository and its history. "
                          "Put a reference in secret_environment_variables instead (a Key Vault secret URI, "
                          "https://<vault>.vault.azure.net/secrets/<name>), or rename the variable if it is not "
                          "secret.",
                      root.attr("environment_variables").key(key));
  if (config.secret_environment_variables.is_known())
    for (const auto& [key, reference] : config.secret_environment_variables.get()) {
      if (std::string why = secret_reference_problem(reference); !why.empty())
        diags.error("Invalid secret reference", "secret_environment_variables[\"" + key + "\"]: " + why + ".",
                    root.attr("secret_environment_variables").key(key));
      if (config.environment_variables.is_known() && config.environment_variables.get().count(key))
        diags.error("Duplicate environment variable",
                    key + " is in both environment_variables and secret_environment_variables; keep one.",
                    root.attr("secret_environment_variables").key(key));
    }
  if (!config.endpoint.is_known()) return;
  const EndpointModel& ep = config.endpoint.get();
  // An unknown kind decides nothing yet: it is checked again once known.
  if (ep.kind.is_unknown()) return;
  if (ep.kind.value_or("online") == "batch") validate_batch(ep, diags);
  else validate_online(ep, diags);
}

}  // namespace aoa::provider
