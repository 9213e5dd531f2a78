// Benchmark of aoa::planner::plan_waves on random acyclic release graphs (~3 deps per app).
// Targets: 10k apps planned in <= 20 ms; 100k apps cost <= 12x the 10k time.
#include "internal/planner/release_graph.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace {

// Names are shuffled, so name order says nothing about the dependency order. With
// `scattered`, the entries are shuffled after they were built: each app's depends_on buffer then
// lives far from its neighbours' (worst case for the cache); otherwise the vector is laid out
// in allocation order, as when the provider builds it in one pass.
std::vector<aoa::planner::AppNode> random_release_graph(std::size_t n, bool scattered) {
  std::mt19937_64 rng(42);
  std::vector<std::string> names(n);
  for (std::size_t i = 0; i < n; ++i) names[i] = "app-" + std::to_string(i);
  std::shuffle(names.begin(), names.end(), rng);
  std::vector<aoa::planner::AppNode> apps(n);
  for (std::size_t i = 0; i < n; ++i) {
    apps[i].name = names[i];
    if (i == 0) continue;
    std::uniform_int_distribution<std::size_t> pick(0, i - 1);
    for (int d = 0; d < 3; ++d) apps[i].depends_on.push_back(names[pick(rng)]);  // only lower: acyclic
  }
  if (scattered) std::shuffle(apps.begin(), apps.end(), rng);
  return apps;
}

double peak_rss_mib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void run_plan_waves(benchmark::State& state, bool scattered) {
  const auto apps = random_release_graph(static_cast<std::size_t>(state.range(0)), scattered);
  std::size_t waves = 0;
  for (auto _ : state) {
    auto plan = aoa::planner::plan_waves(apps);
    waves = plan.waves.size();
    benchmark::DoNotOptimize(plan);
  }
  state.SetComplexityN(state.range(0));
  state.counters["waves"] = static_cast<double>(waves);
  state.counters["peak_rss_MiB"] = peak_rss_mib();  // process-wide peak so far (inputs included)
}
void BM_PlanWaves(benchmark::State& state) { run_plan_waves(state, false); }
void BM_PlanWavesScattered(benchmark::State& state) { run_plan_waves(state, true); }

BENCHMARK(BM_PlanWavesScattered)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_PlanWaves)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
