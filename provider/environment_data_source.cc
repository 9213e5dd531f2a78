#include "provider/environment_data_source.h"
#include "schema/rules.h"

#include <map>

#include "provider/environment_lookup.h"
#include "provider/rollout_data_source.h"
#include "provider/value_helpers.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::BlockBuilder;

schema::Schema build_schema() {
  schema::Schema s;
  s.block = BlockBuilder()
                .description("What runs in one environment of a root: the model version of every child app, read "
                             "from the GitOps repository at the branch tip (whichever Terraform state wrote the "
                             "apps). Feed `versions` to an `appofapps_promotion` to promote whatever an "
                             "environment runs.")
                .attribute("root", Type::string())
                .required()
                .description("The name of the `appofapps_root`: a DNS-1123 label, 1-63 characters of lower-case "
                             "letters, digits and `-`, starting and ending with a letter or digit (*Invalid "
                             "root*). Checked when Terraform validates the configuration (or, while unknown, when"
                             " the data source is read) and again when it is read.")
                .attribute("environment", Type::string())
                .required()
                .description("An environment of the root, e.g. `staging`: a DNS-1123 label (*Invalid "
                             "environment*).")
                .attribute("id", Type::string())
                .computed()
                .description("`<root>/<environment>`.")
                .attribute("versions", Type::map(Type::string()))
                .computed()
                .description("App name → the model version the app runs: the part of its `appofapps.io/model` "
                             "annotation (`<model>:<version>`) after the last `:`, `\"\"` when there is no `:`. "
                             "Empty (not an error) when the environment has no apps yet.")
                .attribute("models", Type::map(Type::string()))
                .computed()
                .description("App name → the registered model name the app serves: the part of the same "
                             "annotation before the last `:` (the whole value when there is no `:`).")
                .attribute("commit", Type::string())
                .computed()
                .description("Commit id of the branch tip that was read.")
                .build();
  return s;
}

}  // namespace

EnvironmentDataSource::EnvironmentDataSource(const ContextHolder& context) : context_(context), schema_(build_schema()) {}

void EnvironmentDataSource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  validate_root_and_environment(config, diags);
}

Value EnvironmentDataSource::read(const Value& config, schema::Diagnostics& diags) const {
  if (config.is_null() || !config.is_wholly_known()) {
    diags.error("Configuration not known",
                "appofapps_environment was read with unknown `root` or `environment`; Terraform reads a data "
                "source only once its arguments are known.");
    return config;
  }
  validate(config, diags);
  if (diags.has_errors()) return config;
  const std::string root = config.attr("root").as_string(), env = config.attr("environment").as_string();
  std::shared_ptr<const ProviderContext> ctx;
  try {
    ctx = context_.get();
  } catch (const NotConfigured& e) {
    diags.error("Provider not configured", e.what());
    return config;
  }
  auto loaded = load_existing_environment(*ctx, root, env, diags);
  if (!loaded) return config;
  std::map<std::string, std::string> versions, models;
  for (const auto& [name, app] : loaded->apps.apps) {
    auto [model, version] = split_model(app.model);
    versions[name] = version;
    models[name] = model;
  }
  return Value::object(schema_.block.implied_type(), {{"root", Value::string(root)},
                                                      {"environment", Value::string(env)},
                                                      {"id", Value::string(root + "/" + env)},
                                                      {"versions", string_map_value(versions)},
                                                      {"models", string_map_value(models)},
                                                      {"commit", Value::string(loaded->commit)}});
}

}  // namespace aoa::provider
