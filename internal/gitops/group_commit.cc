#include "internal/gitops/group_commit.h"

#include <git2.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <unordered_map>

#include "internal/gitops/commit_message.h"

namespace aoa::gitops {
namespace {

// Git's blob id of `text` (hashing only; nothing is written): a staged file gets the id it will
// have once committed to a GitStore, so what a caller parsed under it stays valid.
std::string blob_id(const std::string& text) {
  git_oid oid;
  git_odb_hash(&oid, text.data(), text.size(), GIT_OBJECT_BLOB);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

bool below(const std::string& path, const std::string& dir) { return dir.empty() || path.starts_with(dir + "/"); }

std::string name_in(const std::string& path, const std::string& dir) {
  return dir.empty() ? path : path.substr(dir.size() + 1);
}

}  // namespace

class GroupCommitStore::Ticket {
 public:
  CommitRequest request;
  bool done = false;
  std::optional<CommitResult> result;
  std::string error;
};

struct GroupCommitStore::Impl {
  std::unique_ptr<Store> inner;
  mutable std::mutex mu;
  std::condition_variable flushed;
  std::vector<std::shared_ptr<Ticket>> staged;  // in staging order; a running flush carries a prefix
  bool flush_running = false;
  // The latest staged change of every path (nullopt = deleted), and the staged contents by id.
  std::map<std::string, std::optional<std::string>> overlay;
  std::unordered_map<std::string, std::string> contents;

  void rebuild_overlay() {
    overlay.clear();
    contents.clear();
    for (const auto& t : staged)
      for (const auto& ch : t->request.changes) {
        overlay[ch.path] = ch.content;
        if (ch.content) contents.emplace(blob_id(*ch.content), *ch.content);
      }
  }

  // Staged changes below dir (recursively), under `mu`.
  std::vector<std::pair<std::string, std::optional<std::string>>> overlay_below(const std::string& dir) const {
    std::vector<std::pair<std::string, std::optional<std::string>>> out;
    auto it = dir.empty() ? overlay.begin() : overlay.lower_bound(dir + "/");
    for (; it != overlay.end() && below(it->first, dir); ++it) out.push_back(*it);
    return out;
  }

