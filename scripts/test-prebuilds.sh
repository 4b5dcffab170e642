#!/bin/sh
# Proof that the ARM prebuilds run: Debian's own arm64/armhf node (18) and its
# libraries go into the sysroot of scripts/prebuild.sh; the host's mpirun starts
# two ranks as `qemu-<arch>-static -L <sysroot> <sysroot>/usr/bin/node`, which
# load the prebuild through node-gyp-build (PREBUILDS_ONLY=1) and run
# test/programs/prebuild-smoke.js. armv7 ranks are started by the sysroot's own
# armhf orterun, itself under qemu (see run below).
#
#   sh scripts/test-prebuilds.sh [arm64] [armv7]      (default: both; needs root)
set -e
cd "$(dirname "$0")/.."
ROOT=$(pwd)

runtime() { # debian-arch: node and everything it and Open MPI need, unpacked into the sysroot
  dir="$ROOT/.build/sysroot-$1"
  [ -x "$dir/usr/bin/node" ] && [ -x "$dir/usr/bin/orterun" ] && return 0
  need_arch "$1"
  tmp=$(mktemp -d)
  pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    "nodejs:$1" "libopenmpi3:$1" "openmpi-bin:$1" 2>/dev/null | grep -E '^[a-z0-9]' | sed "s/:$1\$//" | grep -v ':' | sort -u)
  [ -n "$pkgs" ] || { echo "test-prebuilds: apt knows no nodejs:$1 (apt-get update?)" >&2; exit 1; }
  # Each package for this architecture; an Architecture: all one as it is. Never the host's own build.
  (cd "$tmp" && for p in $pkgs; do
    apt-get download "$p:$1" >/dev/null 2>&1 ||
      { apt-cache show "$p" 2>/dev/null | grep -q '^Architecture: all' && apt-get download "$p" >/dev/null 2>&1; } ||
      echo "test-prebuilds: cannot fetch $p for $1" >&2
  done)
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$dir"; done
  rm -rf "$tmp"
}

run() { # debian-arch qemu triple
  [ -f "$ROOT/prebuilds/linux-$([ "$1" = arm64 ] && echo arm64 || echo arm)/mpi4js$([ "$1" = armhf ] && echo .armv7).glibc.node" ] ||
    sh "$ROOT/scripts/prebuild.sh" "$([ "$1" = arm64 ] && echo arm64 || echo armv7)"
  runtime "$1"
  dir="$ROOT/.build/sysroot-$1"
  qemu=$2
  # (Paths here hold no spaces: the command lines below are split on them.)
  # An unpacked sysroot has no ld.so.cache: name the multiarch library folders.
  guest="$qemu -L $dir -E LD_LIBRARY_PATH=/lib/$3:/usr/lib/$3"
  smoke="$dir/usr/bin/node $ROOT/test/programs/prebuild-smoke.js"
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  if [ "$1" = arm64 ]; then
    timeout 600 mpirun --oversubscribe -n 2 -x PREBUILDS_ONLY=1 $guest $smoke
    return
  fi
  # A 32-bit guest needs two things more. The host's 64-bit mpirun cannot serve
  # it: PMIx's messages differ between 32 and 64 bit (the rank sends a 66-byte
  # connect message, the server waits for 70), so the sysroot's own orterun,
  # under qemu too, starts the ranks. And under qemu-user the 64-bit kernel hands
  # out 64-bit ext4 directory offsets, which Open MPI's 32-bit readdir() rejects
  # (EOVERFLOW): it finds no components ("opal_shmem_base_select failed"). On
  # tmpfs the offsets are small, so the component folders and the session
  # directory go there. (A real 32-bit Pi has neither problem.)
  scratch=$(mktemp -d /dev/shm/mpi4js-armhf.XXXXXX)
  trap 'rm -rf "$scratch"' EXIT INT TERM
  cp -r "$dir/usr/lib/$3/openmpi/lib/openmpi3" "$scratch/ompi"
  cp -r "$dir/usr/lib/$3/pmix2/lib/pmix" "$scratch/pmix"
  timeout 600 env OMPI_MCA_mca_base_component_path="$scratch/ompi" PMIX_MCA_mca_base_component_path="$scratch/pmix" \
    OMPI_MCA_orte_tmpdir_base="$scratch" \
    $guest "$dir/usr/bin/orterun" --oversubscribe -n 2 -x PREBUILDS_ONLY=1 $guest $smoke
}

[ "$(id -u)" = 0 ] || { echo "test-prebuilds: needs root (apt-get download, dpkg --add-architecture)" >&2; exit 1; }
. scripts/need.sh
need qemu-user-static
for target in ${*:-arm64 armv7}; do
  case "$target" in
    arm64) run arm64 qemu-aarch64-static aarch64-linux-gnu ;;
    armv7) run armhf qemu-arm-static arm-linux-gnueabihf ;;
    *) echo "usage: test-prebuilds.sh [arm64] [armv7]" >&2; exit 2 ;;
  esac
done
