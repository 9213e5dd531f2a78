#!/usr/bin/env bash
# Times the provider the way users feel it, side by side with a baseline in one run:
#  1. start-up: process start -> handshake line on stdout (median of N runs);
#  2. terraform plan / apply of examples/quickstart vs. the same number of terraform_data
#     resources (Terraform's built-in, no plugin process: the floor), interleaved round by round.
# Reports medians and ratios. Usage: tests/bench/tf_timing.sh [build-dir] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
rounds="${2:-5}"
bin="$build/provider/terraform-provider-appofapps"
[ -x "$bin" ] || { echo "build the provider first: $bin missing" >&2; exit 1; }
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now_ns() { date +%s%N; }

echo "== start-up to handshake line (20 runs)"
samples=()
for _ in $(seq 20); do
  t0=$(now_ns)
  coproc PLUGIN { TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 \
    PLUGIN_PROTOCOL_VERSIONS=5,6 PLUGIN_CLIENT_CERT="$(cat "$root/tests/bench/client-cert.pem")" "$bin" 2>/dev/null; }
  read -r line <&"${PLUGIN[0]}"
  t1=$(now_ns)
  kill "$PLUGIN_PID" 2>/dev/null || true
  wait "$PLUGIN_PID" 2>/dev/null || true
  case "$line" in 1\|6\|tcp\|*|1\|6\|unix\|*) ;; *) echo "bad handshake: $line" >&2; exit 1;; esac
  samples+=($(( (t1 - t0) / 1000 )))
done
startup_us=$(printf '%s\n' "${samples[@]}" | median)
echo "median start-up: ${startup_us} us"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides { "appofapps/appofapps" = "$(dirname "$bin")" }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

time_ms() {
  local t0 t1
  t0=$(now_ns)
  "$@" >"$work/last.log" 2>&1 || { echo "failed: $* in $(pwd)" >&2; cat "$work/last.log" >&2; exit 1; }
  t1=$(now_ns)
  echo $(( (t1 - t0) / 1000000 ))
}

declare -a p_aoa a_aoa p_base a_base
for r in $(seq "$rounds"); do
  d="$work/aoa-$r"; mkdir -p "$d"; cp "$root/examples/quickstart/main.tf" "$d/"
  b="$work/base-$r"; mkdir -p "$b"
  cat >"$b/main.tf" <<'HCL'
resource "terraform_data" "platform" {
  input = { name = "ml-platform", environments = ["dev", "staging", "prod"] }
}
HCL
  (cd "$b" && terraform init -input=false >/dev/null)
  p_base+=($(cd "$b" && time_ms terraform plan -input=false))
  p_aoa+=($(cd "$d" && time_ms terraform plan -input=false))
  a_base+=($(cd "$b" && time_ms terraform apply -auto-approve -input=false))
  a_aoa+=($(cd "$d" && time_ms terraform apply -auto-approve -input=false))
done
mp_aoa=$(printf '%s\n' "${p_aoa[@]}" | median); mp_base=$(printf '%s\n' "${p_base[@]}" | median)
ma_aoa=$(printf '%s\n' "${a_aoa[@]}" | median); ma_base=$(printf '%s\n' "${a_base[@]}" | median)
echo "== quickstart vs terraform_data baseline (median of $rounds interleaved rounds)"
printf '%-8s %12s %12s %8s\n' "command" "appofapps" "baseline" "ratio"
printf '%-8s %10sms %10sms %8s\n' plan "$mp_aoa" "$mp_base" "$(awk "BEGIN{printf \"%.2f\", $mp_aoa/$mp_base}")"
printf '%-8s %10sms %10sms %8s\n' apply "$ma_aoa" "$ma_base" "$(awk "BEGIN{printf \"%.2f\", $ma_aoa/$ma_base}")"
