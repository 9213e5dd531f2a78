#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need. Idempotent: installs only what is
# missing, so a second run costs a few dpkg queries.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libmsgpack-cxx-dev nlohmann-json3-dev libboost-graph-dev libssl-dev
  libgit2-dev libyaml-cpp-dev libhowardhinnant-date-dev libicu-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libfuzzer-14-dev libclang-rt-14-dev
  # The static archives the release binary links (cmake/StaticDeps.cmake): abseil, and libgit2's
  # and gRPC's own dependencies, named so that a missing .a never depends on what -dev pulls in.
  libabsl-dev libmbedtls-dev libhttp-parser-dev libssh2-1-dev libpcre2-dev zlib1g-dev
  libc-ares-dev libre2-dev
  # scripts/release.sh and scripts/mirror.sh (zip, checksums, h1: hashes, optional signing).
  zip unzip openssl gnupg
  # Real Git servers on 127.0.0.1 for the remote-repository tests (tests/support/git_servers.h):
  # git http-backend behind lighttpd (basic auth, TLS), and sshd.
  lighttpd lighttpd-mod-openssl openssh-server openssh-client
  # tests/bench/tf_apps_timing.sh measures the provider's peak memory with /usr/bin/time.
  time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
