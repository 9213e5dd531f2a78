// Fuzzes the parser of root Application files (they come from a Git repository people edit by
// hand). It returns a Status and never throws; whatever parses must render and parse back to the
// same spec.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/render/root_application.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const aoa::Result<aoa::render::RootEnvironmentSpec> spec = aoa::render::parse_root_application(text);
  if (!spec.ok()) {
    if (spec.status().code() != aoa::StatusCode::kCorruption || spec.status().message().empty()) std::abort();
    return 0;
  }
  const aoa::Result<std::string> rendered = aoa::render::render_root_application(*spec);
  if (!rendered.ok()) return 0;  // parsed but not renderable (e.g. an invalid name edited in): validation's job
  const auto again = aoa::render::parse_root_application(*rendered);
  if (!again.ok() || !(*again == *spec)) std::abort();
  return 0;
}
