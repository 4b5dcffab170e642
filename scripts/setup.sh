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

npm run --silent build:ts
npm run --silent build:dev
