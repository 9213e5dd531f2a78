// Definitions of the out-of-line date/tz functions this project uses, for the OS tz database
// (USE_OS_TZDB=1, /usr/share/zoneinfo or $TZDIR), backed by absl::TimeZone (cctz), which reads
// the same TZif files. Contract, as in date/tz.h:
//   * date::get_tzdb().zones: every zone file under the zoneinfo directory, sorted by name;
//   * date::locate_zone(name): not provided (it throws for an unknown name); the project calls
//     aoa::date_tz::find_zone (find_zone.h), which returns nullptr instead;
//   * time_zone::get_info(sys): the period containing the instant (begin, end, offset, save,
//     abbrev); get_info(local): unique, nonexistent (in a gap) or ambiguous (in an overlap), with
//     `first` the period before and `second` the period after the transition.
// Anything else from tz.cpp (current_zone, reload_tzdb, leap seconds, formatting of zoned times
// through streams) is not provided: a new use fails at link time, not at run time.
#include <absl/time/time.h>
#include <date/tz.h>
#include <date/tz_private.h>

#include "internal/date_tz/find_zone.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace date {
namespace {
namespace fs = std::filesystem;

std::string zoneinfo_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

bool is_tzif(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

// Names of the zone files, relative to the zoneinfo directory; the posix/ and right/ copies,
// "posixrules" and "Factory" are left out, as date/tz does.
std::vector<std::string> zone_names(const fs::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().lexically_relative(root).string();
    if (it->is_directory()) {
      if (name == "posix" || name == "right") it.disable_recursion_pending();
      continue;
    }
    if (name == "posixrules" || name == "Factory" || name.find('.') != std::string::npos || !is_tzif(it->path())) {
      continue;
    }
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Zones exist only for TZif files listed at start, which cctz reads. A file that became unreadable
// since is a broken host, not an input error: date/tz's get_info has no error channel, so this
// throws and the protocol layer reports it.
absl::TimeZone load(const std::string& name) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(name, &tz)) throw std::runtime_error(name + " not found in timezone database");
  return tz;
}

sys_seconds from_absl(absl::Time t) { return sys_seconds{std::chrono::seconds{absl::ToUnixSeconds(t)}}; }
absl::Time to_absl(sys_seconds t) { return absl::FromUnixSeconds(t.time_since_epoch().count()); }

// The UTC instant of a civil time read with the given UTC offset.
sys_seconds instant(const absl::CivilSecond& cs, std::chrono::seconds offset) {
  return from_absl(absl::FromCivil(cs, absl::UTCTimeZone())) - offset;
}

constexpr sys_seconds kBigBang{sys_days{year::min() / January / 1}};
constexpr sys_seconds kBigCrunch{sys_days{year::max() / December / 31}};

sys_info period_at(const absl::TimeZone& tz, sys_seconds t) {
  const absl::TimeZone::CivilInfo ci = tz.At(to_absl(t));
  sys_info info;
  info.offset = std::chrono::seconds{ci.offset};
  info.save = ci.is_dst ? std::chrono::minutes{60} : std::chrono::minutes{0};
  info.abbrev = ci.zone_abbr;
  absl::TimeZone::CivilTransition tr;
  // The period began at the last transition at or before t: look from just after t.
  info.begin = tz.PrevTransition(to_absl(t + std::chrono::seconds{1}), &tr) ? instant(tr.to, info.offset) : kBigBang;
  info.end = tz.NextTransition(to_absl(t), &tr) ? instant(tr.from, info.offset) : kBigCrunch;
  return info;
}

const tzdb& the_tzdb() {
  static const tzdb* db = [] {
    auto* d = new tzdb;  // lives for the process, like date/tz's list
    d->version = "os";
    for (const std::string& name : zone_names(zoneinfo_dir())) d->zones.emplace_back(name, detail::undocumented{});
    return d;
  }();
  return *db;
}

}  // namespace

time_zone::time_zone(const std::string& s, detail::undocumented) : name_(s), adjusted_(new std::once_flag{}) {}

sys_info time_zone::get_info_impl(sys_seconds tp) const { return period_at(load(name_), tp); }

local_info time_zone::get_info_impl(local_seconds tp) const {
  const absl::TimeZone tz = load(name_);
  const auto civil = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + tp.time_since_epoch().count();
  const absl::TimeZone::TimeInfo ti = tz.At(civil);
  local_info r{};
  if (ti.kind == absl::TimeZone::TimeInfo::UNIQUE) {
    r.result = local_info::unique;
    r.first = period_at(tz, from_absl(ti.pre));
    return r;
  }
  r.result = ti.kind == absl::TimeZone::TimeInfo::SKIPPED ? local_info::nonexistent : local_info::ambiguous;
  const sys_seconds transition = from_absl(ti.trans);
  r.first = period_at(tz, transition - std::chrono::seconds{1});
  r.second = period_at(tz, transition);
  return r;
}

const tzdb& get_tzdb() { return the_tzdb(); }

}  // namespace date

namespace aoa::date_tz {

const date::time_zone* find_zone(std::string_view name) {
  const date::tzdb& db = date::get_tzdb();
  auto it = std::lower_bound(db.zones.begin(), db.zones.end(), name,
                             [](const date::time_zone& z, std::string_view n) { return z.name() < n; });
  return it == db.zones.end() || it->name() != name ? nullptr : &*it;
}

}  // namespace aoa::date_tz
