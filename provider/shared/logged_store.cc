#include "provider/shared/logged_store.h"

#include <chrono>

#include "internal/protocol/log.h"

namespace aoa::provider {

gitops::CommitResult LoggedStore::commit(const gitops::CommitRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  gitops::CommitResult r = inner_->commit(request);
  log::info(r.created ? "commit written" : "commit skipped: no file changed",
            {{"commit", r.commit_id},
             {"files", std::to_string(request.changes.size())},
             {"duration_ms", log::elapsed_ms(start)}});
  return r;
}

}  // namespace aoa::provider
