#!/usr/bin/env bash
# Start-up of the provider as Terraform sees it: exec -> handshake line on stdout, N runs each
# with AutoMTLS (a client certificate offered, as Terraform does by default) and plaintext, and
# the same measurement of a shell printing one line as the floor of this machine (fork, exec,
# pipe). The budget is a median of at most 5 ms for the mTLS row. Prints min/median/max in
# milliseconds, and the binary's size and shared libraries.
# Usage: tests/bench/handshake_timing.sh [provider binary] [runs (default 50)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-$root/build/release/provider/terraform-provider-appofapps}"
runs="${2:-50}"
[ -x "$bin" ] || { echo "build the provider first: $bin missing" >&2; exit 1; }
cert="$(cat "$root/tests/bench/client-cert.pem")"

stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
  printf "min %.2f  median %.2f  max %.2f ms (%d runs)\n", a[1]/1000, m/1000, a[NR]/1000, NR}'; }

# The timer: posix_spawn -> first line on the pipe, in C, so that no shell or `date` process sits in
# the measurement (they cost more than a millisecond each).
timer="$root/build/handshake_timer"
if [ ! -x "$timer" ] || [ "$root/tests/bench/handshake_timer.c" -nt "$timer" ]; then
  mkdir -p "$root/build"
  cc -O2 -o "$timer" "$root/tests/bench/handshake_timer.c"
fi
floor_script="$(mktemp)"
trap 'rm -f "$floor_script"' EXIT
printf '#!/bin/sh\necho floor\nexec sleep 5\n' >"$floor_script"
chmod +x "$floor_script"

export TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2
export PLUGIN_PROTOCOL_VERSIONS=5,6 PLUGIN_MIN_PORT=10000 PLUGIN_MAX_PORT=25000
floor=() mtls=() plain=()
for _ in $(seq "$runs"); do  # interleaved, so that load changes hit all three alike
  floor+=("$("$timer" 1 "$floor_script")")
  mtls+=("$(PLUGIN_CLIENT_CERT="$cert" "$timer" 1 "$bin")")
  plain+=("$("$timer" 1 "$bin")")
done
echo "floor (sh, one line): $(printf '%s\n' "${floor[@]}" | stats)"
echo "handshake, mTLS:      $(printf '%s\n' "${mtls[@]}" | stats)"
echo "handshake, plain:     $(printf '%s\n' "${plain[@]}" | stats)"
echo "binary: $(stat -c %s "$bin") bytes; shared libraries: $(ldd "$bin" | awk '{print $1}' | tr '\n' ' ')"
