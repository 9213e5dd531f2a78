// Benchmarks of the per-resource engines a plan calls: next fire times of a schedule (cron and
// recurrence, in a zone with daylight saving time) and one promotion decision over a bundle.
// They show what a plan of many schedules or a large bundle costs next to Terraform's own time.
#include <benchmark/benchmark.h>

#include <string>

#include "internal/promotion/decision.h"
#include "internal/schedule/cron.h"
#include "internal/schedule/next_runs.h"
#include "internal/schedule/recurrence.h"
#include "internal/schedule/time_zone.h"

namespace {

using namespace aoa;

date::sys_seconds at(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / m / d};
}

void run_next_runs(benchmark::State& state, schedule::Trigger trigger) {
  const int count = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto runs = schedule::next_runs(trigger, at(2026, 3, 1), count).value();
    benchmark::DoNotOptimize(runs);
  }
}

void BM_NextRunsCronBerlin(benchmark::State& state) {
  schedule::Trigger t;
  t.rule = schedule::CronExpression::parse("30 2 * * MON-FRI").value();
  t.zone = schedule::locate_zone("Europe/Berlin").value();
  run_next_runs(state, t);
}
BENCHMARK(BM_NextRunsCronBerlin)->Arg(5)->Arg(50);

void BM_NextRunsCronRare(benchmark::State& state) {  // February 29: years between runs
  schedule::Trigger t;
  t.rule = schedule::CronExpression::parse("0 12 29 2 *").value();
  t.zone = schedule::locate_zone("Europe/Berlin").value();
  run_next_runs(state, t);
}
BENCHMARK(BM_NextRunsCronRare)->Arg(5);

void BM_NextRunsWeeklyRecurrence(benchmark::State& state) {
  schedule::Recurrence r;
  r.frequency = schedule::Frequency::week;
  r.interval = 2;
  r.hours = {2, 14};
  r.minutes = {30};
  r.week_days = {"monday", "thursday"};
  schedule::Trigger t;
  t.rule = r;
  t.zone = schedule::locate_zone("America/Sao_Paulo").value();
  t.start = at(2026, 1, 5);
  run_next_runs(state, t);
}
BENCHMARK(BM_NextRunsWeeklyRecurrence)->Arg(5)->Arg(50);

// A bundle of N apps in a chain (app-i depends on app-(i-1)), all live in dev, none in staging,
// two gates each, every record present.
void BM_DecidePromotion(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  promotion::PromotionRequest req;
  req.root = "ml";
  req.from = "dev";
  req.to = "staging";
  promotion::Gate auc;
  auc.metric = "auc";
  auc.op = promotion::GateOp::Ge;
  auc.value = cty::Number::parse("0.9");
  promotion::Gate latency;
  latency.metric = "latency_p95_ms";
  latency.op = promotion::GateOp::Le;
  latency.value = cty::Number::parse("80");
  req.gates = {auc, latency};
  promotion::PromotionContext ctx;
  ctx.environment_order = {"dev", "staging", "prod"};
  for (int i = 0; i < n; ++i) {
    const std::string app = "app-" + std::to_string(i);
    req.versions[app] = "3";
    promotion::LiveApp live{"model-" + std::to_string(i), "3", {}};
    if (i > 0) live.depends_on = {"app-" + std::to_string(i - 1)};
    ctx.from_apps[app] = live;
  }
  ctx.lookup = [](const std::string& model, const std::string& version) {
    registry::ModelVersionRecord r;
    r.model = model;
    r.version = version;
    r.metrics["auc"] = *cty::Number::parse("0.93");
    r.metrics["latency_p95_ms"] = *cty::Number::parse("71");
    return std::optional<registry::ModelVersionRecord>(r);
  };
  for (auto _ : state) {
    auto d = promotion::decide(req, ctx);
    benchmark::DoNotOptimize(d);
  }
  state.SetComplexityN(n);
}
BENCHMARK(BM_DecidePromotion)->Arg(2)->Arg(100)->Arg(1000)->Complexity();

}  // namespace

BENCHMARK_MAIN();
