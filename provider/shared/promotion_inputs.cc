#include "provider/shared/promotion_inputs.h"
#include "provider/shared/schema_names.h"

#include <algorithm>

#include "internal/registry/model_version.h"
#include "internal/render/root_application.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/environment_apps.h"
#include "provider/shared/value_helpers.h"

namespace aoa::provider {

promotion::PromotionRequest promotion_request(const PromotionModel& m) {
  promotion::PromotionRequest r;
  r.root = m.root.get();
  r.from = m.from.get();
  r.to = m.to.get();
  r.versions = m.versions.value_or({});
  for (const GateModel& g : m.gate.value_or({})) {
    promotion::Gate gate;
    gate.app = g.app.value_or("");
    gate.metric = g.metric.value_or("");
    gate.op = promotion::parse_gate_op(g.op.value_or(">=")).value_or(promotion::GateOp::Ge);
    if (g.value.is_known()) gate.value = g.value.get();
    gate.not_worse_than_target = g.not_worse_than_target.value_or(false);
    if (g.tolerance.is_known()) gate.tolerance = g.tolerance.get();
    r.gates.push_back(std::move(gate));
  }
  if (m.approval.is_known())
    r.approval = promotion::Approval{m.approval.get().approved_by.value_or(""), m.approval.get().ticket.value_or("")};
  r.allow_skip = m.allow_skip.value_or(false);
  r.on_gate_failure = m.on_gate_failure.value_or("error") == "hold" ? promotion::OnGateFailure::Hold
                                                                     : promotion::OnGateFailure::Error;
  return r;
}

promotion::AuditRecord withdrawal_record(const ProviderContext& ctx, const promotion::PromotionRequest& request,
                                         schema::Diagnostics& diags) {
  promotion::PromotionContext pc = gather_promotion_context(ctx, request, nullptr, diags);
  std::map<std::string, std::string> live;
  for (const auto& [app, _] : request.versions)
    if (auto it = pc.to_apps.find(app); it != pc.to_apps.end()) live[app] = it->second.version;
  promotion::AuditRecord record;
  record.decision = "withdrawn";
  record.root = request.root;
  record.from = request.from;
  record.to = request.to;
  record.requested = request.versions;
  record.versions_before = live;
  record.versions_after = live;
  record.approval = request.approval;
  record.allow_skip = request.allow_skip;
  record.on_gate_failure = std::string(promotion::to_string(request.on_gate_failure));
  record.gate_config = request.gates;
  return record;
}

PromotionModel promotion_model(const StoredAudit& stored, const std::string& id) {
  const promotion::AuditRecord& r = stored.record;
  PromotionModel m;
  m.root = r.root;
  m.from = r.from;
  m.to = r.to;
  m.versions = r.requested;
  m.allow_skip = r.allow_skip;
  m.on_gate_failure = std::string(r.on_gate_failure == "hold" ? "hold" : "error");
  std::vector<GateModel> gates;
  for (const promotion::Gate& g : r.gate_config) {
    GateModel gm;
    if (!g.app.empty()) gm.app = g.app;
    gm.metric = g.metric;
    gm.op = std::string(promotion::to_string(g.op));
    if (g.value) gm.value = *g.value;
    gm.not_worse_than_target = g.not_worse_than_target;
    gm.tolerance = g.tolerance;
    gates.push_back(std::move(gm));
  }
  m.gate = std::move(gates);
  if (r.approval) m.approval = ApprovalModel{r.approval->approved_by, r.approval->ticket};
  m.id = id;
  m.status = r.decision;
  m.approved_versions = r.versions_after;
  m.versions_before = r.versions_before;
  m.order = std::vector<std::string>{};
  m.rollback = r.rollback;
  m.audit_id = r.id;
  m.audit_file = stored.path;
  return m;
}

namespace {

std::map<std::string, promotion::LiveApp> live_apps(const ProviderContext& ctx, const PlanOverlay* overlay,
                                                    const std::string& root, const std::string& env) {
  auto apps = load_environment_apps(*ctx.store, root, env).apps;
  if (overlay) overlay->overlay(root, env, apps);
  std::map<std::string, promotion::LiveApp> out;
  for (const auto& [name, rec] : apps) {
    auto [model, version] = split_model(rec.model);
    out[name] = promotion::LiveApp{model, version, rec.depends_on};
  }
  return out;
}

}  // namespace

std::vector<StoredAudit> load_audit_history(const ProviderContext& ctx, const std::string& root,
                                            schema::Diagnostics& diags) {
  std::vector<StoredAudit> out;
  const std::string dir = layout::audit_dir(root);
  std::vector<std::string> unreadable;
  for (const auto& f : ctx.store->list(dir)) {  // names start with the UTC timestamp: sorted = oldest first
    if (!layout::is_audit_file_name(f)) continue;
    const std::string path = layout::join(dir, f);
    auto text = ctx.store->read(path);
    if (!text) continue;
    Result<promotion::AuditRecord> record = promotion::parse_audit_json(*text);
    if (record.ok()) {
      out.push_back({path, std::move(record).value()});
    } else {
      unreadable.push_back(path);
    }
  }
  if (!unreadable.empty())
    diags.warning("Unreadable audit records ignored",
                  "These files are not audit records this provider can read, so the promotion history (used "
                  "to allow rollbacks) does not include them: " + join(unreadable, ", ") + ".");
  return out;
}

promotion::PromotionContext gather_promotion_context(const ProviderContext& ctx, const promotion::PromotionRequest& req,
                                                     const PlanOverlay* overlay, schema::Diagnostics& diags) {
  promotion::PromotionContext pc;
  std::vector<std::pair<int, std::string>> ordered;
  for (const auto& env : root_environment_files(*ctx.store, req.root)) {
    auto text = ctx.store->read(layout::root_file(req.root, env));
    if (!text) continue;
    const Result<render::RootEnvironmentSpec> spec = render::parse_root_application(*text);
    if (spec.ok()) {
      ordered.emplace_back(spec->order, env);
      if (env == req.to) pc.target_protected = spec->protected_env;
    } else {
      diags.warning("Unreadable root environment",
                    layout::root_file(req.root, env) + " is not a root Application this provider can read (" +
                        spec.status().message() + "); it is left out of the environment order.",
                    AttributePath::root("root"));
    }
  }
  std::sort(ordered.begin(), ordered.end());
  for (const auto& [_, env] : ordered) pc.environment_order.push_back(env);
  // A root planned in this run (created or changed) counts as planned.
  if (overlay)
    if (auto planned = overlay->planned_root(req.root)) {
      pc.environment_order.clear();
      pc.target_protected = false;
      for (const auto& e : *planned) {
        pc.environment_order.push_back(e.name);
        if (e.name == req.to) pc.target_protected = e.protected_env;
      }
    }
  pc.from_apps = live_apps(ctx, overlay, req.root, req.from);
  pc.to_apps = live_apps(ctx, overlay, req.root, req.to);
  for (auto& stored : load_audit_history(ctx, req.root, diags)) pc.history.push_back(std::move(stored.record));
  const gitops::Store* store = ctx.store.get();
  pc.lookup = [store, overlay](const std::string& model,
                               const std::string& version) -> Result<std::optional<registry::ModelVersionRecord>> {
    using Found = std::optional<registry::ModelVersionRecord>;
    if (overlay)
      if (auto planned = overlay->planned_model_version(model, version)) return Found(std::move(planned));
    auto text = store->read(layout::registry_file(model, version));
    if (!text) return Found();
    AOA_ASSIGN_OR_RETURN(registry::ModelVersionRecord record, registry::parse_model_version(*text));
    return Found(std::move(record));  // a broken record is a Status; decide() reports it
  };
  return pc;
}

}  // namespace aoa::provider
