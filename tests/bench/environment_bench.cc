// Loading an environment's apps from the repository (a process's first load with the snapshot the
// last one left, the first load ever, an unchanged tree) and writing one app's change, at 10 and
// 10,000 apps (issue targets: a 10,000-app environment loads in at most 100 ms cold and 1 ms when
// its tree is unchanged; one app's commit into a 10,000-app tree costs about what it costs into a
// 10-app tree). GitStore on a temporary repository, through the group committer as the provider
// uses it.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "internal/gitops/git_store.h"
#include "internal/gitops/group_commit.h"
#include "internal/gitops/repo_layout.h"
#include "tests/support/sample_application.h"
#include "provider/shared/environment_apps.h"

namespace {

namespace fs = std::filesystem;
using namespace aoa;

std::string app_file(int i, int wave) { return testing::sample_application(i, wave, i > 0 ? i / 2 : -1); }

// One repository per size, built once: n Application files in one commit.
struct Repository {
  fs::path dir;
  std::unique_ptr<gitops::GroupCommitStore> store;
  explicit Repository(int n) {
    dir = fs::temp_directory_path() / ("aoa-environment-bench-" + std::to_string(n) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    gitops::StoreConfig c;
    c.location = dir.string();
    store = std::make_unique<gitops::GroupCommitStore>(std::make_unique<gitops::GitStore>(c));
    gitops::CommitRequest all;
    for (int i = 0; i < n; ++i) all.changes.push_back({gitops::layout::app_file("ml", "dev", "app-" + std::to_string(i)), app_file(i, 0)});
    all.message = "seed\n";
    store->commit(all);
  }
  ~Repository() { fs::remove_all(dir); }
};

Repository& repository(int n) {
  static std::map<int, std::unique_ptr<Repository>> repos;
  auto& r = repos[n];
  if (!r) r = std::make_unique<Repository>(n);
  return *r;
}

// A process's first load: nothing in memory, the snapshot the last process left on disk.
void BM_LoadEnvironmentCold(benchmark::State& state) {
  Repository& repo = repository(static_cast<int>(state.range(0)));
  provider::forget_environment_apps();
  benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));  // leaves the snapshot
  for (auto _ : state) {
    state.PauseTiming();
    provider::forget_environment_apps();
    state.ResumeTiming();
    benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));
  }
}
BENCHMARK(BM_LoadEnvironmentCold)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);

// The first load ever on this machine: nothing in memory, no snapshot (an empty cache folder).
void BM_LoadEnvironmentFirstEver(benchmark::State& state) {
  Repository& repo = repository(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    provider::forget_environment_apps();
    const fs::path empty = repo.dir.string() + "-cache-" + std::to_string(state.iterations());
    ::setenv("AOA_CACHE_DIR", empty.c_str(), 1);
    state.ResumeTiming();
    benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));
    state.PauseTiming();
    ::unsetenv("AOA_CACHE_DIR");
    fs::remove_all(empty);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadEnvironmentFirstEver)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_LoadEnvironmentUnchanged(benchmark::State& state) {
  Repository& repo = repository(static_cast<int>(state.range(0)));
  provider::environment_apps(*repo.store, "ml", "dev");
  for (auto _ : state) benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));
}
BENCHMARK(BM_LoadEnvironmentUnchanged)->Arg(10)->Arg(10000)->Unit(benchmark::kMicrosecond);

// One app's Application file rewritten (its wave alternates), committed, and the environment
// loaded again: what one app's apply costs the provider.
void BM_CommitOneAppAndReload(benchmark::State& state) {
  Repository& repo = repository(static_cast<int>(state.range(0)));
  benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));  // the process has loaded it once
  int wave = 0;
  for (auto _ : state) {
    wave = 1 - wave;
    gitops::CommitRequest one;
    one.changes.push_back({gitops::layout::app_file("ml", "dev", "app-1"), app_file(1, wave)});
    one.message = "one\n";
    repo.store->commit(one);
    benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));
  }
}
BENCHMARK(BM_CommitOneAppAndReload)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
