#include "provider/model_version_resource.h"

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/registry/model_version.h"
#include "internal/registry/names.h"
#include "provider/config_defaults.h"
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

constexpr const char* kType = "appofapps_model_version";
const char* const kLineageFields[] = {"run_id", "data_version", "code_commit"};

schema::Schema build_schema() {
  schema::Block lineage = BlockBuilder()
                              .description("Where the model version came from.")
                              .attribute("run_id", Type::string())
                              .optional()
                              .description("Training run (an MLflow or Azure ML job id).")
                              .attribute("data_version", Type::string())
                              .optional()
                              .description("Version of the training data.")
                              .attribute("code_commit", Type::string())
                              .optional()
                              .description("Commit of the training code.")
                              .build();
  schema::Schema s;
  s.block = BlockBuilder()
                .description("A model version in the embedded registry: `registry/<model>/<version>.yaml` with its "
                             "artifact, metrics and lineage. Promotion gates read its metrics. A record is "
                             "evidence: changing anything but `tags` replaces it.")
                .attribute("model", Type::string())
                .required()
                .description("Registered model name. Changing it replaces the record.")
                .attribute("version", Type::string())
                .required()
                .description("Model version, e.g. `3` or `2026.11.1`. Changing it replaces the record.")
                .attribute("artifact_uri", Type::string())
                .required()
                .description("Where the model artifact lives (e.g. `azureml://…`, `runs:/<run>/model`). Changing "
                             "it replaces the record.")
                .attribute("metrics", Type::map(Type::number()))
                .optional()
                .computed()
                .description("Evaluation metrics, exact decimals (e.g. `{ auc = 0.93, latency_p95_ms = 71 }`). "
                             "Changing them replaces the record. Default: none (`{}` and leaving it out mean the "
                             "same).")
                .attribute("tags", Type::map(Type::string()))
                .optional()
                .computed()
                .description("Free-form tags; the only attribute that changes in place. Default: none.")
                .attribute("id", Type::string())
                .computed()
                .description("`<model>/<version>`.")
                .attribute("commit", Type::string())
                .computed()
                .description("Commit that last wrote the record.")
                // A group block is never null: `lineage {}` and no block at all are the same value.
                .block("lineage", Nesting::Group, lineage)
                .build();
  return s;
}

registry::ModelVersionRecord record_of(const Value& v) {
  registry::ModelVersionRecord r;
  r.model = v.attr("model").as_string();
  r.version = v.attr("version").as_string();
  r.artifact_uri = string_or(v, "artifact_uri", "");
  const Value& metrics = v.attr("metrics");
  if (!metrics.is_null() && metrics.is_known())
    for (const auto& [k, n] : metrics.entries())
      if (!n.is_null() && n.is_known()) r.metrics[k] = n.as_number();
  const Value& lineage = v.attr("lineage");
  r.lineage.run_id = string_or(lineage, "run_id", "");
  r.lineage.data_version = string_or(lineage, "data_version", "");
  r.lineage.code_commit = string_or(lineage, "code_commit", "");
  r.tags = string_map(v, "tags");
  return r;
}

// What an evidence attribute means in the record: a null and an empty `metrics` are no metrics; an
// absent, empty or all-empty `lineage` is no lineage (record_of writes an empty field as absent).
Value evidence_meaning(const Value& v, const std::string& attr) {
  if (attr == "metrics" && null_or_empty(v)) return Value::map(Type::number(), {});
  if (attr != "lineage") return v;
  std::map<std::string, Value> fields;
  for (const char* f : kLineageFields)
    if (auto s = opt_string(v, f); s && !s->empty()) fields[f] = Value::string(*s);
  return Value::object(std::move(fields));
}

// The evidence attributes a plan changes, compared by meaning (see evidence_meaning): a record is
// replaced only when the file it writes would say something else; unknown values may.
std::vector<AttributePath> evidence_changes(const Value& prior, const Value& planned) {
  std::vector<AttributePath> out;
  for (const char* a : {"model", "version", "artifact_uri", "metrics", "lineage"}) {
    const Value& p = planned.attr(a);
    if (!p.is_wholly_known() || evidence_meaning(p, a) != evidence_meaning(prior.attr(a), a))
      out.push_back(AttributePath::root(a));
  }
  return out;
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const std::string& model,
                           const std::string& version) {
  return gitops::build_commit_message(
      action + " " + kType + " " + model + " " + version, "",
      {{"Appofapps-Resource", std::string(kType) + "/" + model + "/" + version},
       {"Appofapps-Actor", author_actor(ctx)}});
}

