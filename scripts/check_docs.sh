#!/usr/bin/env bash
# Fails, printing the diff, when docs/ is not what `terraform-provider-appofapps docs` generates
# from the schema, templates/ and examples/. guides/ is hand-written and performance.md is written
# by tests/bench/performance.sh: both are left out. Needs the release build of the provider.
# Fix: scripts/docs.sh, then commit docs/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build/release/provider/terraform-provider-appofapps docs --out "$out" --source .
if ! diff -ru --exclude=guides --exclude=performance.md docs "$out"; then
  echo >&2
  echo "docs/ is out of date with the schema, templates/ or examples/: run scripts/docs.sh and commit docs/." >&2
  exit 1
fi
echo "docs/ matches the schema, templates/ and examples/"
