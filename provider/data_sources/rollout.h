// data "appofapps_rollout": the current release graph of one root in one environment, read from
// the GitOps repository at the branch tip (whichever Terraform state wrote the apps): the sync
// waves in deploy order and, per app, its model and version, wave, owner, namespace and
// dependencies. For outputs and pipelines; it never writes.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "provider/shared/provider_context.h"
#include "provider/runtime/data_source.h"
#include "provider/runtime/model.h"

namespace aoa::provider {

struct RolloutAppModel {
  runtime::String version, model, owner, namespace_;
  runtime::Number wave;
  runtime::StringList depends_on;
  bool operator==(const RolloutAppModel&) const = default;
  static constexpr auto fields() {
    using M = RolloutAppModel;
    return std::tuple{runtime::field("version", &M::version), runtime::field("model", &M::model),
                      runtime::field("owner", &M::owner),     runtime::field("namespace", &M::namespace_),
                      runtime::field("wave", &M::wave),       runtime::field("depends_on", &M::depends_on)};
  }
};

struct RolloutModel {
  runtime::String root, environment, id, commit;
  runtime::Field<std::vector<std::vector<std::string>>> waves;
  runtime::Field<std::map<std::string, RolloutAppModel>> apps;
  bool operator==(const RolloutModel&) const = default;
  static constexpr auto fields() {
    using M = RolloutModel;
    return std::tuple{runtime::field("root", &M::root), runtime::field("environment", &M::environment),
                      runtime::field("id", &M::id),     runtime::field("commit", &M::commit),
                      runtime::field("waves", &M::waves), runtime::field("apps", &M::apps)};
  }
};

class RolloutDataSource final : public runtime::DataSource<RolloutModel> {
 public:
  RolloutDataSource();
  const runtime::DataSourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }
  std::optional<RolloutModel> read(const RolloutModel& config, runtime::DataReadStep& step) const override;

 private:
  schema::Schema schema_;
};

std::shared_ptr<schema::DataSource> make_rollout_data_source(const ContextHolder& context);

}  // namespace aoa::provider
