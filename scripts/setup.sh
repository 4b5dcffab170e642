#!/bin/sh
# Installs whatever `npm run demo` and `npm test` need and is missing:
# Open MPI (through the system package manager, when allowed to), the npm
# dependencies, the addon and the TypeScript build. Quiet when all is there.
set -e
cd "$(dirname "$0")/.."

. scripts/need.sh

# Open MPI, unless an MPI is already there (a site's own, through modules).
if ! command -v mpicc >/dev/null 2>&1 || ! command -v mpirun >/dev/null 2>&1; then
  need openmpi-bin libopenmpi-dev
fi

# npm dependencies; installing runs node-gyp-build, which builds the addon.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The addon again if its sources changed since it was built.
if [ ! -f build/Release/mpi4js.node ] || [ -n "$(find src-native binding.gyp -newer build/Release/mpi4js.node 2>/dev/null)" ]; then
  npm run --silent build:native >/dev/null
fi

# dist/ again if the library's sources changed since it was built (on a fresh
# clone npm ci's `prepare` has just built it: no second compile).
stale() { marker=$1; shift; [ ! -e "$marker" ] || [ -n "$(find "$@" -newer "$marker" 2>/dev/null | head -1)" ]; }
if stale dist/index.mjs lib tsconfig.json scripts/write-esm-entry.js; then
  npm run --silent build:ts
fi
# The examples, test programs and benchmarks, compiled against dist/'s types.
if stale .build/.built examples test/programs test/ports bench tsconfig.json tsconfig.dev.json dist/index.d.ts; then
  npm run --silent build:dev
  touch .build/.built
fi
