#!/bin/sh
# A Raspberry Pi cluster on one machine: N hosts as network namespaces, each
# with its own address (10.77.0.11, .12, …) and hostname (h1, h2, …), joined by
# a bridge through veth pairs. mpirun runs in h1 and starts its daemons in the
# others through scripts/cluster-agent.sh, which stands in for ssh. Traffic
# stays inside these namespaces. Needs root (or CAP_NET_ADMIN + CAP_SYS_ADMIN).
#
#   sh scripts/cluster.sh up N          create hosts h1..hN (N ≤ 8)
#   sh scripts/cluster.sh mpirun ARGS   mpirun in h1, over TCP on the cluster's /24
#                                       (a host that stops answering is declared lost in ~5 s, not 8 min)
#   sh scripts/cluster.sh down          remove every host and the bridge
#   sh scripts/cluster.sh hosts N [S]   the host list for -host: 10.77.0.11:S,…
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=mpi4js
BRIDGE=${PREFIX}-br
SUBNET=10.77.0
STATE=/run/${PREFIX}-cluster

address() { echo "$SUBNET.$((10 + $1))"; }

up() {
  n=$1
  [ "$n" -ge 1 ] && [ "$n" -le 8 ] || { echo "cluster: 1 to 8 hosts" >&2; exit 2; }
  down 2>/dev/null || true
  mkdir -p "$STATE"
  # The launch agent lives outside the checkout, which a "broken" host hides.
  cp "$HERE/cluster-agent.sh" "$STATE/agent.sh"
  echo "$(cd "$HERE/.." && pwd)" > "$STATE/root"
  ip link add "$BRIDGE" type bridge
  ip link set "$BRIDGE" up
  i=1
  while [ "$i" -le "$n" ]; do
    ip netns add "$PREFIX-h$i"
    ip link add "$PREFIX-v$i" type veth peer name eth0 netns "$PREFIX-h$i"
    ip link set "$PREFIX-v$i" master "$BRIDGE"
    ip link set "$PREFIX-v$i" up
    ip -n "$PREFIX-h$i" addr add "$(address "$i")/24" dev eth0
    ip -n "$PREFIX-h$i" link set eth0 up
    ip -n "$PREFIX-h$i" link set lo up
    # Give up on an unanswering peer after ~10 s of TCP retransmissions, not
    # Linux's default ~15 min, so a host whose link dies is declared lost
    # (this namespace only; on a real cluster: sysctl net.ipv4.tcp_retries2).
    ip netns exec "$PREFIX-h$i" sysctl -qw net.ipv4.tcp_retries2=4
    i=$((i + 1))
  done
  echo "$n" > "$STATE/hosts"
}

down() {
  # Whatever still runs inside a host is ended with it: no orphans.
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$PREFIX-h" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  # A namespace may outlive its name for a while; its veth pair goes with our end.
  for link in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | grep "^$PREFIX-v" | cut -d@ -f1); do
    ip link del "$link" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$STATE"
}

hosts() {
  n=$1 slots=${2:-1} list="" i=1
  while [ "$i" -le "$n" ]; do
    list="$list${list:+,}$(address "$i"):$slots"
    i=$((i + 1))
  done
  echo "$list"
}

run_mpirun() {
  if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
  exec ip netns exec "$PREFIX-h1" unshare --uts sh -c 'hostname h1 && exec "$@"' sh \
    mpirun --oversubscribe \
    --mca plm_rsh_agent "$STATE/agent.sh" \
    --mca btl tcp,self \
    --mca btl_tcp_if_include "$SUBNET.0/24" \
    --mca oob_tcp_if_include "$SUBNET.0/24" \
    --mca oob_tcp_keepalive_time 2 --mca oob_tcp_keepalive_intvl 1 --mca oob_tcp_keepalive_probes 3 \
    "$@"
}

cmd=$1
shift || true
case "$cmd" in
  up) up "$@" ;;
  down) down ;;
  hosts) hosts "$@" ;;
  mpirun) run_mpirun "$@" ;;
  *) echo "usage: cluster.sh up N | down | hosts N [SLOTS] | mpirun ARGS" >&2; exit 2 ;;
esac
