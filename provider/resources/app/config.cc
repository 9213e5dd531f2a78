// appofapps_app: AppConfig from a planned or state object, and the commit message.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider::app {
namespace {

std::vector<std::string> string_set(const Value& obj, const std::string& name) {
  std::set<std::string> out;
  for (const Value& v : elements_of(obj, name))
    if (!v.is_null() && v.is_known()) out.insert(v.as_string());
  return {out.begin(), out.end()};
}

}  // namespace

std::optional<int> opt_int(const Value& obj, const std::string& name) {
  if (obj.is_null() || !obj.is_known() || !obj.has_attr(name)) return std::nullopt;
  const Value& v = obj.attr(name);
  if (v.is_null() || !v.is_known()) return std::nullopt;
  auto i = v.as_number().to_int64();
  if (!i || *i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
  return static_cast<int>(*i);
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

}  // namespace aoa::provider::app
