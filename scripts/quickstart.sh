#!/usr/bin/env bash
# Builds the provider and applies examples/quickstart with the real terraform CLI against the
# embedded local GitOps repository (one apply), then shows the files, the commits and the graph.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" release terraform-provider-appofapps

if ! command -v terraform >/dev/null 2>&1; then
  echo "quickstart: terraform is not on PATH; install Terraform >= 1.6 (or OpenTofu) first" >&2
  exit 1
fi

work="$root/build/quickstart"
mkdir -p "$work"
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "appofapps/appofapps" = "$root/build/release/provider"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc"
export TF_IN_AUTOMATION=1
cd "$root/examples/quickstart"
# One apply: the plan it prints shows the dev waves, the promotion to staging, the held promotion
# to prod and the schedule's next runs before anything is written.
terraform apply -auto-approve -input=false
echo
echo "== files in the GitOps repository ($(pwd)/gitops) =="
git -C gitops ls-tree -r --name-only HEAD
echo
echo "== git log =="
git -C gitops log --format='%h %<(22,trunc)%an %s'
echo
echo "== release graph of staging (terraform-provider-appofapps graph, also --format json|dot|mermaid) =="
"$root/build/release/provider/terraform-provider-appofapps" graph --root ml-platform --environment staging
