// Fuzzes the parser of model-version records (registry/<model>/<version>.yaml, edited by hand in
// a Git repository). Whatever parses must name a registry file and render and parse back to the
// same record.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/gitops/repo_layout.h"
#include "internal/registry/model_version.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const aoa::Result<aoa::registry::ModelVersionRecord> parsed = aoa::registry::parse_model_version(text);
  if (!parsed.ok()) {
    if (parsed.status().message().rfind("model version record: ", 0) != 0) std::abort();
    return 0;
  }
  const aoa::registry::ModelVersionRecord& record = *parsed;
  // The names were checked: each is one path part of registry/<model>/<version>.yaml.
  if (!aoa::gitops::layout::valid_part(record.model) || !aoa::gitops::layout::valid_part(record.version)) std::abort();
  const aoa::Result<std::string> rendered = aoa::registry::render_model_version(record);
  if (!rendered.ok()) std::abort();
  const auto again = aoa::registry::parse_model_version(*rendered);
  if (!again.ok() || !(*again == record)) std::abort();
  return 0;
}
