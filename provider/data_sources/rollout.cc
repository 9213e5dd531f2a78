#include "provider/data_sources/rollout.h"
#include "provider/shared/schema_names.h"

#include <map>
#include <vector>

#include "internal/planner/release_graph.h"
#include "internal/render/k8s_names.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/name_rules.h"

namespace aoa::provider {
namespace {

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
          .rule(dns_label_rule("Invalid root"))
          .description("The name of the `appofapps_root`. Checked when Terraform validates the configuration (or, "
                       "while unknown, when the data source is read) and again when it is read.")
          .attribute("environment", Type::string())
          .required()
          .rule(dns_label_rule("Invalid environment"))
          .description("An environment of the root, e.g. `dev`.")
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

}  // namespace

RolloutDataSource::RolloutDataSource() : schema_(build_schema()) {}

const runtime::DataSourceInfo& RolloutDataSource::info() const {
  static const runtime::DataSourceInfo kInfo{"appofapps_rollout"};
  return kInfo;
}

std::optional<RolloutModel> RolloutDataSource::read(const RolloutModel& config, runtime::DataReadStep& step) const {
  const std::string& root = config.root.get();
  const std::string& env = config.environment.get();
  auto env_read = load_existing_environment(*step.ctx, root, env, step.diags);
  if (!env_read) return std::nullopt;
  const EnvironmentApps& loaded = env_read->apps;
  const planner::WavePlan plan = planner::plan_waves(graph_nodes(loaded.apps));
  if (plan.cyclic()) {
    step.diags.error("Dependency cycle",
                     "The apps of root \"" + root + "\", environment \"" + env + "\" in the repository depend on "
                         "each other in a cycle: " + planner::cycle_to_string(plan.cycle) +
                         ". Remove one of these dependencies (depends_on_apps).",
                     AttributePath::root("environment"));
    return std::nullopt;
  }
  for (const auto& [app, dep] : plan.missing)
    step.diags.warning("Missing dependency",
                       "App \"" + app + "\" depends on \"" + dep + "\", which is not an app of root \"" + root +
                           "\" in environment \"" + env + "\"; the dependency is ignored for the waves.",
                       AttributePath::root("environment"));
  std::map<std::string, RolloutAppModel> apps;
  for (const auto& [name, r] : loaded.apps) {
    auto [model, version] = split_model(r.model);
    auto w = plan.wave.find(name);
    RolloutAppModel& a = apps[name];
    a.version = version;
    a.model = model;
    a.wave = cty::Number::from_int(w == plan.wave.end() ? 0 : w->second);
    a.owner = r.owner;
    a.namespace_ = r.namespace_;
    a.depends_on = r.depends_on;
  }
  RolloutModel out = config;
  out.id = root + "/" + env;
  out.waves = plan.waves;
  out.apps = apps;
  out.commit = env_read->commit;
  return out;
}

std::shared_ptr<schema::DataSource> make_rollout_data_source(const ContextHolder& context) {
  return std::make_shared<runtime::DataSourceLifecycle<RolloutDataSource>>(std::make_shared<const RolloutDataSource>(),
                                                                           &context);
}

}  // namespace aoa::provider
