#!/usr/bin/env bash
# Regenerates docs/index.md, docs/resources/, docs/data-sources/ and docs/functions/ from the provider's schema,
# templates/ and examples/ (`terraform-provider-appofapps docs`). docs/guides/ is hand-written
# and left alone. Builds the provider first (release preset). Usage: scripts/docs.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/build.sh release terraform-provider-appofapps >/dev/null
rm -rf docs/resources docs/data-sources docs/functions docs/index.md
build/release/provider/terraform-provider-appofapps docs --out docs --source .
echo "docs/ regenerated; review with: git diff --stat -- docs"
