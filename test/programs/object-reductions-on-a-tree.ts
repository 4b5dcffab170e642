// Lowercase reduce (at every root), allreduce, scan and exscan give the serial
// left fold of the ranks' values in rank order, with fast_reduce on (the tree,
// lib/tree.ts) and off (gather, then fold): for associative ops that do not
// commute (string concatenation through MPI.SUM, a function and an
// MPI.Op.Create; 2x2 matrix products), for MPI.SUM/PROD/MAX/MIN/MAXLOC on
// numbers and arrays, and for an op that modifies its first argument (each
// value it sees is its own). exscan gives undefined on rank 0. A user receive
// from ANY_SOURCE with ANY_TAG posted before the reductions gets the user's
// message only. An op that throws mid-tree fails its own rank with its error and
// the ranks whose result depends on it with an Error naming it; nothing hangs.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

type M = [number, number, number, number];
/** 2x2 matrices, row-major: associative, not commutative. */
const mul = (a: M, b: M): M => [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]];
const matrix = (r: number): M => [1, r + 1, r % 3, 1];

/** The serial left fold of f over ranks [0, to) of value. */
function fold<T>(to: number, value: (r: number) => T, f: (a: T, b: T) => T): T | undefined {
  if (to === 0) return undefined;
  let acc = value(0);
  for (let r = 1; r < to; r++) acc = f(acc, value(r));
  return acc;
}

/** Every lowercase reduction of value(rank) by op agrees with the serial fold by f. */
function agrees<T>(label: string, value: (r: number) => T, op: MPI.OpLike, f: (a: T, b: T) => T): void {
  const all = fold(size, value, f);
  for (let root = 0; root < size; root++) {
    const got = comm.reduce(value(rank), op, root);
    if (rank === root) deepStrictEqual(got, all, `${label}: reduce at root ${root}`);
    else strictEqual(got, undefined, `${label}: reduce at root ${root}, elsewhere`);
    // The options form too.
    const opt = comm.reduce(value(rank), { op, root });
    if (rank === root) deepStrictEqual(opt, all, `${label}: reduce({ op, root: ${root} })`);
  }
  deepStrictEqual(comm.allreduce(value(rank), op), all, `${label}: allreduce`);
  deepStrictEqual(comm.scan(value(rank), op), fold(rank + 1, value, f), `${label}: scan`);
  deepStrictEqual(comm.exscan(value(rank), op), fold(rank, value, f), `${label}: exscan`);
}

function everyReduction(): void {
  const letters = (r: number) => String.fromCharCode(97 + (r % 26)) + r;
  agrees('strings by MPI.SUM', letters, MPI.SUM, (a, b) => a + b);
  agrees('strings by a function', letters, (a: string, b: string) => a + b, (a, b) => a + b);
  const concat = MPI.Op.Create((a: string, b: string) => a + b, false);
  agrees('strings by MPI.Op.Create', letters, concat, (a, b) => a + b);
  concat.Free();
  agrees('2x2 matrices', matrix, (a: M, b: M) => mul(a, b), mul);
  agrees('numbers by MPI.SUM', (r) => r + 1, MPI.SUM, (a, b) => a + b);
  agrees('numbers by MPI.PROD', (r) => r + 1, MPI.PROD, (a, b) => a * b);
  agrees('numbers by MPI.MAX', (r) => (r * 7) % 5, MPI.MAX, (a, b) => Math.max(a, b));
  agrees('numbers by MPI.MIN', (r) => (r * 7) % 5, MPI.MIN, (a, b) => Math.min(a, b));
  agrees('arrays by MPI.SUM', (r) => [r, 2 * r, 1], MPI.SUM, (a, b) => a.map((x, i) => x + b[i]));
  agrees('Float64Arrays by MPI.MAX', (r) => Float64Array.of(r, -r), MPI.MAX, (a, b) => a.map((x, i) => Math.max(x, b[i])));
  agrees('[value, index] by MPI.MAXLOC', (r) => [r % 2, r] as [number, number], MPI.MAXLOC, (a, b) => (b[0] > a[0] ? b : a));
  // An op that modifies and returns its first argument: every value it sees is a copy of its own.
  agrees('arrays by a push', (r) => [r], (a: number[], b: number[]) => (a.push(...b), a), (a, b) => [...a, ...b]);
  // Objects of some size: a merge in rank order (later keys win).
  agrees('objects by a merge', (r) => ({ [`k${r % 3}`]: r, [`r${r}`]: 'x'.repeat(1000) }), (a: object, b: object) => ({ ...a, ...b }), (a, b) => ({ ...a, ...b }));
}

