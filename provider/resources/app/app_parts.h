// The parts of appofapps_app that its files share: names and defaults, the endpoint's integer
// fields, and AppConfig, the app's settings decoded once from a planned or state object. Internal
// to provider/resources/app/.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/render/azureml.h"
#include "internal/render/child_application.h"
#include "internal/render/root_application.h"
#include "provider/resources/app.h"
#include "provider/shared/app_run_order.h"
#include "provider/shared/config_defaults.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/label_validation.h"
#include "provider/shared/provider_context.h"
#include "provider/shared/resource_helpers.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/value_helpers.h"
#include "schema/diagnostics.h"
#include "schema/plan.h"
#include "schema/rules.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider::app {

using cty::Number;

inline constexpr const char* kType = "appofapps_app";
inline constexpr const char* kDefaultInstanceType = "Standard_DS3_v2";
inline constexpr const char* kDefaultSlot = "blue";

// Integer fields of an endpoint that map one to one onto a renderer field.
struct IntField {
  const char* name;
  int min;
  int max;
};
inline constexpr IntField kProbeFields[] = {{"initial_delay", 0, 3600}, {"period", 1, 3600}, {"timeout", 1, 3600},
                                     {"failure_threshold", 1, 1000}, {"success_threshold", 1, 1000}};
inline constexpr IntField kBatchFields[] = {{"mini_batch_size", 1, 1000000}, {"max_concurrency_per_instance", 1, 10000},
                                     {"error_threshold", -1, 1000000}, {"max_retries", 0, 1000},
                                     {"retry_timeout", 1, 86400}};

schema::Schema build_schema();

}  // namespace aoa::provider::app

namespace aoa::provider {

// The configuration of one app, read from a planned or state object (all known).
struct AppConfig {
  std::string root, environment, name, owner, namespace_, model_name, model_version;
  std::vector<std::string> depends_on;  // sorted, unique
  std::map<std::string, std::string> environment_variables, labels;
  std::string kind = "online", instance_type = app::kDefaultInstanceType, slot = app::kDefaultSlot, compute, azureml_env;
  int instance_count = 1;
  std::optional<int> request_timeout_ms, max_concurrent_requests;
  std::optional<render::ProbeSpec> liveness, readiness;
  std::map<std::string, int> batch_ints;       // app::kBatchFields that are set
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

}  // namespace aoa::provider

namespace aoa::provider::app {

std::optional<int> opt_int(const cty::Value& obj, const std::string& name);
AppConfig app_config(const cty::Value& v);
std::string commit_message(const ProviderContext& ctx, const std::string& action, const AppConfig& c,
                           const std::vector<std::string>& rewaved);

// Shared by plan and apply (defined in plan.cc).
std::string replaced_id(const std::string& private_data);  // the app a replacement's private data names
std::string already_exists_detail(const AppConfig& c);      // why a create finds its file taken
// The wave of `c` over `apps`, or an error for a cycle or a dependency that is nowhere.
std::optional<int> waves_or_error(const std::map<std::string, AppRecord>& apps, const AppConfig& c,
                                  schema::Diagnostics& diags);

}  // namespace aoa::provider::app
