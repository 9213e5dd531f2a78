#include <sys/random.h>

#include <cerrno>

#include "internal/promotion/audit.h"
#include "internal/promotion/audit_id.h"
#include "internal/promotion/audit_time.h"
#include "internal/render/k8s_names.h"

namespace aoa::promotion {

bool detail::is_valid_audit_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string audit_path(std::string_view root, std::string_view time, std::string_view id) {
  if (!render::is_dns1123_label(root)) {
    throw AuditError("root", "\"" + std::string(root.substr(0, 80)) +
                                 "\" is not a DNS-1123 label (lower-case a-z, 0-9, '-', max 63)");
  }
  const auto compact = compact_audit_time(time);
  if (!compact) {
    throw AuditError("time", "\"" + std::string(time.substr(0, 80)) +
                                 "\" is not an RFC 3339 UTC time such as 2026-11-23T19:15:02Z");
  }
  if (!detail::is_valid_audit_id(id)) {
    throw AuditError("id", "\"" + std::string(id.substr(0, 80)) + "\" is not 1 to 64 letters, digits, '-' or '_'");
  }
  return "audit/" + std::string(root) + "/" + *compact + "-" + std::string(id) + ".json";
}

std::string new_audit_id() {
  // The kernel's CSPRNG (getrandom): OpenSSL's RAND_bytes would keep a per-thread generator in the
  // gRPC worker thread that applies, which LeakSanitizer reports when the provider exits.
  unsigned char bytes[8];
  ssize_t got = -1;
  do {
    got = getrandom(bytes, sizeof bytes, 0);
  } while (got < 0 && errno == EINTR);
  if (got != static_cast<ssize_t>(sizeof bytes)) throw std::runtime_error("new_audit_id: getrandom failed");
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xF]);
  }
  return id;
}

}  // namespace aoa::promotion
