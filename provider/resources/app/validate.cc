// appofapps_app: validation of a configuration.
#include "provider/resources/app/app_parts.h"

namespace aoa::provider {
using namespace app;  // NOLINT: the shared parts of this resource
AppResource::AppResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void AppResource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const AttributePath root;
  auto check = [&](const Value& obj, const std::string& name, const AttributePath& path, auto&& ok,
                   const std::string& allowed) {
    auto v = opt_string(obj, name);
    if (v && !ok(*v)) diags.error("Invalid " + name, "\"" + *v + "\" is not allowed: " + allowed, path);
  };
  const std::string dns = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
  check(config, "root", root.attr("root"), render::is_dns1123_label, dns);
  check(config, "environment", root.attr("environment"), render::is_dns1123_label, dns);
  check(config, "name", root.attr("name"), render::is_dns1123_label, dns);
  check(config, "namespace", root.attr("namespace"), render::is_dns1123_label, dns);
  check(config, "owner", root.attr("owner"), [](const std::string& s) { return !s.empty() && render::is_label_value(s); },
        "a Kubernetes label value (letters, digits, '-', '_' and '.', at most 63 characters), e.g. a team name");
  if (auto n = opt_string(config, "name"), e = opt_string(config, "environment"); n && e && n->size() + 1 + e->size() > 63)
    diags.error("Name too long", "The Application name \"" + *n + "-" + *e + "\" would exceed 63 characters.",
                root.attr("name"));
  const Value& deps = config.attr("depends_on_apps");
  if (deps.is_known() && !deps.is_null()) {
    for (const Value& d : deps.elements()) {
      if (!d.is_known() || d.is_null()) continue;
      if (!render::is_dns1123_label(d.as_string()))
        diags.error("Invalid depends_on_apps", "\"" + d.as_string() + "\" is not an app name: " + dns,
                    root.attr("depends_on_apps"));
      if (auto n = opt_string(config, "name"); n && *n == d.as_string())
        diags.error("Dependency cycle", "An app cannot depend on itself: " + *n + " -> " + *n,
                    root.attr("depends_on_apps"));
    }
  }
  validate_labels(config, "labels", diags);
  const Value& model = config.attr("model");
  if (model.is_known() && !model.is_null()) {
    for (const char* f : {"name", "version"})
      check(model, f, root.attr("model").attr(f),
            [](const std::string& s) { return !s.empty() && s.find_first_of(": \t\n") == std::string::npos; },
            "a non-empty name without ':' or spaces (it forms azureml:<name>:<version>)");
  }
  const Value& ep = config.attr("endpoint");
  if (ep.is_known() && !ep.is_null()) {
    const AttributePath e = root.attr("endpoint");
    auto kind = opt_string(ep, "kind");
    check(ep, "kind", e.attr("kind"), [](const std::string& s) { return s == "online" || s == "batch"; },
          "\"online\" or \"batch\"");
    check(ep, "slot", e.attr("slot"), [](const std::string& s) { return s == "blue" || s == "green"; },
          "\"blue\" or \"green\"");
    if (auto n = opt_int(ep, "instance_count"); n && *n < 1)
      diags.error("Invalid instance_count", "At least 1 instance is required.", e.attr("instance_count"));
    if (!ep.attr("instance_count").is_null() && ep.attr("instance_count").is_known() && !opt_int(ep, "instance_count"))
      diags.error("Invalid instance_count", "instance_count is a whole number of instances.", e.attr("instance_count"));
    if (kind && *kind == "batch") {
      if (ep.attr("compute").is_null())
        diags.error("Missing compute", "A batch endpoint runs on a compute cluster: set compute, e.g. "
                                       "\"azureml:cpu-cluster\".", e.attr("compute"));
      for (const char* f : {"slot", "request_timeout_ms", "max_concurrent_requests_per_instance", "instance_type"})
        if (!ep.attr(f).is_null())
          diags.error("Not a batch setting", std::string(f) + " applies to online endpoints only.", e.attr(f));
    } else if ((!kind || *kind == "online") && ep.attr("kind").is_known() && !ep.attr("compute").is_null()) {
      diags.error("Not an online setting", "compute applies to batch endpoints only.", e.attr("compute"));
    }
    const bool is_batch = kind && *kind == "batch";
    for (const char* block : {"liveness_probe", "readiness_probe"}) {
      const Value& b = ep.attr(block);
      if (b.is_null() || !b.is_known()) continue;
      if (is_batch) diags.error("Not a batch setting", std::string(block) + " applies to online endpoints only.", e.attr(block));
      for (const auto& f : kProbeFields)
        if (auto n = opt_int(b, f.name); n && (*n < f.min || *n > f.max))
          diags.error("Invalid " + std::string(f.name), "Must be between " + std::to_string(f.min) + " and " +
                      std::to_string(f.max) + ".", e.attr(block).attr(f.name));
    }
    for (const auto& f : kBatchFields) {
      if (ep.attr(f.name).is_null()) continue;
      if (!is_batch && ep.attr("kind").is_known())
        diags.error("Not an online setting", std::string(f.name) + " applies to batch endpoints only.", e.attr(f.name));
      if (auto n = opt_int(ep, f.name); n && (*n < f.min || *n > f.max))
        diags.error("Invalid " + std::string(f.name), "Must be between " + std::to_string(f.min) + " and " +
                    std::to_string(f.max) + ".", e.attr(f.name));
    }
    for (const char* f : {"output_action", "output_file_name"})
      if (!ep.attr(f).is_null() && !is_batch && ep.attr("kind").is_known())
        diags.error("Not an online setting", std::string(f) + " applies to batch endpoints only.", e.attr(f));
    check(ep, "output_action", e.attr("output_action"),
          [](const std::string& v) { return v == "append_row" || v == "summary_only"; }, "\"append_row\" or \"summary_only\"");
    if (auto n = opt_int(ep, "request_timeout_ms"); n && (*n < 1 || *n > 180000))
      diags.error("Invalid request_timeout_ms", "Azure ML accepts 1 to 180000 milliseconds.", e.attr("request_timeout_ms"));
    if (auto n = opt_int(ep, "max_concurrent_requests_per_instance"); n && *n < 1)
      diags.error("Invalid max_concurrent_requests_per_instance", "Must be at least 1.",
                  e.attr("max_concurrent_requests_per_instance"));
  }
}

}  // namespace aoa::provider
