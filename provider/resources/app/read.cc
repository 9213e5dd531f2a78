// appofapps_app: refresh and import: the app read back from its files.
#include "provider/resources/app/app_parts.h"
#include "provider/shared/secret_hints.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
namespace {

runtime::Number num(int v) { return cty::Number::from_int(v); }

// A whole-number setting as the file has it, and Azure's default for it.
template <typename M>
struct IntRead {
  runtime::Number M::*member;
  int value;
  int azure_default;
};

// What a read starts from: the identity, whether this is an import (the state holds the identity
// alone: every collection is read back, empty ones as empty), and whether the state holds the
// endpoint's settings (after an apply: only the settings the configuration sets are read back, or
// every plan would show a diff) or not (after an import: the settings that differ from Azure's
// defaults).
struct Reading {
  const ProviderContext& ctx;
  std::string root, env, name;
  bool importing;
  bool configured;
};

// An unreadable hand edit of a deployment file: logged; false, so that the plan rewrites the files.
bool unreadable(const Reading& r, const Status& status) {
  log::warn("deployment file unreadable", {{"app", r.name}, {"error", status.message()}});
  return false;
}

void set_env_vars(const Reading& r, AppModel& m, const std::map<std::string, std::string>& all) {
  // Rendered secret references go back to secret_environment_variables.
  std::map<std::string, std::string> vars, secrets;
  for (const auto& [key, value] : all) {
    const std::string reference = parse_secret_reference(value);
    (reference.empty() ? vars[key] : secrets[key]) = reference.empty() ? value : reference;
  }
  if (!vars.empty() || !m.environment_variables.is_null() || r.importing) m.environment_variables = vars;
  if (!secrets.empty() || !m.secret_environment_variables.is_null()) m.secret_environment_variables = secrets;
}

// The endpoint the read fills in: the state's (configured) or a new one of `kind`.
EndpointModel endpoint_to_fill(const Reading& r, const AppModel& m, const std::string& kind) {
  if (r.configured) return m.endpoint.get();
  EndpointModel ep;
  ep.kind = kind;
  return ep;
}

void read_environment(const Reading& r, EndpointModel& ep, const std::string& environment) {
  if (!environment.empty() || (r.configured && !ep.environment.is_null())) ep.environment = environment;
}

bool read_batch(const Reading& r, AppModel& m) {
  auto text = r.ctx.store->read(layout::deployment_file(r.root, r.env, r.name, "default"));
  if (!text) return false;
  const Result<render::BatchDeploymentSpec> parsed = render::parse_batch_deployment(*text);
  if (!parsed.ok()) return unreadable(r, parsed.status());
  const render::BatchDeploymentSpec& dep = *parsed;
  set_env_vars(r, m, dep.environment_variables);
  EndpointModel ep = endpoint_to_fill(r, m, "batch");
  ep.instance_count = num(dep.instance_count);
  ep.compute = dep.compute;
  const render::BatchDeploymentSpec defaults;
  const IntRead<EndpointModel> ints[] = {
      {&EndpointModel::mini_batch_size, dep.mini_batch_size, defaults.mini_batch_size},
      {&EndpointModel::max_concurrency_per_instance, dep.max_concurrency_per_instance,
       defaults.max_concurrency_per_instance},
      {&EndpointModel::error_threshold, dep.error_threshold, defaults.error_threshold},
      {&EndpointModel::max_retries, dep.max_retries, defaults.max_retries},
      {&EndpointModel::retry_timeout, dep.retry_timeout, defaults.retry_timeout}};
  for (const auto& f : ints)
    if (r.configured ? !(ep.*f.member).is_null() : f.value != f.azure_default) ep.*f.member = num(f.value);
  const std::tuple<runtime::String EndpointModel::*, std::string, std::string> strings[] = {
      {&EndpointModel::output_action, dep.output_action, defaults.output_action},
      {&EndpointModel::output_file_name, dep.output_file_name, defaults.output_file_name}};
  for (const auto& [member, value, azure_default] : strings)
    if (r.configured ? !(ep.*member).is_null() : value != azure_default) ep.*member = value;
  read_environment(r, ep, dep.environment);
  m.endpoint = ep;
  return true;
}

// A probe: configured, the fields the configuration sets; imported, those that differ from Azure's
// defaults. A probe the file lacks, or one the configuration leaves out, stays as it is.
runtime::Field<ProbeModel> read_probe(const Reading& r, const std::optional<render::ProbeSpec>& probe,
                                      const runtime::Field<ProbeModel>& prior) {
  const bool configured = r.configured && !prior.is_null();
  if (!probe || (r.configured && !configured)) return prior;
  const ProbeModel had = prior.value_or({});
  const render::ProbeSpec defaults;
  const IntRead<ProbeModel> values[] = {
      {&ProbeModel::initial_delay, probe->initial_delay, defaults.initial_delay},
      {&ProbeModel::period, probe->period, defaults.period},
      {&ProbeModel::timeout, probe->timeout, defaults.timeout},
      {&ProbeModel::failure_threshold, probe->failure_threshold, defaults.failure_threshold},
      {&ProbeModel::success_threshold, probe->success_threshold, defaults.success_threshold}};
  ProbeModel out;
  for (const auto& f : values)
    if (configured ? !(had.*f.member).is_null() : f.value != f.azure_default) out.*f.member = num(f.value);
  return out;
}

bool read_online(const Reading& r, AppModel& m, const std::string& slot) {
  auto text = r.ctx.store->read(layout::deployment_file(r.root, r.env, r.name, slot));
  if (!text) return false;
  const Result<render::OnlineDeploymentSpec> parsed = render::parse_online_deployment(*text);
  if (!parsed.ok()) return unreadable(r, parsed.status());
  const render::OnlineDeploymentSpec& dep = *parsed;
  set_env_vars(r, m, dep.environment_variables);
  EndpointModel ep = endpoint_to_fill(r, m, "online");  // a group block: always present, defaults included
  ep.slot = slot;
  ep.instance_count = num(dep.instance_count);
  ep.instance_type = dep.instance_type;
  read_environment(r, ep, dep.environment);
  ep.liveness_probe = read_probe(r, dep.liveness_probe, ep.liveness_probe);
  ep.readiness_probe = read_probe(r, dep.readiness_probe, ep.readiness_probe);
  if (const auto& rs = dep.request_settings) {
    if (!r.configured || !ep.request_timeout_ms.is_null()) ep.request_timeout_ms = num(rs->request_timeout_ms);
    if (!r.configured || !ep.max_concurrent_requests_per_instance.is_null())
      ep.max_concurrent_requests_per_instance = num(rs->max_concurrent_requests_per_instance);
  }
  m.endpoint = ep;
  return true;
}

// The deployment carries the serving settings and environment variables. Kind and slot come from
// the state when it has the endpoint's kind, else from the files (after an import). A missing or
// unreadable deployment leaves `commit` empty, so that the plan writes it again.
void read_deployment(const Reading& r, AppModel& m) {
  const EndpointModel had = m.endpoint.value_or({});
  std::string kind = had.kind.value_or("online"), slot = had.slot.value_or(kDefaultSlot);
  if (!r.configured) {
    if (r.ctx.store->read(layout::deployment_file(r.root, r.env, r.name, "default"))) {
      kind = "batch";
    } else {
      for (const auto& f : r.ctx.store->list(layout::workload_dir(r.root, r.env, r.name)))
        if (auto s = layout::deployment_file_slot(f)) {
          slot = *s;
          break;
        }
    }
  }
  if (!(kind == "batch" ? read_batch(r, m) : read_online(r, m, slot))) m.commit = std::string();
}

}  // namespace

