// appofapps_app: one child ML app in one environment of a root. Writes its Argo CD Application
// (apps/<root>/<env>/<app>.yaml, with the sync wave the planner computes over the whole
// environment) and its Azure ML endpoint and deployment (workloads/<root>/<env>/<app>/).
// A runtime::Resource (provider/runtime/resource.h): the model below, the schema with its declared
// rules and defaults (app/schema.cc), and hooks split by job in provider/resources/app/.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "provider/runtime/lifecycle.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"
#include "provider/shared/plan_overlay.h"
#include "provider/shared/provider_context.h"

namespace aoa::provider {

// endpoint.liveness_probe and endpoint.readiness_probe.
struct ProbeModel {
  runtime::Number initial_delay, period, timeout, failure_threshold, success_threshold;
  bool operator==(const ProbeModel&) const = default;
  static constexpr auto fields() {
    using M = ProbeModel;
    return std::tuple{runtime::field("initial_delay", &M::initial_delay), runtime::field("period", &M::period),
                      runtime::field("timeout", &M::timeout), runtime::field("failure_threshold", &M::failure_threshold),
                      runtime::field("success_threshold", &M::success_threshold)};
  }
};

// The `endpoint` block: how the model is served (online or batch).
struct EndpointModel {
  runtime::String kind, instance_type;
  runtime::Number instance_count;
  runtime::String slot, compute, environment;
  runtime::Number request_timeout_ms, max_concurrent_requests_per_instance;
  runtime::Number mini_batch_size, max_concurrency_per_instance, error_threshold, max_retries, retry_timeout;
  runtime::String output_action, output_file_name;
  runtime::Field<ProbeModel> liveness_probe, readiness_probe;
  bool operator==(const EndpointModel&) const = default;
  static constexpr auto fields() {
    using M = EndpointModel;
    return std::tuple{runtime::field("kind", &M::kind),
                      runtime::field("instance_type", &M::instance_type),
                      runtime::field("instance_count", &M::instance_count),
                      runtime::field("slot", &M::slot),
                      runtime::field("compute", &M::compute),
                      runtime::field("environment", &M::environment),
                      runtime::field("request_timeout_ms", &M::request_timeout_ms),
                      runtime::field("max_concurrent_requests_per_instance", &M::max_concurrent_requests_per_instance),
                      runtime::field("mini_batch_size", &M::mini_batch_size),
                      runtime::field("max_concurrency_per_instance", &M::max_concurrency_per_instance),
                      runtime::field("error_threshold", &M::error_threshold),
                      runtime::field("max_retries", &M::max_retries),
                      runtime::field("retry_timeout", &M::retry_timeout),
                      runtime::field("output_action", &M::output_action),
                      runtime::field("output_file_name", &M::output_file_name),
                      runtime::field("liveness_probe", &M::liveness_probe),
                      runtime::field("readiness_probe", &M::readiness_probe)};
  }
};

// The `model` block: the registered model the app serves.
struct ServedModel {
  runtime::String name, version;
  bool operator==(const ServedModel&) const = default;
  static constexpr auto fields() {
    return std::tuple{runtime::field("name", &ServedModel::name), runtime::field("version", &ServedModel::version)};
  }
};

struct AppModel {
  runtime::String root, environment, name, owner, namespace_;
  runtime::StringList depends_on_apps;  // a set
  runtime::StringMap environment_variables, labels;
  runtime::StringMap secret_environment_variables;  // references only (provider/shared/secret_hints.h)
  runtime::String id;
  runtime::Number sync_wave;
  runtime::String commit;
  runtime::Field<ServedModel> model;
  runtime::Field<EndpointModel> endpoint;
  bool operator==(const AppModel&) const = default;
  static constexpr auto fields() {
    using M = AppModel;
    return std::tuple{runtime::field("root", &M::root),
                      runtime::field("environment", &M::environment),
                      runtime::field("name", &M::name),
                      runtime::field("owner", &M::owner),
                      runtime::field("namespace", &M::namespace_),
                      runtime::field("depends_on_apps", &M::depends_on_apps),
                      runtime::field("environment_variables", &M::environment_variables),
                      runtime::field("labels", &M::labels),
                      runtime::field("secret_environment_variables", &M::secret_environment_variables),
                      runtime::field("id", &M::id),
                      runtime::field("sync_wave", &M::sync_wave),
                      runtime::field("commit", &M::commit),
                      runtime::field("model", &M::model),
                      runtime::field("endpoint", &M::endpoint)};
  }
};

struct AppConfig;  // one app's settings as the engines take them (app/app_parts.h)

class AppResource final : public runtime::Resource<AppModel> {
 public:
  AppResource(const ContextHolder& context, PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  AppModel create(const AppModel& planned, runtime::ApplyStep& step) const override;
  AppModel update(const AppModel& prior, const AppModel& planned, runtime::ApplyStep& step) const override;
  // Deletes the files once no app depends on it and no schedule retrains it (unless it is half of
  // a replacement).
  void destroy(const AppModel& prior, runtime::ApplyStep& step) const override;
  std::optional<AppModel> read(const AppModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const AppModel& m) const override;

  // Rules between attributes: name length, self-dependency, settings of the other endpoint kind.
  void validate(const AppModel& config, schema::Diagnostics& diags) const override;
  bool validate_after_rule_errors() const override { return true; }
  // Batch defaults, `id`, and the sync wave over the environment (waits for the run's other plans).
  void modify_plan(runtime::PlanStep<AppModel>& step) const override;
  // Waits for dependents planned in the same run; refuses while some stay.
  void plan_destroy(const AppModel& prior, runtime::DestroyPlan& step) const override;

 private:
  AppModel write(const AppModel& planned, bool creating, runtime::ApplyStep& step) const;
  schema::WaitOutcome wait_for_ancestors(const AppConfig& c) const;

  const ContextHolder& context_;  // plans read the environment's files
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

// The resource with its lifecycle, as the provider registers it.
std::shared_ptr<schema::Resource> make_app_resource(const runtime::Services& services);

}  // namespace aoa::provider
