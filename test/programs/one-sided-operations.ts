// Put, Get, Accumulate with every predefined op, Get_accumulate (NO_OP too),
// Fetch_and_op, Compare_and_swap and the request forms, with the target given
// as mpi4py takes it (nothing, a displacement, [disp, count, datatype]) and a
// derived datatype at either end, over the harness communicator.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

// Each op: the window's starting value, what rank r adds, and how MPI combines them.
type OpCase = [string, MPI.Op, number, (r: number) => number, (a: number, b: number) => number];
const ops = (): OpCase[] => [
  ['SUM', MPI.SUM, 0, (r) => r + 2, (a, b) => a + b],
  ['PROD', MPI.PROD, 1, (r) => (r % 3 === 0 ? 2 : 1), (a, b) => a * b], // 2**6 at most on 16 ranks: no int32 overflow
  ['MAX', MPI.MAX, -1, (r) => (r * 7) % 5, (a, b) => Math.max(a, b)],
  ['MIN', MPI.MIN, 100, (r) => (r * 7) % 5 + 3, (a, b) => Math.min(a, b)],
  ['LAND', MPI.LAND, 1, (r) => (r % 3 === 2 ? 0 : 1), (a, b) => (a && b ? 1 : 0)],
  ['LOR', MPI.LOR, 0, (r) => (r === size - 1 ? 1 : 0), (a, b) => (a || b ? 1 : 0)],
  ['LXOR', MPI.LXOR, 0, () => 1, (a, b) => (!a !== !b ? 1 : 0)],
  ['BAND', MPI.BAND, 0xff, (r) => ~(1 << r) & 0xff, (a, b) => a & b],
  ['BOR', MPI.BOR, 0, (r) => 1 << r, (a, b) => a | b],
  ['BXOR', MPI.BXOR, 0, (r) => (1 << r) | 1, (a, b) => a ^ b],
  ['REPLACE', MPI.REPLACE, 5, () => 7, (_a, b) => b],
];

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const OPS = ops();
  // --- Put and Get: the whole origin, at a displacement, and with an explicit target triple.
  const mem = new Int32Array(8).fill(-1);
  const win = MPI.Win.Create(mem, 4, MPI.INFO_NULL, comm);
  win.Fence();
  win.Put(new Int32Array([rank, rank]), right);                       // target: none -> disp 0, same count/type
  win.Put(new Int32Array([rank + 10]), right, 2);                       // a displacement
  win.Put([new Int32Array([0, rank + 20, 0]), [1, 1], MPI.INT], right, [3, 1, MPI.INT]); // origin [count, displ]
  win.Fence();
  deepStrictEqual(Array.from(mem.subarray(0, 4)), [left, left, left + 10, left + 20]);
  const got = new Int32Array(4);
  win.Get(got, right, { target: [0, 4, MPI.INT] });
  win.Fence();
  deepStrictEqual(Array.from(got), [rank, rank, rank + 10, rank + 20]);

  // --- a derived datatype at the target: every other int of the window.
  const every2 = MPI.INT.Create_vector(4, 1, 2).Commit();
  mem.fill(0);
  win.Fence();
  win.Put(new Int32Array([1, 2, 3, 4].map((x) => x + 10 * rank)), right, [0, 1, every2]);
  win.Fence();
  deepStrictEqual(Array.from(mem), [1, 0, 2, 0, 3, 0, 4, 0].map((x, i) => (i % 2 ? 0 : x + 10 * left)));
  // ... and at the origin: gather the even ints of the right neighbour's window into the odd ones of a buffer.
  const strided = new Int32Array(8);
  win.Get([strided.subarray(1), 1, every2], right, [0, 1, every2]);
  win.Fence();
  deepStrictEqual(Array.from(strided), [0, 1, 0, 2, 0, 3, 0, 4].map((x, i) => (i % 2 ? x + 10 * rank : 0)));
  every2.Free();
  win.Fence();
  win.Free();

  // --- Accumulate with every predefined op, from every rank into every rank.
  const acc = new Int32Array(OPS.length);
  OPS.forEach(([, , init], i) => (acc[i] = init));
  const aw = MPI.Win.Create(acc, 4, MPI.INFO_NULL, comm);
  aw.Fence();
  for (let t = 0; t < size; t++) {
    OPS.forEach(([, op, , x], i) => aw.Accumulate(new Int32Array([x(rank)]), t, i, op));
  }
  aw.Fence();
  OPS.forEach(([name, , init, x, f], i) => {
    if (name === 'REPLACE') return strictEqual(acc[i], 7, name);
    let want = init;
    for (let r = 0; r < size; r++) want = f(want, x(r));
    strictEqual(acc[i], want, name);
  });
  aw.Free();

  // --- MAXLOC and MINLOC on (value, index) pairs.
  const pairs = new Int32Array([-1, 0, 1000, 0]);
  const pw = MPI.Win.Create(pairs, 8, MPI.INFO_NULL, comm);
  pw.Fence();
  for (let t = 0; t < size; t++) {
    const v = (rank * 3) % Math.max(size, 2);
    pw.Accumulate([new Int32Array([v, rank]), 1, MPI.TWOINT], t, [0, 1, MPI.TWOINT], MPI.MAXLOC);
    pw.Accumulate([new Int32Array([v, rank]), 1, MPI.TWOINT], t, [1, 1, MPI.TWOINT], MPI.MINLOC);
  }
  pw.Fence();
  const vals = Array.from({ length: size }, (_, r) => (r * 3) % Math.max(size, 2));
  const max = Math.max(...vals);
  const min = Math.min(...vals);
  deepStrictEqual(Array.from(pairs), [max, vals.indexOf(max), min, vals.indexOf(min)]);
  pw.Free();

  // --- Get_accumulate: the old value comes back; NO_OP only reads.
  const cell = new Float64Array([0]);
  const gw = MPI.Win.Create(cell, 8, MPI.INFO_NULL, comm);
  gw.Fence();
  const before = new Float64Array(1);
  gw.Get_accumulate(new Float64Array([1]), before, 0, undefined, MPI.SUM);
  gw.Fence();
  ok(before[0] >= 0 && before[0] < size && Number.isInteger(before[0]));
  const seen = new Float64Array(1);
  gw.Get_accumulate(null, seen, 0, [0, 1, MPI.DOUBLE], MPI.NO_OP);
  gw.Fence();
  strictEqual(seen[0], size);
  if (rank === 0) strictEqual(cell[0], size);
  // Every rank saw a different old value: 0..size-1.
  deepStrictEqual(comm.allgather<number>(before[0]).sort((a, b) => a - b), Array.from({ length: size }, (_, i) => i));
  gw.Free();

  // --- Fetch_and_op: a shared counter; Compare_and_swap: one winner.
  const counter = new BigInt64Array(2);
  const cw = MPI.Win.Create(counter, 8, MPI.INFO_NULL, comm);
  comm.Barrier();
  cw.Lock(0);
  const ticket = new BigInt64Array(1);
  cw.Fetch_and_op(new BigInt64Array([1n]), ticket, 0);
  cw.Unlock(0);
  cw.Lock(0, MPI.LOCK_EXCLUSIVE);
  const old = new BigInt64Array(1);
  cw.Compare_and_swap(new BigInt64Array([BigInt(rank + 1)]), new BigInt64Array([0n]), old, 0, 1);
  cw.Unlock(0);
  comm.Barrier();
  deepStrictEqual(comm.allgather<bigint>(ticket[0]).sort((a, b) => Number(a - b)), Array.from({ length: size }, (_, i) => BigInt(i)));
  const winners = comm.allgather<bigint>(old[0]).filter((v) => v === 0n).length;
  strictEqual(winners, 1);
  if (rank === 0) {
    strictEqual(counter[0], BigInt(size));
    ok(counter[1] >= 1n && counter[1] <= BigInt(size));
  }
  // Options objects for the keywords.
  cw.Lock_all();
  cw.Fetch_and_op(new BigInt64Array([0n]), ticket, { target_rank: 0, target_disp: 0, op: MPI.NO_OP });
  cw.Unlock_all();
  strictEqual(ticket[0], BigInt(size));
  comm.Barrier();
  cw.Free();

  // --- the request forms, in a passive-target epoch; awaitable; the buffers held until they complete.
  const rmem = new Float64Array(4);
  const rw = MPI.Win.Create(rmem, 8, MPI.INFO_NULL, comm);
  comm.Barrier();
  rw.Lock_all();
  await rw.Rput(new Float64Array([rank + 0.5]), right, 0);
  rw.Flush(right);
  await rw.Raccumulate(new Float64Array([1]), right, 1, MPI.SUM);
  rw.Flush_all();
  rw.Unlock_all();
  comm.Barrier();
  strictEqual(rmem[0], left + 0.5);
  strictEqual(rmem[1], 1);
  rw.Lock_all();
  const back = new Float64Array(1);
  const rq = rw.Rget(back, right, { target: [0, 1, MPI.DOUBLE] });
  strictEqual(await rq, undefined);
  strictEqual(back[0], rank + 0.5);
  const res = new Float64Array(1);
  MPI.Request.Waitall([rw.Rget_accumulate(new Float64Array([2]), res, right, 1, MPI.SUM)]);
  strictEqual(res[0], 1);
  rw.Unlock_all();
  comm.Barrier();
  strictEqual(rmem[1], 3);
  // A request the epoch completed, waited only after Free: its window's communicator is gone, the request is fine.
  rw.Lock_all();
  const kept = rw.Rput(new Float64Array([rank + 0.25]), right, 2);
  rw.Unlock_all();
  comm.Barrier();
  strictEqual(rmem[2], left + 0.25);
  rw.Free();
  kept.Wait();
  strictEqual(kept.active, false);
});