std::optional<AppModel> AppResource::read(const AppModel& current, runtime::ReadStep& step) const {
  schema::CallActivity::global().announce();
  const std::string root = current.root.get(), env = current.environment.get(), name = current.name.get();
  auto text = step.ctx.store->read(layout::app_file(root, env, name));
  if (!text) return std::nullopt;
  AppModel m = current;
  Result<render::ChildApplicationSpec> parsed = render::parse_child_application(*text);
  if (!parsed.ok()) {
    // Unreadable hand edit: an empty commit makes the plan rewrite the files.
    log::warn("app file is not an Application we can read", {{"app", name}, {"error", parsed.status().message()}});
    m.commit = std::string();
    return m;
  }
  const render::ChildApplicationSpec spec = std::move(parsed).value();
  const Reading r{step.ctx, root, env, name, current.owner.is_null(),
                  current.endpoint.is_known() && !current.endpoint.get().kind.is_null()};
  m.owner = spec.owner;
  m.namespace_ = spec.namespace_;
  m.sync_wave = num(spec.sync_wave);
  if (!spec.depends_on.empty() || !m.depends_on_apps.is_null() || r.importing) m.depends_on_apps = spec.depends_on;
  if (!spec.labels.empty() || !m.labels.is_null() || r.importing) m.labels = spec.labels;
  if (auto colon = spec.model.rfind(':'); colon != std::string::npos) {
    ServedModel served;
    served.name = spec.model.substr(0, colon);
    served.version = spec.model.substr(colon + 1);
    m.model = served;
  }
  read_deployment(r, m);
  return m;
}

}  // namespace aoa::provider
