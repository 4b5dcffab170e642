// Buffer counts beyond the largest count MPI takes as one C int. Run with
// MPI4JS_TEST_CHUNK=1024, so that limit is 1024 items and counts of a few
// thousand take the paths counts beyond 2**31-1 take with the real limit:
// without `_c` routines (Open MPI 4.1) one item of a derived datatype for
// point-to-point and the block collectives, rounds of at most 1024 items for the
// blocking reductions, and a RangeError on every rank for the nonblocking
// reductions; with `_c` (MPICH 4) the count as is. Every received item is
// checked on every rank. V-variant and Alltoallw counts or displacements beyond
// a C int are a RangeError on every rank, the communicator usable after.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import * as path from 'node:path';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** The addon's limit and features, through the built package's internal module (as collected.ts reads it). */
const native = (require(path.join(__dirname, '../../../dist/native.js')) as {
  native: { comm: { countLimit: number; fit: (count: number, datatype: number) => number[] }; environment: { features: { largeCount: boolean } } };
}).native;

const LIMIT = 1024;
// Past the limit by one, a whole number of blocks, blocks and a rest.
const COUNTS = [LIMIT + 1, 2 * LIMIT, 3 * LIMIT + 5];

/** n doubles that name their sender (and a tag), exact in a double. */
function pattern(n: number, from: number, tag = 0): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i * 1000 + from * 10 + tag);
}

/** Blocks of n items from every rank, block r from rank r. */
function blocks(n: number, f: (r: number) => Float64Array): Float64Array {
  const out = new Float64Array(n * size);
  for (let r = 0; r < size; r++) out.set(f(r), r * n);
  return out;
}

