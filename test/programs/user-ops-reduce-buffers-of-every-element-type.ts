// A user op (MPI.Op.Create) in every buffer reduction, over every element type:
// its function sees typed-array views of the datatype's kind, and the very
// Datatype object the caller passed; a derived type arrives as bytes.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { items, Kind, KINDS, Typed } from './typed';

type Numeric = { length: number; [i: number]: any; constructor: { name: string } };

/** An elementwise sum that records what it was given. */
function recordingSum(seen: { view: string; other: string; datatype: unknown }[]) {
  return MPI.Op.Create((invec: Numeric, inoutvec: Numeric, datatype: unknown) => {
    seen.push({ view: invec.constructor.name, other: inoutvec.constructor.name, datatype });
    for (let i = 0; i < invec.length; i++) inoutvec[i] = invec[i] + inoutvec[i];
  }, true);
}

/** n items of kind: item i is value(base + i). */
function ramp(kind: Kind, n: number, base: number): Typed {
  const a = kind.make(n) as unknown as Numeric;
  for (let i = 0; i < n; i++) a[i] = kind.value(base + i);
  return a as unknown as Typed;
}

/** The sum over ranks q in [from, to) of (q + i + 1), for each i < n. */
function sums(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let q = from; q < to; q++) s += q + i + 1;
    return s;
  });
}

program(() => {
  const n = 3;
  let calls = 0;
  for (const kind of KINDS) {
    const seen: { view: string; other: string; datatype: unknown }[] = [];
    const sum = recordingSum(seen);
    const mine = () => ramp(kind, n, rank + 1);

    // Reduce_local: runs the function on every rank, whatever the size.
    const inout = ramp(kind, n, 1);
    sum.Reduce_local(ramp(kind, n, 1), inout);
    deepStrictEqual(items(inout), [2, 4, 6], `${kind.name}: Reduce_local`);

    for (let root = 0; root < size; root++) {
      const r = kind.make(n);
      comm.Reduce(mine(), r, sum, root);
      deepStrictEqual(items(r), rank === root ? sums(n, 0, size) : [0, 0, 0], `${kind.name}: Reduce at root ${root}`);
    }
    const all = kind.make(n);
    comm.Allreduce(mine(), all, sum);
    deepStrictEqual(items(all), sums(n, 0, size), `${kind.name}: Allreduce`);
    const inPlace = mine();
    comm.Allreduce(MPI.IN_PLACE, inPlace, sum);
    deepStrictEqual(items(inPlace), sums(n, 0, size), `${kind.name}: Allreduce IN_PLACE`);

    // Block j of each rank's send buffer goes to rank j: item k of it is value(rank + j·n + k + 1).
    const blocks = ramp(kind, n * size, rank + 1);
    const mineOfAll = kind.make(n);
    comm.Reduce_scatter_block(blocks, mineOfAll, sum);
    deepStrictEqual(items(mineOfAll), sums(n, 0, size).map((s, i) => s + size * rank * n), `${kind.name}: Reduce_scatter_block`);

    const scanned = kind.make(n);
    comm.Scan(mine(), scanned, sum);
    deepStrictEqual(items(scanned), sums(n, 0, rank + 1), `${kind.name}: Scan`);
    const exscanned = kind.make(n);
    comm.Exscan(mine(), exscanned, sum);
    if (rank > 0) deepStrictEqual(items(exscanned), sums(n, 0, rank), `${kind.name}: Exscan`);

    // The view's kind follows the datatype, and the datatype is the object the reduction used:
    // a reduction reads a Uint8Array (or Uint8ClampedArray) as UINT8_T.
    const view = kind.datatype === MPI.BYTE ? 'Uint8Array' : kind.name;
    const datatype = kind.datatype === MPI.BYTE ? MPI.UINT8_T : kind.datatype;
    for (const s of seen) {
      strictEqual(s.view, view, `${kind.name}: the view's kind`);
      strictEqual(s.other, view, `${kind.name}: inoutvec's kind`);
      strictEqual(s.datatype, datatype, `${kind.name}: the datatype object`);
    }
    calls += seen.length;
    sum.Free();
  }
  // Beyond Reduce_local (one call per kind), the reductions called it here or elsewhere.
  ok(calls >= KINDS.length);
  if (size > 1) ok(comm.allreduce<number>(calls - KINDS.length) > 0, 'the collectives called the user op');

  // Predefined C types by size and signedness, C_BOOL as bytes, complex as 2 floats per item.
  const long = MPI.LONG.Get_size() === 8;
  const cases: [InstanceType<typeof MPI.Datatype>, () => Numeric, string, number][] = [
    [MPI.SHORT, () => new Int16Array(n), 'Int16Array', n],
    [MPI.INT, () => new Int32Array(n), 'Int32Array', n],
    [MPI.UNSIGNED, () => new Uint32Array(n), 'Uint32Array', n],
    [MPI.LONG, () => (long ? new BigInt64Array(n) : new Int32Array(n)), long ? 'BigInt64Array' : 'Int32Array', n],
    [MPI.C_BOOL, () => new Uint8Array(n), 'Uint8Array', n],
    [MPI.C_FLOAT_COMPLEX, () => new Float32Array(2 * n), 'Float32Array', 2 * n],
    [MPI.C_DOUBLE_COMPLEX, () => new Float64Array(2 * n), 'Float64Array', 2 * n],
  ];
  for (const [datatype, make, view, length] of cases) {
    let got: [string, number, unknown] | undefined;
    const op = MPI.Op.Create((invec: Numeric, _inoutvec: Numeric, dt: unknown) => {
      got = [invec.constructor.name, invec.length, dt];
    }, true);
    op.Reduce_local([make() as unknown as Uint8Array, n, datatype], [make() as unknown as Uint8Array, n, datatype]);
    deepStrictEqual(got, [view, length, datatype], `${datatype}: view`);
    op.Free();
  }

  // A derived contiguous type: a Uint8Array of len·extent bytes.
  const pair = MPI.INT32_T.Create_contiguous(2).Commit();
  const bytes: number[] = [];
  const pairSum = MPI.Op.Create((invec: Uint8Array, inoutvec: Uint8Array, datatype: unknown) => {
    ok(invec instanceof Uint8Array && inoutvec instanceof Uint8Array);
    strictEqual(datatype, pair);
    bytes.push(invec.length);
    const a = new Int32Array(invec.slice().buffer);
    const b = new Int32Array(inoutvec.slice().buffer);
    for (let i = 0; i < a.length; i++) b[i] += a[i];
    inoutvec.set(new Uint8Array(b.buffer));
  }, true);
  const local = new Int32Array([1, 2, 3, 4]);
  pairSum.Reduce_local([new Int32Array([10, 20, 30, 40]), 2, pair], [local, 2, pair]);
  deepStrictEqual(Array.from(local), [11, 22, 33, 44]);
  deepStrictEqual(bytes, [2 * 8]);
  const out = new Int32Array(4);
  comm.Allreduce([new Int32Array([rank, 1, rank, 2]), 2, pair], [out, 2, pair], pairSum);
  const ranks = (size * (size - 1)) / 2;
  deepStrictEqual(Array.from(out), [ranks, size, ranks, 2 * size]);
  for (const b of bytes) ok(b > 0 && b % 8 === 0, 'whole items of the derived type');
  pairSum.Free();
  pair.Free();
});
