// appofapps_promotion: moving a bundle of app versions from one environment of a root to the next.
// The decision (gates, approval, order, dependencies, rollback) is made at plan time and shown in
// the plan; `approved_versions` is known then, so the target environment's apps that reference it
// plan with the promoted (or, on hold, the current) versions. An unchanged configuration keeps the
// recorded decision. Apply re-checks the decision against the repository and writes one audit
// record (audit/<root>/<UTC timestamp>-<id>.json); destroying a promotion writes only its own
// "withdrawn" record and changes no app. Import reads the audit record back into the whole state.
#pragma once

#include <map>
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

struct GateModel {
  runtime::String app, metric, op;
  runtime::Number value;
  runtime::Bool not_worse_than_target;
  runtime::Number tolerance;
  bool operator==(const GateModel&) const = default;
  static constexpr auto fields() {
    using M = GateModel;
    return std::tuple{runtime::field("app", &M::app), runtime::field("metric", &M::metric), runtime::field("op", &M::op),
                      runtime::field("value", &M::value),
                      runtime::field("not_worse_than_target", &M::not_worse_than_target),
                      runtime::field("tolerance", &M::tolerance)};
  }
};

struct ApprovalModel {
  runtime::String approved_by, ticket;
  bool operator==(const ApprovalModel&) const = default;
  static constexpr auto fields() {
    return std::tuple{runtime::field("approved_by", &ApprovalModel::approved_by),
                      runtime::field("ticket", &ApprovalModel::ticket)};
  }
};

struct PromotionModel {
  // Arguments.
  runtime::String root, from, to;
  runtime::StringMap versions;
  runtime::Bool allow_skip;
  runtime::String on_gate_failure;
  runtime::Field<std::vector<GateModel>> gate;
  runtime::Field<ApprovalModel> approval;
  // The decision.
  runtime::String id, status;
  runtime::StringMap approved_versions, versions_before;
  runtime::StringList order;
  runtime::Bool rollback;
  runtime::String audit_id, audit_file;
  bool operator==(const PromotionModel&) const = default;
  static constexpr auto fields() {
    using M = PromotionModel;
    return std::tuple{runtime::field("root", &M::root),
                      runtime::field("from", &M::from),
                      runtime::field("to", &M::to),
                      runtime::field("versions", &M::versions),
                      runtime::field("allow_skip", &M::allow_skip),
                      runtime::field("on_gate_failure", &M::on_gate_failure),
                      runtime::field("gate", &M::gate),
                      runtime::field("approval", &M::approval),
                      runtime::field("id", &M::id),
                      runtime::field("status", &M::status),
                      runtime::field("approved_versions", &M::approved_versions),
                      runtime::field("versions_before", &M::versions_before),
                      runtime::field("order", &M::order),
                      runtime::field("rollback", &M::rollback),
                      runtime::field("audit_id", &M::audit_id),
                      runtime::field("audit_file", &M::audit_file)};
  }
};

class PromotionResource final : public runtime::Resource<PromotionModel> {
 public:
  PromotionResource(const ContextHolder& context, PlanOverlay& overlay);
  const runtime::ResourceInfo& info() const override;
  const schema::Schema& schema() const override { return schema_; }

  PromotionModel create(const PromotionModel& planned, runtime::ApplyStep& step) const override;
  PromotionModel update(const PromotionModel& prior, const PromotionModel& planned,
                        runtime::ApplyStep& step) const override;
  void destroy(const PromotionModel& prior, runtime::ApplyStep& step) const override;
  std::optional<PromotionModel> read(const PromotionModel& current, runtime::ReadStep& step) const override;
  std::optional<std::string> id_of(const PromotionModel& m) const override;

  void validate(const PromotionModel& config, schema::Diagnostics& diags) const override;
  void modify_plan(runtime::PlanStep<PromotionModel>& step) const override;
  std::optional<PromotionModel> import_state(const std::map<std::string, std::string>& parts,
                                             runtime::ReadStep& step) const override;

 private:
  const ContextHolder& context_;
  PlanOverlay& overlay_;
  schema::Schema schema_;
};

// The resource with its lifecycle, as the provider registers it.
std::shared_ptr<schema::Resource> make_promotion_resource(const runtime::Services& services);

}  // namespace aoa::provider
