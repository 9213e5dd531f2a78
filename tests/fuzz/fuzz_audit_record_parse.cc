// Fuzzes the parser of audit records (audit/<root>/<time>-<id>.json, in a Git repository anyone
// with push access can edit). Whatever parses must render and parse back to the same record.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/promotion/audit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  aoa::promotion::AuditRecord record;
  try {
    record = aoa::promotion::parse_audit_json(text);
  } catch (const aoa::promotion::AuditError&) {
    return 0;
  }
  try {
    (void)aoa::promotion::audit_path(record.root, record.time, record.id);
  } catch (const aoa::promotion::AuditError&) {
    // a root that is not a DNS label: the path refuses it, the record itself is readable
  }
  if (!(aoa::promotion::parse_audit_json(aoa::promotion::render_audit_json(record)) == record)) std::abort();
  return 0;
}
