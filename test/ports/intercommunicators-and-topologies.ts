// Two groups joined by an intercommunicator (values and buffers across them,
// MPI.ROOT and MPI.PROC_NULL roots, Merge), a ring as a graph and as a
// distributed graph with neighbour collectives, and the communicator object:
// names, Info hints, a user attribute with copy and delete callbacks.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const join = (xs: ArrayLike<number>) => Array.from(xs, (x) => String(x)).join(' ');
const opt = (xs: ArrayLike<number> | undefined) => (xs === undefined ? 'None' : join(xs));
const mod = (a: number, n: number) => ((a % n) + n) % n;

// Names and Info.
const dup = comm.Dup();
dup.Set_name(`ring-${size}`);
console.log(`rank ${rank}: name ${dup.Get_name()}`);
const info = MPI.Info.Create();
info.Set('cb_nodes', '4');
info.Set('striping_unit', '1024');
info.Delete('cb_nodes');
console.log(`rank ${rank}: info ${info.Get_nkeys()} ${info.Get_nthkey(0)}=${info.Get('striping_unit')} ${info.Get('cb_nodes') ?? 'None'}`);
info.Free();

// A user attribute: copied by Dup, deleted by Free.
const log: string[] = [];
const copyFn = (_c: unknown, _k: number, v: number) => {
  log.push(`copy ${v}`);
  return v + 1;
};
const deleteFn = (_c: unknown, _k: number, v: number) => {
  log.push(`delete ${v}`);
};
const key = MPI.Comm.Create_keyval(copyFn, deleteFn);
dup.Set_attr(key, 10);
const twice = dup.Dup();
console.log(`rank ${rank}: attr ${dup.Get_attr(key)} ${twice.Get_attr(key)} tag_ub_positive ${(comm.Get_attr(MPI.TAG_UB) as number) > 0 ? 'yes' : 'no'}`);
twice.Free();
dup.Delete_attr(key);
console.log(`rank ${rank}: attr after delete ${dup.Get_attr(key) ?? 'None'} log ${log.join(' | ')}`);
MPI.Comm.Free_keyval(key);

// A ring as a graph and as a distributed graph.
const index = Array.from({ length: size }, (_, k) => 2 * (k + 1));
const edges = Array.from({ length: size }, (_, k) => [mod(k - 1, size), mod(k + 1, size)]).flat();
const graph = dup.Create_graph(index, edges) as InstanceType<typeof MPI.Graphcomm>;
console.log(`rank ${rank}: graph ${join(graph.Get_dims())} neighbors ${join(graph.Get_neighbors(rank))} topo ${graph.Get_topology() === MPI.GRAPH ? 'graph' : '?'}`);
const got = graph.neighbor_allgather<number>(rank * 10);
console.log(`rank ${rank}: graph neighbor_allgather ${join(got)}`);
const dist = dup.Create_dist_graph_adjacent([mod(rank - 1, size)], [mod(rank + 1, size)]);
const [indegree, outdegree, weighted] = dist.Get_dist_neighbors_count();
const [sources, destinations] = dist.Get_dist_neighbors();
console.log(`rank ${rank}: dist ${indegree} ${outdegree} ${weighted ? 'weighted' : 'unweighted'} from ${join(sources)} to ${join(destinations)}`);
const recv = new Int32Array(2).fill(-1);
dist.Neighbor_alltoall(Int32Array.of(rank, rank + 100), recv);
console.log(`rank ${rank}: dist Neighbor_alltoall ${join(recv)}`);
graph.Free();
dist.Free();

// Two groups: all but the last rank, and the last rank.
if (size < 2) {
  console.log(`rank ${rank}: no intercommunicator on one process`);
} else {
  const color = rank < size - 1 ? 0 : 1;
  const local = dup.Split(color, rank);
  const inter = local.Create_intercomm(0, dup, color === 0 ? size - 1 : 0, 7) as InstanceType<typeof MPI.Intercomm>;
  const mine = local.Get_rank();
  console.log(`rank ${rank}: inter ${inter.Is_inter() ? 'yes' : 'no'} size ${inter.Get_size()} remote ${inter.Get_remote_size()}`);
  for (const side of [0, 1]) {
    const root = color === side ? (mine === 0 ? MPI.ROOT : MPI.PROC_NULL) : 0;
    const value = inter.bcast<{ from: number; rank: number }>(root === MPI.ROOT ? { from: side, rank } : null, { root });
    const gathered = inter.gather<number>(rank * rank, { root });
    const reduced = inter.reduce<number>(rank + 1, { op: MPI.SUM, root });
    const buf = new Int32Array(3).fill(-1);
    if (root === MPI.ROOT) buf.set([side, 5, rank]);
    inter.Bcast(buf, { root });
    const shown = value === undefined ? 'None' : `from ${value.from} rank ${value.rank}`;
    console.log(`rank ${rank}: side ${side} bcast ${shown} gather ${opt(gathered)} reduce ${reduced ?? 'None'} Bcast ${join(buf)}`);
  }
  console.log(`rank ${rank}: allgather ${join(inter.allgather<number>(rank))} allreduce ${inter.allreduce(rank + 1, { op: MPI.PROD })}`);
  const merged = inter.Merge({ high: color === 0 });
  console.log(`rank ${rank}: merged rank ${merged.Get_rank()} of ${merged.Get_size()}`);
  merged.Free();
  inter.Free();
  local.Free();
}
dup.Free();
