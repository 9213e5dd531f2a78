#!/usr/bin/env bash
# Builds the release files of terraform-provider-appofapps into dist/ without goreleaser, with the
# names and layout .goreleaser.yml gives them (tests/release/release_layout_test.sh checks both agree):
#
#   dist/terraform-provider-appofapps_<version>_linux_amd64.zip   holding terraform-provider-appofapps_v<version>
#   dist/terraform-provider-appofapps_<version>_manifest.json     terraform-registry-manifest.json
#   dist/terraform-provider-appofapps_<version>_SHA256SUMS        sha256 of the zip(s) and the manifest
#   dist/terraform-provider-appofapps_<version>_SHA256SUMS.sig    only when GPG_FINGERPRINT names a key
#
# The binary is the release build's provider (statically linked: it needs glibc only, of the build
# machine's version or newer), stripped of symbols and debug information. Signing is optional
# here: without GPG_FINGERPRINT no .sig is written and the script says so; the Terraform registry
# needs the .sig, a filesystem or network mirror does not.
#
# Usage: scripts/release.sh [--no-build] [--binary PATH] [--out DIR]
#   --no-build     use build/release/provider/terraform-provider-appofapps as it is
#   --binary PATH  package this provider binary instead (tests pass the one of their build; implies --no-build)
#   --out DIR      write there instead of dist/ (emptied first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

build=1
out="$root/dist"
binary="$root/build/release/provider/terraform-provider-appofapps"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --binary) binary="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; build=0; shift ;;
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    *) echo "release.sh: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
  shift
done

cd "$root"
project=terraform-provider-appofapps
if [ "$build" = 1 ]; then scripts/build.sh release "$project" >/dev/null; fi
[ -x "$binary" ] || { echo "release.sh: $binary is missing; build it (scripts/build.sh release $project)" >&2; exit 1; }

# The version is set once, in CMakeLists.txt's project(); the binary reports it.
version="$("$binary" --version | sed -n 's/^terraform-provider-appofapps \([0-9][0-9A-Za-z.+-]*\)$/\1/p')"
[ -n "$version" ] || { echo "release.sh: could not read the version from $binary --version" >&2; exit 1; }

# Only what the build machine can make: a static x86-64 Linux binary.
os=linux
arch=amd64
[ "$(uname -m)" = x86_64 ] || { echo "release.sh: builds linux_amd64 only; this machine is $(uname -m)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

strip --strip-all -o "$stage/${project}_v${version}" "$binary"
chmod 0755 "$stage/${project}_v${version}"
# -X: no extra file attributes, so the same binary gives the same zip (and the same zh: hash).
(cd "$stage" && TZ=UTC touch -t 198001010000 "${project}_v${version}" &&
  zip -q -X "$out/${project}_${version}_${os}_${arch}.zip" "${project}_v${version}")
cp terraform-registry-manifest.json "$out/${project}_${version}_manifest.json"

(cd "$out" && sha256sum "${project}_${version}_${os}_${arch}.zip" "${project}_${version}_manifest.json" \
  >"${project}_${version}_SHA256SUMS")

if [ -n "${GPG_FINGERPRINT:-}" ]; then
  gpg --batch --local-user "$GPG_FINGERPRINT" --output "$out/${project}_${version}_SHA256SUMS.sig" \
    --detach-sign "$out/${project}_${version}_SHA256SUMS"
else
  echo "release.sh: GPG_FINGERPRINT not set: ${project}_${version}_SHA256SUMS is not signed (the registry needs the .sig; mirrors do not)" >&2
fi
echo "release.sh: $project $version for ${os}_${arch} in $out"
