#!/bin/sh
# Installs whatever `npm run demo` and `npm test` need and is missing:
# Open MPI (through the system package manager, when allowed to), the npm
# dependencies, the addon and the TypeScript build. Quiet when all is there.
set -e
cd "$(dirname "$0")/.."

MPI_PACKAGES="openmpi-bin libopenmpi-dev"

if ! command -v mpicc >/dev/null 2>&1 || ! command -v mpirun >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "mpi4js: Open MPI is missing. Install Open MPI with its development files (mpicc, mpirun, mpi.h), then run this again." >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "mpi4js: Open MPI is missing. Install it with:" >&2
    echo "  sudo apt-get install -y $MPI_PACKAGES" >&2
    echo "then run this again." >&2
    exit 1
  fi
  echo "mpi4js: installing Open MPI ($MPI_PACKAGES) ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MPI_PACKAGES >/dev/null
fi

# npm dependencies; installing runs node-gyp-build, which builds the addon.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The addon again if its sources changed since it was built.
if [ ! -f build/Release/mpi4js.node ] || [ -n "$(find src-native binding.gyp -newer build/Release/mpi4js.node 2>/dev/null)" ]; then
  npm run --silent build:native >/dev/null
fi

npm run --silent build
npm run --silent build:dev
