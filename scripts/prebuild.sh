#!/bin/sh
# Prebuilt binaries with prebuildify (Node-API: one binary serves Node 18, 20, 22).
#
#   sh scripts/prebuild.sh x64 | arm64 | armv7 | all
#
# ARM binaries are cross-compiled with Debian's own cross compilers
# (crossbuild-essential-arm64/-armhf) against a sysroot made of Debian
# bookworm's arm64/armhf Open MPI packages, fetched with apt-get download and
# unpacked with dpkg -x into .build/sysroot-<arch>. Raspberry Pi OS bookworm
# ships the same Open MPI 4.1.4 (libmpi.so.40). Each result is checked: its
# architecture, NEEDED libmpi.so.40, no rpath, and glibc/libstdc++ symbol
# versions old enough for Raspberry Pi OS bullseye (glibc 2.31, gcc 10).
#
# prebuildify compiles in a scratch copy of the sources (.build/prebuild-src)
# and writes to prebuilds/ here, so this checkout's own build/ stays as it is.
set -e
cd "$(dirname "$0")/.."
ROOT=$(pwd)

. scripts/need.sh
need file
# Open MPI's headers; the npm dependencies (prebuildify, node-addon-api) without
# building the addon here, which a prebuild does not need.
need libopenmpi-dev
[ -x node_modules/.bin/prebuildify ] || npm ci --ignore-scripts --no-audit --no-fund

# The sources a build reads, in a scratch folder; node-addon-api resolves from
# this checkout's node_modules, two folders up.
SRC="$ROOT/.build/prebuild-src"
rm -rf "$SRC"
mkdir -p "$SRC/scripts"
cp -R binding.gyp package.json src-native "$SRC/"
cp scripts/mpi-config.js "$SRC/scripts/"
prebuildify() { npx prebuildify --cwd "$SRC" --out "$ROOT" --napi --strip --tag-libc "$@" >/dev/null; }

sysroot() { # debian-arch triple
  dir="$ROOT/.build/sysroot-$1"
  [ -e "$dir/usr/lib/$2/openmpi/lib/libmpi.so" ] && return 0
  need_arch "$1"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download "libopenmpi-dev:$1" "libopenmpi3:$1" 2>/dev/null)
  mkdir -p "$dir"
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$dir"; done
  rm -rf "$tmp"
}

check() { # file expected-machine
  f=$1
  file "$f" | grep -q "$2" || { echo "prebuild: $f is not $2" >&2; exit 1; }
  readelf -d "$f" | grep -q 'NEEDED.*\[libmpi\.so\.40\]' || { echo "prebuild: $f does not need libmpi.so.40" >&2; exit 1; }
  if readelf -d "$f" | grep -qE 'RPATH|RUNPATH'; then echo "prebuild: $f has an rpath" >&2; exit 1; fi
  glibc=$(objdump -T "$f" | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -1)
  glibcxx=$(objdump -T "$f" | grep -o 'GLIBCXX_[0-9.]*' | sort -V | tail -1)
  printf '%s: %s, needs %s %s\n' "$f" "$2" "$glibc" "$glibcxx"
  [ "$(printf '%s\nGLIBC_2.31\n' "$glibc" | sort -V | tail -1)" = GLIBC_2.31 ] || { echo "prebuild: $glibc is newer than bullseye's glibc 2.31" >&2; exit 1; }
  [ "$(printf '%s\nGLIBCXX_3.4.28\n' "$glibcxx" | sort -V | tail -1)" = GLIBCXX_3.4.28 ] || { echo "prebuild: $glibcxx is newer than gcc 10's libstdc++" >&2; exit 1; }
}

cross() { # debian-arch triple node-arch armv machine
  need "crossbuild-essential-$1"
  sysroot "$1" "$2"
  s="$ROOT/.build/sysroot-$1/usr/lib/$2/openmpi"
  MPI4JS_MPI_CFLAGS="-I$s/include -I$s/include/openmpi" MPI4JS_MPI_LIBS="-L$s/lib -lmpi" \
    CC="$2-gcc" CXX="$2-g++" LINK="$2-g++" PREBUILD_STRIP_BIN="$2-strip" \
    prebuildify --arch "$3" --platform linux ${4:+--tag-armv $4}
  check "prebuilds/linux-$3/mpi4js${4:+.armv$4}.glibc.node" "$5"
}

x64() {
  [ "$(uname -m)" = x86_64 ] || { echo "prebuild: the x64 prebuild is made on x86-64 (this is $(uname -m))" >&2; exit 1; }
  prebuildify
  check prebuilds/linux-x64/mpi4js.glibc.node x86-64
}

case "$1" in
  x64) x64 ;;
  arm64) cross arm64 aarch64-linux-gnu arm64 "" "ARM aarch64" ;;
  armv7) cross armhf arm-linux-gnueabihf arm 7 "ARM, EABI5" ;;
  all) x64; cross arm64 aarch64-linux-gnu arm64 "" "ARM aarch64"; cross armhf arm-linux-gnueabihf arm 7 "ARM, EABI5" ;;
  *) echo "usage: prebuild.sh x64|arm64|armv7|all" >&2; exit 2 ;;
esac
