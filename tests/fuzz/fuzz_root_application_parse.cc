// Fuzzes the parser of root Application files (they come from a Git repository people edit by
// hand). Whatever parses must render and parse back to the same spec.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/render/root_application.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  aoa::render::RootEnvironmentSpec spec;
  try {
    spec = aoa::render::parse_root_application(text);
  } catch (const aoa::render::RenderError&) {
    return 0;
  }
  std::string rendered;
  try {
    rendered = aoa::render::render_root_application(spec);
  } catch (const aoa::render::RenderError&) {
    return 0;  // parsed but not renderable (e.g. an invalid name edited in): validation's job
  }
  if (!(aoa::render::parse_root_application(rendered) == spec)) std::abort();
  return 0;
}