// `state` with what the record file says: a hand edit of the evidence shows as a replacement in the
// plan. Empty metrics and tags keep the state's spelling (null or `{}`); the lineage block is always
// an object, a field the file leaves empty stays null unless the state had it.
Value with_record(Value state, const registry::ModelVersionRecord& r) {
  state = state.with_attr("artifact_uri", Value::string(r.artifact_uri));
  if (!r.metrics.empty() || !state.attr("metrics").is_null()) {
    std::map<std::string, Value> m;
    for (const auto& [k, n] : r.metrics) m[k] = Value::number(n);
    state = state.with_attr("metrics", Value::map(Type::number(), std::move(m)));
  }
  if (!r.tags.empty() || !state.attr("tags").is_null()) state = state.with_attr("tags", string_map_value(r.tags));
  const Value prior = state.attr("lineage");
  std::map<std::string, Value> l;
  const std::map<std::string, std::string> fields{
      {"run_id", r.lineage.run_id}, {"data_version", r.lineage.data_version}, {"code_commit", r.lineage.code_commit}};
  for (const char* f : kLineageFields) {
    const std::string& v = fields.at(f);
    if (!v.empty() || (!prior.is_null() && !prior.attr(f).is_null())) l[f] = Value::string(v);
  }
  return state.with_attr("lineage", Value::object(state.type().attribute("lineage"), std::move(l)));
}

}  // namespace

ModelVersionResource::ModelVersionResource(const ContextHolder& context, const schema::StopToken& stop,
                                           PlanOverlay& overlay)
    : context_(context), stop_(stop), overlay_(overlay), schema_(build_schema()) {}

void ModelVersionResource::validate(const Value& config, schema::Diagnostics& diags) const {
  if (config.is_null() || !config.is_known()) return;
  if (auto m = opt_string(config, "model"))
    if (auto why = registry::validate_model_name(*m); !why.empty())
      diags.error("Invalid model", why, AttributePath::root("model"));
  if (auto v = opt_string(config, "version"))
    if (auto why = registry::validate_version(*v); !why.empty())
      diags.error("Invalid version", why, AttributePath::root("version"));
  if (auto a = opt_string(config, "artifact_uri"); a && a->empty())
    diags.error("Invalid artifact_uri", "artifact_uri must not be empty: say where the model artifact lives.",
                AttributePath::root("artifact_uri"));
  const Value& metrics = config.attr("metrics");
  if (!metrics.is_null() && metrics.is_known())
    for (const auto& [k, _] : metrics.entries())
      if (auto why = registry::validate_metric_name(k); !why.empty())
        diags.error("Invalid metric name", why, AttributePath::root("metrics").key(k));
}

schema::PlanResponse ModelVersionResource::plan(const schema::PlanRequest& req) const {
  schema::PlanResponse res;
  if (req.proposed_new_state.is_null()) {
    res.planned_state = req.proposed_new_state;
    return res;
  }
  validate(req.config, res.diagnostics);
  if (res.diagnostics.has_errors()) return res;
  auto ctx = context_.get();
  Value planned = empty_unless_configured(req.proposed_new_state, req.prior_state, req.config, "metrics");
  planned = empty_unless_configured(planned, req.prior_state, req.config, "tags");
  const bool identity_known = planned.attr("model").is_known() && planned.attr("version").is_known();
  planned = planned.with_attr("id", identity_known ? Value::string(planned.attr("model").as_string() + "/" +
                                                                   planned.attr("version").as_string())
                                                   : Value::unknown(Type::string()));
  if (planned.is_wholly_known() || (identity_known && planned.attr("metrics").is_wholly_known())) {
    overlay_.plan_model_version(record_of(planned));
  }
  // Terraform plans a replacement a second time as a create (prior state null), passing on the
  // private data of the first plan: the record on disk is then the one being replaced.
  constexpr const char* kReplacing = "replacing";
  if (req.prior_state.is_null()) {
    if (identity_known && req.prior_private != kReplacing) {
      const std::string path = layout::registry_file(planned.attr("model").as_string(), planned.attr("version").as_string());
      const std::string key = "appofapps_model_version/" + planned.attr("id").as_string();
      auto exists = [&] { return ctx->store->read(path).has_value(); };
      if (exists()) res.planned_private = kReplacing;  // taint: this workspace's own record
      if (!create_may_take_over(overlay_, key, req.prior_private, exists)) {
        res.diagnostics.error("Model version already registered",
                              "The repository already has " + path + ". A record is evidence and is not "
                              "overwritten: import it with `terraform import <address> " +
                                  planned.attr("id").as_string() + "`, or register another version.",
                              AttributePath::root("version"));
        return res;
      }
    }
    planned = planned.with_attr("commit", Value::unknown(Type::string()));
  } else {
    planned = plan_commit(req.prior_state, planned);
    res.requires_replace = evidence_changes(req.prior_state, planned);
    if (!res.requires_replace.empty()) res.planned_private = kReplacing;
  }
  res.planned_state = planned;
  return res;
}

