// appofapps_app: refresh and import: the app read back from its files.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
schema::ReadResponse AppResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  Value state = req.current_state;
  const std::string root = state.attr("root").as_string(), env = state.attr("environment").as_string(),
                    name = state.attr("name").as_string();
  overlay_.note_in_state(std::string(kType) + "/" + root + "/" + env + "/" + name);
  schema::CallActivity::global().announce();
  auto text = ctx->store->read(layout::app_file(root, env, name));
  if (!text) {
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }
  render::ChildApplicationSpec spec;
  try {
    spec = render::parse_child_application(*text);
  } catch (const render::RenderError& e) {
    // Unreadable hand edit: mark the commit unknown-equivalent by clearing it so the plan rewrites.
    log::warn("app file is not an Application we can read", {{"app", name}, {"error", e.what()}});
    res.new_state = state.with_attr("commit", Value::string(""));
    return res;
  }
  // An import starts from the identity alone: every collection is read back, empty ones as empty.
  const bool importing = state.attr("owner").is_null();
  state = state.with_attr("owner", Value::string(spec.owner));
  state = state.with_attr("namespace", Value::string(spec.namespace_));
  state = state.with_attr("sync_wave", Value::number(static_cast<int64_t>(spec.sync_wave)));
  if (!spec.depends_on.empty() || !state.attr("depends_on_apps").is_null() || importing) {
    std::vector<Value> deps;
    for (const auto& d : spec.depends_on) deps.push_back(Value::string(d));
    state = state.with_attr("depends_on_apps", Value::set(Type::string(), deps));
  }
  if (!spec.labels.empty() || !state.attr("labels").is_null() || importing) state = state.with_attr("labels", string_map_value(spec.labels));
  if (auto colon = spec.model.rfind(':'); colon != std::string::npos) {
    Type model_type = schema_.block.implied_type().attribute("model");
    state = state.with_attr("model", Value::object(model_type, {{"name", Value::string(spec.model.substr(0, colon))},
                                                                {"version", Value::string(spec.model.substr(colon + 1))}}));
  }
  // The deployment carries the serving settings and environment variables. Kind and slot come
  // from the configuration when it has an endpoint block, else from the files (after an import).
  AppConfig c = app_config(state);
  const std::string dir = layout::workload_dir(root, env, name);
  // After an apply the state holds the endpoint's kind; after an import it holds nothing yet.
  const bool configured_endpoint = !state.attr("endpoint").is_null() && !state.attr("endpoint").attr("kind").is_null();
  if (!configured_endpoint) {
    if (ctx->store->read(layout::deployment_file(root, env, name, "default"))) {
      c.kind = "batch";
    } else {
      for (const auto& f : ctx->store->list(dir))
        if (auto slot = layout::deployment_file_slot(f)) {
          c.slot = *slot;
          break;
        }
    }
  }
  Type ep_type = schema_.block.implied_type().attribute("endpoint");
  auto set_env_vars = [&](const std::map<std::string, std::string>& vars) {
    if (!vars.empty() || !state.attr("environment_variables").is_null() || importing)
      state = state.with_attr("environment_variables", string_map_value(vars));
  };
  try {
    if (c.kind == "batch") {
      if (auto d = ctx->store->read(layout::deployment_file(root, env, name, "default"))) {
        auto dep = render::parse_batch_deployment(*d);
        set_env_vars(dep.environment_variables);
        std::map<std::string, Value> ep = configured_endpoint ? state.attr("endpoint").entries()
                                                              : std::map<std::string, Value>{{"kind", Value::string("batch")}};
        ep["instance_count"] = Value::number(dep.instance_count);
        ep["compute"] = Value::string(dep.compute);
        const render::BatchDeploymentSpec defaults;
        const std::map<std::string, std::pair<int, int>> ints{
            {"mini_batch_size", {dep.mini_batch_size, defaults.mini_batch_size}},
            {"max_concurrency_per_instance", {dep.max_concurrency_per_instance, defaults.max_concurrency_per_instance}},
            {"error_threshold", {dep.error_threshold, defaults.error_threshold}},
            {"max_retries", {dep.max_retries, defaults.max_retries}},
            {"retry_timeout", {dep.retry_timeout, defaults.retry_timeout}}};
        for (const auto& [f, v] : ints)
          if (configured_endpoint ? !state.attr("endpoint").attr(f).is_null() : v.first != v.second) ep[f] = Value::number(v.first);
        const std::map<std::string, std::pair<std::string, std::string>> strs{
            {"output_action", {dep.output_action, defaults.output_action}},
            {"output_file_name", {dep.output_file_name, defaults.output_file_name}}};
        for (const auto& [f, v] : strs)
          if (configured_endpoint ? !state.attr("endpoint").attr(f).is_null() : v.first != v.second) ep[f] = Value::string(v.first);
        if (!dep.environment.empty() || (configured_endpoint && !state.attr("endpoint").attr("environment").is_null()))
          ep["environment"] = Value::string(dep.environment);
        state = state.with_attr("endpoint", Value::object(ep_type, ep));
      } else {
        state = state.with_attr("commit", Value::string(""));
      }
    } else if (auto d = ctx->store->read(layout::deployment_file(root, env, name, c.slot))) {
      auto dep = render::parse_online_deployment(*d);
      set_env_vars(dep.environment_variables);
      {  // the endpoint block is a group: always present, defaults included
        std::map<std::string, Value> ep = configured_endpoint ? state.attr("endpoint").entries()
                                                              : std::map<std::string, Value>{{"kind", Value::string("online")}};
        ep["slot"] = Value::string(c.slot);
        ep["instance_count"] = Value::number(dep.instance_count);
        ep["instance_type"] = Value::string(dep.instance_type);
        if (!dep.environment.empty() || (configured_endpoint && !state.attr("endpoint").attr("environment").is_null()))
          ep["environment"] = Value::string(dep.environment);
        // Optional (not computed) settings are read back only where the configuration sets them
        // (or after an import): an unset one must stay null or every plan would show a diff.
        Type probe_type = ep_type.attribute("liveness_probe");
        for (const auto& [block, probe] : {std::pair{"liveness_probe", dep.liveness_probe}, std::pair{"readiness_probe", dep.readiness_probe}}) {
          const bool configured = configured_endpoint && !state.attr("endpoint").attr(block).is_null();
          if (!probe || (configured_endpoint && !configured)) continue;
          std::map<std::string, Value> b;
          const Value prior = configured ? state.attr("endpoint").attr(block) : Value();
          const std::map<std::string, int> values{{"initial_delay", probe->initial_delay}, {"period", probe->period},
                                                  {"timeout", probe->timeout}, {"failure_threshold", probe->failure_threshold},
                                                  {"success_threshold", probe->success_threshold}};
          const render::ProbeSpec defaults;
          const std::map<std::string, int> default_values{{"initial_delay", defaults.initial_delay}, {"period", defaults.period},
                                                          {"timeout", defaults.timeout}, {"failure_threshold", defaults.failure_threshold},
                                                          {"success_threshold", defaults.success_threshold}};
          // Configured: the fields the configuration sets; imported: the fields that differ from Azure's defaults.
          for (const auto& [f, v] : values)
            if (configured ? !prior.attr(f).is_null() : v != default_values.at(f)) b[f] = Value::number(v);
          ep[block] = Value::object(probe_type, b);
        }
        if (dep.request_settings) {
          auto settable = [&](const char* f) { return !configured_endpoint || !state.attr("endpoint").attr(f).is_null(); };
          if (settable("request_timeout_ms"))
            ep["request_timeout_ms"] = Value::number(dep.request_settings->request_timeout_ms);
          if (settable("max_concurrent_requests_per_instance"))
            ep["max_concurrent_requests_per_instance"] = Value::number(dep.request_settings->max_concurrent_requests_per_instance);
        }
        state = state.with_attr("endpoint", Value::object(ep_type, ep));
      }
    } else {
      // The deployment file is gone: an empty commit makes the plan write it again.
      state = state.with_attr("commit", Value::string(""));
    }
  } catch (const render::RenderError& e) {
    log::warn("deployment file unreadable", {{"app", name}, {"error", e.what()}});
    state = state.with_attr("commit", Value::string(""));
  }
  if (state.attr("commit").is_null()) state = state.with_attr("commit", Value::string(ctx->store->tip()));
  res.new_state = state;
  return res;
}

schema::ImportResponse AppResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  const std::vector<std::string> parts = split_import_id(id);
  if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return render::is_dns1123_label(p); })) {
    res.diagnostics.error("Invalid import ID", "Import an appofapps_app as <root>/<environment>/<app>, e.g. "
                                               "`terraform import appofapps_app.fraud ml-platform/dev/fraud`; got \"" +
                                                   id + "\".");
    return res;
  }
  auto type = schema_.block.implied_type();
  res.state = Value::object(type, {{"root", Value::string(parts[0])},
                                   {"environment", Value::string(parts[1])},
                                   {"name", Value::string(parts[2])},
                                   {"id", Value::string(id)}});
  return res;
}

}  // namespace aoa::provider
