#include "internal/schedule/time_zone.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <unicode/timezone.h>
#include <unicode/uversion.h>

#include "internal/date_tz/find_zone.h"
#include "internal/schedule/quoted.h"

namespace aoa::schedule {
namespace {

constexpr size_t kMaxNameLength = 128;
constexpr std::string_view kExample = "use an IANA name such as \"Europe/Berlin\" or \"UTC\"";

// Entries of /usr/share/zoneinfo that are not zones users should name.
bool is_excluded(std::string_view name) {
  return name == "localtime" || name == "posixrules" || name == "Factory";
}

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Edit distance (case-insensitive) up to `limit`; limit + 1 when larger. Small inputs only.
size_t distance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

// The zone name closest to `name` (at most 2 edits, case ignored), or "".
std::string suggestion(std::string_view name) {
  std::string best;
  size_t best_distance = 3;
  for (const auto& zone : date::get_tzdb().zones) {
    if (is_excluded(zone.name())) continue;
    const size_t d = distance(name, zone.name(), best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = zone.name();
    }
  }
  return best;
}

Status unknown(std::string_view iana) {
  std::string message = "unknown time zone " + quoted(iana);
  if (iana.size() <= kMaxNameLength) {
    if (const std::string close = suggestion(iana); !close.empty()) {
      return Status::not_found(message + "; did you mean " + quoted(close) + "? Names are case-sensitive",
                               "time_zone");
    }
  }
  return Status::not_found(message + "; " + std::string(kExample), "time_zone");
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

Result<const date::time_zone*> locate_zone(std::string_view iana) {
  if (iana.empty()) {
    return Status::invalid_argument("time_zone must not be empty; " + std::string(kExample), "time_zone");
  }
  if (is_excluded(iana) || iana.size() > kMaxNameLength) return unknown(iana);
  const date::time_zone* zone = date_tz::find_zone(iana);
  if (zone == nullptr) return unknown(iana);
  return zone;
}

Result<std::string> windows_zone(std::string_view iana) {
  AOA_ASSIGN_OR_RETURN(const date::time_zone* zone, locate_zone(iana));
  const icu::UnicodeString name = icu::UnicodeString::fromUTF8(zone->name());
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString canonical;
  UBool is_system = false;
  icu::TimeZone::getCanonicalID(name, canonical, is_system, status);
  if (U_FAILURE(status) || !is_system) {
    status = U_ZERO_ERROR;
    const char* data_version = icu::TimeZone::getTZDataVersion(status);
    return Status::invalid_argument(quoted(iana) + " has no Windows time zone equivalent in the ICU " +
                                        U_ICU_VERSION + " data (tz " + (U_SUCCESS(status) ? data_version : "?") +
                                        "), which Azure ML requires",
                                    "time_zone");
  }
  icu::UnicodeString windows;
  status = U_ZERO_ERROR;
  icu::TimeZone::getWindowsID(canonical, windows, status);
  if (U_FAILURE(status) || windows.isEmpty()) {
    return Status::invalid_argument(quoted(iana) + " has no Windows time zone equivalent, which Azure ML requires",
                                    "time_zone");
  }
  return to_utf8(windows);
}

}  // namespace aoa::schedule
