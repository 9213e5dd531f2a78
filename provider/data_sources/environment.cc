#include "provider/data_sources/environment.h"
#include "provider/shared/schema_names.h"

#include <map>

#include "provider/shared/environment_lookup.h"
#include "provider/shared/name_rules.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/value_helpers.h"

namespace aoa::provider {
namespace {

schema::Schema build_schema() {
  schema::Schema s;
  s.block = BlockBuilder()
                .description("What runs in one environment of a root: the model version of every child app, read "
                             "from the GitOps repository at the branch tip (whichever Terraform state wrote the "
                             "apps). Feed `versions` to an `appofapps_promotion` to promote whatever an "
                             "environment runs.")
                .attribute("root", Type::string())
                .required()
                .rule(dns_label_rule("Invalid root"))
                .description("The name of the `appofapps_root`. Checked when Terraform validates the configuration "
                             "(or, while unknown, when the data source is read) and again when it is read.")
                .attribute("environment", Type::string())
                .required()
                .rule(dns_label_rule("Invalid environment"))
                .description("An environment of the root, e.g. `staging`.")
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

EnvironmentDataSource::EnvironmentDataSource() : schema_(build_schema()) {}

const runtime::DataSourceInfo& EnvironmentDataSource::info() const {
  static const runtime::DataSourceInfo kInfo{"appofapps_environment"};
  return kInfo;
}

std::optional<EnvironmentDataModel> EnvironmentDataSource::read(const EnvironmentDataModel& config,
                                                            runtime::DataReadStep& step) const {
  const std::string& root = config.root.get();
  const std::string& env = config.environment.get();
  auto loaded = load_existing_environment(*step.ctx, root, env, step.diags);
  if (!loaded) return std::nullopt;
  std::map<std::string, std::string> versions, models;
  for (const auto& [name, app] : loaded->apps.apps) {
    auto [model, version] = split_model(app.model);
    versions[name] = version;
    models[name] = model;
  }
  EnvironmentDataModel out = config;
  out.id = root + "/" + env;
  out.versions = versions;
  out.models = models;
  out.commit = loaded->commit;
  return out;
}

std::shared_ptr<schema::DataSource> make_environment_data_source(const ContextHolder& context) {
  return std::make_shared<runtime::DataSourceLifecycle<EnvironmentDataSource>>(
      std::make_shared<const EnvironmentDataSource>(), &context);
}

}  // namespace aoa::provider
