#!/usr/bin/env bash
# Writes docs/performance.md: terraform plan and apply of 100 apps (3 interleaved rounds) and 1,000
# apps (1 round) against Terraform's own floor (terraform_data with the same reference graph), with
# the provider's peak memory, and the environment benchmark (tests/bench/environment_bench.cc).
# Takes about 15 minutes on 2 cores; run it on an otherwise idle machine.
# Usage: tests/bench/performance.sh [build-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
out="$root/docs/performance.md"
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
AOA_BENCH_MARKDOWN="$rows" "$root/tests/bench/tf_apps_timing.sh" "$build" 100 3
AOA_BENCH_MARKDOWN="$rows" "$root/tests/bench/tf_apps_timing.sh" "$build" 1000 1
env_bench=$("$build/tests/bench/aoa_environment_bench" --benchmark_format=console 2>/dev/null | grep '^BM_' || true)
{
  cat <<HEAD
# Performance

Written by \`tests/bench/performance.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores,
$(terraform version | head -1), provider $("$build/provider/terraform-provider-appofapps" --version 2>/dev/null | head -1)).

## Terraform runs against Terraform's own floor

N apps in one root and environment, each depending on up to three earlier apps by reference,
against N \`terraform_data\` resources with the same reference graph: Terraform's built-in resource,
no plugin, the fastest a resource can be. Plan and apply from empty, interleaved round by round,
medians. The ratio is ours over the floor.

| apps | plan ms | floor ms | ratio | apply ms | floor ms | ratio | provider peak RSS MiB |
|---|---|---|---|---|---|---|---|
$(cat "$rows")

The reference graph is a chain (every app depends on the one before it), so Terraform applies one
app at a time: these numbers are the cost of one app's plan and apply, not of parallelism.

## Loading and writing an environment

Google Benchmark (\`build/release/tests/bench/aoa_environment_bench\`), on a Git repository with 10
and 10,000 Application files in one environment:

\`\`\`text
${env_bench}
\`\`\`

* *Cold* is a new provider process's first load: the snapshot the last process left in the
  local cache (tree id, every file's blob id and record) is read instead of the files. *First
  ever* has no snapshot and parses every Application file (yaml-cpp). *Unchanged* is a later load
  while the folder's tree is the same (the cache is keyed by the tree id and each file's blob id).
* *Commit one app and reload* rewrites one Application file, commits it and loads the environment
  again: Git rewrites the folder's tree object, which has one entry per app.
HEAD
} >"$out"
echo "wrote $out"
