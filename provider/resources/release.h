// appofapps_release: the release graph of one root and environment, as one object of the plan.
// It takes the run's apps (so Terraform plans and applies it after them) and shows, at plan time,
// every app of the environment with its sync wave and model version — the repository's apps with this run's plans
// laid over them — and fails the plan on a missing dependency or a cycle. Its apply checks that
// the repository holds exactly that graph once the apps are written, and records the commit.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "provider/runtime/lifecycle.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"
#include "provider/shared/plan_overlay.h"

namespace aoa::provider {

struct ReleaseModel {
  runtime::String root, environment;
  runtime::StringList apps;
  runtime::Field<std::map<std::string, cty::Number>> waves;
  runtime::StringMap models;
  runtime::String id, commit;
  bool operator==(const ReleaseModel&) const = default;
  static constexpr auto fields() {
    using M = ReleaseModel;
    return std::tuple{runtime::field("root", &M::root),   runtime::field("environment", &M::environment),
                      runtime::field("apps", &M::apps),   runtime::field("waves", &M::waves),
                      runtime::field("models", &M::models), runtime::field("id", &M::id),       runtime::field("commit", &M::commit)};
  }
};

class ReleaseResource final : public runtime::Resource<ReleaseModel> {
 public:
  ReleaseResource(const ContextHolder& context, PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  ReleaseModel create(const ReleaseModel& planned, runtime::ApplyStep& step) const override;
  ReleaseModel update(const ReleaseModel& prior, const ReleaseModel& planned, runtime::ApplyStep& step) const override;
  void destroy(const ReleaseModel& prior, runtime::ApplyStep& step) const override;
  std::optional<ReleaseModel> read(const ReleaseModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const ReleaseModel& m) const override;

  void validate(const ReleaseModel& config, schema::Diagnostics& diags) const override;
  void modify_plan(runtime::PlanStep<ReleaseModel>& step) const override;

 private:
  ReleaseModel publish(const ReleaseModel& planned, runtime::ApplyStep& step) const;

  const ContextHolder& context_;
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

std::shared_ptr<schema::Resource> make_release_resource(const runtime::Services& services);

}  // namespace aoa::provider
