#include "provider/resources/model_version.h"
#include "provider/shared/schema_names.h"
#include "provider/shared/name_rules.h"

#include "internal/gitops/commit_message.h"
#include "internal/protocol/log.h"
#include "internal/registry/model_version.h"
#include "internal/registry/names.h"
#include "provider/shared/resource_helpers.h"

namespace aoa::provider {
namespace {

constexpr const char* kType = "appofapps_model_version";
const char* const kLineageFields[] = {"run_id", "data_version", "code_commit"};

schema::Rule artifact_uri_rule() {
  return schema::Rule::custom("Invalid artifact_uri", "not empty", [](const Value& v) {
    return v.as_string().empty() ? std::string("artifact_uri must not be empty: say where the model artifact lives.")
                                 : std::string();
  });
}

schema::Block lineage_block() {
  return BlockBuilder()
      .description("Where the version came from. The file always has the three fields; an unset field is "
                   "written as `\"\"`. A `lineage {}` block with no fields, a block whose fields are all `\"\"` "
                   "and no block at all are the same record. Changing the lineage replaces the record.")
      .attribute("run_id", Type::string())
      .optional()
      .description("The training run, for example an MLflow or Azure ML job id.")
      .attribute("data_version", Type::string())
      .optional()
      .description("The version of the training data.")
      .attribute("code_commit", Type::string())
      .optional()
      .description("The commit of the training code.")
      .build();
}

schema::Schema build_schema() {
  const schema::Block lineage = lineage_block();
  const char* kNameRule = "1 to 255 ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit, no `..`";
  schema::Schema s;
  s.block = BlockBuilder()
                .description("A model version in the embedded registry: `registry/<model>/<version>.yaml` with its "
                             "artifact, metrics and lineage. Promotion gates read its metrics. A record is "
                             "evidence: changing anything but `tags` replaces it.")
                .attribute("model", Type::string())
                .required()
                .requires_replace()
                .rule(check_rule("Invalid model", kNameRule, registry::validate_model_name))
                .description("The registered model name, the same as the app's `model.name`. Case-sensitive. "
                             "Changing it replaces the record.")
                .attribute("version", Type::string())
                .required()
                .requires_replace()
                .rule(check_rule("Invalid version", kNameRule, registry::validate_version))
                .description("The model version, for example `12` or `2026.11.1`. Changing it replaces the record.")
                .attribute("artifact_uri", Type::string())
                .max_bytes(4096)
                .required()
                .requires_replace()
                .rule(artifact_uri_rule())
                .description("Where the model artifact lives, for example `azureml://…` or `runs:/<run>/model`. "
                             "Changing it replaces the record.")
                .attribute("metrics", Type::map(Type::number()))
                .optional()
                .computed()
                .requires_replace()
                .default_value(Value::map(Type::number(), {}))
                .rule(check_rule("Invalid metric name",
                                "an MLflow metric name: 1 to 255 ASCII letters, digits, `_`, `-`, `.` "
                                "and `/`, starting with a letter",
                                registry::validate_metric_name, schema::Rule::Target::Keys))
                .description("Evaluation metrics, such as `{ auc = 0.93, latency_p95_ms = 71 }`. Values are kept as "
                             "exact decimals. Changing them replaces the record. Default: none (`{}` and leaving it "
                             "out mean the same).")
                .attribute("tags", Type::map(Type::string()))
                .optional()
                .computed()
                .default_value(Value::map(Type::string(), {}))
                .description("Free-form tags; the only argument that changes in place (removing it removes the "
                             "tags from the record). Default: none (`{}` and leaving it out mean the same).")
                .attribute("id", Type::string())
                .computed()
                .description("`<model>/<version>`.")
                .attribute("commit", Type::string())
                .computed()
                .description("The commit of the GitOps repository that last wrote the record. After an import, "
                             "the branch tip at import time.")
                // A group block is never null: `lineage {}` and no block at all are the same value.
                .block("lineage", Nesting::Group, lineage)
                .requires_replace()
                .build();
  return s;
}

std::string text_or_empty(const runtime::String& s) { return s.value_or(""); }

registry::ModelVersionRecord record_of(const ModelVersionModel& m) {
  registry::ModelVersionRecord r;
  r.model = m.model.get();
  r.version = m.version.get();
  r.artifact_uri = text_or_empty(m.artifact_uri);
  r.metrics = m.metrics.value_or({});
  const LineageModel lineage = m.lineage.value_or({});
  r.lineage.run_id = text_or_empty(lineage.run_id);
  r.lineage.data_version = text_or_empty(lineage.data_version);
  r.lineage.code_commit = text_or_empty(lineage.code_commit);
  r.tags = m.tags.value_or({});
  return r;
}

std::string commit_message(const ProviderContext& ctx, const std::string& action, const std::string& model,
                           const std::string& version) {
  return gitops::build_commit_message(
      action + " " + kType + " " + model + " " + version, "",
      {{"Appofapps-Resource", std::string(kType) + "/" + model + "/" + version},
       {"Appofapps-Actor", author_actor(ctx)}});
}

// `m` with what the record file says: a hand edit of the evidence shows as a replacement in the
// plan. Empty metrics and tags keep the state's spelling (null or `{}`); a lineage field the file
// leaves empty stays null unless the state had it.
ModelVersionModel with_record(ModelVersionModel m, const registry::ModelVersionRecord& r) {
  m.artifact_uri = r.artifact_uri;
  if (!r.metrics.empty() || !m.metrics.is_null()) m.metrics = r.metrics;
  if (!r.tags.empty() || !m.tags.is_null()) m.tags = r.tags;
  const LineageModel prior = m.lineage.value_or({});
  LineageModel l;
  auto keep = [](const std::string& v, const runtime::String& had) {
    return !v.empty() || !had.is_null() ? runtime::String(v) : runtime::String();
  };
  l.run_id = keep(r.lineage.run_id, prior.run_id);
  l.data_version = keep(r.lineage.data_version, prior.data_version);
  l.code_commit = keep(r.lineage.code_commit, prior.code_commit);
  m.lineage = l;
  return m;
}

}  // namespace

ModelVersionResource::ModelVersionResource(PlanOverlay& overlay) : overlay_(overlay), schema_(build_schema()) {}

const runtime::ResourceInfo& ModelVersionResource::info() const {
  static const runtime::ResourceInfo kInfo{kType, "model version", {{"model", "version"}, "fraud_7", "fraud/7"}};
  return kInfo;
}

std::optional<std::string> ModelVersionResource::id_of(const ModelVersionModel& m) const {
  if (!m.model.is_known() || !m.version.is_known()) return std::nullopt;
  return m.model.get() + "/" + m.version.get();
}

// What an evidence attribute means in the record: a null and an empty `metrics` are no metrics; an
// absent, empty or all-empty `lineage` is no lineage (record_of writes an empty field as absent).
bool ModelVersionResource::same_meaning(const std::string& attribute, const Value& prior, const Value& planned) const {
  if (!planned.is_wholly_known()) return false;
  auto meaning = [&](const Value& v) -> Value {
    if (attribute == "metrics" && runtime::null_or_empty(v)) return Value::map(Type::number(), {});
    if (attribute != "lineage") return v;
    std::map<std::string, Value> fields;
    for (const char* f : kLineageFields)
      if (!v.is_null() && !v.attr(f).is_null() && !v.attr(f).as_string().empty()) fields[f] = v.attr(f);
    return Value::object(std::move(fields));
  };
  return meaning(prior) == meaning(planned);
}

void ModelVersionResource::modify_plan(runtime::PlanStep<ModelVersionModel>& step) const {
  ModelVersionModel& planned = step.planned;
  const auto id = id_of(planned);
  planned.id = id ? runtime::String(*id) : runtime::String::unknown();
  if (id && !planned.metrics.is_unknown()) overlay_.plan_model_version(record_of(planned));
}

std::optional<runtime::Existing> ModelVersionResource::existing(const ModelVersionModel& planned,
                                                                const ProviderContext& ctx) const {
  const auto id = id_of(planned);
  if (!id) return std::nullopt;
  const std::string path = layout::registry_file(planned.model.get(), planned.version.get());
  return runtime::Existing{std::string(kType) + "/" + *id, [&ctx, path] { return ctx.store->read(path).has_value(); },
                           "Model version already registered",
                           "The repository already has " + path + ". A record is evidence and is not "
                           "overwritten: import it with `terraform import <address> " + *id +
                               "`, or register another version.",
                           schema::AttributePath::root("version")};
}

ModelVersionModel ModelVersionResource::write(const ModelVersionModel& planned, const std::string& action,
                                              runtime::ApplyStep& step) const {
  const registry::ModelVersionRecord r = record_of(planned);
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::registry_file(r.model, r.version), value_or_throw(registry::render_model_version(r))});
  commit.message = commit_message(step.ctx(), action, r.model, r.version);
  step.commit(commit);
  log::info("model version written", {{"model", r.model}, {"version", r.version}});
  return planned;
}

