// Loading an environment's apps from the repository and writing one app's change, at 10 and
// 10,000 apps (issue targets: a 10,000-app environment loads in at most 100 ms cold and 1 ms when
// its tree is unchanged; one app's commit into a 10,000-app tree costs about what it costs into a
// 10-app tree). GitStore on a temporary repository, through the group committer as the provider
// uses it.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "internal/gitops/git_store.h"
#include "internal/gitops/group_commit.h"
#include "internal/gitops/repo_layout.h"
#include "internal/render/child_application.h"
#include "provider/shared/environment_apps.h"

namespace {

namespace fs = std::filesystem;
using namespace aoa;

std::string app_file(int i, int wave) {
  render::ChildApplicationSpec s;
  s.root = "ml";
  s.environment = "dev";
  s.app = "app-" + std::to_string(i);
  s.owner = "team";
  s.cluster = "aks-dev";
  s.namespace_ = "ns-" + std::to_string(i);
  s.argocd_namespace = "argocd";
  s.repo_url = "file:///tmp/gitops";
  s.target_revision = "main";
  s.source_path = gitops::layout::workload_dir("ml", "dev", s.app);
  s.sync_wave = wave;
  if (i > 0) s.depends_on = {"app-" + std::to_string(i / 2)};
  s.model = "m" + std::to_string(i) + ":1";
  return render::render_child_application(s).value();
}

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

void BM_LoadEnvironmentCold(benchmark::State& state) {
  Repository& repo = repository(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    provider::forget_environment_apps();
    state.ResumeTiming();
    benchmark::DoNotOptimize(provider::environment_apps(*repo.store, "ml", "dev"));
  }
}
BENCHMARK(BM_LoadEnvironmentCold)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);

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
