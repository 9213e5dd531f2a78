#include "internal/gitops/memory_store.h"

#include <cstdint>
#include <map>
#include <mutex>

namespace aoa::gitops {
namespace {

using Files = std::map<std::string, std::string>;  // full path (subpath included) -> content

struct Commit {
  std::string id, message;
};

struct Branch {
  Files files;                  // the tree at the tip
  std::vector<Commit> commits;  // oldest first
};

// FNV-1a, 64 bits.
uint64_t fnv1a(uint64_t seed, const std::string& text) {
  uint64_t h = seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string fake_commit_id(uint64_t number, const std::string& parent, const std::string& message) {
  static const char kHex[] = "0123456789abcdef";
  const std::string text = std::to_string(number) + '\n' + parent + '\n' + message;
  std::string id;
  for (uint64_t seed = 0xcbf29ce484222325ULL; id.size() < 40; seed += 0x9e3779b97f4a7c15ULL) {
    uint64_t h = fnv1a(seed, text);
    for (int i = 0; i < 16 && id.size() < 40; ++i, h >>= 4) id.push_back(kHex[h & 0xF]);
  }
  return id;
}

// A 40-hex id of `text`: equal texts, equal ids (not Git's blob id; MemoryStore needs no Git).
std::string content_id(const std::string& text) { return fake_commit_id(0, "", text); }

// Parents of `path`: "a/b/c" -> "a", "a/b".
std::vector<std::string> ancestors(const std::string& path) {
  std::vector<std::string> out;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
    out.push_back(path.substr(0, slash));
  return out;
}

bool is_directory(const Files& files, const std::string& path) {
  auto it = files.lower_bound(path + "/");
  return it != files.end() && it->first.starts_with(path + "/");
}

// The changes of one request, last change of a path winning; throws when a path is both a file
// and a directory in it.
std::map<std::string, std::optional<std::string>> change_set(const CommitRequest& request, const std::string& prefix) {
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& ch : request.changes) out[prefix + ch.path] = ch.content;
  for (const auto& [path, _] : out)
    for (const auto& dir : ancestors(path))
      if (out.count(dir))
        throw StoreError("conflicting changes: \"" + dir + "\" is both a file and a directory in one commit");
  return out;
}

// `files` with the changes applied, with GitStore's rules for files and directories: a write
// below a file or onto a directory is an error, a delete below a file is no change.
Files apply_changes(Files files, const std::map<std::string, std::optional<std::string>>& changes) {
  for (const auto& [path, content] : changes) {
    if (is_directory(files, path))
      throw StoreError("cannot " + std::string(content ? "write" : "delete") + " \"" + path +
                       "\": it is a directory in the repository");
    bool below_file = false;
    for (const auto& dir : ancestors(path))
      if (files.count(dir)) {
        if (content) throw StoreError("cannot write below \"" + dir + "\": it is a file in the repository");
        below_file = true;
      }
    if (content) {
      files[path] = *content;
    } else if (!below_file) {
      files.erase(path);
    }
  }
  return files;
}

}  // namespace

struct MemoryRepository::Data {
  std::mutex mu;
  std::map<std::string, Branch> branches;
  uint64_t commits = 0;  // in all branches: part of every id, so ids never repeat
};

MemoryRepository::MemoryRepository() : data_(std::make_unique<Data>()) {}
MemoryRepository::~MemoryRepository() = default;

MemoryStore::MemoryStore(StoreConfig config) : MemoryStore(std::move(config), std::make_shared<MemoryRepository>()) {}

MemoryStore::MemoryStore(StoreConfig config, std::shared_ptr<MemoryRepository> repository)
    : config_(std::move(config)), prefix_(subpath_prefix(config_)), repository_(std::move(repository)) {
  config_error_ = config_.branch.empty() ? "branch name is empty" : subpath_problem(config_);
}

void MemoryStore::require_valid() const {
  if (!config_error_.empty()) throw StoreError(config_error_);
}

const StoreConfig& MemoryStore::config() const { return config_; }

bool MemoryStore::exists() const { return !tip().empty(); }

std::string MemoryStore::tip() const {
  require_valid();
  MemoryRepository::Data& d = *repository_->data_;
  std::lock_guard<std::mutex> lock(d.mu);
  auto it = d.branches.find(config_.branch);
  return it == d.branches.end() || it->second.commits.empty() ? "" : it->second.commits.back().id;
}

std::optional<std::string> MemoryStore::read(const std::string& path) const {
  require_valid();
  validate_path(path);
  MemoryRepository::Data& d = *repository_->data_;
  std::lock_guard<std::mutex> lock(d.mu);
  auto branch = d.branches.find(config_.branch);
  if (branch == d.branches.end()) return std::nullopt;
  auto it = branch->second.files.find(prefix_ + path);
  if (it == branch->second.files.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> MemoryStore::list(const std::string& dir) const {
  std::vector<std::string> out;
  for (auto& e : list_entries(dir)) out.push_back(std::move(e.name));
  return out;
}

std::vector<Store::Entry> MemoryStore::list_entries(const std::string& dir) const {
  std::vector<Entry> out;
  for (const auto& [path, content] : files_below(dir)) {
    const std::string name = dir.empty() ? path : path.substr(dir.size() + 1);
    if (name.find('/') == std::string::npos) out.push_back({name, content_id(content)});
  }
  return out;
}

std::string MemoryStore::tree_id(const std::string& dir) const {
  std::string listing;
  for (const auto& [path, content] : files_below(dir)) listing += path + '\0' + content_id(content) + '\n';
  return listing.empty() ? "" : content_id(listing);
}

std::optional<std::string> MemoryStore::read_content(const std::string& id) const {
  for (const auto& [_, content] : files_below(""))
    if (content_id(content) == id) return content;
  return std::nullopt;
}

std::vector<std::string> MemoryStore::list_recursive(const std::string& dir) const {
  std::vector<std::string> out;
  for (auto& [path, _] : files_below(dir)) out.push_back(path);
  return out;
}

std::map<std::string, std::string> MemoryStore::files_below(const std::string& dir) const {
  require_valid();
  if (!dir.empty()) validate_path(dir);
  const std::string below = prefix_ + (dir.empty() ? "" : dir + "/");
  std::map<std::string, std::string> out;
  MemoryRepository::Data& d = *repository_->data_;
  std::lock_guard<std::mutex> lock(d.mu);
  auto branch = d.branches.find(config_.branch);
  if (branch == d.branches.end()) return out;
  const Files& files = branch->second.files;
  for (auto it = files.lower_bound(below); it != files.end() && it->first.starts_with(below); ++it)
    out.emplace(it->first.substr(prefix_.size()), it->second);
  return out;
}

CommitResult MemoryStore::commit(const CommitRequest& request) {
  require_valid();
  for (const auto& ch : request.changes) validate_path(ch.path);
  const auto changes = change_set(request, prefix_);
  MemoryRepository::Data& d = *repository_->data_;
  std::lock_guard<std::mutex> lock(d.mu);
  Branch& branch = d.branches[config_.branch];
  const std::string tip = branch.commits.empty() ? "" : branch.commits.back().id;
  Files files = apply_changes(branch.files, changes);
  if (files == branch.files) return CommitResult{tip, false};  // also: nothing to create on a new branch
  branch.commits.push_back({fake_commit_id(++d.commits, tip, request.message), request.message});
  branch.files = std::move(files);
  return CommitResult{branch.commits.back().id, true};
}

std::vector<std::string> MemoryStore::log() const {
  require_valid();
  MemoryRepository::Data& d = *repository_->data_;
  std::lock_guard<std::mutex> lock(d.mu);
  std::vector<std::string> out;
  auto branch = d.branches.find(config_.branch);
  if (branch != d.branches.end())
    for (auto it = branch->second.commits.rbegin(); it != branch->second.commits.rend(); ++it)
      out.push_back(it->message);
  return out;
}

}  // namespace aoa::gitops
