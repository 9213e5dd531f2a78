#include "provider/shared/local_cache.h"

#include <git2.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace aoa::provider {

namespace fs = std::filesystem;

namespace {

fs::path cache_root() {
  if (const char* d = std::getenv("AOA_CACHE_DIR"); d && *d) return fs::path(d);
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "terraform-provider-appofapps";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".cache/terraform-provider-appofapps";
}

}  // namespace

fs::path local_cache_file(const std::string& kind, const std::string& key) {
  git_oid oid;
  git_odb_hash(&oid, key.data(), key.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return cache_root() / kind / (std::string(hex) + ".json");
}

bool write_cache_file(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    out << text;
    if (!out) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

std::string read_cache_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace aoa::provider
