#!/usr/bin/env bash
# Counts the instructions one plan_waves call executes at 10k and 100k apps (valgrind callgrind)
# and prints the ratio. Instruction counts do not depend on the CPU caches or on other load, so
# this separates the algorithm's growth (should be ~10x for 10x apps, plus the n log n name sort)
# from the wall-time ratio of aoa_planner_bench, which also pays for cache misses once the
# working set outgrows the caches.
# Usage: tests/bench/planner_instructions.sh [build/release/tests/bench/aoa_planner_bench]
set -euo pipefail
bench="${1:-build/release/tests/bench/aoa_planner_bench}"
command -v valgrind >/dev/null || { echo "planner_instructions: valgrind is not installed" >&2; exit 1; }
[ -x "$bench" ] || { echo "planner_instructions: $bench not built (scripts/build.sh release)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

count() {  # instructions inside plan_waves for one benchmark iteration at $1 apps
  # --benchmark_min_time is tiny, so under valgrind the benchmark runs exactly one iteration.
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" \
    --toggle-collect='aoa::planner::plan_waves(*' \
    "$bench" --benchmark_filter="BM_PlanWaves/$1\$" --benchmark_min_time=0.000001 >/dev/null 2>&1
  callgrind_annotate "$tmp/cg.$1" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
small=$(count 10000)
large=$(count 100000)
awk -v s="$small" -v l="$large" 'BEGIN {
  printf "plan_waves instructions: 10k apps %d, 100k apps %d, ratio %.2fx\n", s, l, l / s }'
