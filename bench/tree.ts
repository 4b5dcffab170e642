// Lowercase allreduce of a ~1 MiB value (a Float64Array of 2^17 doubles, by
// MPI.SUM) on a tree (lib/tree.ts, MPI4JS_FAST_REDUCE=1) against gather, then
// fold (MPI4JS_FAST_REDUCE=0); bench/mpi4py/tree.py is mpi4py's side (its
// default fast_reduce, a numpy array). One JSON line per figure, as
// bench/osu.ts prints them: the time per call (ms, the median of 5 repetitions
// of the slowest rank's mean), and the values a rank receives per call (the
// most of any rank): O(log p) on the tree, p - 1 gathering (every rank
// receives every other rank's value: the allgather the fold reads).
//
//   node .build/bench/tree.js object-allreduce <scale> ['Float64Array, 1 MiB'] ['values received per rank']
import * as path from 'node:path';

import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const { rank, size: nprocs } = comm;
const REPS = 5;
const CASE = 'Float64Array, 1 MiB';
const RECEIVED = 'values received per rank';
const DOUBLES = 1 << 17;

const tree = MPI.rc.fast_reduce;
const IMPL = tree ? 'mpi4js tree' : 'mpi4js gather-fold';
// The tree's own count of received values: the package's copy of lib/tree.ts (the one MPI runs on).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const stats: { received: number } = require(path.join(path.dirname(require.resolve('mpi4js')), 'tree.js')).stats;

function emit(c: string, value: number, unit: string): void {
  if (rank === 0) process.stdout.write(`${JSON.stringify({ bench: 'object allreduce', impl: IMPL, size: null, case: c, np: nprocs, value: Number(value.toPrecision(4)), unit })}\n`);
}

const [mode, scaleArg, ...cases] = process.argv.slice(2);
if (mode !== 'object-allreduce') throw new RangeError(`bench/tree: unknown mode ${mode}`);
for (const c of cases) if (c !== CASE && c !== RECEIVED) throw new RangeError(`bench/tree: unknown case ${JSON.stringify(c)} (${JSON.stringify(CASE)} or ${JSON.stringify(RECEIVED)})`);
const scale = Number(scaleArg ?? 1);
const iters = Math.max(2, Math.floor(40 / scale));
const value = new Float64Array(DOUBLES).fill(rank + 1);
const sum = nprocs * (nprocs + 1) / 2;
const once = (): void => {
  const r = comm.allreduce<Float64Array>(value, MPI.SUM);
  if (r[0] !== sum || r[DOUBLES - 1] !== sum) throw new Error(`bench/tree: allreduce gave ${r[0]}, expected ${sum}`);
};

for (const c of cases.length ? cases : [CASE, RECEIVED]) {
  if (c === RECEIVED) {
    const before = stats.received;
    once();
    const mine = tree ? stats.received - before : nprocs - 1;
    emit(RECEIVED, comm.allreduce<number>(mine, MPI.MAX), 'values');
    continue;
  }
  const t: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    comm.Barrier();
    once();
    const t0 = MPI.Wtime();
    for (let i = 0; i < iters; i++) once();
    t.push(comm.allreduce<number>((MPI.Wtime() - t0) / iters, MPI.MAX));
  }
  emit(CASE, [...t].sort((a, b) => a - b)[Math.floor(REPS / 2)] * 1e3, 'ms');
}
