#!/bin/sh
# The addon under AddressSanitizer and UndefinedBehaviorSanitizer (npm run test:asan).
#
# Builds the addon with -fsanitize=address,undefined in a checkout of its own
# under .build/asan (this checkout's build/ stays as it is), then runs the test
# programs on 1 and 2 ranks with the sanitizer's runtime preloaded into each
# rank's node (test/sanitizer/run.ts). A report with a frame in mpi4js's code
# fails the run; reports entirely inside Node, V8 or Open MPI are listed as
# ignored. The build also has a deliberate fault (test/native/sanitizer-self-test.cc,
# behind MPI4JS_SANITIZER_SELF_TEST), which the run must report as ours.
set -e
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/need.sh

# The main build and the compiled programs first; then the compiler and the
# sanitizers' runtimes (gcc 12's, on Debian bookworm).
sh scripts/setup.sh
# The fault must never reach the normal build.
if grep -q __asanSelfTest build/Release/mpi4js.node; then
  echo "sanitize: build/Release/mpi4js.node has the sanitizer self-test in it" >&2; exit 1
fi
need g++ make python3 libasan8 libubsan1
runtime=$(g++ -print-file-name=libasan.so)
[ -e "$runtime" ] || { echo "sanitize: g++ has no libasan.so ($runtime)" >&2; exit 1; }

# What an installed package holds, plus the compiled tests; node_modules shared.
dir=.build/asan
rm -rf "$dir"
mkdir -p "$dir/scripts" "$dir/.build"
cp -r package.json binding.gyp src-native dist "$dir/"
cp scripts/mpi-config.js "$dir/scripts/"
cp -r .build/lib .build/test "$dir/.build/"
ln -s "$ROOT/node_modules" "$dir/node_modules"
# The self-test fixture joins the addon's sources in this copy only.
cp test/native/sanitizer-self-test.cc "$dir/src-native/"
sed -i 's#"src-native/addon.cc",#"src-native/addon.cc", "src-native/sanitizer-self-test.cc",#' "$dir/binding.gyp"
grep -q sanitizer-self-test "$dir/binding.gyp" || { echo "sanitize: could not add the self-test to binding.gyp" >&2; exit 1; }

# node-gyp's Makefiles append CXXFLAGS and LDFLAGS from the environment after
# their own flags, so -O1 replaces the release -O3 (exact stacks, still quick).
# -fsanitize-recover lets a run go on after a report, to list them all.
flags="-fsanitize=address,undefined -fsanitize-recover=address -fno-omit-frame-pointer -g -O1 -DMPI4JS_SANITIZER_SELF_TEST"
(cd "$dir" && CXXFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined" npm run --silent build:native -- -j max >build.log 2>&1) ||
  { tail -40 "$dir/build.log" >&2; echo "sanitize: the sanitizer build failed (whole log: $dir/build.log)" >&2; exit 1; }
echo "sanitize: $dir/build/Release/mpi4js.node (ASan + UBSan, runtime $runtime)"

MPI4JS_SANITIZER_RUNTIME=$runtime exec node .build/test/sanitizer/run.js "$dir"
