// ReleaseJournal: changes held for a release, durable off the branch until it publishes them.
//
// In an environment that has an appofapps_release, the apps' changes of a run become one commit:
// each change is first *held*. A held change is an entry of the journal, a file
// `<key>/<seq>.json` (key "<root>/<environment>", seq counting from 1) on a side branch of the same
// repository (`appofapps/journal/<branch>`), written by a commit of its own: once append() returns,
// the change survives a crash of the provider or of the machine. The release publishes every entry
// of its key as one commit on the branch and then clears them.
//
// An entry records, for every path it changes, what the branch held there before the first held
// change of the key touched it (`before`, a content id; "" = no file). The provider that finds
// entries of an earlier run uses it to decide deterministically: publish them (the branch still
// holds the `before` of every path), they were published already (the branch holds their final
// content: the crash came between the publish and the clear), or discard them (someone changed
// one of their paths on the branch meanwhile).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "internal/gitops/store.h"

namespace aoa::gitops {

struct HeldChange {
  CommitRequest request;
  std::map<std::string, std::string> before;  // path -> content id on the branch before the key's first change
};

// What a provider that starts finds in the journal for one key.
struct JournalRecovery {
  enum class Outcome {
    Pending,    // to be published: the branch still holds what the entries were computed on
    Published,  // already on the branch; only the clear is missing
    Discarded,  // a path changed on the branch since: the entries cannot be published
  };
  Outcome outcome = Outcome::Pending;
  size_t changes = 0;        // entries
  std::string conflict;      // Discarded: the first path that changed on the branch
};

class ReleaseJournal {
 public:
  // `side` is a Store on the journal's branch (same repository and sub-folder as the branch's).
  explicit ReleaseJournal(std::unique_ptr<Store> side);
  ~ReleaseJournal();

  // The journal's branch for the branch `branch`.
  static std::string branch_for(const std::string& branch);

  // Every key's entries, in order.
  std::map<std::string, std::vector<HeldChange>> load() const;
  // Appends entries (per key, in order) in one commit; returns its id. Throws StoreError.
  std::string append(const std::map<std::string, std::vector<HeldChange>>& entries);
  // Removes every entry of `key` in one commit (nothing when it has none). Throws StoreError.
  void clear(const std::string& key);

  // The outcome of `entries` (one key's, in order) against `branch` as it is now.
  static JournalRecovery recover(const std::vector<HeldChange>& entries, const Store& branch);
  // Content id of a file's text, as Store::list_entries gives it ("" for no file).
  static std::string content_id(const std::optional<std::string>& text);

 private:
  std::unique_ptr<Store> side_;
};

}  // namespace aoa::gitops
