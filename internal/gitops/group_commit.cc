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
  std::string key;                            // "" = for the branch; else held for this release
  std::map<std::string, std::string> before;  // held: the branch's content id of each path
  bool done = false;
  std::optional<CommitResult> result;
  std::string error;
};

struct GroupCommitStore::Impl {
  std::unique_ptr<Store> inner;
  std::unique_ptr<ReleaseJournal> journal;
  std::map<std::string, std::vector<HeldChange>> held;  // durable in the journal, visible until published
  std::map<std::string, JournalRecovery> recovered;     // what construction found, by key
  mutable std::mutex mu;
  std::condition_variable flushed;
  std::vector<std::shared_ptr<Ticket>> staged;  // in staging order; a running flush carries a prefix
  bool flush_running = false;
  // The latest staged change of every path (nullopt = deleted), and the staged contents by id.
  std::map<std::string, std::optional<std::string>> overlay;
  std::unordered_map<std::string, std::string> contents;

  void add_to_overlay(const CommitRequest& request) {
    for (const auto& ch : request.changes) {
      overlay[ch.path] = ch.content;
      if (ch.content) contents.emplace(blob_id(*ch.content), *ch.content);
    }
  }

  // Held changes below staged ones, each in order.
  void rebuild_overlay() {
    overlay.clear();
    contents.clear();
    for (const auto& [key, changes] : held)
      for (const auto& c : changes) add_to_overlay(c.request);
    for (const auto& t : staged) add_to_overlay(t->request);
  }

  // Staged changes below dir (recursively), under `mu`.
  std::vector<std::pair<std::string, std::optional<std::string>>> overlay_below(const std::string& dir) const {
    std::vector<std::pair<std::string, std::optional<std::string>>> out;
    auto it = dir.empty() ? overlay.begin() : overlay.lower_bound(dir + "/");
    for (; it != overlay.end() && below(it->first, dir); ++it) out.push_back(*it);
    return out;
  }

  // Flushes every staged change: the branch's as one commit, the held ones into the journal (one
  // commit there); called with `lock` held, returns with it held.
  void flush(std::unique_lock<std::mutex>& lock) {
    flush_running = true;
    const std::vector<std::shared_ptr<Ticket>> batch = staged;
    CommitRequest combined;
    std::vector<std::string> messages;
    std::map<std::string, std::vector<HeldChange>> entries;
    for (const auto& t : batch) {
      if (!t->key.empty()) {
        entries[t->key].push_back({t->request, t->before});
        continue;
      }
      combined.changes.insert(combined.changes.end(), t->request.changes.begin(), t->request.changes.end());
      messages.push_back(t->request.message);
    }
    combined.message = messages.size() == 1 ? messages.front() : combine_commit_messages(messages);
    lock.unlock();
    std::optional<CommitResult> result, journal_result;
    std::string error;
    try {
      if (!messages.empty()) result = inner->commit(combined);
      if (!entries.empty()) journal_result = CommitResult{journal->append(entries), true};
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    if (error.empty()) {
      for (const auto& t : batch) {
        t->done = true;
        t->result = t->key.empty() ? result : journal_result;
      }
      for (auto& [key, changes] : entries) held[key].insert(held[key].end(), changes.begin(), changes.end());
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

GroupCommitStore::GroupCommitStore(std::unique_ptr<Store> inner, std::unique_ptr<ReleaseJournal> journal)
    : impl_(std::make_unique<Impl>()) {
  git_libgit2_init();
  impl_->inner = std::move(inner);
  impl_->journal = std::move(journal);
  if (!impl_->journal) return;
  for (auto& [key, entries] : impl_->journal->load()) {
    const JournalRecovery r = ReleaseJournal::recover(entries, *impl_->inner);
    impl_->recovered[key] = r;
    if (r.outcome == JournalRecovery::Outcome::Pending) impl_->held[key] = std::move(entries);
  }
  impl_->rebuild_overlay();
}

GroupCommitStore::~GroupCommitStore() { git_libgit2_shutdown(); }

const Store& GroupCommitStore::inner() const { return *impl_->inner; }

std::shared_ptr<GroupCommitStore::Ticket> GroupCommitStore::stage(const CommitRequest& request) {
  for (const auto& ch : request.changes) validate_path(ch.path);
  auto ticket = std::make_shared<Ticket>();
  ticket->request = request;
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->staged.push_back(ticket);
  impl_->add_to_overlay(request);
  return ticket;
}

std::shared_ptr<GroupCommitStore::Ticket> GroupCommitStore::hold(const std::string& key, const CommitRequest& request) {
  if (!impl_->journal) throw StoreError("cannot hold a change for the release of " + key + ": no release journal");
  for (const auto& ch : request.changes) validate_path(ch.path);
  auto ticket = std::make_shared<Ticket>();
  ticket->request = request;
  ticket->key = key;
  for (const auto& ch : request.changes) ticket->before[ch.path] = ReleaseJournal::content_id(impl_->inner->read(ch.path));
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->staged.push_back(ticket);
  impl_->add_to_overlay(request);
  return ticket;
}

bool GroupCommitStore::has_journal() const { return impl_->journal != nullptr; }

std::vector<std::string> GroupCommitStore::held_messages(const std::string& key) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<std::string> out;
  if (auto it = impl_->held.find(key); it != impl_->held.end())
    for (const auto& c : it->second) out.push_back(c.request.message);
  for (const auto& t : impl_->staged)
    if (t->key == key) out.push_back(t->request.message);
  return out;
}

std::optional<JournalRecovery> GroupCommitStore::recovered(const std::string& key) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->recovered.find(key);
  if (it == impl_->recovered.end()) return std::nullopt;
  return it->second;
}

CommitResult GroupCommitStore::publish(const std::string& key, const CommitRequest& release) {
  for (const auto& ch : release.changes) validate_path(ch.path);
  std::unique_lock<std::mutex> lock(impl_->mu);
  // Changes of this key still on their way to the journal go there first.
  auto unflushed = [&] {
    return std::any_of(impl_->staged.begin(), impl_->staged.end(), [&](const auto& t) { return t->key == key; });
  };
  while (impl_->flush_running || unflushed()) {
    if (!impl_->flush_running)
      impl_->flush(lock);
    else
      impl_->flushed.wait(lock);
  }
  impl_->flush_running = true;
  CommitRequest combined;
  if (auto it = impl_->held.find(key); it != impl_->held.end())
    for (const auto& c : it->second)
      combined.changes.insert(combined.changes.end(), c.request.changes.begin(), c.request.changes.end());
  combined.changes.insert(combined.changes.end(), release.changes.begin(), release.changes.end());
  combined.message = release.message;
  const bool clear = impl_->journal && (impl_->held.count(key) || impl_->recovered.count(key));
  lock.unlock();
  std::optional<CommitResult> result;
  std::string error;
  try {
    result = combined.changes.empty() ? CommitResult{impl_->inner->tip(), false} : impl_->inner->commit(combined);
    if (clear) impl_->journal->clear(key);
  } catch (const std::exception& e) {
    error = e.what();
  }
  lock.lock();
  if (result) {  // on the branch: no longer held, even when clearing the journal failed (recovered as published)
    impl_->held.erase(key);
    impl_->recovered.erase(key);
    impl_->rebuild_overlay();
  }
  impl_->flush_running = false;
  impl_->flushed.notify_all();
  if (!error.empty()) throw StoreError(error);
  return *result;
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
