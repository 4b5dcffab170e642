#!/bin/sh
# The addon built from source by a route other than the default one (node-gyp
# against the system's Open MPI), in a checkout of its own under
# .build/routes/<route>, so the main build stays as it is:
#
#   sh scripts/source-build.sh mpich [--test]   node-gyp against Debian's MPICH (MPI4JS_MPICC=mpicc.mpich)
#   sh scripts/source-build.sh cmake [--test]   cmake-js, MPI found by CMake's FindMPI
#
# With --test (npm run test:mpich, test:cmake) the core specs then run against
# that checkout: MPI4JS_TEST_BUILD points test/mpirun.ts at it, MPIRUN names
# the matching launcher and MPI4JS_TEST_MPI the MPI the environment test expects.
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

case "$route" in
  mpich) (cd "$dir" && MPI4JS_MPICC=mpicc.mpich npm run --silent build:native >/dev/null)
         export MPIRUN=mpirun.mpich MPI4JS_TEST_MPI=MPICH ;;
  cmake) (cd "$dir" && npm run --silent build:cmake -- --log-level warn >/dev/null) ;;
esac
echo "source-build: $dir/build/Release/mpi4js.node ($(node -p "require('./$dir/dist').MPI.Get_library_version().split(/[,\n]/)[0]"))"

[ "${2:-}" = --test ] || exit 0
# The core specs: what every build must pass (large-values: under MPICH, the `_c` route of large counts;
# fuzz, intercommunicators, persistent-requests and sessions: MPI-4.0 routines and MPICH's own special values).
MPI4JS_TEST_BUILD=$dir exec npx jest --runInBand \
  --testPathPatterns 'test/(point-to-point|collectives|communicators|errors|environment|async|examples|load|large-values|fuzz|intercommunicators|persistent-requests|sessions|topologies|buffer-safety|windows)'
