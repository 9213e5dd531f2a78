// Fuzzes the reader of the release journal (entries on the side branch appofapps/journal/<branch>,
// which anyone with push access can edit). Any entry either loads, with only valid store paths, or
// is refused with a StoreError; recovering what loaded against a branch never fails.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "internal/gitops/memory_store.h"
#include "internal/gitops/release_journal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aoa::gitops;
  auto repository = std::make_shared<MemoryRepository>();
  StoreConfig side_config;
  side_config.location = "fuzz";
  side_config.branch = ReleaseJournal::branch_for("main");
  auto side = std::make_unique<MemoryStore>(side_config, repository);
  side->commit({{{"ml/dev/00000001.json", std::string(reinterpret_cast<const char*>(data), size)}}, "entry\n"});
  StoreConfig branch_config = side_config;
  branch_config.branch = "main";
  MemoryStore branch(branch_config, repository);
  branch.commit({{{"apps/ml/dev/a.yaml", "a\n"}}, "seed\n"});
  ReleaseJournal journal(std::move(side));
  try {
    for (const auto& [key, entries] : journal.load()) {
      for (const auto& e : entries)
        for (const auto& ch : e.request.changes)
          if (!Store::path_problem(ch.path).empty()) std::abort();
      (void)ReleaseJournal::recover(entries, branch);
    }
  } catch (const StoreError&) {
  }
  return 0;
}
