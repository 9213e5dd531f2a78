#include "provider/promotion_inputs.h"

#include <algorithm>

#include "internal/registry/model_version.h"
#include "internal/render/root_application.h"
#include "provider/environment_apps.h"
#include "provider/environment_lookup.h"
#include "provider/rollout_data_source.h"
#include "provider/value_helpers.h"

namespace aoa::provider {

using cty::Value;
using schema::AttributePath;

promotion::PromotionRequest promotion_request(const Value& v) {
  promotion::PromotionRequest r;
  r.root = v.attr("root").as_string();
  r.from = v.attr("from").as_string();
  r.to = v.attr("to").as_string();
  r.versions = string_map(v, "versions");
  for (const Value& g : elements_of(v, "gate")) {
    promotion::Gate gate;
    gate.app = string_or(g, "app", "");
    gate.metric = string_or(g, "metric", "");
    gate.op = promotion::parse_gate_op(string_or(g, "op", ">=")).value_or(promotion::GateOp::Ge);
    if (!g.attr("value").is_null()) gate.value = g.attr("value").as_number();
    gate.not_worse_than_target = opt_bool(g, "not_worse_than_target").value_or(false);
    if (!g.attr("tolerance").is_null()) gate.tolerance = g.attr("tolerance").as_number();
    r.gates.push_back(std::move(gate));
  }
  const Value& approval = v.attr("approval");
  if (!approval.is_null()) r.approval = promotion::Approval{string_or(approval, "approved_by", ""), string_or(approval, "ticket", "")};
  r.allow_skip = opt_bool(v, "allow_skip").value_or(false);
  r.on_gate_failure = string_or(v, "on_gate_failure", "error") == "hold" ? promotion::OnGateFailure::Hold
                                                                          : promotion::OnGateFailure::Error;
  return r;
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
    try {
      out.push_back({path, promotion::parse_audit_json(*text)});
    } catch (const std::exception&) {
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
    try {
      render::RootEnvironmentSpec spec = render::parse_root_application(*text);
      ordered.emplace_back(spec.order, env);
      if (env == req.to) pc.target_protected = spec.protected_env;
    } catch (const std::exception& e) {
      diags.warning("Unreadable root environment",
                    layout::root_file(req.root, env) + " is not a root Application this provider can read (" +
                        e.what() + "); it is left out of the environment order.",
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
                               const std::string& version) -> std::optional<registry::ModelVersionRecord> {
    if (overlay)
      if (auto planned = overlay->planned_model_version(model, version)) return planned;
    auto text = store->read(layout::registry_file(model, version));
    if (!text) return std::nullopt;
    return registry::parse_model_version(*text);  // a broken record throws; decide() reports it
  };
  return pc;
}

}  // namespace aoa::provider
