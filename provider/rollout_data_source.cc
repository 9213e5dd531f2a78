#include "provider/rollout_data_source.h"
#include "schema/rules.h"

#include <map>
#include <vector>

#include "internal/planner/release_graph.h"
#include "internal/render/k8s_names.h"
#include "provider/environment_apps.h"
#include "provider/environment_lookup.h"
#include "provider/value_helpers.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;

Type app_type() {
  return Type::object({{"version", Type::string()},
                       {"model", Type::string()},
                       {"wave", Type::number()},
                       {"owner", Type::string()},
                       {"namespace", Type::string()},
                       {"depends_on", Type::list(Type::string())}});
}

schema::Schema build_schema() {
  schema::Schema s;
  s.version = 0;
  s.block =
      BlockBuilder()
          .description("The current release graph of one root in one environment, read from the GitOps "
                       "repository at the branch tip: sync waves in deploy order and every child app with its "
                       "model version, wave, owner, namespace and dependencies.")
          .attribute("root", Type::string())
          .required()
          .description("The name of the `appofapps_root`: a DNS-1123 label, 1-63 characters of lower-case "
                       "letters, digits and `-`, starting and ending with a letter or digit (*Invalid root*). "
                       "Checked when Terraform validates the configuration (or, while unknown, when the data "
                       "source is read) and again when it is read.")
          .attribute("environment", Type::string())
          .required()
          .description("An environment of the root, e.g. `dev`: a DNS-1123 label (*Invalid environment*).")
          .attribute("id", Type::string())
          .computed()
          .description("`<root>/<environment>`.")
          .attribute("waves", Type::list(Type::list(Type::string())))
          .computed()
          .description("App names per sync wave, in deploy order: `waves[0]` holds the apps without dependencies."
                       " Names are sorted within a wave. Empty when the environment has no apps.")
          .attribute("apps", Type::map(app_type()))
          .computed()
          .description("App name → object: `model`, the part of the app's `appofapps.io/model` annotation "
                       "(`<model>:<version>`) before the last `:` (the whole value when there is none); "
                       "`version`, the part after it (`\"\"` when there is none); `wave`, its sync wave; `owner` "
                       "(label `appofapps.io/owner`); `namespace`, where it deploys; `depends_on`, the sibling "
                       "apps it depends on, sorted.")
          .attribute("commit", Type::string())
          .computed()
          .description("Commit id of the branch tip that was read.")
          .build();
  return s;
}

Value string_list(const std::vector<std::string>& v) {
  std::vector<Value> elems;
  elems.reserve(v.size());
  for (const auto& s : v) elems.push_back(Value::string(s));
  return Value::list(Type::string(), std::move(elems));
}

constexpr const char* kLabelRule =
    "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

void check_name_attribute(const Value& config, const std::string& name, schema::Diagnostics& diags) {
  if (auto v = opt_string(config, name); v && !render::is_dns1123_label(*v))
    diags.error("Invalid " + name,
                "\"" + *v + "\" is not allowed: " + std::string(name == "root" ? "a root" : "an environment") +
                    " name must be a DNS-1123 label (" + kLabelRule + ").",
                AttributePath::root(name));
}

}  // namespace

void validate_root_and_environment(const Value& config, schema::Diagnostics& diags) {
  if (config.is_null() || !config.is_known()) return;
  check_name_attribute(config, "root", diags);
  check_name_attribute(config, "environment", diags);
}

std::pair<std::string, std::string> split_model(const std::string& model) {
  auto pos = model.rfind(':');
  if (pos == std::string::npos) return {model, ""};
  return {model.substr(0, pos), model.substr(pos + 1)};
}

RolloutDataSource::RolloutDataSource(const ContextHolder& context) : context_(context), schema_(build_schema()) {}

void RolloutDataSource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  validate_root_and_environment(config, diags);
}

Value RolloutDataSource::read(const Value& config, schema::Diagnostics& diags) const {
  if (config.is_null() || !config.is_wholly_known()) {
    diags.error("Configuration not known",
                "appofapps_rollout was read with unknown `root` or `environment`; Terraform reads a data source "
                "only once its arguments are known.");
    return config;
  }
  validate(config, diags);
  if (diags.has_errors()) return config;
  const std::string root = config.attr("root").as_string();
  const std::string env = config.attr("environment").as_string();

  std::shared_ptr<const ProviderContext> ctx;
  try {
    ctx = context_.get();
  } catch (const NotConfigured& e) {
    diags.error("Provider not configured", e.what());
    return config;
  }
  auto env_read = load_existing_environment(*ctx, root, env, diags);
  if (!env_read) return config;
  const std::string commit = env_read->commit;
  const EnvironmentApps& loaded = env_read->apps;

  const planner::WavePlan plan = planner::plan_waves(graph_nodes(loaded.apps));
  if (plan.cyclic()) {
    diags.error("Dependency cycle",
                "The apps of root \"" + root + "\", environment \"" + env + "\" in the repository depend on each "
                    "other in a cycle: " + planner::cycle_to_string(plan.cycle) +
                    ". Remove one of these dependencies (depends_on_apps).",
                AttributePath::root("environment"));
    return config;
  }
  for (const auto& [app, dep] : plan.missing)
    diags.warning("Missing dependency",
                  "App \"" + app + "\" depends on \"" + dep + "\", which is not an app of root \"" + root +
                      "\" in environment \"" + env + "\"; the dependency is ignored for the waves.",
                  AttributePath::root("environment"));

  std::vector<Value> waves;
  for (const auto& wave : plan.waves) waves.push_back(string_list(wave));
  std::map<std::string, Value> apps;
  const Type at = app_type();
  for (const auto& [name, r] : loaded.apps) {
    auto [model, version] = split_model(r.model);
    auto w = plan.wave.find(name);
    apps[name] = Value::object(at, {{"version", Value::string(version)},
                                    {"model", Value::string(model)},
                                    {"wave", Value::number(int64_t{w == plan.wave.end() ? 0 : w->second})},
                                    {"owner", Value::string(r.owner)},
                                    {"namespace", Value::string(r.namespace_)},
                                    {"depends_on", string_list(r.depends_on)}});
  }
  return Value::object(schema_.block.implied_type(),
                       {{"root", Value::string(root)},
                        {"environment", Value::string(env)},
                        {"id", Value::string(root + "/" + env)},
                        {"waves", Value::list(Type::list(Type::string()), std::move(waves))},
                        {"apps", Value::map(at, std::move(apps))},
                        {"commit", Value::string(commit)}});
}

}  // namespace aoa::provider
