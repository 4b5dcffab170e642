#!/bin/sh
# npm's prepack: what `npm pack` and `npm publish` run before the tarball is
# made (an install from git runs only `prepare`, which builds dist/). It builds
# dist/ and this machine's prebuild, so a tarball is never silently missing
# either; refuses a prebuild older than the sources; and says which prebuilds
# the tarball lacks. `npm run release` makes all three first.
set -e
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/tsc ]; then
  # A fresh clone: the dev dependencies, without building the addon here.
  npm ci --ignore-scripts --no-audit --no-fund >&2
fi
rm -rf dist # nothing stale from an earlier layout goes into the tarball
npm run --silent build:ts >&2

here="$(node -p 'process.platform + "-" + process.arch')"
case "$here" in
  linux-x64) prebuild=prebuilds/linux-x64/mpi4js.glibc.node; make="sh scripts/prebuild.sh x64" ;;
  *) prebuild=""; make="" ;;
esac
if [ -n "$make" ]; then
  # Made again only when a source is newer than it.
  if [ ! -f "$prebuild" ] || [ -n "$(find src-native binding.gyp scripts/mpi-config.js -newer "$prebuild" 2>/dev/null)" ]; then
    # npm pack --json prints the tarball's manifest on stdout: all else to stderr.
    $make >&2 || { echo "mpi4js prepack: could not make $prebuild (above: why); the tarball would have no prebuild for $here" >&2; exit 1; }
  fi
fi

have=""
for p in linux-x64 linux-arm64 linux-arm; do
  for f in prebuilds/$p/*.node; do
    [ -f "$f" ] || continue
    if [ -n "$(find src-native binding.gyp scripts/mpi-config.js -newer "$f" 2>/dev/null)" ]; then
      echo "mpi4js prepack: $f is older than the sources; make it again (npm run release) or delete it" >&2
      exit 1
    fi
    have="$have $p"
  done
done
missing=""
for p in linux-x64 linux-arm64 linux-arm; do
  case "$have " in *" $p "*) ;; *) missing="$missing $p" ;; esac
done
if [ -z "$have" ]; then
  # Not a stop: such a tarball still installs, building from source.
  echo "mpi4js prepack: WARNING: no prebuild is made on $here, so the tarball has none and every install builds from source (g++, make, python3, libopenmpi-dev); npm run release on x86-64 Linux makes all three" >&2
  exit 0
fi
echo "mpi4js prepack: the tarball carries prebuilds for$have${missing:+; none for$missing (those build from source on install; npm run release makes all three)}" >&2
