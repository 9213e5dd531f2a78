// appofapps_model_version: a model version in the embedded registry (registry/<model>/<version>.yaml)
// with its artifact, metrics and lineage; promotion gates read its metrics.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "provider/shared/plan_overlay.h"
#include "provider/runtime/lifecycle.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"

namespace aoa::provider {

struct LineageModel {
  runtime::String run_id, data_version, code_commit;
  bool operator==(const LineageModel&) const = default;
  static constexpr auto fields() {
    return std::tuple{runtime::field("run_id", &LineageModel::run_id),
                      runtime::field("data_version", &LineageModel::data_version),
                      runtime::field("code_commit", &LineageModel::code_commit)};
  }
};

struct ModelVersionModel {
  runtime::String model, version, artifact_uri;
  runtime::Field<std::map<std::string, cty::Number>> metrics;
  runtime::StringMap tags;
  runtime::String id, commit;
  runtime::Field<LineageModel> lineage;
  bool operator==(const ModelVersionModel&) const = default;
  static constexpr auto fields() {
    using M = ModelVersionModel;
    return std::tuple{runtime::field("model", &M::model),   runtime::field("version", &M::version),
                      runtime::field("artifact_uri", &M::artifact_uri), runtime::field("metrics", &M::metrics),
                      runtime::field("tags", &M::tags),     runtime::field("id", &M::id),
                      runtime::field("commit", &M::commit), runtime::field("lineage", &M::lineage)};
  }
};

class ModelVersionResource final : public runtime::Resource<ModelVersionModel> {
 public:
  explicit ModelVersionResource(PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  ModelVersionModel create(const ModelVersionModel& planned, runtime::ApplyStep& step) const override;
  ModelVersionModel update(const ModelVersionModel& prior, const ModelVersionModel& planned,
                           runtime::ApplyStep& step) const override;
  void destroy(const ModelVersionModel& prior, runtime::ApplyStep& step) const override;
  std::optional<ModelVersionModel> read(const ModelVersionModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const ModelVersionModel& m) const override;

  void modify_plan(runtime::PlanStep<ModelVersionModel>& step) const override;
  std::optional<runtime::Existing> existing(const ModelVersionModel& planned, const ProviderContext& ctx) const override;
  bool same_meaning(const std::string& attribute, const cty::Value& prior, const cty::Value& planned) const override;

 private:
  ModelVersionModel write(const ModelVersionModel& planned, const std::string& action, runtime::ApplyStep& step) const;

  PlanOverlay& overlay_;
  schema::Schema schema_;
};

// The resource with its lifecycle, as the provider registers it.
std::shared_ptr<schema::Resource> make_model_version_resource(const runtime::Services& services);

}  // namespace aoa::provider