/** A user receive posted first, with wildcards, gets the user's message, never a reduction's. */
async function userMessagesAreNotMatched(): Promise<void> {
  const next = (rank + 1) % size;
  const prev = (rank + size - 1) % size;
  const status = new MPI.Status();
  const pending = comm.irecv({ source: MPI.ANY_SOURCE, tag: MPI.ANY_TAG });
  comm.barrier();
  everyReduction();
  const sent = comm.isend(`user message from ${rank}`, next, 99);
  const got = await pending.wait(status);
  strictEqual(got, `user message from ${prev}`);
  strictEqual(status.source, prev);
  strictEqual(status.tag, 99);
  await sent.wait();
  // Nothing else is pending for the user.
  comm.barrier();
  strictEqual(comm.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG), false, 'no stray message on the user communicator');
}

/** An op that throws on one rank, mid-tree: that rank throws its error, the ones depending on it an Error naming it. */
function aThrowingOp(): void {
  class Thrown extends Error {}
  const thrown = new Thrown(`on rank ${rank}`);
  const thrower = 0;
  const op = (a: number, b: number) => {
    if (rank === thrower) throw thrown;
    return a + b;
  };
  if (size === 1) {
    strictEqual(comm.allreduce(5, op), 5, 'one rank: the op is never called');
    return;
  }
  let caught: unknown;
  try {
    comm.allreduce(1, op);
  } catch (e) {
    caught = e;
  }
  if (MPI.rc.fast_reduce) {
    // Rank 0 combines on the tree (it is the allreduce's root), and every rank's result comes from it.
    if (rank === thrower) strictEqual(caught, thrown);
    else {
      ok(caught instanceof Error && /^allreduce: the reduction raised an error on rank 0, which this rank.s result depends on: on rank 0$/.test(caught.message), String(caught));
    }
    // reduce at the thrower: it alone fails.
    caught = undefined;
    try {
      strictEqual(comm.reduce(1, op, thrower), undefined);
    } catch (e) {
      caught = e;
    }
    strictEqual(caught, rank === thrower ? thrown : undefined);
  } else {
    // Gather, then fold: each rank folds for itself.
    strictEqual(caught, rank === thrower ? thrown : undefined);
  }
  // A predefined op's TypeError (operands it cannot combine) is a TypeError on every rank, on either path.
  throwsLike(() => comm.allreduce(true, MPI.SUM), TypeError, /^allreduce: .*MPI\.SUM: unsupported operand types boolean and boolean/);
  // The communicator goes on working.
  strictEqual(comm.allreduce(1, MPI.SUM), size);
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, i) => i));
}

program(async () => {
  const initial = MPI.rc.fast_reduce;
  strictEqual(initial, process.env.MPI4JS_FAST_REDUCE !== '0', 'MPI.rc.fast_reduce follows MPI4JS_FAST_REDUCE');
  for (const fast of [true, false]) {
    MPI.rc.fast_reduce = fast;
    everyReduction();
    await userMessagesAreNotMatched();
    aThrowingOp();
    // A value that cannot be sent still fails every rank (the tree agrees first).
    const f = () => comm.allreduce(rank === size - 1 ? () => 0 : rank);
    if (rank === size - 1) throwsLike(f, TypeError, /^allreduce: cannot serialize a function/);
    else throwsLike(f, Error, new RegExp(`^allreduce: rank ${size - 1} could not send its value`));
    // On a communicator of its own, freed after: its private duplicate goes with it.
    const dup = comm.Dup();
    strictEqual(dup.allreduce(`${rank},`, MPI.SUM), fold(size, (r) => `${r},`, (a, b) => a + b));
    dup.Free();
  }
  MPI.rc.fast_reduce = initial;
});
