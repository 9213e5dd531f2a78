#!/usr/bin/env bash
# Checks that scripts/release.sh writes exactly the files .goreleaser.yml describes: the names
# rendered from .goreleaser.yml's templates (project, version, os, arch), the zip holding only the
# executable binary, _SHA256SUMS over the zip and the manifest, the manifest's protocol 6.0, a
# detached GPG signature that verifies (with a throwaway key), and a binary whose only shared
# libraries are glibc's. Run by ctest (ReleaseLayout) on the static build's provider.
# Usage: tests/release/release_layout_test.sh <provider binary>
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
config="$root/.goreleaser.yml"
binary="${1:?usage: release_layout_test.sh <provider binary>}"
work="$(mktemp -d)"
export GNUPGHOME="$work/gnupg"
trap 'gpgconf --kill gpg-agent 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- what .goreleaser.yml says ---------------------------------------------------------------
value() { sed -n "s/^ *$1: *'\{0,1\}\([^']*\)'\{0,1\} *$/\1/p" "$config" | head -n 1; }
project=$(value project_name)
[ "$project" = terraform-provider-appofapps ] || fail "project_name is '$project'"
grep -q '^ *builder: prebuilt$' "$config" || fail "the build is not the prebuilt builder"
grep -A1 '^ *goos:' "$config" | grep -q -- '- linux' || fail "goos does not list linux"
grep -A1 '^ *goarch:' "$config" | grep -q -- '- amd64' || fail "goarch does not list amd64"
grep -A1 '^ *- formats:' "$config" | grep -q -- '- zip' || fail "archives are not zip"
grep -q '^ *- artifacts: checksum$' "$config" || fail "the checksum file is not signed"
grep -q '"--detach-sign"' "$config" || fail "the signature is not detached"
grep -q 'glob: .terraform-registry-manifest.json.' "$config" || fail "the registry manifest is not released"

version=$("$binary" --version | sed -n 's/^terraform-provider-appofapps \(.*\)$/\1/p')
[ -n "$version" ] || fail "no version from $binary --version"
render() { # template -> name, goreleaser's fields filled in
  sed -e "s/{{ *\.ProjectName *}}/$project/g" -e "s/{{ *\.Version *}}/$version/g" \
      -e 's/{{ *\.Os *}}/linux/g' -e 's/{{ *\.Arch *}}/amd64/g' <<<"$1"
}
binary_name=$(render "$(value binary)")
archive=$(render "$(sed -n '/^archives:/,/^[a-z]/s/^ *name_template: *'"'"'\(.*\)'"'"'$/\1/p' "$config")").zip
sums=$(render "$(sed -n '/^checksum:/,/^[a-z]/s/^  name_template: *'"'"'\(.*\)'"'"'$/\1/p' "$config")")
manifest=$(render "$(sed -n '/^checksum:/,/^[a-z]/s/^ *name_template: *'"'"'\(.*_manifest.json\)'"'"'$/\1/p' "$config")")
[ "$binary_name" = "terraform-provider-appofapps_v$version" ] || fail "binary name '$binary_name'"
[ "$archive" = "terraform-provider-appofapps_${version}_linux_amd64.zip" ] || fail "archive name '$archive'"
[ "$sums" = "terraform-provider-appofapps_${version}_SHA256SUMS" ] || fail "checksum name '$sums'"
[ "$manifest" = "terraform-provider-appofapps_${version}_manifest.json" ] || fail "manifest name '$manifest'"

# --- what scripts/release.sh writes (signed with a throwaway key) ------------------------------
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'release test <release-test@example.invalid>' ed25519 sign 1d 2>/dev/null
fingerprint=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '/^fpr:/ {print $10; exit}')
GPG_FINGERPRINT="$fingerprint" "$root/scripts/release.sh" --binary "$binary" --out "$work/dist" >/dev/null

expected=$(printf '%s\n' "$archive" "$sums" "$sums.sig" "$manifest" | LC_ALL=C sort)
actual=$(cd "$work/dist" && ls -1 | LC_ALL=C sort)
[ "$actual" = "$expected" ] || fail "release.sh wrote:
$actual
.goreleaser.yml describes:
$expected"

entries=$(unzip -Z1 "$work/dist/$archive")
[ "$entries" = "$binary_name" ] || fail "the zip holds '$entries', not '$binary_name'"
unzip -Z "$work/dist/$archive" "$binary_name" | grep -q '^-rwx' || fail "the binary in the zip is not executable"
listed=$(awk '{print $2}' "$work/dist/$sums" | LC_ALL=C sort)
[ "$listed" = "$(printf '%s\n' "$archive" "$manifest" | LC_ALL=C sort)" ] || fail "$sums lists: $listed"
(cd "$work/dist" && sha256sum --quiet -c "$sums") || fail "$sums does not match the files"
gpg --batch --quiet --verify "$work/dist/$sums.sig" "$work/dist/$sums" 2>/dev/null || fail "the signature does not verify"
cmp -s "$work/dist/$manifest" "$root/terraform-registry-manifest.json" || fail "$manifest differs from terraform-registry-manifest.json"
tr -d ' \n' <"$work/dist/$manifest" | grep -q '"protocol_versions":\["6.0"\]' || fail "the manifest does not say protocol 6.0"

unzip -q "$work/dist/$archive" -d "$work/unzipped"
libs=$(ldd "$work/unzipped/$binary_name" | awk '{print $1}' | grep -v -E '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|lib(c|m|pthread|dl|rt)\.so\.[0-9]+)$' || true)
[ -z "$libs" ] || fail "the released binary needs shared libraries beyond glibc: $libs"
"$work/unzipped/$binary_name" --version | grep -q "^commit " || fail "the released binary does not report its commit"

echo "release layout: 4 files agree with .goreleaser.yml ($archive, $sums, $sums.sig, $manifest); glibc only"
