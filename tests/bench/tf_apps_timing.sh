#!/usr/bin/env bash
# terraform plan and apply of N appofapps_app resources in one root and environment (each app
# depends on up to three earlier apps, by reference) against N terraform_data resources with the
# same reference graph (Terraform's built-in: no plugin, the floor), interleaved round by round.
# Usage: tests/bench/tf_apps_timing.sh [build-dir] [apps] [rounds]
# The provider runs under /usr/bin/time, so the peak RSS of every provider process is reported too.
# With AOA_BENCH_MARKDOWN=<file>, the result is also appended to that file as a Markdown table row:
# | apps | plan ms | floor ms | ratio | apply ms | floor ms | ratio | provider peak RSS MiB |
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
n="${2:-100}"
rounds="${3:-3}"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A wrapper in the override directory: the real binary under /usr/bin/time, peak RSS (KiB) per process.
mkdir -p "$work/provider"
cat >"$work/provider/terraform-provider-appofapps" <<WRAP
#!/usr/bin/env bash
exec /usr/bin/time -f %M -a -o "$work/rss" "$build/provider/terraform-provider-appofapps" "\$@"
WRAP
chmod +x "$work/provider/terraform-provider-appofapps"
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides { "appofapps/appofapps" = "$work/provider" }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

source "$root/tests/bench/apps_config.sh"

gen_base() {
  local i d refs
  # References by .id (a string, like an app's name): referencing .output would nest every
  # ancestor's value into each input and grow exponentially.
  echo 'resource "terraform_data" "root" { input = "ml" }'
  for i in $(seq 0 $(( n - 1 ))); do
    refs=""
    for d in $(deps_of "$i"); do refs="$refs terraform_data.a$d.id,"; done
    echo "resource \"terraform_data\" \"a$i\" {"
    echo "  input = { root = terraform_data.root.id, name = \"a$i\", depends_on = [${refs%,}] }"
    echo "}"
  done
}

now_ns() { date +%s%N; }
time_ms() {
  local t0 t1
  t0=$(now_ns)
  "$@" >"$work/last.log" 2>&1 || { echo "failed: $*" >&2; tail -30 "$work/last.log" >&2; exit 1; }
  t1=$(now_ns)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

declare -a pa aa pb ab
for r in $(seq "$rounds"); do
  d="$work/apps-$r"; b="$work/base-$r"; mkdir -p "$d" "$b"
  gen_apps >"$d/main.tf"; gen_base >"$b/main.tf"
  (cd "$b" && terraform init -input=false >/dev/null)
  pb+=($(cd "$b" && time_ms terraform plan -input=false))
  pa+=($(cd "$d" && time_ms terraform plan -input=false))
  ab+=($(cd "$b" && time_ms terraform apply -auto-approve -input=false))
  aa+=($(cd "$d" && time_ms terraform apply -auto-approve -input=false))
done
mpa=$(printf '%s\n' "${pa[@]}" | median); mpb=$(printf '%s\n' "${pb[@]}" | median)
maa=$(printf '%s\n' "${aa[@]}" | median); mab=$(printf '%s\n' "${ab[@]}" | median)
echo "== $n apps vs $n terraform_data (median of $rounds interleaved rounds)"
printf '%-8s %12s %12s %8s\n' command appofapps baseline ratio
printf '%-8s %10sms %10sms %8s\n' plan "$mpa" "$mpb" "$(awk "BEGIN{printf \"%.2f\", $mpa/$mpb}")"
printf '%-8s %10sms %10sms %8s\n' apply "$maa" "$mab" "$(awk "BEGIN{printf \"%.2f\", $maa/$mab}")"
rss_mib=$(sort -n "$work/rss" 2>/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}')
echo "provider peak RSS: ${rss_mib:-n/a} MiB (largest of the provider processes)"
if [ -n "${AOA_BENCH_MARKDOWN:-}" ]; then
  printf '| %s | %s | %s | %.2f | %s | %s | %.2f | %s |\n' "$n" "$mpa" "$mpb" "$(awk "BEGIN{print $mpa/$mpb}")" \
    "$maa" "$mab" "$(awk "BEGIN{print $maa/$mab}")" "${rss_mib:-n/a}" >>"$AOA_BENCH_MARKDOWN"
fi
