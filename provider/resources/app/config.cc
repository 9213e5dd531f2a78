// appofapps_app: AppConfig from a planned or state model, and the commit message.
#include "provider/resources/app/app_parts.h"
#include "provider/shared/secret_hints.h"

namespace aoa::provider::app {
namespace {

std::optional<render::ProbeSpec> probe_of(const runtime::Field<ProbeModel>& field) {
  if (!field.is_known()) return std::nullopt;
  render::ProbeSpec p;
  const ProbeModel& m = field.get();
  p.initial_delay = int_of(m.initial_delay).value_or(p.initial_delay);
  p.period = int_of(m.period).value_or(p.period);
  p.timeout = int_of(m.timeout).value_or(p.timeout);
  p.failure_threshold = int_of(m.failure_threshold).value_or(p.failure_threshold);
  p.success_threshold = int_of(m.success_threshold).value_or(p.success_threshold);
  return p;
}

void endpoint_config(const EndpointModel& ep, AppConfig& c) {
  c.kind = ep.kind.value_or(c.kind);
  c.instance_type = ep.instance_type.value_or(c.instance_type);
  c.instance_count = int_of(ep.instance_count).value_or(1);
  c.slot = ep.slot.value_or(c.slot);
  c.compute = ep.compute.value_or("");
  c.azureml_env = ep.environment.value_or("");
  c.request_timeout_ms = int_of(ep.request_timeout_ms);
  c.max_concurrent_requests = int_of(ep.max_concurrent_requests_per_instance);
  c.liveness = probe_of(ep.liveness_probe);
  c.readiness = probe_of(ep.readiness_probe);
  for (const auto& f : kBatchFields)
    if (auto v = int_of(ep.*(f.member))) c.batch_ints[f.name] = *v;
  c.output_action = ep.output_action.value_or("");
  c.output_file_name = ep.output_file_name.value_or("");
}

}  // namespace

std::optional<int> int_of(const runtime::Number& n) {
  if (!n.is_known()) return std::nullopt;
  auto i = n.get().to_int64();
  if (!i || *i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
  return static_cast<int>(*i);
}

AppConfig app_config(const AppModel& m) {
  AppConfig c;
  c.root = m.root.value_or("");
  c.environment = m.environment.value_or("");
  c.name = m.name.value_or("");
  c.owner = m.owner.value_or("");
  c.namespace_ = m.namespace_.value_or("");
  const ServedModel model = m.model.value_or({});
  c.model_name = model.name.value_or("");
  c.model_version = model.version.value_or("");
  const std::vector<std::string> deps = m.depends_on_apps.value_or({});
  const std::set<std::string> unique(deps.begin(), deps.end());
  c.depends_on.assign(unique.begin(), unique.end());
  c.environment_variables = m.environment_variables.value_or({});
  // Secret references are written among the deployment's variables, as references.
  for (const auto& [key, reference] : m.secret_environment_variables.value_or({}))
    c.environment_variables[key] = render_secret_reference(reference);
  c.labels = m.labels.value_or({});
  endpoint_config(m.endpoint.value_or({}), c);
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

}  // namespace aoa::provider::app
