#include "provider/resources/promotion.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/name_rules.h"

#include <chrono>

#include "internal/gitops/commit_message.h"
#include "internal/promotion/audit.h"
#include "internal/promotion/audit_time.h"
#include "internal/promotion/decision.h"
#include "internal/protocol/log.h"
#include "internal/registry/names.h"
#include "internal/render/k8s_names.h"
#include "provider/shared/environment_lookup.h"
#include "provider/shared/clock.h"
#include "provider/shared/promotion_inputs.h"

namespace aoa::provider {
namespace {

using schema::Rule;

constexpr const char* kType = "appofapps_promotion";

Rule not_blank(const char* attribute) {
  return Rule::custom("Empty approval", "not blank", [attribute](const Value& v) {
    return v.as_string().find_first_not_of(" \t") == std::string::npos ? std::string(attribute) + " must not be blank."
                                                                       : std::string();
  });
}

schema::Block gate_block() {
  return BlockBuilder()
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
      .rule(check_rule("Invalid metric",
                      "an MLflow metric name: 1 to 255 ASCII letters, digits, `_`, `-`, `.` and `/`, starting "
                      "with a letter",
                      registry::validate_metric_name))
      .description("A metric name of the records, e.g. `auc`.")
      .attribute("op", Type::string())
      .required()
      .rule(Rule::one_of("Invalid op", {">=", ">", "<=", "<", "=="}))
      .description("How the metric compares.")
      .attribute("value", Type::number())
      .optional()
      .description("An absolute threshold: the gate passes when `<metric> <op> <value>`.")
      .attribute("not_worse_than_target", Type::boolean())
      .optional()
      .computed()
      .default_value(Value::boolean(false))
      .description("Also compare with the same metric of the record of the version that runs in `to` for that"
                   " app: for `>=` and `>` the new value must satisfy `op` (target value - `tolerance`), for "
                   "`<=` and `<` `op` (target value + `tolerance`), for `==` |new - target| <= `tolerance`. "
                   "Skipped (passed) when nothing runs in `to` for the app yet; failed when the target's "
                   "record or its metric is missing.")
      .attribute("tolerance", Type::number())
      .optional()
      .computed()
      .default_value(Value::number(int64_t{0}))
      .rule(Rule::custom("Invalid tolerance", "0 or more", [](const Value& v) {
        return v.as_number().is_negative() ? std::string("tolerance must be zero or more.") : std::string();
      }))
      .description("How much worse than the target the new version may be. A value other than 0 only with "
                   "`not_worse_than_target = true` (*Tolerance without comparison*); 0 is allowed on any gate.")
      .build();
}

schema::Block approval_block() {
  return BlockBuilder()
      .description("Who approved the promotion. Required when `to` is protected (its `environment` block in "
                   "the root has `protected = true`); an approval on an unprotected target is allowed and "
                   "recorded.")
      .attribute("approved_by", Type::string())
      .required()
      .rule(not_blank("approved_by"))
      .description("Who approved. It becomes the actor of the audit record and of the commit.")
      .attribute("ticket", Type::string())
      .required()
      .rule(not_blank("ticket"))
      .description("The change ticket or review reference, for example `CHG-1234`.")
      .build();
}

// The computed attributes: the decision and its audit record.
BlockBuilder& with_decision(BlockBuilder& b) {
  return b.attribute("id", Type::string())
      .computed()
      .description("`<root>/<audit_id>`, the import ID. Known after apply.")
      .attribute("status", Type::string())
      .computed()
      .description("`promoted` or `held`. Known at plan time when the arguments are known.")
      .attribute("approved_versions", Type::map(Type::string()))
      .computed()
      .description("What the target's apps should run after the decision: the requested versions when promoted, "
                   "their current versions in `to` when held. Reference it from the target's apps "
                   "(`approved_versions[\"fraud\"]`) so Terraform applies the promotion first. Known at plan time.")
      .attribute("versions_before", Type::map(Type::string()))
      .computed()
      .description("What the bundle's apps ran in `to` when the decision was made; apps that do not run there yet "
                   "are absent. Known at plan time.")
      .attribute("order", Type::list(Type::string()))
      .computed()
      .description("The bundle's apps in deploy order: by the sync waves of the source environment, then by name. "
                   "Known at plan time.")
      .attribute("rollback", Type::boolean())
      .computed()
      .description("True when an app goes to a lower version than `to` runs. Known at plan time.")
      .attribute("audit_id", Type::string())
      .computed()
      .description("The id of the audit record of the last decision, 16 hex digits. Known after apply.")
      .attribute("audit_file", Type::string())
      .computed()
      .description("Its path, `audit/<root>/<UTC timestamp>-<audit_id>.json`. Known after apply.");
}

schema::Schema build_schema() {
  schema::Schema s;
  BlockBuilder b;
  b.description("Promotes a bundle of app versions from one environment of a root to the next, after gates and "
                "approvals. The decision is shown in the plan; apply records it in the audit log.")
      .attribute("root", Type::string())
      .required()
      .requires_replace()
      .rule(dns_label_rule("Invalid root"))
      .description("The name of the `appofapps_root`. Changing it replaces the promotion.")
      .attribute("from", Type::string())
      .required()
      .rule(dns_label_rule("Invalid from"))
      .description("The source environment. Every promoted version must run there.")
      .attribute("to", Type::string())
      .required()
      .rule(dns_label_rule("Invalid to"))
      .description("The target environment, not `from` (*Promotion to the same environment*). The environment after "
                   "`from` in the root's order, unless `allow_skip`.")
      .attribute("versions", Type::map(Type::string()))
      .required()
      .rule(Rule::custom("Empty bundle", "at least one app",
                         [](const Value& v) {
                           return v.length() == 0
                                      ? std::string("versions needs at least one app: { <app> = \"<model version>\" }.")
                                      : std::string();
                         }))
      .rule(dns_label_rule("Invalid app name", "an app name", Rule::Target::Keys))
      .rule(check_rule("Invalid version",
                      "a registry version: 1 to 255 ASCII letters, digits, `-`, `_` and `.`, starting with a "
                      "letter or digit, no `..`",
                      registry::validate_version, Rule::Target::Elements))
      .description("The bundle: app name → model version. `data.appofapps_environment.<env>.versions` promotes "
                   "whatever that environment runs.")
      .attribute("allow_skip", Type::boolean())
      .optional()
      .computed()
      .default_value(Value::boolean(false))
      .description("Allow `to` to be later than the environment right after `from`.")
      .attribute("on_gate_failure", Type::string())
      .optional()
      .computed()
      .default_value(Value::string("error"))
      .rule(Rule::one_of("Invalid on_gate_failure", {"error", "hold"}))
      .description("`error`: a failed gate check fails the plan. `hold`: a warning, `status = \"held\"`, and the "
                   "target keeps its current versions.");
  s.block = with_decision(b)
                .block("gate", schema::Nesting::List, gate_block())
                .block("approval", schema::Nesting::Single, approval_block())
                .build();
  return s;
}

const char* status_name(promotion::Decision::Status s) {
  return s == promotion::Decision::Status::Held ? "held" : "promoted";
}

std::string commit_subject(const promotion::AuditRecord& r) {
  std::string bundle;
  for (const auto& [app, v] : r.versions_after) bundle += (bundle.empty() ? "" : ", ") + app + " " + v;
  if (r.decision == "withdrawn") return "Withdraw promotion " + r.from + " -> " + r.to + " (" + r.root + ")";
  if (r.decision == "held") return "Hold " + r.to + " at " + bundle + " (" + r.root + ", gates failed)";
  return std::string(r.rollback ? "Roll back " : "Promote ") + bundle + " from " + r.from + " to " + r.to + " (" +
         r.root + ")";
}

// Commits `record` as one audit file, with its id, time and actor now; its path.
std::string write_record(promotion::AuditRecord& record, runtime::ApplyStep& step) {
  const ProviderContext& ctx = step.ctx();
  record.id = value_or_throw(promotion::new_audit_id());
  record.time = promotion::format_audit_time(now_seconds());
  // Who decided: the approver of a promotion when there is one, else the configured commit
  // author (also for a withdrawal: the approval was for the promotion, not for withdrawing it).
  const bool approved = record.approval && record.decision != "withdrawn";
  record.actor = approved ? record.approval->approved_by : ctx.author.name;
  record.actor_email = approved ? "" : ctx.author.email;
  const std::string path =
      layout::audit_file(record.root, promotion::compact_audit_time(record.time).value(), record.id);
  gitops::CommitRequest commit;
  commit.changes.push_back({path, promotion::render_audit_json(record)});
  commit.message = gitops::build_commit_message(
      commit_subject(record), "Audit record: " + ctx.repo_path(path),
      {{"Appofapps-Resource", std::string(kType) + "/" + record.root + "/" + record.from + "-" + record.to},
       {"Appofapps-Environment", record.to},
       {"Appofapps-Actor", record.actor + (record.actor_email.empty() ? "" : " <" + record.actor_email + ">")}});
  step.commit(commit);
  log::info("promotion recorded", {{"root", record.root}, {"decision", record.decision}, {"audit", path}});
  return path;
}

// The decision of `m` against the repository alone, as apply makes it; nullopt after an error.
std::optional<promotion::Decision> decide_again(const PromotionModel& m, const promotion::PromotionRequest& request,
                                                runtime::ApplyStep& step) {
  promotion::PromotionContext pc = gather_promotion_context(step.ctx(), request, nullptr, step.diags());
  promotion::Decision d = promotion::decide(request, pc);
  if (d.diagnostics.has_errors()) {
    step.diags().append(d.diagnostics);
    step.diags().error("Promotion no longer allowed",
                       "The repository changed since the plan and the promotion " + request.from + " -> " +
                           request.to + " does not hold any more (see above). Nothing was written; plan again.");
    return std::nullopt;
  }
  if ((m.approved_versions.is_known() && d.approved_versions != m.approved_versions.get()) ||
      (m.status.is_known() && status_name(d.status) != m.status.get())) {
    step.diags().error("Promotion changed since the plan",
                       "The decision is now \"" + std::string(status_name(d.status)) +
                           "\" with other versions than the plan showed: the repository changed in between. "
                           "Nothing was written; plan again.");
    return std::nullopt;
  }
  return d;
}

}  // namespace

PromotionResource::PromotionResource(const ContextHolder& context, PlanOverlay& overlay)
    : context_(context), overlay_(overlay), schema_(build_schema()) {}

const runtime::ResourceInfo& PromotionResource::info() const {
  static const runtime::ResourceInfo kInfo{
      kType, "promotion", {{"root", "audit_id"}, "prod", "ml-platform/30850789cf077a1b"},
      "Could not record the promotion"};
  return kInfo;
}

std::optional<std::string> PromotionResource::id_of(const PromotionModel& m) const {
  return m.id.is_known() ? std::optional<std::string>(m.id.get()) : std::nullopt;
}

// Rules between attributes; each attribute's own rules are declared in the schema.
void PromotionResource::validate(const PromotionModel& c, schema::Diagnostics& diags) const {
  if (c.from.is_known() && c.to.is_known() && c.from.get() == c.to.get())
    diags.error("Promotion to the same environment", "`from` and `to` are both \"" + c.to.get() +
                                                         "\": a promotion moves versions to another environment.",
                AttributePath::root("to"));
  const std::vector<GateModel> gates = c.gate.value_or({});
  for (size_t i = 0; i < gates.size(); ++i) {
    const GateModel& g = gates[i];
    const AttributePath p = AttributePath::root("gate").index(static_cast<int64_t>(i));
    if (g.not_worse_than_target.is_unknown() || g.not_worse_than_target.value_or(false)) continue;
    if (g.value.is_null())
      diags.error("Gate compares with nothing",
                  "Set `value` (a threshold), `not_worse_than_target = true` (compare with the version live in `to`), "
                  "or both.",
                  p);
    // 0 is the default, which `terraform plan -generate-config-out` writes out for every gate.
    if (g.tolerance.is_known() && !g.tolerance.get().is_zero())
      diags.error("Tolerance without comparison",
                  "tolerance applies only with not_worse_than_target = true; without it, leave tolerance out (or 0).",
                  p.attr("tolerance"));
  }
}

void PromotionResource::modify_plan(runtime::PlanStep<PromotionModel>& step) const {
  PromotionModel& p = step.planned;
  // An unchanged configuration is an already recorded decision: nothing is re-evaluated, whatever
  // happened to the environments since.
  if (!step.is_create() && runtime::same_arguments(schema_.block, *step.prior, p)) return;
  p.id = p.audit_id = p.audit_file = runtime::String::unknown();
  // Another root replaces the promotion (declared on `root`): Terraform plans the create again, and
  // that plan decides.
  const bool replaced = !step.is_create() && !(step.prior->root == p.root);
  if (replaced || !runtime::arguments_known(schema_.block, p)) {
    p.status = runtime::String::unknown();
    p.approved_versions = p.versions_before = runtime::StringMap::unknown();
    p.order = runtime::StringList::unknown();
    p.rollback = runtime::Bool::unknown();
    return;
  }
  auto ctx = context_.get();
  const promotion::PromotionRequest request = promotion_request(p);
  if (root_environment_files(*ctx->store, request.root).empty() && !overlay_.planned_root(request.root)) {
    step.diags.error("Unknown root",
                     unknown_root_detail(*ctx, request.root) +
                         " Reference the root (root = appofapps_root.<name>.name) so Terraform plans it first.",
                     AttributePath::root("root"));
    return;
  }
  promotion::PromotionContext pc = gather_promotion_context(*ctx, request, &overlay_, step.diags);
  promotion::Decision d = promotion::decide(request, pc);
  step.diags.append(d.diagnostics);
  if (step.diags.has_errors()) return;
  p.status = std::string(status_name(d.status));
  p.approved_versions = d.approved_versions;
  p.versions_before = d.versions_before;
  p.order = d.order;
  p.rollback = d.rollback;
}

PromotionModel PromotionResource::create(const PromotionModel& planned, runtime::ApplyStep& step) const {
  const promotion::PromotionRequest request = promotion_request(planned);
  const std::optional<promotion::Decision> d = decide_again(planned, request, step);
  if (!d) return planned;
  promotion::AuditRecord record = promotion::make_audit_record(request, *d, "", "", "", "");
  const std::string path = write_record(record, step);
  PromotionModel out = planned;
  if (!out.status.is_known()) {  // decided only now (the plan had unknown inputs): what was decided
    out.status = record.decision;
    out.approved_versions = record.versions_after;
    out.versions_before = record.versions_before;
    out.rollback = record.rollback;
  }
  if (!out.order.is_known()) out.order = d->order;
  out.audit_id = record.id;
  out.audit_file = path;
  out.id = record.root + "/" + record.id;
  return out;
}

// A changed configuration is a new decision: a new audit record, earlier ones stay.
PromotionModel PromotionResource::update(const PromotionModel&, const PromotionModel& planned,
                                         runtime::ApplyStep& step) const {
  return create(planned, step);
}

// Withdrawn: the target's apps are not touched; only the decision to withdraw is recorded.
void PromotionResource::destroy(const PromotionModel& prior, runtime::ApplyStep& step) const {
  promotion::AuditRecord record = withdrawal_record(step.ctx(), promotion_request(prior), step.diags());
  write_record(record, step);
}

// The audit record is the promotion: gone (deleted by hand) means the decision must be made again.
std::optional<PromotionModel> PromotionResource::read(const PromotionModel& current, runtime::ReadStep& step) const {
  if (!current.audit_file.is_known() || !step.ctx.store->read(current.audit_file.get())) return std::nullopt;
  return current;
}

std::optional<PromotionModel> PromotionResource::import_state(const std::map<std::string, std::string>& parts,
                                                              runtime::ReadStep& step) const {
  const std::string& root = parts.at("root");
  const std::string& audit_id = parts.at("audit_id");
  std::vector<StoredAudit> history = load_audit_history(step.ctx, root, step.diags);
  const StoredAudit* found = nullptr;
  for (const auto& s : history)
    if (s.record.id == audit_id) found = &s;
  if (!found) {
    step.diags.error("Audit record not found", "No audit record with id \"" + audit_id + "\" under " +
                                                   layout::audit_dir(root) + "/ in " +
                                                   repository_description(step.ctx) + ".");
    return std::nullopt;
  }
  if (found->record.decision == "withdrawn") {
    step.diags.error("Promotion was withdrawn", found->path + " records a withdrawal; import the record of a "
                                                              "decision (promoted or held).");
    return std::nullopt;
  }
  return promotion_model(*found, root + "/" + found->record.id);
}

std::shared_ptr<schema::Resource> make_promotion_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<PromotionResource>>(
      std::make_shared<const PromotionResource>(services.context, services.overlay), services);
}

}  // namespace aoa::provider
