// appofapps_root: an app-of-apps parent for an ordered set of environments. Writes one root
// Argo CD Application per environment to roots/<root>/<env>.yaml. The plan shows each file as
// `bootstrap`; planned environments go into the plan overlay so that apps planned later in the run
// can use them. A destroy waits for the apps of the root that the same run destroys, and refuses
// while others remain.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "provider/shared/plan_overlay.h"
#include "provider/runtime/lifecycle.h"
#include "provider/runtime/model.h"
#include "provider/runtime/resource.h"

namespace aoa::provider {

inline constexpr const char* kRootDefaultProject = "default";
inline constexpr const char* kRootDefaultArgocdNamespace = "argocd";

// One `environment` block.
struct EnvironmentModel {
  runtime::String name, cluster, namespace_, project;
  runtime::Bool protected_;
  bool operator==(const EnvironmentModel&) const = default;
  static constexpr auto fields() {
    using M = EnvironmentModel;
    return std::tuple{runtime::field("name", &M::name), runtime::field("cluster", &M::cluster),
                      runtime::field("namespace", &M::namespace_), runtime::field("project", &M::project),
                      runtime::field("protected", &M::protected_)};
  }
};

struct RootModel {
  runtime::String name, argocd_namespace, argocd_cluster;
  runtime::StringMap labels;
  runtime::String id, commit;
  runtime::StringMap bootstrap;
  runtime::Field<std::vector<EnvironmentModel>> environment;
  bool operator==(const RootModel&) const = default;
  static constexpr auto fields() {
    using M = RootModel;
    return std::tuple{runtime::field("name", &M::name),
                      runtime::field("argocd_namespace", &M::argocd_namespace),
                      runtime::field("argocd_cluster", &M::argocd_cluster),
                      runtime::field("labels", &M::labels),
                      runtime::field("id", &M::id),
                      runtime::field("commit", &M::commit),
                      runtime::field("bootstrap", &M::bootstrap),
                      runtime::field("environment", &M::environment)};
  }
};

// The schema: rules, defaults and descriptions (provider/resources/root_schema.cc).
schema::Schema root_schema();

class RootResource final : public runtime::Resource<RootModel> {
 public:
  RootResource(const ContextHolder& context, PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  RootModel create(const RootModel& planned, runtime::ApplyStep& step) const override;
  RootModel update(const RootModel& prior, const RootModel& planned, runtime::ApplyStep& step) const override;
  void destroy(const RootModel& prior, runtime::ApplyStep& step) const override;
  std::optional<RootModel> read(const RootModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const RootModel& m) const override;

  // Duplicate environments and the length of `<root>-<env>`, reported with the declared rules' errors.
  void validate(const RootModel& config, schema::Diagnostics& diags) const override;
  bool validate_after_rule_errors() const override { return true; }
  void modify_plan(runtime::PlanStep<RootModel>& step) const override;
  std::optional<runtime::Existing> existing(const RootModel& planned, const ProviderContext& ctx) const override;
  // Waits for the root's apps that this run destroys; warns about the others.
  void plan_destroy(const RootModel& prior, runtime::DestroyPlan& step) const override;

 private:
  RootModel write(const RootModel& planned, const std::string& action, runtime::ApplyStep& step) const;

  const ContextHolder& context_;  // the destroy plan lists the root's apps
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

// The resource with its lifecycle, as the provider registers it.
std::shared_ptr<schema::Resource> make_root_resource(const runtime::Services& services);

}  // namespace aoa::provider
