// Fuzzes the parser of audit records (audit/<root>/<time>-<id>.json, in a Git repository anyone
// with push access can edit). Whatever parses must render and parse back to the same record.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "internal/gitops/repo_layout.h"
#include "internal/promotion/audit.h"
#include "internal/promotion/audit_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const aoa::Result<aoa::promotion::AuditRecord> parsed = aoa::promotion::parse_audit_json(text);
  if (!parsed.ok()) {
    if (parsed.status().message().rfind("audit record: ", 0) != 0) std::abort();
    return 0;
  }
  const aoa::promotion::AuditRecord& record = *parsed;
  // Whatever parses can name its file (gitops::layout::audit_file): a stamp and an id that is one
  // path part. The root may be any text: the record is readable, the provider never writes it.
  if (!aoa::promotion::compact_audit_time(record.time) || !aoa::gitops::layout::valid_part(record.id)) std::abort();
  const auto again = aoa::promotion::parse_audit_json(aoa::promotion::render_audit_json(record));
  if (!again.ok() || !(*again == record)) std::abort();
  return 0;
}
