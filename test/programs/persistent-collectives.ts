// Persistent collectives (MPI-4.0): NotImplementedError on every rank where the
// library lacks them (Open MPI 4.1); where it has them (MPICH 4), Bcast_init,
// Allreduce_init and the others started 100 times, in order with other collectives;
// v-counts a C int cannot hold refused on every rank.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { native } from './collected';
import { comm, MPI, program, rank, size, throwsLike } from './harness';

const STARTS = 100;
const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(async () => {
  const mpi4 = MPI.Get_version()[0] >= 4;
  if (!mpi4) {
    // Refused before anything is read or posted, naming the library, on every rank.
    const b = new Int32Array(2);
    const calls: [string, () => unknown][] = [
      ['Barrier_init', () => comm.Barrier_init()],
      ['Bcast_init', () => comm.Bcast_init(b, 0)],
      ['Gather_init', () => comm.Gather_init(b, null)],
      ['Gatherv_init', () => comm.Gatherv_init(b, null)],
      ['Scatter_init', () => comm.Scatter_init(null, b)],
      ['Scatterv_init', () => comm.Scatterv_init(null, b)],
      ['Allgather_init', () => comm.Allgather_init(b, null)],
      ['Allgatherv_init', () => comm.Allgatherv_init(b, null)],
      ['Alltoall_init', () => comm.Alltoall_init(b, null)],
      ['Alltoallv_init', () => comm.Alltoallv_init(b, null)],
      ['Reduce_init', () => comm.Reduce_init(b, b)],
      ['Allreduce_init', () => comm.Allreduce_init(b, b)],
      ['Scan_init', () => comm.Scan_init(b, b)],
      ['Exscan_init', () => comm.Exscan_init(b, b)],
      ['Reduce_scatter_block_init', () => comm.Reduce_scatter_block_init(b, b)],
      ['Reduce_scatter_init', () => comm.Reduce_scatter_init(b, b)],
      ['Alltoallw_init', () => comm.Alltoallw_init([b, [MPI.INT]], [b, [MPI.INT]])],
    ];
    for (const [name, f] of calls) {
      const e = throwsLike(f, MPI.NotImplementedError, new RegExp(`^Comm\\.${name}: not provided by .+ \\(an MPI-4\\.0 routine\\)$`));
      strictEqual(e.name, 'NotImplementedError');
    }
    // Every rank refused them all, and the communicator still works.
    strictEqual(comm.allreduce(calls.length), calls.length * size);
    return;
  }
  // A user op's error is taken per request, which a persistent one does not do yet: refused on every rank.
  const mysum = MPI.Op.Create((a: Int32Array, b: Int32Array) => b.forEach((_, i) => (b[i] += a[i])), true);
  const two = new Int32Array(2);
  for (const f of [() => comm.Allreduce_init(two, new Int32Array(2), mysum), () => comm.Reduce_init(two, new Int32Array(2), mysum, 0)]) {
    throwsLike(f, MPI.NotImplementedError, /user-defined ops in persistent collectives are not supported yet/);
  }
  mysum.Free();
  const base = native.request.live();
  const buf = new Float64Array(4);
  // Hints go to MPI with the request (mpi4py's info=).
  const hints = MPI.Info.Create({ mpi_assert_no_any_tag: 'true' });
  const bcast = comm.Bcast_init(buf, size - 1, hints);
  hints.Free();
  const mine = new Int32Array(2);
  const sum = new Int32Array(2);
  const allreduce = comm.Allreduce_init(mine, sum, MPI.SUM);
  const out = new Int32Array(size);
  const swapped = new Int32Array(size);
  // (Not Allgather_init: MPICH 4.0.2 copies this rank's own block at init, not at each start, in C too.)
  const alltoall = comm.Alltoall_init(out, swapped);
  const barrier = comm.Barrier_init();
  ok(bcast instanceof MPI.Prequest && !bcast.active);
  for (let i = 0; i < STARTS; i++) {
    buf.fill(rank === size - 1 ? i + 0.5 : -1);
    mine.set([rank * i, 1]);
    out.set(range(size, (to) => rank * 1000 + to * 10 + i));
    bcast.Start();
    allreduce.Start();
    alltoall.Start();
    // A lowercase nonblocking collective between them: all start in one order on every rank.
    const value = comm.ibcast(rank === 0 ? i : undefined, 0);
    barrier.Start();
    if (i % 10 === 0) await Promise.all([bcast, allreduce, alltoall, barrier]);
    else MPI.Request.Waitall([bcast, allreduce, alltoall, barrier]);
    strictEqual(await value, i);
    deepStrictEqual([...buf], new Array(4).fill(i + 0.5), `start ${i}`);
    deepStrictEqual([...sum], [(i * size * (size - 1)) / 2, size]);
    deepStrictEqual([...swapped], range(size, (from) => from * 1000 + rank * 10 + i));
    strictEqual(bcast.active, false);
  }
  // The rooted and vector forms, started once each: MPICH 4.0.2's own second start of a
  // persistent Scatter fails (MPI_ERR_OTHER, then a hang) at 3 ranks, in C too.
  const g = rank === 0 ? new Int32Array(size) : null;
  const gather = comm.Gather_init(new Int32Array([rank + 1]), g, 0);
  const scattered = new Int32Array(1);
  const scatter = comm.Scatter_init(rank === 0 ? new Int32Array(range(size, (r) => r * 3)) : null, scattered, 0);
  const reduced = rank === 0 ? new Float64Array(1) : null;
  const reduce = comm.Reduce_init(new Float64Array([rank]), reduced, MPI.MAX, 0);
  const scan = new Int32Array(1);
  const scanReq = comm.Scan_init(new Int32Array([1]), scan);
  const everyone = new Int32Array(size);
  const allgather = comm.Allgather_init(new Int32Array([rank * 7]), everyone);
  const rsb = new Int32Array(1);
  const rsbReq = comm.Reduce_scatter_block_init(new Int32Array(range(size, (r) => r)), rsb);
  const av = new Int32Array(size);
  const allgatherv = comm.Allgatherv_init(new Int32Array([rank]), [av, new Array(size).fill(1), null, MPI.INT]);
  const rs = new Int32Array(1);
  const rsReq = comm.Reduce_scatter_init(new Int32Array(range(size, (r) => r + rank)), rs, new Array(size).fill(1));
  const wOut = new Int32Array(range(size, (to) => rank * 100 + to));
  const wIn = new Int32Array(size);
  const each = new Array(size).fill(1);
  const bytes = range(size, (r) => 4 * r);
  const w = comm.Alltoallw_init([wOut, each, bytes, new Array(size).fill(MPI.INT)], [wIn, each, bytes, new Array(size).fill(MPI.INT)]);
  const reqs = [gather, scatter, reduce, scanReq, allgather, rsbReq, allgatherv, rsReq, w];
  for (let i = 0; i < 1; i++) {
    MPI.Prequest.Startall(reqs);
    MPI.Request.Waitall(reqs);
    if (g) deepStrictEqual([...g], range(size, (r) => r + 1));
    strictEqual(scattered[0], rank * 3);
    if (reduced) strictEqual(reduced[0], size - 1);
    strictEqual(scan[0], rank + 1);
    deepStrictEqual([...everyone], range(size, (r) => r * 7));
    strictEqual(rsb[0], rank * size);
    deepStrictEqual([...av], range(size, (r) => r));
    strictEqual(rs[0], size * rank + (size * (size - 1)) / 2);
    deepStrictEqual([...wIn], range(size, (from) => from * 100 + rank));
  }
  // V-counts or byte displacements a C int cannot hold, held by one rank: a RangeError on
  // every rank at init (one agreement), nothing made; then the same inits work.
  const BIG = 2 ** 31;
  const ones = new Array(size).fill(1);
  const last = size - 1;
  const big = ones.map((c, r) => (r === last ? BIG : c));
  const tiny = new Int32Array(size);
  const elsewhere = (name: string) => new RegExp(`^${name}: another rank's counts or displacements do not fit in a C int`);
  for (const root of new Set([0, last])) {
    throwsLike(() => comm.Gatherv_init(new Int32Array(1), [tiny, big, null, MPI.INT], root), RangeError,
      rank === root ? /^Gatherv_init: counts\[\d+\] 2147483648 does not fit in a C int/ : elsewhere('Gatherv_init'));
    throwsLike(() => comm.Scatterv_init([tiny, big, null, MPI.INT], new Int32Array(1), root), RangeError,
      rank === root ? /^Scatterv_init: counts\[\d+\] 2147483648 does not fit in a C int/ : elsewhere('Scatterv_init'));
  }
  throwsLike(() => comm.Alltoallv_init([tiny, rank === last ? big : ones, null, MPI.INT], [new Int32Array(size), ones, null, MPI.INT]), RangeError,
    rank === last ? /^Alltoallv_init: counts\[\d+\] 2147483648 does not fit in a C int/ : elsewhere('Alltoallv_init'));
  const ints = new Array(size).fill(MPI.INT);
  const far = bytes.map((d, r) => (r === last ? BIG + d : d));
  throwsLike(() => comm.Alltoallw_init([tiny, ones, rank === 0 ? far : bytes, ints], [new Int32Array(size), ones, bytes, ints]), RangeError,
    rank === 0 ? /^Alltoallw_init: sendbuf: displacements\[\d+\] \d+ does not fit in a C int/ : elsewhere('Alltoallw_init'));
  strictEqual(native.request.live(), base + 4 + reqs.length, 'the refused inits made no request');
  const gv = rank === 0 ? new Int32Array(size) : null;
  const gatherv = comm.Gatherv_init(new Int32Array([rank * 2]), gv && [gv, ones, null, MPI.INT], 0);
  gatherv.Start();
  gatherv.Wait();
  if (gv) deepStrictEqual([...gv], range(size, (r) => r * 2), 'Gatherv_init after the refusals');
  gatherv.Free();

  // A persistent collective is freed when inactive only (MPI forbids freeing it active).
  bcast.Start();
  throwsLike(() => bcast.Free(), TypeError, /cannot be freed/);
  bcast.Wait();
  for (const r of [bcast, allreduce, alltoall, barrier, ...reqs]) r.Free();
  strictEqual(native.request.live(), base);
});
