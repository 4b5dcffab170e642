#!/bin/sh
# mpirun with what this project's machines need, used by `npm run demo` and the tests:
#  - as root, Open MPI refuses to start unless told it is allowed;
#  - with more ranks than cores, Open MPI needs --oversubscribe.
# Usage: sh scripts/mpiexec.sh -n 4 node app.js
set -e
if [ "$(id -u)" = 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
MPIRUN=${MPIRUN:-mpirun}
if "$MPIRUN" --version 2>/dev/null | grep -q "Open MPI"; then
  exec "$MPIRUN" --oversubscribe "$@"
fi
exec "$MPIRUN" "$@"
