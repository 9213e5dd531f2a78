#include "provider/shared/logged_store.h"

#include <chrono>

#include "internal/protocol/log.h"

namespace aoa::provider {

void log_commit(const gitops::CommitResult& r, size_t files, std::chrono::steady_clock::time_point start) {
  log::info(r.created ? "commit written" : "commit skipped: no file changed",
            {{"commit", r.commit_id}, {"files", std::to_string(files)}, {"duration_ms", log::elapsed_ms(start)}});
}

gitops::CommitResult LoggedStore::commit(const gitops::CommitRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  gitops::CommitResult r = inner_->commit(request);
  log_commit(r, request.changes.size(), start);
  return r;
}

}  // namespace aoa::provider
