#!/usr/bin/env bash
# Lays the release files of scripts/release.sh out as provider mirrors that `terraform init`
# installs from without a registry (docs/guides/install.md):
#
#   <out>/filesystem/registry.terraform.io/appofapps/appofapps/<version>/linux_amd64/terraform-provider-appofapps_v<version>
#       a filesystem mirror, unpacked layout (provider_installation { filesystem_mirror { path = "<out>/filesystem" } })
#   <out>/network/registry.terraform.io/appofapps/appofapps/index.json       {"versions":{"<version>":{}}}
#   <out>/network/registry.terraform.io/appofapps/appofapps/<version>.json   {"archives":{"linux_amd64":{"url":…,"hashes":[h1, zh]}}}
#   <out>/network/registry.terraform.io/appofapps/appofapps/<the zip>
#       the provider network mirror protocol's files, for any HTTPS server (network_mirror { url = … })
#
# Hashes, as .terraform.lock.hcl records them: zh: is the zip's SHA-256 (hex), h1: the base64
# SHA-256 of the sorted lines "<sha256 hex of file>  <file name>\n" of the zip's content.
# The source address is the one the examples require: appofapps/appofapps on registry.terraform.io.
#
# Usage: scripts/mirror.sh <dist dir from release.sh> <out dir (emptied first)>
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/mirror.sh <dist dir> <out dir>" >&2; exit 2; }
dist="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
project=terraform-provider-appofapps
address=registry.terraform.io/appofapps/appofapps

sums=$(ls "$dist"/${project}_*_SHA256SUMS 2>/dev/null | head -n 1)
[ -n "$sums" ] || { echo "mirror.sh: no ${project}_<version>_SHA256SUMS in $dist (run scripts/release.sh)" >&2; exit 1; }
version=$(basename "$sums" | sed "s/^${project}_\(.*\)_SHA256SUMS$/\1/")
(cd "$dist" && sha256sum --quiet -c "$(basename "$sums")") || { echo "mirror.sh: $sums does not match the files" >&2; exit 1; }

rm -rf "$out/filesystem" "$out/network"
network="$out/network/$address"
mkdir -p "$network"
printf '{"versions":{"%s":{}}}\n' "$version" >"$network/index.json"

archives=""
for zip in "$dist"/${project}_${version}_*_*.zip; do
  platform=$(basename "$zip" .zip | sed "s/^${project}_${version}_//")
  unpacked="$out/filesystem/$address/$version/$platform"
  mkdir -p "$unpacked"
  unzip -q "$zip" -d "$unpacked"
  cp "$zip" "$network/"
  zh=$(sha256sum "$zip" | cut -d' ' -f1)
  h1=$(cd "$unpacked" && find . -type f -printf '%P\n' | LC_ALL=C sort | while read -r f; do
         printf '%s  %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f"; done | openssl dgst -sha256 -binary | base64)
  archives="${archives:+$archives,}\"$platform\":{\"url\":\"$(basename "$zip")\",\"hashes\":[\"h1:$h1\",\"zh:$zh\"]}"
done
printf '{"archives":{%s}}\n' "$archives" >"$network/$version.json"
echo "mirror.sh: $address $version in $out/filesystem and $out/network"
