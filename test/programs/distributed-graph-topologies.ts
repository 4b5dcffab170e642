// Create_dist_graph_adjacent and Create_dist_graph, weighted and unweighted
// (UNWEIGHTED, WEIGHTS_EMPTY on a process without edges on a side), every
// query against the edges given, every neighbour collective.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { checkNeighborCollectives, graphSenderBlocks } from './neighbor-checks';

type Distgraphcomm = InstanceType<typeof MPI.Distgraphcomm>;

const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

async function collectives(g: Distgraphcomm, inedges: number[], outedges: number[]): Promise<void> {
  ok(g instanceof MPI.Distgraphcomm && g instanceof MPI.Topocomm);
  strictEqual(g.topology, MPI.DIST_GRAPH);
  strictEqual(g.rank, rank);
  // Every rank's out-edges in its block order, for the order messages pair up in.
  const outs = g.allgather<number[]>(g.outedges);
  await checkNeighborCollectives(g, inedges, outedges, graphSenderBlocks(rank, inedges, outs));
  const d = g.Dup();
  ok(d instanceof MPI.Distgraphcomm);
  deepStrictEqual(d.Get_dist_neighbors(), g.Get_dist_neighbors());
  d.Free();
}

program(async () => {
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;
  // A directed ring, no weights (left out, then MPI.UNWEIGHTED).
  for (const w of [undefined, MPI.UNWEIGHTED] as const) {
    const ring = comm.Create_dist_graph_adjacent([prev], [next], w, w);
    deepStrictEqual(ring.Get_dist_neighbors_count(), [1, 1, false]);
    deepStrictEqual(ring.Get_dist_neighbors(), [[prev], [next], undefined]);
    await collectives(ring, [prev], [next]);
    ring.Free();
  }
  // Every lower rank to every higher one, weighted: rank 0 has no in-edges, the last no out-edges.
  const lower = range(0, rank);
  const higher = range(rank + 1, size);
  const sw = lower.map((s) => 10 * s + rank);
  const dw = higher.map((d) => 10 * rank + d);
  // Hints go to MPI with the graph (an MPI.Info, as mpi4py's info=).
  const hints = MPI.Info.Create({ mpi_assert_no_any_source: 'true' });
  const dag = comm.Create_dist_graph_adjacent(lower, higher, { sourceweights: sw, destweights: dw, info: hints, reorder: false });
  deepStrictEqual(dag.Get_dist_neighbors_count(), [lower.length, higher.length, true]);
  deepStrictEqual(dag.Get_dist_neighbors(), [lower, higher, [sw, dw]]);
  await collectives(dag, lower, higher);
  dag.Free();
  // MPI.WEIGHTS_EMPTY where a side has no edges: still a weighted graph.
  const empty = comm.Create_dist_graph_adjacent(lower, higher, lower.length > 0 ? sw : MPI.WEIGHTS_EMPTY, higher.length > 0 ? dw : MPI.WEIGHTS_EMPTY);
  deepStrictEqual(empty.Get_dist_neighbors_count(), [lower.length, higher.length, true]);
  deepStrictEqual(empty.Get_dist_neighbors(), [lower, higher, [sw, dw]]);
  empty.Free();
  // Create_dist_graph: rank 0 gives every edge k -> k+1 (weight k+1), the others none.
  const all = rank === 0;
  const g = comm.Create_dist_graph(all ? range(0, size) : [], all ? new Array(size).fill(1) : [], all ? range(0, size).map((k) => (k + 1) % size) : [], all ? range(1, size + 1) : []);
  deepStrictEqual(g.Get_dist_neighbors_count(), [1, 1, true]);
  deepStrictEqual(g.Get_dist_neighbors(), [[prev], [next], [[prev + 1], [rank + 1]]]);
  await collectives(g, [prev], [next]);
  g.Free();
  // Create_dist_graph: each rank gives its own two out-edges, unweighted; MPI orders
  // the neighbours of such a graph as it likes, so the lists are compared as sets.
  const outs = [(rank + 1) % size, (rank + 2) % size];
  const ins = [(rank - 1 + size) % size, (rank - 2 + 2 * size) % size];
  const own = comm.Create_dist_graph([rank], [2], outs, MPI.UNWEIGHTED, hints, false);
  hints.Free();
  const [sources, destinations, weights] = own.Get_dist_neighbors();
  deepStrictEqual(sorted(sources), sorted(ins));
  deepStrictEqual(sorted(destinations), sorted(outs));
  strictEqual(weights, undefined);
  deepStrictEqual(own.Get_dist_neighbors_count(), [2, 2, false]);
  await collectives(own, sources, destinations);
  own.Free();
});
