// data "appofapps_environment": which model version of each app runs in one environment of a
// root, read from the child Application files at the branch tip. "Promote whatever staging
// runs" is `versions = data.appofapps_environment.staging.versions`.
#pragma once

#include <memory>
#include <tuple>

#include "provider/shared/provider_context.h"
#include "provider/runtime/data_source.h"
#include "provider/runtime/model.h"

namespace aoa::provider {

struct EnvironmentDataModel {
  runtime::String root, environment, id, commit;
  runtime::StringMap versions, models;
  bool operator==(const EnvironmentDataModel&) const = default;
  static constexpr auto fields() {
    using M = EnvironmentDataModel;
    return std::tuple{runtime::field("root", &M::root),         runtime::field("environment", &M::environment),
                      runtime::field("id", &M::id),             runtime::field("commit", &M::commit),
                      runtime::field("versions", &M::versions), runtime::field("models", &M::models)};
  }
};

class EnvironmentDataSource final : public runtime::DataSource<EnvironmentDataModel> {
 public:
  EnvironmentDataSource();
  const runtime::DataSourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }
  std::optional<EnvironmentDataModel> read(const EnvironmentDataModel& config, runtime::DataReadStep& step) const override;

 private:
  schema::Schema schema_;
};

std::shared_ptr<schema::DataSource> make_environment_data_source(const ContextHolder& context);

}  // namespace aoa::provider