ModelVersionModel ModelVersionResource::create(const ModelVersionModel& planned, runtime::ApplyStep& step) const {
  return write(planned, "Register", step);
}

ModelVersionModel ModelVersionResource::update(const ModelVersionModel&, const ModelVersionModel& planned,
                                               runtime::ApplyStep& step) const {
  return write(planned, "Update tags of", step);
}

void ModelVersionResource::destroy(const ModelVersionModel& prior, runtime::ApplyStep& step) const {
  const std::string& model = prior.model.get();
  const std::string& version = prior.version.get();
  gitops::CommitRequest commit;
  commit.changes.push_back({layout::registry_file(model, version), std::nullopt});
  commit.message = commit_message(step.ctx(), "Delete", model, version);
  step.commit(commit);
}

std::optional<ModelVersionModel> ModelVersionResource::read(const ModelVersionModel& current,
                                                            runtime::ReadStep& step) const {
  const std::string& model = current.model.get();
  const std::string& version = current.version.get();
  auto text = step.ctx.store->read(layout::registry_file(model, version));
  if (!text) return std::nullopt;
  ModelVersionModel m = current;
  const Result<registry::ModelVersionRecord> record = registry::parse_model_version(*text);
  if (!record.ok()) {
    log::warn("registry record unreadable",
              {{"model", model}, {"version", version}, {"error", record.status().message()}});
    m.commit = std::string();  // forces an update that writes the record again
    return m;
  }
  m = with_record(m, *record);
  m.id = model + "/" + version;
  return m;
}

std::shared_ptr<schema::Resource> make_model_version_resource(const runtime::Services& services) {
  return std::make_shared<runtime::Lifecycle<ModelVersionResource>>(
      std::make_shared<const ModelVersionResource>(services.overlay), services);
}

}  // namespace aoa::provider
