#!/bin/sh
# The addon built from source by a route other than the default one (node-gyp
# against the system's Open MPI), in a checkout of its own under
# .build/routes/<route>, so the main build stays as it is:
#
#   sh scripts/source-build.sh mpich   node-gyp against Debian's MPICH (MPI4JS_MPICC=mpicc.mpich)
#   sh scripts/source-build.sh cmake   cmake-js, MPI found by CMake's FindMPI
#
# `npm run test:mpich` and `npm run test:cmake` then run the core tests against
# that checkout (MPI4JS_TEST_BUILD points test/mpirun.ts at it).
set -e
cd "$(dirname "$0")/.."
. scripts/need.sh

route=$1
case "$route" in mpich | cmake) ;; *) echo "usage: source-build.sh mpich|cmake" >&2; exit 2 ;; esac
# The main build first, so that it is made against Open MPI whatever comes next.
sh scripts/setup.sh
case "$route" in
  mpich) need mpich libmpich-dev ;;
  cmake) need cmake ;;
esac

# What an installed package holds, plus the compiled tests; node_modules shared.
dir=.build/routes/$route
rm -rf "$dir"
mkdir -p "$dir/scripts" "$dir/.build" "$dir/test"
cp -r package.json binding.gyp CMakeLists.txt src-native dist "$dir/"
cp scripts/mpi-config.js "$dir/scripts/"
cp -r .build/lib .build/test .build/examples "$dir/.build/"
cp -r test/programs "$dir/test/" # the programs tsc does not compile (esm-import.mjs, prebuild-smoke.js)
ln -s "$(pwd)/node_modules" "$dir/node_modules"

cd "$dir"
case "$route" in
  mpich) MPI4JS_MPICC=mpicc.mpich npm run --silent build:native >/dev/null ;;
  cmake) npm run --silent build:cmake -- --log-level warn >/dev/null ;;
esac
echo "source-build: $dir/build/Release/mpi4js.node ($(node -p "require('./dist').MPI.Get_library_version().split(/[,\n]/)[0]"))"
