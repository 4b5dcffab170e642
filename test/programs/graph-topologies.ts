// Create_graph: a ring and a star (the star's index in the "standard" form with
// a leading 0, as mpi4py accepts it), every query against the edges given,
// every neighbour collective; a graph smaller than the communicator; Graph_map.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { checkNeighborCollectives, graphSenderBlocks } from './neighbor-checks';

type Graphcomm = InstanceType<typeof MPI.Graphcomm>;

/** index (cumulative, as MPI takes it) and edges of a graph given as neighbour lists. */
function csr(neighbours: number[][]): { index: number[]; edges: number[] } {
  const index: number[] = [];
  let at = 0;
  for (const n of neighbours) index.push((at += n.length));
  return { index, edges: neighbours.flat() };
}

async function checkGraph(g: Graphcomm, neighbours: number[][]): Promise<void> {
  const { index, edges } = csr(neighbours);
  ok(g instanceof MPI.Graphcomm && g instanceof MPI.Topocomm && g instanceof MPI.Intracomm);
  strictEqual(g.Get_topology(), MPI.GRAPH);
  strictEqual(g.topology, MPI.GRAPH);
  strictEqual(g.size, neighbours.length);
  strictEqual(g.rank, rank); // reorder=false keeps the ranks
  deepStrictEqual(g.Get_dims(), [neighbours.length, edges.length]);
  deepStrictEqual(g.dims, [neighbours.length, edges.length]);
  strictEqual(g.nnodes, neighbours.length);
  strictEqual(g.nedges, edges.length);
  deepStrictEqual(g.Get_topo(), [index, edges]);
  deepStrictEqual(g.topo, [index, edges]);
  deepStrictEqual(g.index, index);
  deepStrictEqual(g.edges, edges);
  neighbours.forEach((n, k) => {
    strictEqual(g.Get_neighbors_count(k), n.length);
    deepStrictEqual(g.Get_neighbors(k), n);
  });
  strictEqual(g.nneighbors, neighbours[rank].length);
  deepStrictEqual(g.neighbors, neighbours[rank]);
  const mine = neighbours[rank];
  await checkNeighborCollectives(g, mine, mine, graphSenderBlocks(rank, mine, neighbours));
  // A duplicate keeps the topology and the class.
  const d = g.Dup();
  ok(d instanceof MPI.Graphcomm);
  deepStrictEqual(d.neighbors, mine);
  d.Free();
}

program(async () => {
  // A ring: node k's neighbours k-1 and k+1 (the same rank twice on 1 or 2 ranks).
  const ring = Array.from({ length: size }, (_, k) => [(k - 1 + size) % size, (k + 1) % size]);
  const r = csr(ring);
  const g = comm.Create_graph(r.index, r.edges) as Graphcomm;
  await checkGraph(g, ring);
  g.Free();
  // A star: node 0 linked to every other node; index with the leading 0, and options for reorder.
  const star = Array.from({ length: size }, (_, k) => (k === 0 ? Array.from({ length: size - 1 }, (_, j) => j + 1) : [0]));
  const s = csr(star);
  const sg = comm.Create_graph([0, ...s.index], s.edges, { reorder: false }) as Graphcomm;
  await checkGraph(sg, star);
  sg.Free();
  // The options object for every argument.
  const og = comm.Create_graph({ index: r.index, edges: r.edges }) as Graphcomm;
  deepStrictEqual(og.neighbors, ring[rank]);
  og.Free();
  // Fewer nodes than processes: the others get COMM_NULL.
  const nodes = Math.min(2, size);
  const small = nodes === 1 ? { index: [1], edges: [0] } : { index: [1, 2], edges: [1, 0] };
  const sm = comm.Create_graph(small.index, small.edges);
  if (rank >= nodes) strictEqual(sm, MPI.COMM_NULL);
  else {
    ok(sm instanceof MPI.Graphcomm);
    deepStrictEqual((sm as Graphcomm).neighbors, nodes === 1 ? [0] : [1 - rank]);
    sm.Free();
  }
  // Graph_map: every process of a graph as large as the communicator gets a distinct node.
  const mapped = comm.Graph_map(r.index, r.edges);
  deepStrictEqual([...comm.allgather<number>(mapped)].sort((a, b) => a - b), Array.from({ length: size }, (_, k) => k));
  const one = comm.Graph_map([1], [0]);
  ok(one === MPI.UNDEFINED || one === 0);
  strictEqual(comm.allgather<number>(one).filter((m) => m === 0).length, 1);
});
