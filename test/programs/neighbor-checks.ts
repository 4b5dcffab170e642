// Not a program: the checks the topology programs share. Every neighbour
// collective (blocking and nonblocking, buffers and values) over one
// topology communicator, each rank's result compared with what its
// in-neighbours sent, computed from the edges the program gives by hand.
import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';

import { MPI } from './harness';

type Topo = InstanceType<typeof MPI.Topocomm>;
type BufSpecW = MPI.BufSpecW;

/** For in-slot i, which of the sender's out-blocks arrives there. */
export type SenderBlock = (i: number) => number;

/**
 * Graphs and distributed graphs: the k-th edge from src into this process
 * carries src's k-th block addressed to it (messages between a pair keep
 * their order). outedgesOf: every rank's out-edges, in its block order.
 */
export function graphSenderBlocks(me: number, inedges: number[], outedgesOf: number[][]): SenderBlock {
  return (i) => {
    const src = inedges[i];
    const k = inedges.slice(0, i).filter((s) => s === src).length;
    const positions = outedgesOf[src].flatMap((d, j) => (d === me ? [j] : []));
    return positions[k];
  };
}

/** Cartesian grids: slot 2d (from below in dimension d) holds the lower neighbour's upward block 2d+1, and the other way round. */
export const cartSenderBlocks: SenderBlock = (i) => (i % 2 === 0 ? i + 1 : i - 1);

const UNTOUCHED = -7;
/** The j-th block's k-th item from rank r. */
const val = (r: number, j: number, k: number): number => 1000 * r + 10 * j + k + 1;

/**
 * Whether topo's library pairs repeated edges in its own order: MPICH 4's
 * alltoalls post the receives in reverse (blocking alltoallv in yet another
 * order), so the k-th edge to a process does not meet the k-th edge from it as
 * MPI-4.1 section 8.6 says (in order on a graph; the two blocks of a Cartesian
 * dimension swapped). Fixed upstream by pmodels/mpich#5777 and #7945; Open MPI's
 * blocking forms are right (its nonblocking ones on a grid: lib/comm/topocomm.ts).
 */
function repeatsInLibrarysOrder(inedges: number[], outedges: number[]): boolean {
  if (!/^MPICH Version:\s*4\./m.test(MPI.Get_library_version())) return false;
  const repeats = (edges: number[]) => edges.some((e, i) => e !== MPI.PROC_NULL && edges.indexOf(e) !== i);
  return repeats(inedges) || repeats(outedges);
}

/**
 * Whether topo's library loses Neighbor_alltoallw's blocks: MPICH 4.0 on a graph
 * where some process's in- and out-degree differ (pmodels/mpich#6233, fixed in
 * 4.1; the same program in C loses them too). Asked of every process: a collective.
 */
function alltoallwLost(topo: Topo, nin: number, nout: number): boolean {
  if (!/^MPICH Version:\s*4\.0\./m.test(MPI.Get_library_version()) || topo.topology === MPI.CART) return false;
  return topo.allreduce(nin !== nout ? 1 : 0, MPI.MAX) === 1;
}

async function run(nonblocking: boolean, blocking: () => void, start: () => InstanceType<typeof MPI.Request>): Promise<void> {
  if (nonblocking) await start();
  else blocking();
}

/**
 * Checks every neighbour collective of topo against the edges given by hand.
 * `alltoallRefused`: the nonblocking alltoalls must refuse with
 * NotImplementedError (Open MPI 4 on a periodic grid dimension of 1 or 2, lib/comm/topocomm.ts).
 */
