// The provider's folder for what it keeps between processes on this machine (never in the
// repository): $AOA_CACHE_DIR, else $XDG_CACHE_HOME/terraform-provider-appofapps, else
// ~/.cache/terraform-provider-appofapps. Everything in it is a cache: missing, stale or unreadable
// files only cost time.
#pragma once

#include <filesystem>
#include <string>

namespace aoa::provider {

// <cache root>/<kind>/<hex of key>.json: one file per key.
std::filesystem::path local_cache_file(const std::string& kind, const std::string& key);

// Writes `text` to `file` atomically (a temporary file renamed over it); false when the file
// system refuses (nothing is left half-written).
bool write_cache_file(const std::filesystem::path& file, const std::string& text);

// The content of `file`, or "" when it cannot be read.
std::string read_cache_file(const std::filesystem::path& file);

}  // namespace aoa::provider
