// The parts of appofapps_app that its files share: names and defaults, the endpoint's integer
// fields, and AppConfig, the app's settings as the engines take them, made from a planned or state
// model. Internal to provider/resources/app/.
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
#include "provider/shared/environment_apps.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/label_validation.h"
#include "provider/shared/provider_context.h"
#include "provider/shared/planned_graph.h"
#include "provider/shared/release_hold.h"
#include "provider/shared/resource_helpers.h"
#include "provider/shared/schema_names.h"
#include "schema/diagnostics.h"
#include "schema/rules.h"
#include "schema/schema.h"
#include "schema/value.h"

namespace aoa::provider::app {

using cty::Number;

inline constexpr const char* kType = "appofapps_app";
inline constexpr const char* kDefaultInstanceType = "Standard_DS3_v2";
inline constexpr const char* kDefaultSlot = "blue";

// Integer fields of a probe or an endpoint that map one to one onto a renderer field.
template <typename M>
struct IntField {
  const char* name;
  int min;
  int max;
  runtime::Number M::*member;
};
inline constexpr IntField<ProbeModel> kProbeFields[] = {
    {"initial_delay", 0, 3600, &ProbeModel::initial_delay},
    {"period", 1, 3600, &ProbeModel::period},
    {"timeout", 1, 3600, &ProbeModel::timeout},
    {"failure_threshold", 1, 1000, &ProbeModel::failure_threshold},
    {"success_threshold", 1, 1000, &ProbeModel::success_threshold}};
inline constexpr IntField<EndpointModel> kBatchFields[] = {
    {"mini_batch_size", 1, 1000000, &EndpointModel::mini_batch_size},
    {"max_concurrency_per_instance", 1, 10000, &EndpointModel::max_concurrency_per_instance},
    {"error_threshold", -1, 1000000, &EndpointModel::error_threshold},
    {"max_retries", 0, 1000, &EndpointModel::max_retries},
    {"retry_timeout", 1, 86400, &EndpointModel::retry_timeout}};

schema::Schema build_schema();

}  // namespace aoa::provider::app

namespace aoa::provider {

// The configuration of one app, from a planned or state model (all known).
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

// A whole number that fits an int; nullopt when null, unknown, fractional or too large.
std::optional<int> int_of(const runtime::Number& n);
AppConfig app_config(const AppModel& m);
// The repository already holds exactly the files a create of `c` writes (a create committed
// before a crash, never recorded by Terraform): the create takes them over.
bool holds_exactly(const ProviderContext& ctx, const AppConfig& c);
std::string commit_message(const ProviderContext& ctx, const std::string& action, const AppConfig& c,
                           const std::vector<std::string>& rewaved);

// Shared by plan and apply (defined in plan.cc).
std::string already_exists_detail(const AppConfig& c);      // why a create finds its file taken
// The wave of `c` over `apps`, or an error for a cycle or a dependency that is nowhere.
std::optional<int> waves_or_error(const std::map<std::string, AppRecord>& apps, const AppConfig& c,
                                  schema::Diagnostics& diags);

}  // namespace aoa::provider::app
