#!/usr/bin/env bash
# Builds everything and runs every test: unit and end-to-end (real terraform) tests on the release
# build, all of them again under ASan+UBSan, and each fuzz target briefly.
# AOA_SKIP_E2E=1 skips the end-to-end tests explicitly (they fail when terraform is missing).
# AOA_SKIP_ASAN=1 / AOA_SKIP_FUZZ=1 skip those stages (for quick local runs only).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"

rm -f build/release/ctest.log build/asan/ctest.log
start=$(date +%s)
stage() { echo; echo "== $* ($(( $(date +%s) - start ))s)"; }

stage "release build"
scripts/build.sh release

# AOA_SKIP_E2E=1 leaves the end-to-end tests out, and says so; without it a missing terraform fails them.
e2e_label=()
if [ "${AOA_SKIP_E2E:-0}" = "1" ]; then
  echo "AOA_SKIP_E2E=1: end-to-end tests skipped on request"
  e2e_label=(-LE e2e)
fi

stage "generated docs are up to date (scripts/docs.sh regenerates them)"
scripts/check_docs.sh

stage "unit and end-to-end tests (release)"
ctest --preset release -j "${AOA_JOBS:-$(nproc)}" "${e2e_label[@]}" | tee build/release/ctest.log

if [ "${AOA_SKIP_ASAN:-0}" != "1" ]; then
  stage "asan build"
  scripts/build.sh asan
  stage "all tests under ASan+UBSan (the provider processes terraform starts included)"
  # Sanitizer reports of every process (tests and the provider binaries terraform starts) land in
  # one directory, which must stay empty: a leak at a provider's exit would otherwise go unseen.
  san_logs="$root/build/asan/sanitizer-logs"
  rm -rf "$san_logs" && mkdir -p "$san_logs"
  ASAN_OPTIONS="detect_leaks=1:log_path=$san_logs/asan" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$san_logs/ubsan" \
    ctest --preset asan -j "${AOA_JOBS:-$(nproc)}" "${e2e_label[@]}" | tee build/asan/ctest.log
  # The one known race of OpenSSL's per-thread error queue (904 bytes from CRYPTO_zalloc, freed by a
  # thread-exit destructor; tests/e2e/provider-lsan.supp explains it) is suppressed in the provider
  # processes, yet still reaches a report now and then under the remote tests: a report whose every
  # leak is exactly that is not ours. Every other report fails the run.
  for f in "$san_logs"/*; do
    [ -f "$f" ] || continue
    leaks=$(grep -c '^\(Direct\|Indirect\) leak' "$f" || true)
    known=$(awk '/^Direct leak of [0-9]+ byte\(s\) in [0-9]+ object\(s\)/ { if ($4 == 904 * $7) n++ } END { print n + 0 }' "$f")
    others=$(grep -E '^ +#[1-9][0-9]* ' "$f" | grep -vc ' in CRYPTO_zalloc ' || true)
    if [ "$leaks" -gt 0 ] && [ "$leaks" = "$known" ] && [ "$others" = 0 ]; then
      echo "known OpenSSL thread-exit race, not ours: $(basename "$f")"
      rm -f "$f"
    fi
  done
  if [ -n "$(ls -A "$san_logs")" ]; then
    echo "sanitizer reports:" >&2
    cat "$san_logs"/* >&2
    exit 1
  fi
fi

if [ "${AOA_SKIP_FUZZ:-0}" != "1" ]; then
  stage "fuzz build (clang, libFuzzer)"
  scripts/build.sh fuzz fuzz_all
  secs="${AOA_FUZZ_SECONDS:-15}"
  for target in build/fuzz/tests/fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name=$(basename "$target")
    stage "fuzz $name for ${secs}s"
    corpus="tests/fuzz/corpus/$name"
    work=$(mktemp -d)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    "$target" -max_total_time="$secs" -print_final_stats=1 "$work" >"$work.log" 2>&1 || { tail -n 60 "$work.log"; exit 1; }
    grep -E "^(Done|stat::number_of_executed_units)" "$work.log" || tail -n 3 "$work.log"
    rm -f "$work.log"
    rm -rf "$work"
  done
fi

stage "all tests passed"
# One plain closing line for whoever reads the log: tests counted over every ctest run above.
total=0
for log in build/release/ctest.log build/asan/ctest.log; do
  [ -f "$log" ] || continue
  n=$(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -n 1)
  total=$(( total + ${n:-0} ))
done
echo "tests: $total passed, 0 failed"
