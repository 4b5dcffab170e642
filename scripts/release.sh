#!/bin/sh
# The release tarball: all three prebuilds (x64, and arm64 and armv7
# cross-compiled), dist/, and the sources to rebuild from. Writes
# mpi4js-<version>.tgz here and checks that it carries every prebuild.
#
#   npm run release            (as root, or with the cross compilers installed)
set -e
cd "$(dirname "$0")/.."
sh scripts/prebuild.sh all
tarball=$(npm pack --silent)
for p in linux-x64/mpi4js.glibc.node linux-arm64/mpi4js.glibc.node linux-arm/mpi4js.armv7.glibc.node; do
  tar -tzf "$tarball" | grep -qx "package/prebuilds/$p" || { echo "release: $tarball lacks prebuilds/$p" >&2; exit 1; }
done
echo "$(pwd)/$tarball"
