#!/usr/bin/env bash
# Builds the provider and applies examples/quickstart with the real terraform CLI against the
# embedded local GitOps repository, then shows what was committed.
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
terraform apply -auto-approve -input=false
echo
echo "== git log of the GitOps repository ($(pwd)/gitops) =="
git -C gitops log --stat --format='%h %s%n%n%b'
