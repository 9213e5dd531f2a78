// A model-version record of the embedded registry: the file registry/<model>/<version>.yaml that
// appofapps_model_version writes and promotion gates read.
//
//   apiVersion: appofapps.io/v1
//   kind: ModelVersion
//   model: fraud
//   version: "12"
//   artifact_uri: azureml://registries/ml/models/fraud/versions/12
//   metrics:                   # exact decimals, written as YAML numbers, keys sorted
//     auc: 0.912
//     latency_p95_ms: 74
//   lineage:
//     run_id: ...
//     data_version: ...
//     code_commit: ...
//   tags: {team: risk}
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "internal/status/status.h"
#include "schema/number.h"

namespace aoa::registry {

inline constexpr std::string_view kApiVersion = "appofapps.io/v1";
inline constexpr std::string_view kModelVersionKind = "ModelVersion";

struct Lineage {
  std::string run_id, data_version, code_commit;
  bool operator==(const Lineage&) const = default;
};

struct ModelVersionRecord {
  std::string model, version, artifact_uri;
  std::map<std::string, cty::Number> metrics;  // metric name -> exact value
  Lineage lineage;
  std::map<std::string, std::string> tags;
  bool operator==(const ModelVersionRecord&) const = default;
};

// Errors of this file are Statuses whose field is the path of the offending field in the record
// ("metrics.auc", "lineage.run_id"; empty for the whole document) and whose message reads
// "model version record: <field>: <problem>".

// Deterministic YAML (same record -> same bytes), ending with '\n'. Invalid argument naming the
// field when the record could not be read back (invalid model, version or metric name).
Result<std::string> render_model_version(const ModelVersionRecord& record);

// Parses a record. The file lives in a Git repository people edit by hand, so anything may come
// in: corruption naming the offending field for text that is not UTF-8, not exactly one
// YAML mapping, has a wrong apiVersion/kind, invalid names, a metric that is not a plain decimal
// number (a quoted "0.9" is a string, not a number; .inf/.nan/0x10 are not decimals), a
// repeated metric, or a key this format does not define (the apiVersion versions the format,
// so a typo like "metircs" is an error rather than silently dropped metrics).
// Never crashes or hangs. parse_model_version(render_model_version(r)) == r.
Result<ModelVersionRecord> parse_model_version(std::string_view yaml_text);

}  // namespace aoa::registry
