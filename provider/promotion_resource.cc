#include "provider/promotion_resource.h"
#include "schema/rules.h"

#include <chrono>

#include "internal/gitops/commit_message.h"
#include "internal/promotion/audit.h"
#include "internal/promotion/audit_time.h"
#include "internal/promotion/decision.h"
#include "internal/protocol/log.h"
#include "internal/registry/names.h"
#include "internal/render/k8s_names.h"
#include "provider/config_defaults.h"
#include "provider/environment_lookup.h"
#include "provider/promotion_inputs.h"
#include "provider/resource_helpers.h"
#include "provider/value_helpers.h"
#include "schema/plan.h"

namespace aoa::provider {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;
using schema::BlockBuilder;
using schema::Nesting;

constexpr const char* kType = "appofapps_promotion";

schema::Schema build_schema() {
  schema::Block gate =
      BlockBuilder()
          .description("A metric gate. It checks a metric of the registry record of each promoted version: "
                       "`registry/<model>/<version>.yaml`, where `<model>` is the model the app serves and "
                       "`<version>` the version in `versions`. A gate needs `value`, `not_worse_than_target = "
                       "true`, or both (*Gate compares with nothing*, at `gate[i]`); with both, it makes two "
                       "checks. All comparisons use exact decimal arithmetic, never floating point. A metric that"
                       " the new version's record does not have is a failed check.")
          .attribute("app", Type::string())
          .optional()
          .description("Check only this app of the bundle (*Gate app \"x\" is not in the bundle*, at "
                       "`gate[i].app`). Omitted: every app of the bundle.")
          .attribute("metric", Type::string())
          .required()
          .description("A metric name of the records: 1-255 letters, digits, `_`, `-`, `.`, `/`, starting with a "
                       "letter (*Invalid metric*), e.g. `auc`.")
          .attribute("op", Type::string())
          .required()
          .description("`>=`, `>`, `<=`, `<` or `==` (*Invalid op*).")
          .attribute("value", Type::number())
          .optional()
          .description("An absolute threshold: the gate passes when `<metric> <op> <value>`.")
          .attribute("not_worse_than_target", Type::boolean())
          .optional()
          .computed()
          .description("Also compare with the same metric of the record of the version that runs in `to` for that"
                       " app: for `>=` and `>` the new value must satisfy `op` (target value - `tolerance`), for "
                       "`<=` and `<` `op` (target value + `tolerance`), for `==` |new - target| <= `tolerance`. "
                       "Skipped (passed) when nothing runs in `to` for the app yet; failed when the target's "
                       "record or its metric is missing. Default `false`.")
          .attribute("tolerance", Type::number())
          .optional()
          .computed()
          .description("How much worse than the target the new version may be: 0 or more (*Invalid tolerance*). A"
                       " value other than 0 only with `not_worse_than_target = true` (*Tolerance without "
                       "comparison*); 0 is allowed on any gate. Default 0.")
          .build();
  schema::Block approval = BlockBuilder()
                               .description("Who approved the promotion. Required when `to` is protected (its "
                                            "`environment` block in the root has `protected = true`); an approval"
                                            " on an unprotected target is allowed and recorded.")
                               .attribute("approved_by", Type::string())
                               .required()
                               .description("Who approved, not blank (*Empty approval*). It becomes the actor of "
                                            "the audit record and of the commit.")
                               .attribute("ticket", Type::string())
                               .required()
                               .description("The change ticket or review reference, for example `CHG-1234`, not "
                                            "blank (*Empty approval*).")
                               .build();
  schema::Schema s;
  s.block =
      BlockBuilder()
          .description("Promotes a bundle of app versions from one environment of a root to the next, after gates "
                       "and approvals. The decision is shown in the plan; apply records it in the audit log.")
          .attribute("root", Type::string())
          .required()
          .requires_replace()
          .description("The name of the `appofapps_root`: a DNS-1123 label (*Invalid root*). Changing it replaces"
                       " the promotion.")
          .attribute("from", Type::string())
          .required()
          .description("The source environment: a DNS-1123 label (*Invalid from*). Every promoted version must "
                       "run there.")
          .attribute("to", Type::string())
          .required()
          .description("The target environment: a DNS-1123 label (*Invalid to*), not `from` (*Promotion to the "
                       "same environment*). The environment after `from` in the root's order, unless "
                       "`allow_skip`.")
          .attribute("versions", Type::map(Type::string()))
          .required()
          .description("The bundle: app name → model version, at least one app (*Empty bundle*). Keys are app "
                       "names, DNS-1123 labels (*Invalid app name*); values are registry versions, 1-255 letters,"
                       " digits, `-`, `_`, `.`, starting with a letter or digit, no `..` (*Invalid version*). "
                       "`data.appofapps_environment.<env>.versions` promotes whatever that environment runs.")
          .attribute("allow_skip", Type::boolean())
          .optional()
          .computed()
          .description("Allow `to` to be later than the environment right after `from`. Default `false`.")
          .attribute("on_gate_failure", Type::string())
          .optional()
          .computed()
          .description("`error`: a failed gate check fails the plan. `hold`: a warning, `status = \"held\"`, and "
                       "the target keeps its current versions (*Invalid on_gate_failure*). Default `error`.")
          .attribute("id", Type::string())
          .computed()
          .description("`<root>/<audit_id>`, the import ID. Known after apply.")
          .attribute("status", Type::string())
          .computed()
          .description("`promoted` or `held`. Known at plan time when the arguments are known.")
          .attribute("approved_versions", Type::map(Type::string()))
          .computed()
          .description("What the target's apps should run after the decision: the requested versions when "
                       "promoted, their current versions in `to` when held. Reference it from the target's apps "
                       "(`approved_versions[\"fraud\"]`) so Terraform applies the promotion first. Known at plan "
                       "time.")
          .attribute("versions_before", Type::map(Type::string()))
          .computed()
          .description("What the bundle's apps ran in `to` when the decision was made; apps that do not run there"
                       " yet are absent. Known at plan time.")
          .attribute("order", Type::list(Type::string()))
          .computed()
          .description("The bundle's apps in deploy order: by the sync waves of the source environment, then by "
                       "name. Known at plan time.")
          .attribute("rollback", Type::boolean())
          .computed()
          .description("True when an app goes to a lower version than `to` runs. Known at plan time.")
          .attribute("audit_id", Type::string())
          .computed()
          .description("The id of the audit record of the last decision, 16 hex digits. Known after apply.")
          .attribute("audit_file", Type::string())
          .computed()
          .description("Its path, `audit/<root>/<UTC timestamp>-<audit_id>.json`. Known after apply.")
          .block("gate", Nesting::List, gate)
          .block("approval", Nesting::Single, approval)
          .build();
  return s;
}

const char* status_name(promotion::Decision::Status s) {
  return s == promotion::Decision::Status::Held ? "held" : "promoted";
}

Value string_list(const std::vector<std::string>& items) {
  std::vector<Value> out;
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::list(Type::string(), std::move(out));
}

std::string commit_subject(const promotion::AuditRecord& r) {
  std::string bundle;
  for (const auto& [app, v] : r.versions_after) bundle += (bundle.empty() ? "" : ", ") + app + " " + v;
  if (r.decision == "withdrawn") return "Withdraw promotion " + r.from + " -> " + r.to + " (" + r.root + ")";
  if (r.decision == "held") return "Hold " + r.to + " at " + bundle + " (" + r.root + ", gates failed)";
  return std::string(r.rollback ? "Roll back " : "Promote ") + bundle + " from " + r.from + " to " + r.to + " (" +
         r.root + ")";
}

// Defaults follow the configuration: an argument removed from it goes back to its default
// (Terraform proposes the prior value for optional+computed arguments that are not set).
Value with_defaults(const Value& proposed, const Value& config) {
  Value planned = default_unless_configured(proposed, config, "allow_skip", Value::boolean(false));
  planned = default_unless_configured(planned, config, "on_gate_failure", Value::string("error"));
  return fill_list_block(planned, config, "gate", [](Value gate, const Value& configured) {
    gate = default_unless_configured(gate, configured, "not_worse_than_target", Value::boolean(false));
    return default_unless_configured(gate, configured, "tolerance", Value::number(int64_t{0}));
  });
}

}  // namespace

