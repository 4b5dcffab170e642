#!/bin/sh
# mpirun's launch agent on the simulated cluster (scripts/cluster.sh), standing
# in for ssh: `cluster-agent.sh HOST COMMAND…` runs COMMAND in the network
# namespace that owns HOST's address, with the host's own hostname.
#
# A host listed in /run/mpi4js-cluster/broken gets a private mount namespace in
# which the mpi4js checkout is empty: mpi4js "is not installed" there.
# (scripts/cluster.sh up copies this file to /run/mpi4js-cluster/agent.sh.)
set -e
host=$1
shift
case "$host" in
  10.77.0.1[1-8]) i=${host#10.77.0.1} ;;
  h[1-8]) i=${host#h} ;;
  *) echo "cluster-agent: unknown host $host" >&2; exit 255 ;;
esac
ns=mpi4js-h$i
root=$(cat /run/mpi4js-cluster/root)
if grep -qx "$host" /run/mpi4js-cluster/broken 2>/dev/null; then
  exec ip netns exec "$ns" unshare --uts --mount sh -c "hostname h$i && mount -t tmpfs empty '$root' && $*"
fi
exec ip netns exec "$ns" unshare --uts sh -c "hostname h$i && $*"