  // Flushes every staged change as one commit; called with `lock` held, returns with it held.
  void flush(std::unique_lock<std::mutex>& lock) {
    flush_running = true;
    const std::vector<std::shared_ptr<Ticket>> batch = staged;
    CommitRequest combined;
    std::vector<std::string> messages;
    for (const auto& t : batch) {
      combined.changes.insert(combined.changes.end(), t->request.changes.begin(), t->request.changes.end());
      messages.push_back(t->request.message);
    }
    combined.message = messages.size() == 1 ? messages.front() : combine_commit_messages(messages);
    lock.unlock();
    std::optional<CommitResult> result;
    std::string error;
    try {
      result = inner->commit(combined);
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    if (result) {
      for (const auto& t : batch) {
        t->done = true;
        t->result = result;
      }
      staged.erase(staged.begin(), staged.begin() + static_cast<std::ptrdiff_t>(batch.size()));
    } else {
      // Changes staged during the flush may build on the failed ones: none of them is kept.
      for (size_t i = 0; i < staged.size(); ++i) {
        staged[i]->done = true;
        staged[i]->error = i < batch.size() ? error
                                            : "not committed: it was computed on top of a change whose commit "
                                              "failed (" + error + ")";
      }
      staged.clear();
    }
    rebuild_overlay();
    flush_running = false;
    flushed.notify_all();
  }
};

GroupCommitStore::GroupCommitStore(std::unique_ptr<Store> inner) : impl_(std::make_unique<Impl>()) {
  git_libgit2_init();
  impl_->inner = std::move(inner);
}

GroupCommitStore::~GroupCommitStore() { git_libgit2_shutdown(); }

const Store& GroupCommitStore::inner() const { return *impl_->inner; }

std::shared_ptr<GroupCommitStore::Ticket> GroupCommitStore::stage(const CommitRequest& request) {
  for (const auto& ch : request.changes) validate_path(ch.path);
  auto ticket = std::make_shared<Ticket>();
  ticket->request = request;
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->staged.push_back(ticket);
  for (const auto& ch : request.changes) {
    impl_->overlay[ch.path] = ch.content;
    if (ch.content) impl_->contents.emplace(blob_id(*ch.content), *ch.content);
  }
  return ticket;
}

CommitResult GroupCommitStore::wait(const std::shared_ptr<Ticket>& ticket) {
  std::unique_lock<std::mutex> lock(impl_->mu);
  while (!ticket->done) {
    if (!impl_->flush_running)
      impl_->flush(lock);
    else
      impl_->flushed.wait(lock);
  }
  if (!ticket->error.empty()) throw StoreError(ticket->error);
  return *ticket->result;
}

CommitResult GroupCommitStore::commit(const CommitRequest& request) { return wait(stage(request)); }

const StoreConfig& GroupCommitStore::config() const { return impl_->inner->config(); }
bool GroupCommitStore::exists() const { return impl_->inner->exists(); }
std::string GroupCommitStore::tip() const { return impl_->inner->tip(); }
std::string GroupCommitStore::last_worktree_error() const { return impl_->inner->last_worktree_error(); }

std::optional<std::string> GroupCommitStore::read(const std::string& path) const {
  validate_path(path);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    auto it = impl_->overlay.find(path);
    if (it != impl_->overlay.end()) return it->second;
  }
  return impl_->inner->read(path);
}

std::optional<std::string> GroupCommitStore::read_content(const std::string& id) const {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    auto it = impl_->contents.find(id);
    if (it != impl_->contents.end()) return it->second;
  }
  return impl_->inner->read_content(id);
}

std::vector<Store::Entry> GroupCommitStore::list_entries(const std::string& dir) const {
  std::unique_lock<std::mutex> lock(impl_->mu);
  const auto staged = impl_->overlay_below(dir);
  lock.unlock();
  std::map<std::string, std::string> entries;  // name -> id
  for (auto& e : impl_->inner->list_entries(dir)) entries[e.name] = std::move(e.id);
  for (const auto& [path, content] : staged) {
    const std::string name = name_in(path, dir);
    if (name.find('/') != std::string::npos) continue;
    if (content)
      entries[name] = blob_id(*content);
    else
      entries.erase(name);
  }
  std::vector<Entry> out;
  for (auto& [name, id] : entries) out.push_back({name, std::move(id)});
  return out;
}

std::vector<std::string> GroupCommitStore::list(const std::string& dir) const {
  std::vector<std::string> out;
  for (auto& e : list_entries(dir)) out.push_back(std::move(e.name));
  return out;
}

std::vector<std::string> GroupCommitStore::list_recursive(const std::string& dir) const {
  std::unique_lock<std::mutex> lock(impl_->mu);
  const auto staged = impl_->overlay_below(dir);
  lock.unlock();
  auto inner = impl_->inner->list_recursive(dir);
  std::map<std::string, bool> paths;
  for (auto& p : inner) paths[std::move(p)] = true;
  for (const auto& [path, content] : staged) paths[path] = content.has_value();
  std::vector<std::string> out;
  for (auto& [path, present] : paths)
    if (present) out.push_back(path);
  return out;
}

std::string GroupCommitStore::tree_id(const std::string& dir) const {
  if (!dir.empty()) validate_path(dir);
  std::unique_lock<std::mutex> lock(impl_->mu);
  const auto staged = impl_->overlay_below(dir);
  lock.unlock();
  const std::string inner = impl_->inner->tree_id(dir);
  if (staged.empty()) return inner;
  if (list_recursive(dir).empty()) return "";
  // The inner tree and what is staged on top of it: equal ids, equal content.
  std::string listing = inner + '\n';
  for (const auto& [path, content] : staged) listing += path + '\0' + (content ? blob_id(*content) : "-") + '\n';
  return blob_id(listing);
}

}  // namespace aoa::gitops