program(async () => {
  strictEqual(process.env.MPI4JS_TEST_CHUNK, String(LIMIT), `run with MPI4JS_TEST_CHUNK=${LIMIT}`);
  strictEqual(native.comm.countLimit, LIMIT);
  const largeCount = native.environment.features.largeCount;
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;

  // What MPI is handed: up to the limit the count as is; beyond it, without `_c`, ONE item of a derived type
  // (BigMPI's struct, resized) of the same size and extent as `count` items; with `_c`, the count as is.
  const id = (t: unknown) => (t as { handle: number }).handle; // @internal: the datatype's addon id
  const everyOther = MPI.DOUBLE.Create_resized(0, 16).Commit();
  for (const [t, size1, extent1] of [[MPI.DOUBLE, 8, 8], [everyOther, 8, 16], [MPI.BYTE, 1, 1]] as const) {
    const named = native.comm.fit(1, id(t))[1];
    deepStrictEqual(native.comm.fit(LIMIT, id(t)), [LIMIT, named, size1, 0, extent1], `Fit(${LIMIT}, ${t}): as is`);
    for (const n of [...COUNTS, 2 ** 31 + 3]) {
      const [count, , bytes, lb, extent] = native.comm.fit(n, id(t));
      strictEqual(count, largeCount ? n : 1, `Fit(${n}, ${t}) count`);
      if (!largeCount && t !== everyOther) ok(native.comm.fit(n, id(t))[1] !== named, `Fit(${n}, ${t}): a derived type`);
      // Without `_c`, one item as large as all n; with it, the type as is.
      strictEqual(bytes, (largeCount ? 1 : n) * size1, `Fit(${n}, ${t}) size`);
      strictEqual(lb, 0, `Fit(${n}, ${t}) lb`);
      strictEqual(extent, (largeCount ? 1 : n) * extent1, `Fit(${n}, ${t}) extent`);
    }
  }
  everyOther.Free();

  for (const n of COUNTS) {
    const where = (call: string) => `${call} of ${n} items on ${size} ranks`;
    const mine = pattern(n, rank);
    const theirs = pattern(n, prev);

    // Point to point around a ring: blocking (rank 0 sends first, so a ring of
    // blocking calls cannot wait on itself; on one rank the nonblocking forms
    // serve), nonblocking, synchronous, sendrecv, matched probe.
    const st = new MPI.Status();
    if (size > 1) {
      const got = new Float64Array(n);
      if (rank === 0) {
        comm.Send([mine, n, MPI.DOUBLE], next, 1);
        comm.Recv([got, n, MPI.DOUBLE], prev, 1, st);
      } else {
        comm.Recv([got, n, MPI.DOUBLE], prev, 1, st);
        comm.Send([mine, n, MPI.DOUBLE], next, 1);
      }
      deepStrictEqual(got, theirs, where('Send/Recv'));
      strictEqual(st.Get_count(MPI.DOUBLE), n, where('Recv status count'));
      const synced = new Float64Array(n);
      if (rank === 0) {
        comm.Ssend(mine, next, 2);
        comm.Recv(synced, prev, 2);
      } else {
        comm.Recv(synced, prev, 2);
        comm.Ssend(mine, next, 2);
      }
      deepStrictEqual(synced, theirs, where('Ssend/Recv'));
    }
    // A receive larger than the message: the derived receive type takes a shorter message.
    const roomy = new Float64Array(2 * n + 7);
    const rq = comm.Irecv(roomy, prev, 3);
    const sq = comm.Isend(mine, next, 3);
    rq.Wait(st);
    sq.Wait();
    deepStrictEqual(roomy.subarray(0, n), theirs, where('Isend/Irecv into a larger buffer'));
    ok(roomy.subarray(n).every((x) => x === 0), where('Irecv left the rest alone'));
    strictEqual(st.Get_count(MPI.DOUBLE), n, where('Irecv status count'));
    strictEqual(st.Get_elements(MPI.DOUBLE), n, where('Irecv status elements'));
    const issued = new Float64Array(n);
    MPI.Request.Waitall([comm.Irecv([issued, n, MPI.DOUBLE], prev, 4), comm.Issend([mine, n, MPI.DOUBLE], next, 4)]);
    deepStrictEqual(issued, theirs, where('Issend/Irecv'));
    const swapped = new Float64Array(n);
    comm.Sendrecv(mine, next, 5, swapped, prev, 5);
    deepStrictEqual(swapped, theirs, where('Sendrecv'));
    const probed = comm.Isend(mine, next, 6);
    const m = comm.Mprobe(prev, 6, st);
    strictEqual(st.Get_count(MPI.DOUBLE), n, where('Mprobe status count'));
    const mrecv = new Float64Array(n);
    m.Recv(mrecv);
    probed.Wait();
    deepStrictEqual(mrecv, theirs, where('Message.Recv'));

    // A derived datatype beyond the limit: every other double (extent 16 bytes), so the emulating type's
    // blocks and the collective's per-rank blocks must be spaced by the extent, not the size.
    const everyOther = MPI.DOUBLE.Create_resized(0, 16).Commit();
    const sparse = new Float64Array(2 * n).fill(-1);
    mine.forEach((x, i) => (sparse[2 * i] = x));
    const dense = new Float64Array(n);
    comm.Sendrecv([sparse, n, everyOther], next, 7, [dense, n, MPI.DOUBLE], prev, 7);
    deepStrictEqual(dense, theirs, where('Sendrecv from every other double'));
    const spread = new Float64Array(2 * n).fill(-1);
    comm.Sendrecv([mine, n, MPI.DOUBLE], next, 8, [spread, n, everyOther], prev, 8);
    deepStrictEqual(spread, Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? -1 : theirs[i / 2])), where('Sendrecv into every other double'));
    const wide = new Float64Array(2 * n * size).fill(-1);
    comm.Allgather([sparse, n, everyOther], [wide, n, everyOther]);
    for (let r = 0; r < size; r++) {
      const from = pattern(n, r);
      for (let i = 0; i < 2 * n; i++) {
        strictEqual(wide[2 * n * r + i], i % 2 ? -1 : from[i / 2], where(`Allgather of every other double: rank ${r}'s item ${i}`));
      }
    }
    everyOther.Free();

    // Block collectives from every root, blocking and nonblocking.
    for (let root = 0; root < size; root++) {
      const b = rank === root ? pattern(n, root, 1) : new Float64Array(n);
      comm.Bcast(b, root);
      deepStrictEqual(b, pattern(n, root, 1), where(`Bcast from ${root}`));
      const ib = rank === root ? pattern(n, root, 2) : new Float64Array(n);
      comm.Ibcast([ib, n, MPI.DOUBLE], root).Wait();
      deepStrictEqual(ib, pattern(n, root, 2), where(`Ibcast from ${root}`));

      const all = blocks(n, (r) => pattern(n, r, 3));
      const g = rank === root ? new Float64Array(n * size) : null;
      comm.Gather(pattern(n, rank, 3), g, root);
      if (g) deepStrictEqual(g, all, where(`Gather to ${root}`));
      const ig = rank === root ? new Float64Array(n * size) : null;
      comm.Igather([pattern(n, rank, 3), n, MPI.DOUBLE], ig && [ig, n, MPI.DOUBLE], root).Wait();
      if (ig) deepStrictEqual(ig, all, where(`Igather to ${root}`));

      const s = new Float64Array(n);
      comm.Scatter(rank === root ? all : null, s, root);
      deepStrictEqual(s, pattern(n, rank, 3), where(`Scatter from ${root}`));
      const is = new Float64Array(n);
      comm.Iscatter(rank === root ? all : null, is, root).Wait();
      deepStrictEqual(is, pattern(n, rank, 3), where(`Iscatter from ${root}`));

      // Gatherv and Scatterv with equal v-counts of n: the single-count side beyond the limit.
      const gv = rank === root ? new Float64Array(n * size) : null;
      comm.Gatherv(pattern(n, rank, 3), gv && [gv, new Array(size).fill(n), null, MPI.DOUBLE], root);
      if (gv) deepStrictEqual(gv, all, where(`Gatherv to ${root}`));
      const sv = new Float64Array(n);
      comm.Scatterv(rank === root ? [all, new Array(size).fill(n), null, MPI.DOUBLE] : null, sv, root);
      deepStrictEqual(sv, pattern(n, rank, 3), where(`Scatterv from ${root}`));
    }
    const everyone = blocks(n, (r) => pattern(n, r, 4));
    const ag = new Float64Array(n * size);
    comm.Allgather(pattern(n, rank, 4), ag);
    deepStrictEqual(ag, everyone, where('Allgather'));
    const iag = new Float64Array(n * size);
    comm.Iallgather(pattern(n, rank, 4), iag).Wait();
    deepStrictEqual(iag, everyone, where('Iallgather'));
    const agv = new Float64Array(n * size);
    comm.Allgatherv(pattern(n, rank, 4), [agv, n, MPI.DOUBLE]);
    deepStrictEqual(agv, everyone, where('Allgatherv'));
    // Block t of rank r's send buffer goes to rank t: pattern(n, r, t) from every r.
    const out = blocks(n, (to) => pattern(n, rank, to));
    const expect = blocks(n, (from) => pattern(n, from, rank));
    const a2a = new Float64Array(n * size);
    comm.Alltoall(out, a2a);
    deepStrictEqual(a2a, expect, where('Alltoall'));
    const ia2a = new Float64Array(n * size);
    comm.Ialltoall(out, ia2a).Wait();
    deepStrictEqual(ia2a, expect, where('Ialltoall'));

    // Blocking reductions in rounds: item i is the fold over ranks of i + r (exact in doubles).
    const item = (i: number, r: number) => i + r * 0.5;
    const send = Float64Array.from({ length: n }, (_, i) => item(i, rank));
    const sumTo = (i: number, upto: number) => Array.from({ length: upto }, (_, r) => item(i, r)).reduce((a, b) => a + b, 0);
    const total = Float64Array.from({ length: n }, (_, i) => sumTo(i, size));
    const ar = new Float64Array(n);
    comm.Allreduce(send, ar, MPI.SUM);
    deepStrictEqual(ar, total, where('Allreduce'));
    const inPlace = Float64Array.from(send);
    comm.Allreduce(MPI.IN_PLACE, inPlace, MPI.SUM);
    deepStrictEqual(inPlace, total, where('Allreduce in place'));
    const mx = new Float64Array(n);
    comm.Allreduce(send, mx, MPI.MAX);
    deepStrictEqual(mx, Float64Array.from({ length: n }, (_, i) => item(i, size - 1)), where('Allreduce MAX'));
    for (let root = 0; root < size; root++) {
      const r = rank === root ? new Float64Array(n) : null;
      comm.Reduce(send, r, MPI.SUM, root);
      if (r) deepStrictEqual(r, total, where(`Reduce to ${root}`));
    }
    const sc = new Float64Array(n);
    comm.Scan(send, sc, MPI.SUM);
    deepStrictEqual(sc, Float64Array.from({ length: n }, (_, i) => sumTo(i, rank + 1)), where('Scan'));
    const ex = new Float64Array(n).fill(-1);
    comm.Exscan(send, ex, MPI.SUM);
    if (rank > 0) deepStrictEqual(ex, Float64Array.from({ length: n }, (_, i) => sumTo(i, rank)), where('Exscan'));
    // Reduce_scatter_block: block t of every rank's send buffer, summed, lands on rank t.
    const rsSend = blocks(n, (t) => Float64Array.from({ length: n }, (_, i) => item(i, rank) + t));
    const rs = new Float64Array(n);
    comm.Reduce_scatter_block(rsSend, rs, MPI.SUM);
    deepStrictEqual(rs, Float64Array.from({ length: n }, (_, i) => sumTo(i, size) + rank * size), where('Reduce_scatter_block'));
    const rsInPlace = Float64Array.from(rsSend);
    if (largeCount) {
      comm.Reduce_scatter_block(MPI.IN_PLACE, rsInPlace, MPI.SUM);
      deepStrictEqual(rsInPlace.subarray(0, n), rs, where('Reduce_scatter_block in place'));
    } else {
      throwsLike(() => comm.Reduce_scatter_block(MPI.IN_PLACE, rsInPlace, MPI.SUM), RangeError,
        new RegExp(`^Reduce_scatter_block: in place, a count of ${n} items per rank needs MPI-4 large counts`));
    }

    // Nonblocking reductions cannot run in rounds: refused on every rank without `_c`.
    if (largeCount) {
      const iar = new Float64Array(n);
      comm.Iallreduce(send, iar, MPI.SUM).Wait();
      deepStrictEqual(iar, total, where('Iallreduce'));
      const ir = new Float64Array(n);
      comm.Ireduce(send, ir, MPI.SUM, 0).Wait();
      if (rank === 0) deepStrictEqual(ir, total, where('Ireduce'));
    } else {
      throwsLike(() => comm.Iallreduce(send, new Float64Array(n), MPI.SUM), RangeError, new RegExp(`^Iallreduce: .*a count of ${n} items needs MPI-4 large counts`));
      throwsLike(() => comm.Ireduce(send, new Float64Array(n), MPI.SUM, 0), RangeError, new RegExp(`^Ireduce: .*a count of ${n} items needs MPI-4 large counts`));
    }
    // Still in step: a small nonblocking reduction works after the refusal.
    const small = new Float64Array(1);
    comm.Iallreduce(Float64Array.of(1), small, MPI.SUM).Wait();
    strictEqual(small[0], size, where('Iallreduce after'));
  }

  // Counts in a buffer specification go up to 2**53-1: beyond the buffer they
  // are a short buffer, beyond 2**53-1 out of range, never wrapped.
  throwsLike(() => comm.Send([new Float64Array(1), 2 ** 31, MPI.DOUBLE], MPI.PROC_NULL), RangeError, /^Send: buf too small: it holds 8 bytes but the count and datatype need 17179869184$/);
  throwsLike(() => comm.Send([new Float64Array(1), 2 ** 53, MPI.DOUBLE], MPI.PROC_NULL), RangeError, /^Send: buf: count 9007199254740992 is out of range \(0 to 2\*\*53-1\)$/);

  // V-variant counts beyond a C int: a RangeError on every rank, even where
  // only the root holds them (Gatherv, Scatterv) or one rank (Alltoallv); then
  // the same calls with honest counts work.
  const BIG = 2 ** 31;
  const tiny = new Float64Array(size);
  const ones = new Array(size).fill(1);
  const big = ones.map((c, r) => (r === size - 1 ? BIG : c));
  for (let root = 0; root < size; root++) {
    const heldHere = rank === root ? /^Gatherv: counts\[\d+\] 2147483648 does not fit in a C int/ : /^Gatherv: another rank's counts or displacements do not fit in a C int/;
    throwsLike(() => comm.Gatherv(Float64Array.of(rank), [tiny, big, null, MPI.DOUBLE], root), RangeError, heldHere);
    throwsLike(() => comm.Scatterv([tiny, big, null, MPI.DOUBLE], new Float64Array(1), root), RangeError,
      rank === root ? /^Scatterv: counts\[\d+\] 2147483648 does not fit in a C int/ : /^Scatterv: another rank's counts/);
    const displaced = ones.map((_, r) => (r === 0 ? 0 : BIG + r));
    if (size > 1) {
      throwsLike(() => comm.Gatherv(Float64Array.of(rank), [tiny, ones, displaced, MPI.DOUBLE], root), RangeError,
        rank === root ? /^Gatherv: displacements\[1\] 2147483649 does not fit/ : /^Gatherv: another rank's/);
    }
    const gv = new Float64Array(size);
    comm.Gatherv(Float64Array.of(rank + 0.5), [gv, ones, null, MPI.DOUBLE], root);
    if (rank === root) deepStrictEqual(gv, Float64Array.from({ length: size }, (_, r) => r + 0.5), 'Gatherv after the refusals');
  }
  throwsLike(() => comm.Alltoallv([tiny, rank === 0 ? big : ones, null, MPI.DOUBLE], [new Float64Array(size), ones, null, MPI.DOUBLE]), RangeError,
    rank === 0 ? /^Alltoallv: counts\[\d+\] 2147483648 does not fit in a C int/ : /^Alltoallv: another rank's counts/);
  throwsLike(() => comm.Allgatherv(Float64Array.of(rank), [tiny, big, null, MPI.DOUBLE]), RangeError, /^Allgatherv: counts\[\d+\] 2147483648 does not fit in a C int/);
  const a2av = new Float64Array(size);
  comm.Alltoallv([Float64Array.from({ length: size }, (_, to) => rank * 10 + to), ones, null, MPI.DOUBLE], [a2av, ones, null, MPI.DOUBLE]);
  deepStrictEqual(a2av, Float64Array.from({ length: size }, (_, from) => from * 10 + rank), 'Alltoallv after the refusals');

  // Alltoallw: counts, or byte displacements, beyond a C int held by one rank.
  const types = new Array(size).fill(MPI.DOUBLE);
  const bytes = ones.map((_, r) => r * 8);
  const farBytes = bytes.map((d, r) => (r === size - 1 ? BIG + d : d));
  const last = size - 1;
  throwsLike(() => comm.Alltoallw([tiny, rank === last ? big : ones, bytes, types], [new Float64Array(size), ones, bytes, types]), RangeError,
    rank === last ? /^Alltoallw: sendbuf: counts\[\d+\] 2147483648 does not fit in a C int/ : /^Alltoallw: another rank's counts/);
  throwsLike(() => comm.Alltoallw([tiny, ones, bytes, types], [new Float64Array(size), ones, rank === 0 ? farBytes : bytes, types]), RangeError,
    rank === 0 ? /^Alltoallw: recvbuf: displacements\[\d+\] \d+ does not fit in a C int/ : /^Alltoallw: another rank's counts/);
  const a2aw = new Float64Array(size);
  comm.Alltoallw([Float64Array.from({ length: size }, (_, to) => rank * 10 + to), ones, bytes, types], [a2aw, ones, bytes, types]);
  deepStrictEqual(a2aw, Float64Array.from({ length: size }, (_, from) => from * 10 + rank), 'Alltoallw after the refusals');

  // The I-forms: this rank's own error at the call, every other rank's request failing with the agreed RangeError.
  for (let root = 0; root < size; root++) {
    const call = () => comm.Igatherv(Float64Array.of(rank), [tiny, big, null, MPI.DOUBLE], root);
    if (rank === root) throwsLike(call, RangeError, /^Igatherv: counts\[\d+\] 2147483648 does not fit in a C int/);
    else throwsLike(() => call().Wait(), RangeError, /^Igatherv: another rank's counts or displacements do not fit in a C int/);
    const scatter = () => comm.Iscatterv([tiny, big, null, MPI.DOUBLE], new Float64Array(1), root);
    if (rank === root) throwsLike(scatter, RangeError, /^Iscatterv: counts\[\d+\] 2147483648 does not fit in a C int/);
    else await rejectsLike(scatter(), RangeError, /^Iscatterv: another rank's counts/);
    const gv = new Float64Array(size);
    comm.Igatherv(Float64Array.of(rank + 0.25), [gv, ones, null, MPI.DOUBLE], root).Wait();
    if (rank === root) deepStrictEqual(gv, Float64Array.from({ length: size }, (_, r) => r + 0.25), 'Igatherv after the refusal');
  }
  const refused = () => comm.Ialltoallv([tiny, rank === last ? big : ones, null, MPI.DOUBLE], [new Float64Array(size), ones, null, MPI.DOUBLE]);
  if (rank === last) throwsLike(refused, RangeError, /^Ialltoallv: counts\[\d+\] 2147483648 does not fit/);
  else await rejectsLike(refused(), RangeError, /^Ialltoallv: another rank's counts/);
  const ia2av = new Float64Array(size);
  await comm.Ialltoallv([Float64Array.from({ length: size }, (_, to) => rank * 10 + to), ones, null, MPI.DOUBLE], [ia2av, ones, null, MPI.DOUBLE]);
  deepStrictEqual(ia2av, Float64Array.from({ length: size }, (_, from) => from * 10 + rank), 'Ialltoallv (awaited) after the refusal');
  const refusedW = () => comm.Ialltoallw([tiny, ones, rank === 0 ? farBytes : bytes, types], [new Float64Array(size), ones, bytes, types]);
  if (rank === 0) throwsLike(refusedW, RangeError, /^Ialltoallw: sendbuf: displacements\[\d+\] \d+ does not fit/);
  else await rejectsLike(refusedW(), RangeError, /^Ialltoallw: another rank's counts/);
  const ia2aw = new Float64Array(size);
  await comm.Ialltoallw([Float64Array.from({ length: size }, (_, to) => rank * 100 + to), ones, bytes, types], [ia2aw, ones, bytes, types]);
  deepStrictEqual(ia2aw, Float64Array.from({ length: size }, (_, from) => from * 100 + rank), 'Ialltoallw (awaited) after the refusal');
  comm.Barrier();
});

/** Awaits a request that must reject with an error of that class whose message matches. */
async function rejectsLike(req: PromiseLike<unknown>, cls: new (...a: any[]) => Error, msg: RegExp): Promise<void> {
  try {
    await req;
  } catch (e) {
    ok(e instanceof cls, `expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    ok(msg.test((e as Error).message), `expected a message like ${msg}, got: ${(e as Error).message}`);
    return;
  }
  throw new Error(`expected a rejection matching ${msg}`);
}
