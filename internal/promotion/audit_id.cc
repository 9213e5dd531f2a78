#include <sys/random.h>

#include <cerrno>

#include "internal/promotion/audit.h"
#include "internal/promotion/audit_id.h"

namespace aoa::promotion {

bool detail::is_valid_audit_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> new_audit_id() {
  // The kernel's CSPRNG (getrandom): OpenSSL's RAND_bytes would keep a per-thread generator in the
  // gRPC worker thread that applies, which LeakSanitizer reports when the provider exits.
  unsigned char bytes[8];
  ssize_t got = -1;
  do {
    got = getrandom(bytes, sizeof bytes, 0);
  } while (got < 0 && errno == EINTR);
  if (got != static_cast<ssize_t>(sizeof bytes)) return Status::io_error("new_audit_id: getrandom failed");
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xF]);
  }
  return id;
}

}  // namespace aoa::promotion
