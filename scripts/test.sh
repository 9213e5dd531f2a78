#!/usr/bin/env bash
# Builds everything and runs every test: unit and end-to-end (real terraform) tests on the release
# build, the unit tests again under ASan+UBSan, and each fuzz target briefly.
# AOA_SKIP_E2E=1 skips the end-to-end tests explicitly (they fail when terraform is missing).
# AOA_SKIP_ASAN=1 / AOA_SKIP_FUZZ=1 skip those stages (for quick local runs only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"

start=$(date +%s)
stage() { echo; echo "== $* ($(( $(date +%s) - start ))s)"; }

stage "release build"
scripts/build.sh release

stage "unit and end-to-end tests (release)"
ctest --preset release -j "${AOA_JOBS:-$(nproc)}"

if [ "${AOA_SKIP_ASAN:-0}" != "1" ]; then
  stage "asan build"
  scripts/build.sh asan
  stage "unit tests under ASan+UBSan"
  ctest --preset asan -j "${AOA_JOBS:-$(nproc)}" -LE e2e
fi

if [ "${AOA_SKIP_FUZZ:-0}" != "1" ]; then
  stage "fuzz build (clang, libFuzzer)"
  scripts/build.sh fuzz
  secs="${AOA_FUZZ_SECONDS:-15}"
  for target in build/fuzz/tests/fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name=$(basename "$target")
    stage "fuzz $name for ${secs}s"
    corpus="tests/fuzz/corpus/$name"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    "$target" -max_total_time="$secs" -print_final_stats=1 "$work" 2>&1 | tail -n 12
    rm -rf "$work"
  done
fi

stage "all tests passed"