schema::ApplyResponse ModelVersionResource::apply(const schema::ApplyRequest& req) const {
  schema::ApplyResponse res;
  res.new_state = req.prior_state;
  if (refuse_when_stopping(stop_, res)) return res;
  auto ctx = context_.get();
  gitops::CommitRequest commit;
  try {
    if (req.planned_state.is_null()) {
      const std::string model = req.prior_state.attr("model").as_string(), version = req.prior_state.attr("version").as_string();
      commit.changes.push_back({layout::registry_file(model, version), std::nullopt});
      commit.message = commit_message(*ctx, "Delete", model, version);
      ctx->store->commit(commit);
      res.new_state = Value::null(schema_.block.implied_type());
      return res;
    }
    registry::ModelVersionRecord r = record_of(req.planned_state);
    commit.changes.push_back({layout::registry_file(r.model, r.version), registry::render_model_version(r)});
    commit.message = commit_message(*ctx, req.prior_state.is_null() ? "Register" : "Update tags of", r.model, r.version);
    gitops::CommitResult result = ctx->store->commit(commit);
    Value state = req.planned_state;
    if (!state.attr("commit").is_known()) state = state.with_attr("commit", Value::string(result.commit_id));
    res.new_state = state;
    log::info("model version written", {{"model", r.model}, {"version", r.version}});
  } catch (const std::exception& e) {
    res.diagnostics.error("Could not write model version", e.what());
  }
  return res;
}

schema::ReadResponse ModelVersionResource::read(const schema::ReadRequest& req) const {
  schema::ReadResponse res;
  res.new_state = req.current_state;
  res.private_data = req.private_data;
  if (req.current_state.is_null()) return res;
  auto ctx = context_.get();
  Value state = req.current_state;
  const std::string model = state.attr("model").as_string(), version = state.attr("version").as_string();
  overlay_.note_in_state("appofapps_model_version/" + state.attr("id").as_string());
  auto text = ctx->store->read(layout::registry_file(model, version));
  if (!text) {
    res.new_state = Value::null(schema_.block.implied_type());
    return res;
  }
  registry::ModelVersionRecord r;
  try {
    r = registry::parse_model_version(*text);
  } catch (const std::exception& e) {
    log::warn("registry record unreadable", {{"model", model}, {"version", version}, {"error", e.what()}});
    res.new_state = state.with_attr("commit", Value::string(""));
    return res;
  }
  state = with_record(state, r);
  state = state.with_attr("id", Value::string(model + "/" + version));
  if (state.attr("commit").is_null()) state = state.with_attr("commit", Value::string(ctx->store->tip()));
  res.new_state = state;
  return res;
}

schema::ImportResponse ModelVersionResource::import_state(const std::string& id) const {
  schema::ImportResponse res;
  const auto slash = id.find('/');
  const std::string model = slash == std::string::npos ? "" : id.substr(0, slash);
  const std::string version = slash == std::string::npos ? "" : id.substr(slash + 1);
  if (slash == std::string::npos || !registry::validate_model_name(model).empty() ||
      !registry::validate_version(version).empty()) {
    res.diagnostics.error("Invalid import ID", "Import an appofapps_model_version as <model>/<version>, e.g. "
                                               "`terraform import appofapps_model_version.fraud_7 fraud/7`; got \"" +
                                                   id + "\".");
    return res;
  }
  // Empty metrics and tags, not null: Read keeps them empty when the record has none, so `{}` and
  // leaving the argument out both plan no change after the import.
  res.state = Value::object(schema_.block.implied_type(), {{"model", Value::string(model)},
                                                           {"version", Value::string(version)},
                                                           {"metrics", Value::map(Type::number(), {})},
                                                           {"tags", string_map_value({})},
                                                           {"id", Value::string(id)}});
  return res;
}

}  // namespace aoa::provider