PromotionResource::PromotionResource(const ContextHolder& context, const schema::StopToken& stop, PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void PromotionResource::validate(const Value& config, schema::Diagnostics& diags) const {
  // Declared rules and string limits (schema/rules.h) first; this resource is not on the runtime yet.
  schema::check_rules(schema().block, config, diags);
  if (diags.has_errors()) return;
  if (config.is_null() || !config.is_known()) return;
  const std::string dns = "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";
  for (const char* f : {"root", "from", "to"})
    if (auto v = opt_string(config, f); v && !render::is_dns1123_label(*v))
      diags.error(std::string("Invalid ") + f, "\"" + *v + "\" is not allowed: " + dns, AttributePath::root(f));
  if (auto from = opt_string(config, "from"), to = opt_string(config, "to"); from && to && *from == *to)
    diags.error("Promotion to the same environment", "`from` and `to` are both \"" + *to +
                                                         "\": a promotion moves versions to another environment.",
                AttributePath::root("to"));
  const Value& versions = config.attr("versions");
  if (versions.is_known() && !versions.is_null()) {
    if (versions.entries().empty())
      diags.error("Empty bundle", "versions needs at least one app: { <app> = \"<model version>\" }.",
                  AttributePath::root("versions"));
    for (const auto& [app, v] : versions.entries()) {
      if (!render::is_dns1123_label(app))
        diags.error("Invalid app name", "\"" + app + "\" is not an app name: " + dns, AttributePath::root("versions").key(app));
      if (v.is_known() && !v.is_null())
        if (auto why = registry::validate_version(v.as_string()); !why.empty())
          diags.error("Invalid version", why, AttributePath::root("versions").key(app));
    }
  }
  if (auto mode = opt_string(config, "on_gate_failure"); mode && *mode != "error" && *mode != "hold")
    diags.error("Invalid on_gate_failure", "\"" + *mode + "\" is not allowed: \"error\" or \"hold\".",
                AttributePath::root("on_gate_failure"));
  const auto gates = elements_of(config, "gate");
  for (size_t i = 0; i < gates.size(); ++i) {
    const Value& g = gates[i];
    const AttributePath p = AttributePath::root("gate").index(static_cast<int64_t>(i));
    if (auto op = opt_string(g, "op"); op && !promotion::parse_gate_op(*op))
      diags.error("Invalid op", "\"" + *op + "\" is not allowed: one of >=, >, <=, <, ==.", p.attr("op"));
    if (auto m = opt_string(g, "metric"))
      if (auto why = registry::validate_metric_name(*m); !why.empty()) diags.error("Invalid metric", why, p.attr("metric"));
    const bool relative = opt_bool(g, "not_worse_than_target").value_or(false);
    if (g.attr("value").is_null() && g.attr("value").is_known() && !relative && g.attr("not_worse_than_target").is_known())
      diags.error("Gate compares with nothing",
                  "Set `value` (a threshold), `not_worse_than_target = true` (compare with the version live in `to`), "
                  "or both.",
                  p);
    if (!g.attr("tolerance").is_null() && g.attr("tolerance").is_known()) {
      if (g.attr("tolerance").as_number().is_negative())
        diags.error("Invalid tolerance", "tolerance must be zero or more.", p.attr("tolerance"));
      // 0 is the default, which `terraform plan -generate-config-out` writes out for every gate.
      if (!relative && g.attr("not_worse_than_target").is_known() && !g.attr("tolerance").as_number().is_zero())
        diags.error("Tolerance without comparison",
                    "tolerance applies only with not_worse_than_target = true; without it, leave tolerance out "
                    "(or 0).",
                    p.attr("tolerance"));
    }
  }
  const Value& approval = config.attr("approval");
  if (approval.is_known() && !approval.is_null())
    for (const char* f : {"approved_by", "ticket"})
      if (auto v = opt_string(approval, f); v && v->find_first_not_of(" \t") == std::string::npos)
        diags.error("Empty approval", std::string(f) + " must not be blank.", AttributePath::root("approval").attr(f));
}

schema::PlanResponse PromotionResource::plan(const schema::PlanRequest& req) const {
  schema::PlanResponse res;
  if (req.proposed_new_state.is_null()) {
    res.planned_state = req.proposed_new_state;
    return res;
  }
  validate(req.config, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;
  Value planned = with_defaults(req.proposed_new_state, req.config);
  // An unchanged configuration is an already recorded decision: nothing is re-evaluated, whatever
  // happened to the environments since.
  if (!req.prior_state.is_null() && schema::equal_ignoring_computed(schema_.block, req.prior_state, planned)) {
    res.planned_state = planned;
    return res;
  }
  for (const char* f : {"id", "audit_id", "audit_file"}) planned = planned.with_attr(f, Value::unknown(Type::string()));
  if (!req.prior_state.is_null()) res.requires_replace = schema::requires_replace(req.prior_state, planned, {"root"});
  Value configured = planned;
  for (const char* f : {"id", "audit_id", "audit_file", "status", "approved_versions", "versions_before", "order", "rollback"})
    configured = configured.with_attr(f, Value::null(configured.type().attribute(f)));
  if (!configured.is_wholly_known()) {
    planned = planned.with_attr("status", Value::unknown(Type::string()));
    planned = planned.with_attr("approved_versions", Value::unknown(Type::map(Type::string())));
    planned = planned.with_attr("versions_before", Value::unknown(Type::map(Type::string())));
    planned = planned.with_attr("order", Value::unknown(Type::list(Type::string())));
    planned = planned.with_attr("rollback", Value::unknown(Type::boolean()));
    res.planned_state = planned;
    return res;
  }
  auto ctx = context_.get();
  const promotion::PromotionRequest request = promotion_request(planned);
  if (root_environment_files(*ctx->store, request.root).empty() && !overlay_.planned_root(request.root)) {
    res.diagnostics.error("Unknown root",
                          unknown_root_detail(*ctx, request.root) +
                              " Reference the root (root = appofapps_root.<name>.name) so Terraform plans it first.",
                          AttributePath::root("root"));
    return res;
  }
  promotion::PromotionContext pc = gather_promotion_context(*ctx, request, &overlay_, res.diagnostics);
  promotion::Decision d = promotion::decide(request, pc);
  res.diagnostics.append(d.diagnostics);
  if (res.diagnostics.has_errors()) return res;
  planned = planned.with_attr("status", Value::string(status_name(d.status)));
  planned = planned.with_attr("approved_versions", string_map_value(d.approved_versions));
  planned = planned.with_attr("versions_before", string_map_value(d.versions_before));
  planned = planned.with_attr("order", string_list(d.order));
  planned = planned.with_attr("rollback", Value::boolean(d.rollback));
  res.planned_state = planned;
  return res;
}

schema::ApplyResponse PromotionResource::apply(const schema::ApplyRequest& req) const {
  schema::ApplyResponse res;
  res.new_state = req.prior_state;
  if (refuse_when_stopping(stop_, res)) return res;
  auto ctx = context_.get();
  try {
    promotion::AuditRecord record;
    std::vector<std::string> apply_order;
    if (req.planned_state.is_null()) {
      // Withdrawn: the target's apps are not touched; only the decision to withdraw is recorded.
      const promotion::PromotionRequest request = promotion_request(req.prior_state);
      promotion::PromotionContext pc = gather_promotion_context(*ctx, request, nullptr, res.diagnostics);
      std::map<std::string, std::string> live;
      for (const auto& [app, _] : request.versions)
        if (auto it = pc.to_apps.find(app); it != pc.to_apps.end()) live[app] = it->second.version;
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
    } else {
      const promotion::PromotionRequest request = promotion_request(req.planned_state);
      promotion::PromotionContext pc = gather_promotion_context(*ctx, request, nullptr, res.diagnostics);
      promotion::Decision d = promotion::decide(request, pc);
      if (d.diagnostics.has_errors()) {
        res.diagnostics.append(d.diagnostics);
        res.diagnostics.error("Promotion no longer allowed",
                              "The repository changed since the plan and the promotion " + request.from + " -> " +
                                  request.to + " does not hold any more (see above). Nothing was written; plan again.");
        return res;
      }
      const Value& planned_versions = req.planned_state.attr("approved_versions");
      const Value& planned_status = req.planned_state.attr("status");
      if ((planned_versions.is_known() && string_map_value(d.approved_versions) != planned_versions) ||
          (planned_status.is_known() && Value::string(status_name(d.status)) != planned_status)) {
        res.diagnostics.error("Promotion changed since the plan",
                              "The decision is now \"" + std::string(status_name(d.status)) +
                                  "\" with other versions than the plan showed: the repository changed in between. "
                                  "Nothing was written; plan again.");
        return res;
      }
      record = promotion::make_audit_record(request, d, "", "", "", "");
      apply_order = d.order;
    }
    record.id = promotion::new_audit_id();
    record.time = promotion::format_audit_time(std::chrono::system_clock::now());
    // Who decided: the approver of a promotion when there is one, else the configured commit
    // author (also for a withdrawal: the approval was for the promotion, not for withdrawing it).
    const bool approved = record.approval && record.decision != "withdrawn";
    record.actor = approved ? record.approval->approved_by : ctx->author.name;
    record.actor_email = approved ? "" : ctx->author.email;
    const std::string path = layout::audit_file(record.root, promotion::compact_audit_time(record.time).value(), record.id);
    gitops::CommitRequest commit;
    commit.changes.push_back({path, promotion::render_audit_json(record)});
    commit.message = gitops::build_commit_message(
        commit_subject(record), "Audit record: " + ctx->repo_path(path),
        {{"Appofapps-Resource", std::string(kType) + "/" + record.root + "/" + record.from + "-" + record.to},
         {"Appofapps-Environment", record.to},
         {"Appofapps-Actor", record.actor + (record.actor_email.empty() ? "" : " <" + record.actor_email + ">")}});
    ctx->store->commit(commit);
    log::info("promotion recorded", {{"root", record.root}, {"decision", record.decision}, {"audit", path}});
    if (req.planned_state.is_null()) {
      res.new_state = Value::null(schema_.block.implied_type());
      return res;
    }
    Value state = req.planned_state;
    if (!record.decision.empty() && !state.attr("status").is_known()) {
      // Decided only now (the plan had unknown inputs): record what was decided.
      state = state.with_attr("status", Value::string(record.decision));
      state = state.with_attr("approved_versions", string_map_value(record.versions_after));
      state = state.with_attr("versions_before", string_map_value(record.versions_before));
      state = state.with_attr("rollback", Value::boolean(record.rollback));
    }
    if (!state.attr("order").is_known()) state = state.with_attr("order", string_list(apply_order));
    state = state.with_attr("audit_id", Value::string(record.id));
    state = state.with_attr("audit_file", Value::string(path));
    state = state.with_attr("id", Value::string(record.root + "/" + record.id));
    res.new_state = state;
  } catch (const std::exception& e) {
    res.diagnostics.error("Could not record the promotion", e.what());
  }
  return res;
}

schema::ReadResponse PromotionResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  const Value& file = req.current_state.attr("audit_file");
  // The audit record is the promotion: gone (deleted by hand) means the decision must be made again.
  if (file.is_null() || !file.is_known() || !ctx->store->read(file.as_string()))
    res.new_state = Value::null(schema_.block.implied_type());
  return res;
}

schema::ImportResponse PromotionResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  const auto slash = id.find('/');
  const std::string root = slash == std::string::npos ? "" : id.substr(0, slash);
  const std::string audit_id = slash == std::string::npos ? "" : id.substr(slash + 1);
  if (!render::is_dns1123_label(root) || audit_id.empty() || audit_id.find('/') != std::string::npos) {
    res.diagnostics.error("Invalid import ID", "Import an appofapps_promotion as <root>/<audit_id> (the id in the "
                                               "audit file name audit/<root>/<timestamp>-<audit_id>.json); got \"" +
                                                   id + "\".");
    return res;
  }
  auto ctx = context_.get();
  std::vector<StoredAudit> history = load_audit_history(*ctx, root, res.diagnostics);
  const StoredAudit* found = nullptr;
  for (const auto& s : history)
    if (s.record.id == audit_id) found = &s;
  if (!found) {
    res.diagnostics.error("Audit record not found", "No audit record with id \"" + audit_id + "\" under " +
                                                        layout::audit_dir(root) + "/ in " + repository_description(*ctx) + ".");
    return res;
  }
  const promotion::AuditRecord& r = found->record;
  if (r.decision == "withdrawn") {
    res.diagnostics.error("Promotion was withdrawn", found->path + " records a withdrawal; import the record of a "
                                                                   "decision (promoted or held).");
    return res;
  }
  const Type type = schema_.block.implied_type();
  std::vector<Value> gates;
  for (const promotion::Gate& g : r.gate_config) {
    std::map<std::string, Value> attrs{{"metric", Value::string(g.metric)},
                                       {"op", Value::string(std::string(promotion::to_string(g.op)))}};
    if (!g.app.empty()) attrs["app"] = Value::string(g.app);
    if (g.value) attrs["value"] = Value::number(*g.value);
    attrs["not_worse_than_target"] = Value::boolean(g.not_worse_than_target);
    attrs["tolerance"] = Value::number(g.tolerance);
    gates.push_back(Value::object(type.attribute("gate").element(), std::move(attrs)));
  }
  std::map<std::string, Value> attrs{
      {"root", Value::string(r.root)},
      {"from", Value::string(r.from)},
      {"to", Value::string(r.to)},
      {"versions", string_map_value(r.requested)},
      {"gate", Value::list(type.attribute("gate").element(), std::move(gates))},
      {"id", Value::string(root + "/" + r.id)},
      {"status", Value::string(r.decision)},
      {"approved_versions", string_map_value(r.versions_after)},
      {"versions_before", string_map_value(r.versions_before)},
      {"order", string_list({})},
      {"rollback", Value::boolean(r.rollback)},
      {"audit_id", Value::string(r.id)},
      {"audit_file", Value::string(found->path)}};
  attrs["allow_skip"] = Value::boolean(r.allow_skip);
  attrs["on_gate_failure"] = Value::string(r.on_gate_failure == "hold" ? "hold" : "error");
  if (r.approval)
    attrs["approval"] = Value::object(type.attribute("approval"), {{"approved_by", Value::string(r.approval->approved_by)},
                                                                   {"ticket", Value::string(r.approval->ticket)}});
  res.state = Value::object(type, std::move(attrs));
  return res;
}

}  // namespace aoa::provider
