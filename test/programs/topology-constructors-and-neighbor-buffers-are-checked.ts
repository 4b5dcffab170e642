// Bad arguments of the graph constructors and the neighbour collectives are
// refused before MPI runs (every rank alike, so no rank waits), naming the call
// and the argument; buffers are checked against the in- and out-degree.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

type Topo = InstanceType<typeof MPI.Topocomm>;

function refused(f: () => unknown, cls: new (...a: never[]) => Error, ...words: string[]): void {
  throws(f, (e: unknown) => {
    ok(e instanceof cls, `${(e as Error)?.constructor?.name}: ${(e as Error)?.message} is not a ${cls.name}`);
    for (const w of words) ok((e as Error).message.includes(w), `"${(e as Error).message}" does not name ${w}`);
    return true;
  });
}

program(() => {
  const ring = Array.from({ length: size }, (_, k) => [(k - 1 + size) % size, (k + 1) % size]);
  const index = ring.map((_, k) => 2 * (k + 1));
  const edges = ring.flat();
  // Graphs: index must count the edges cumulatively, edges must name nodes.
  refused(() => comm.Create_graph([2, 1], [0, 0]), RangeError, 'Create_graph', 'index');
  refused(() => comm.Create_graph(index, edges.slice(1)), RangeError, 'Create_graph', 'edges');
  refused(() => comm.Create_graph(index, edges.map(() => size)), RangeError, 'Create_graph', 'edges[0]');
  refused(() => comm.Create_graph([1.5], [0]), TypeError, 'Create_graph', 'index[0]');
  refused(() => comm.Create_graph(index, edges, { bogus: 1 } as never), TypeError, 'Create_graph', 'bogus');
  refused(() => comm.Graph_map([3], [0]), RangeError, 'Graph_map', 'index');
  // More nodes than processes: MPI's own error.
  refused(() => comm.Create_graph([...index, index[size - 1] + 1], [...edges, 0]), MPI.Exception, 'Graph_create');
  // Distributed graphs: ranks in range, one degree per source, destinations and weights per edge.
  refused(() => comm.Create_dist_graph_adjacent([size], [0]), MPI.Exception, 'Create_dist_graph_adjacent', 'sources[0]');
  refused(() => comm.Create_dist_graph_adjacent([0], [-1]), MPI.Exception, 'Create_dist_graph_adjacent', 'destinations[0]');
  refused(() => comm.Create_dist_graph_adjacent([0], [0], [1, 2]), RangeError, 'Create_dist_graph_adjacent', 'sourceweights');
  refused(() => comm.Create_dist_graph_adjacent([0], [0], [1], [-1]), RangeError, 'Create_dist_graph_adjacent', 'destweights[0]');
  refused(() => comm.Create_dist_graph_adjacent([0], [0], { info: {} as never }), TypeError, 'Create_dist_graph_adjacent', 'info');
  refused(() => comm.Create_dist_graph([0], [1, 1], [0, 0]), RangeError, 'Create_dist_graph', 'degrees');
  refused(() => comm.Create_dist_graph([0], [2], [0]), RangeError, 'Create_dist_graph', 'destinations');
  refused(() => comm.Create_dist_graph([0], [-1], []), RangeError, 'Create_dist_graph', 'degrees[0]');
  refused(() => comm.Create_dist_graph([0], [1], [0], [1, 1]), RangeError, 'Create_dist_graph', 'weights');
  refused(() => comm.Create_cart([size], [true, false]), RangeError, 'Create_cart', 'periods');
  refused(() => comm.Cart_map([size], [true, true]), RangeError, 'Cart_map', 'periods');

  // Neighbour buffers against the degrees: 2 in and 2 out on a 1-D grid (not periodic: PROC_NULL at its ends).
  const cart = comm.Create_cart([size], false) as Topo;
  const g = comm.Create_graph(index, edges) as InstanceType<typeof MPI.Graphcomm>;
  refused(() => g.Get_neighbors(size), MPI.Exception, 'Get_neighbors', 'rank');
  refused(() => g.Get_neighbors_count(-1), MPI.Exception, 'Get_neighbors_count', 'rank');
  for (const t of [cart, g as Topo]) {
    const two = new Int32Array(2);
    // Inferred: the receive side must split into one block per in-neighbour.
    refused(() => t.Neighbor_allgather(two, new Int32Array(3)), RangeError, 'Neighbor_allgather', 'recvbuf');
    // Explicit counts past the end: the addon refuses before MPI runs.
    refused(() => t.Neighbor_allgather(two, [new Int32Array(3), 2, MPI.INT]), RangeError, 'Neighbor_allgather', 'recvbuf');
    refused(() => t.Ineighbor_allgather(two, [new Int32Array(3), 2, MPI.INT]), RangeError, 'Ineighbor_allgather', 'recvbuf');
    refused(() => t.Neighbor_alltoall([new Int32Array(3), 2, MPI.INT], new Int32Array(4)), RangeError, 'Neighbor_alltoall', 'sendbuf');
    refused(() => t.Ineighbor_alltoall(new Int32Array(4), [new Int32Array(4), 4, MPI.INT]), RangeError, 'Ineighbor_alltoall', 'recvbuf');
    refused(() => t.Neighbor_allgatherv(two, [new Int32Array(4), [2, 2, 2], null, MPI.INT]), RangeError, 'Neighbor_allgatherv', '2');
    refused(() => t.Neighbor_allgatherv(two, [new Int32Array(4), [2, 2], [0, 3], MPI.INT]), RangeError, 'Neighbor_allgatherv', 'recvbuf');
    refused(() => t.Neighbor_alltoallv([new Int32Array(4), [2, 2], [0, 3], MPI.INT], [new Int32Array(4), [2, 2], null, MPI.INT]), RangeError, 'Neighbor_alltoallv', 'sendbuf');
    refused(() => t.Ineighbor_alltoallv([new Int32Array(4), [2], null, MPI.INT], [new Int32Array(4), [2, 2], null, MPI.INT]), RangeError, 'Ineighbor_alltoallv');
    refused(() => t.Neighbor_alltoallw([new Int32Array(4), [[1, 1], [0, 16]], [MPI.INT, MPI.INT]], [new Int32Array(2), [[1, 1], [0, 4]], [MPI.INT, MPI.INT]]), RangeError, 'Neighbor_alltoallw', 'sendbuf');
    refused(() => t.Neighbor_alltoallw([new Int32Array(4), [MPI.INT]], [new Int32Array(2), [MPI.INT, MPI.INT]]), RangeError, 'Neighbor_alltoallw', 'sendbuf');
    // The nonblocking v- and w-forms agree on their counts first (every rank alike): the addon's refusal comes at completion.
    refused(() => t.Ineighbor_alltoallw([new Int32Array(4), [[1, 1], [0, 4]], [MPI.INT, MPI.INT]], [new Int32Array(2), [[1, 1], [0, 8]], [MPI.INT, MPI.INT]]).Wait(), RangeError, 'Ineighbor_alltoallw', 'recvbuf');
    refused(() => t.Ineighbor_alltoallv([new Int32Array(4), [2, 2], null, MPI.INT], [new Int32Array(4), [2, 2], [0, 3], MPI.INT]).Wait(), RangeError, 'Ineighbor_alltoallv', 'recvbuf');
    refused(() => t.Ineighbor_allgatherv(two, [new Int32Array(4), [2, 2], [0, 3], MPI.INT]).Wait(), RangeError, 'Ineighbor_allgatherv', 'recvbuf');
    refused(() => t.Neighbor_allgather(MPI.IN_PLACE as never, new Int32Array(4)), TypeError, 'Neighbor_allgather', 'IN_PLACE');
    refused(() => t.Neighbor_alltoall(new Int32Array(4), MPI.IN_PLACE as never), TypeError, 'Neighbor_alltoall', 'IN_PLACE');
    refused(() => t.neighbor_alltoall([1]), RangeError, 'neighbor_alltoall', 'out-neighbour');
    refused(() => t.neighbor_alltoall(7), TypeError, 'neighbor_alltoall');
    // A value that cannot be sent: refused on every rank (all agree before the bytes move).
    refused(() => t.neighbor_allgather(Symbol('x')), Error, 'neighbor_allgather');
    // The topology still works after every refusal.
    const r = new Int32Array(4).fill(-1);
    t.Neighbor_allgather(Int32Array.of(rank, rank), r);
    deepStrictEqual(Array.from(r), t.inedges.flatMap((s) => (s === MPI.PROC_NULL ? [-1, -1] : [s, s])));
  }
  // A freed topology communicator is COMM_NULL to every call.
  const freed = cart.Dup();
  freed.Free();
  refused(() => freed.Neighbor_allgather(new Int32Array(1), new Int32Array(2)), MPI.Exception, 'Neighbor_allgather');
  refused(() => freed.degrees, MPI.Exception);
  strictEqual(freed.Get_topology !== undefined, true);
  g.Free();
  cart.Free();
});
