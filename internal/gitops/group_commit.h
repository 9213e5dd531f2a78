// GroupCommitStore: a Store in front of another that turns concurrent commits into one.
//
// Terraform applies up to ten resources at a time. Each would otherwise write and fsync its own
// commit, one after the other. Here a commit is first *staged*: from then on every read of this
// store (read, list, list_entries, tree_id) sees it, so the next change can be computed on top of
// it at once. The first caller that waits while no flush is running becomes the flusher: it takes
// every staged change, commits them as one commit on the inner store (in staging order, a later
// change of a path winning), and wakes the callers whose changes it carried. A commit() returns
// only when its change is durable in the inner store.
//
// A flush that fails fails every change staged at that moment (the later ones may have been
// computed on top of the failed ones), and none of them is visible any more: the store is then
// exactly the inner store again. Paths are validated when a change is staged, so one bad request
// never fails the others.
//
// Commit message: a group of one keeps its message verbatim; a group of several gets
// combine_commit_messages() (commit_message.h). tip() and exists() are the inner store's: a
// staged change is not a commit yet.
//
// Release transactions (with a ReleaseJournal): a change can be *held* for a release key instead
// of staged for the branch. A flush writes held changes to the journal (durable, one journal
// commit per flush) and keeps them visible to every read until publish() commits all of a key's
// held changes, with the release's own change, as one commit on the branch. Held changes that an
// earlier provider left in the journal are loaded at construction (recovered()): pending ones are
// visible and published by the next publish() of their key; published or discarded ones are not
// visible, and that publish() clears them.
#pragma once

#include <memory>

#include "internal/gitops/release_journal.h"
#include "internal/gitops/store.h"

namespace aoa::gitops {

class GroupCommitStore final : public Store {
 public:
  // Loads the journal's held changes (throws StoreError when the journal cannot be read).
  explicit GroupCommitStore(std::unique_ptr<Store> inner, std::unique_ptr<ReleaseJournal> journal = nullptr);
  ~GroupCommitStore() override;

  // A change that is visible to this store's readers and waits to be flushed.
  class Ticket;
  // Validates the paths (throws StoreError) and stages the change; wait() makes it durable.
  std::shared_ptr<Ticket> stage(const CommitRequest& request);
  // Like stage(), for the release `key` ("<root>/<environment>"): wait() returns once the change is
  // in the journal (its commit there). Needs a journal (throws StoreError without one).
  std::shared_ptr<Ticket> hold(const std::string& key, const CommitRequest& request);
  // Blocks until the ticket's change is committed (or flushes it), then returns that commit;
  // throws StoreError when the flush that carried it failed.
  CommitResult wait(const std::shared_ptr<Ticket>& ticket);

  bool has_journal() const;
  // The messages of the changes held for `key` (pending ones of an earlier run first), in order.
  std::vector<std::string> held_messages(const std::string& key) const;
  // What construction found in the journal for `key` from an earlier provider, if anything.
  std::optional<JournalRecovery> recovered(const std::string& key) const;
  // One commit on the branch with every change held for `key` and then `release`'s changes, with
  // `release`'s message; then the key's journal entries are cleared. With nothing held and no
  // change of its own it commits nothing. Throws StoreError (the held changes stay held).
  CommitResult publish(const std::string& key, const CommitRequest& release);

  const StoreConfig& config() const override;
  bool exists() const override;
  std::optional<std::string> read(const std::string& path) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  std::vector<std::string> list_recursive(const std::string& dir) const override;
  std::string tip() const override;
  std::vector<Entry> list_entries(const std::string& dir) const override;
  std::string tree_id(const std::string& dir) const override;
  std::optional<std::string> read_content(const std::string& id) const override;
  // stage() + wait().
  CommitResult commit(const CommitRequest& request) override;
  std::string last_worktree_error() const override;

  const Store& inner() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aoa::gitops