export async function checkNeighborCollectives(topo: Topo, inedges: number[], outedges: number[], from: SenderBlock, alltoallRefused = false): Promise<void> {
  const me = topo.rank;
  const librarysOrder = repeatsInLibrarysOrder(inedges, outedges);
  const nin = inedges.length;
  const nout = outedges.length;
  const lostW = alltoallwLost(topo, nin, nout);
  const NULL = MPI.PROC_NULL;
  deepStrictEqual(topo.degrees, [nin, nout]);
  strictEqual(topo.indegree, nin);
  strictEqual(topo.outdegree, nout);
  deepStrictEqual(topo.inoutedges, [inedges, outedges]);
  deepStrictEqual(topo.inedges, inedges);
  deepStrictEqual(topo.outedges, outedges);
  for (const nb of [false, true]) {
    const how = nb ? 'nonblocking' : 'blocking';
    {
      // Two ints to every out-neighbour; two from each in-neighbour: the count per block given,
      // as a process without in-neighbours must (it has no blocks to infer it from; MPI wants one count everywhere).
      const s = Int32Array.of(10 * me + 1, 10 * me + 2);
      const r = new Int32Array(2 * nin).fill(UNTOUCHED);
      const rs: MPI.BufSpec = nin > 0 ? r : [r, 2, MPI.INT];
      await run(nb, () => topo.Neighbor_allgather(s, rs), () => topo.Ineighbor_allgather(s, rs));
      const expected = inedges.flatMap((src) => (src === NULL ? [UNTOUCHED, UNTOUCHED] : [10 * src + 1, 10 * src + 2]));
      deepStrictEqual(Array.from(r), expected, `${how} Neighbor_allgather`);
    }
    {
      // The same with a gap before each block (displacement 3i+1).
      const s = Int32Array.of(10 * me + 1, 10 * me + 2);
      const r = new Int32Array(3 * nin + 1).fill(UNTOUCHED);
      const counts = new Array(nin).fill(2);
      const displs = Array.from({ length: nin }, (_, i) => 3 * i + 1);
      await run(nb, () => topo.Neighbor_allgatherv(s, [r, counts, displs, MPI.INT]), () => topo.Ineighbor_allgatherv(s, [r, counts, displs, MPI.INT]));
      const expected = new Array(3 * nin + 1).fill(UNTOUCHED);
      inedges.forEach((src, i) => src !== NULL && expected.splice(3 * i + 1, 2, 10 * src + 1, 10 * src + 2));
      deepStrictEqual(Array.from(r), expected, `${how} Neighbor_allgatherv`);
    }
    if (librarysOrder) {
      // Reported, not passed: which block of a repeated edge arrives where is MPICH's (see repeatsInLibrarysOrder).
      process.stderr.write(`${how} Neighbor_alltoall(v/w) and neighbor_alltoall: skipped on rank ${me}: the topology repeats an edge, whose blocks MPICH 4 pairs out of order (pmodels/mpich#5777, #7945)\n`);
      continue;
    }
    if (nb && alltoallRefused) {
      const s = new Int32Array(2 * nout);
      const r = new Int32Array(2 * nin);
      throws(() => topo.Ineighbor_alltoall(s, r), (e: Error) => e instanceof MPI.NotImplementedError && e.message.includes('Ineighbor_alltoall'));
      throws(() => topo.Ineighbor_alltoallv([s, MPI.INT], [r, MPI.INT]), (e: Error) => e instanceof MPI.NotImplementedError && e.message.includes('Ineighbor_alltoallv'));
      throws(() => topo.Ineighbor_alltoallw([s, outedges.map(() => MPI.INT)], [r, inedges.map(() => MPI.INT)]), (e: Error) => e instanceof MPI.NotImplementedError && e.message.includes('Ineighbor_alltoallw'));
      continue;
    }
    {
      // Block j (two ints) to out-neighbour j.
      const s = Int32Array.from(outedges.flatMap((_, j) => [val(me, j, 0), val(me, j, 1)]));
      const r = new Int32Array(2 * nin).fill(UNTOUCHED);
      const ss: MPI.BufSpec = nout > 0 ? s : [s, 2, MPI.INT];
      const rs: MPI.BufSpec = nin > 0 ? r : [r, 2, MPI.INT];
      await run(nb, () => topo.Neighbor_alltoall(ss, rs), () => topo.Ineighbor_alltoall(ss, rs));
      const expected = inedges.flatMap((src, i) => (src === NULL ? [UNTOUCHED, UNTOUCHED] : [val(src, from(i), 0), val(src, from(i), 1)]));
      deepStrictEqual(Array.from(r), expected, `${how} Neighbor_alltoall`);
    }
    {
      // Block j has j%3+1 items after a one-item gap; received blocks are laid out backwards.
      const sc = outedges.map((_, j) => (j % 3) + 1);
      const sd: number[] = [];
      let at = 0;
      for (const c of sc) {
        sd.push(at + 1);
        at += c + 1;
      }
      const s = new Int32Array(at).fill(UNTOUCHED);
      sc.forEach((c, j) => {
        for (let k = 0; k < c; k++) s[sd[j] + k] = val(me, j, k);
      });
      const rc = inedges.map((src, i) => (src === NULL ? 1 : (from(i) % 3) + 1));
      const rd = inedges.map((_, i) => 4 * (nin - 1 - i));
      const r = new Int32Array(4 * nin).fill(UNTOUCHED);
      await run(nb, () => topo.Neighbor_alltoallv([s, sc, sd, MPI.INT], [r, rc, rd, MPI.INT]), () => topo.Ineighbor_alltoallv([s, sc, sd, MPI.INT], [r, rc, rd, MPI.INT]));
      const expected = new Array(4 * nin).fill(UNTOUCHED);
      inedges.forEach((src, i) => {
        if (src !== NULL) for (let k = 0; k < rc[i]; k++) expected[rd[i] + k] = val(src, from(i), k);
      });
      deepStrictEqual(Array.from(r), expected, `${how} Neighbor_alltoallv`);
    }
    if (lostW) process.stderr.write(`${how} Neighbor_alltoallw: skipped on rank ${me}: MPICH 4.0 loses its blocks where in- and out-degrees differ (pmodels/mpich#6233)\n`);
    else {
      // A datatype per block: even blocks two INTs, odd blocks one DOUBLE; 16 bytes a block,
      // received 8 bytes in.
      const sbuf = new ArrayBuffer(16 * nout + 16);
      const si = new Int32Array(sbuf);
      const sf = new Float64Array(sbuf);
      const stypes = outedges.map((_, j) => (j % 2 === 0 ? MPI.INT : MPI.DOUBLE));
      const scounts = outedges.map((_, j) => (j % 2 === 0 ? 2 : 1));
      const sdispls = outedges.map((_, j) => 16 * j);
      outedges.forEach((_, j) => {
        if (j % 2 === 0) si.set([val(me, j, 0), val(me, j, 1)], 4 * j);
        else sf[2 * j] = val(me, j, 0) + 0.5;
      });
      const rbuf = new ArrayBuffer(16 * nin + 16);
      const ri = new Int32Array(rbuf).fill(UNTOUCHED);
      const rf = new Float64Array(rbuf);
      const odd = (i: number): boolean => inedges[i] !== NULL && from(i) % 2 === 1;
      const rtypes = inedges.map((_, i) => (odd(i) ? MPI.DOUBLE : MPI.INT));
      const rcounts = inedges.map((_, i) => (odd(i) ? 1 : 2));
      const rdispls = inedges.map((_, i) => 16 * i + 8);
      const sendW: BufSpecW = [new Uint8Array(sbuf), [scounts, sdispls], stypes];
      const recvW: BufSpecW = [new Uint8Array(rbuf), rcounts, rdispls, rtypes];
      await run(nb, () => topo.Neighbor_alltoallw(sendW, recvW), () => topo.Ineighbor_alltoallw(sendW, recvW));
      inedges.forEach((src, i) => {
        const word = 4 * i + 2;
        if (src === NULL) deepStrictEqual([ri[word], ri[word + 1]], [UNTOUCHED, UNTOUCHED], `${how} Neighbor_alltoallw from PROC_NULL`);
        else if (odd(i)) strictEqual(rf[2 * i + 1], val(src, from(i), 0) + 0.5, `${how} Neighbor_alltoallw block ${i}`);
        else deepStrictEqual([ri[word], ri[word + 1]], [val(src, from(i), 0), val(src, from(i), 1)], `${how} Neighbor_alltoallw block ${i}`);
      });
      // Nothing outside the blocks was written.
      strictEqual(ri[0], UNTOUCHED);
      strictEqual(ri[1], UNTOUCHED);
    }
  }
  // Values: one to every out-neighbour; one per out-neighbour.
  const gathered = topo.neighbor_allgather({ r: me, s: 'x'.repeat(me) });
  deepStrictEqual(gathered, inedges.map((src) => (src === NULL ? undefined : { r: src, s: 'x'.repeat(src) })), 'neighbor_allgather');
  const exchanged = topo.neighbor_alltoall(outedges.map((d, j) => [me, j, d]));
  if (!librarysOrder) deepStrictEqual(exchanged, inedges.map((src, i) => (src === NULL ? undefined : [src, from(i), me])), 'neighbor_alltoall');
}
