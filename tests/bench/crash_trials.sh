#!/usr/bin/env bash
# Crash safety, measured: an apply of N apps (apps_config.sh: ordered by reference), the provider killed
# with SIGKILL at a random moment, then the checks of issue 12: the repository is fsck-clean, no
# lock file is left, the next apply succeeds, and after it a plan finds nothing to do and the
# working tree is clean. Prints one line per trial and a summary.
# With AOA_CRASH_RELEASE=1 the configuration has an appofapps_release: the first apply runs to the
# end, the kill hits an apply that bumps every model version (the apps hold their changes in the
# release journal), and the checks add: the journal is empty at the end, and the branch got at most
# two commits for the bump (none or one from the killed run, one from the next).
# Usage: tests/bench/crash_trials.sh [build-dir] [trials] [apps]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
trials="${2:-20}"
n="${3:-30}"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides { "appofapps/appofapps" = "$build/provider" }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

source "$root/tests/bench/apps_config.sh"

ok=0
for t in $(seq "$trials"); do
  d="$work/t$t"; mkdir -p "$d"
  before=""
  if [ "${AOA_CRASH_RELEASE:-0}" = 1 ]; then
    release=1 gen_apps >"$d/main.tf"
    (cd "$d" && terraform apply -auto-approve -input=false >"$d/setup.log" 2>&1) || { echo "trial $t: setup apply failed"; continue; }
    before=$(git -C "$d/gitops" rev-parse main)
    release=1 version=2 gen_apps >"$d/main.tf"
  else
    gen_apps >"$d/main.tf"
  fi
  (cd "$d" && terraform apply -auto-approve -input=false >"$d/first.log" 2>&1) &
  tf=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN{srand(s); printf "%.2f", 0.3 + rand() * 2.5}')"
  pkill -KILL -f "$build/provider/terraform-provider-appofapps" 2>/dev/null
  wait "$tf"
  locks=$(find "$d/gitops/.git" -name '*.lock' ! -name 'appofapps-*.lock' 2>/dev/null | sed "s|$d/gitops/||" | tr '\n' ' ')
  fsck=ok; git -C "$d/gitops" fsck --strict --no-dangling >/dev/null 2>&1 || fsck=FAIL
  [ -d "$d/gitops/.git" ] || fsck=no-repository
  second=ok; (cd "$d" && terraform apply -auto-approve -input=false >"$d/second.log" 2>&1) || second=FAIL
  plan=ok; (cd "$d" && terraform plan -detailed-exitcode -input=false >"$d/plan.log" 2>&1) || plan=FAIL
  status=$(git -C "$d/gitops" status --porcelain 2>/dev/null | wc -l)
  apps=$(git -C "$d/gitops" ls-tree --name-only main apps/ml/dev/ 2>/dev/null | wc -l)
  release_ok=1 release_note=""
  if [ -n "$before" ]; then
    held=$(git -C "$d/gitops" ls-tree -r --name-only appofapps/journal/main 2>/dev/null | wc -l)
    commits=$(git -C "$d/gitops" rev-list --count "$before..main")
    bumped=$(git -C "$d/gitops" grep -l 'm0:2' main -- apps 2>/dev/null | wc -l)
    found=$(grep -o -m1 "Held changes [a-z ]*" "$d/second.log" | sed 's/Held changes //; s/ /-/g')
    release_note=" journal-found=${found:-nothing} held-after=$held bump-commits=$commits"
    { [ "$held" = 0 ] && [ "$commits" -ge 1 ] && [ "$commits" -le 2 ] && [ "$bumped" = 1 ]; } || release_ok=0
  fi
  verdict=FAIL
  if [ "$fsck" != FAIL ] && [ "$second" = ok ] && [ "$plan" = ok ] && [ "$status" = 0 ] && [ "$apps" = "$n" ] &&
     [ "$release_ok" = 1 ]; then
    verdict=ok; ok=$((ok + 1))
  fi
  echo "trial $t: fsck=$fsck leftover-locks=[${locks}] second-apply=$second plan-clean=$plan dirty-files=$status apps=$apps$release_note -> $verdict"
  [ "$second" = FAIL ] && grep -m3 -A3 "Error" "$d/second.log" | sed 's/^/    /'
  rm -rf "$d"
done
echo "converged without a hand step: $ok of $trials"
