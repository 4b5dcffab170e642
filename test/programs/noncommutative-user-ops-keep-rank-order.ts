// A noncommutative user op sees its operands in rank order: invec holds the
// lower ranks' part. f(a, b) = a·10^digits(b) + b writes the ranks' digits
// side by side (a·10 + b for one-digit b; associative, as MPI requires of
// every op, which a·10 + b on longer operands is not).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

const digits = (b: number): number => (b < 10 ? 1 : Math.floor(Math.log10(b)) + 1);
const join = (a: number, b: number): number => a * 10 ** digits(b) + b;
/** The digits of ranks [from, to) + 1, in order: 1234 for 0…4. */
const fold = (from: number, to: number): number => Array.from({ length: to - from }, (_, i) => from + i + 1).reduce(join);

program(() => {
  const concat = MPI.Op.Create((invec: Float64Array | Int32Array, inoutvec: Float64Array | Int32Array) => {
    for (let i = 0; i < invec.length; i++) inoutvec[i] = join(invec[i], inoutvec[i]);
  }, false);
  strictEqual(concat.Is_commutative(), false);
  strictEqual(concat.is_commutative, false);
  for (const make of [(n: number) => new Int32Array(n), (n: number) => new Float64Array(n)]) {
    const mine = make(2).fill(rank + 1);
    const all = make(2);
    comm.Allreduce(mine, all, concat);
    deepStrictEqual(Array.from(all), [fold(0, size), fold(0, size)], 'Allreduce');
    const scanned = make(2);
    comm.Scan(mine, scanned, concat);
    deepStrictEqual(Array.from(scanned), [fold(0, rank + 1), fold(0, rank + 1)], 'Scan');
    const exscanned = make(2);
    comm.Exscan(mine, exscanned, concat);
    if (rank > 0) deepStrictEqual(Array.from(exscanned), [fold(0, rank), fold(0, rank)], 'Exscan');
    for (let root = 0; root < size; root++) {
      const r = make(2);
      comm.Reduce(mine, r, concat, root);
      if (rank === root) deepStrictEqual(Array.from(r), [fold(0, size), fold(0, size)], `Reduce at ${root}`);
    }
  }
  // The lowercase reduction folds values in rank order with the same function's value form.
  const joined = MPI.Op.Create((a: number, b: number, datatype: unknown) => {
    strictEqual(datatype, undefined);
    return join(a, b);
  }, false);
  strictEqual(comm.allreduce(rank + 1, joined), fold(0, size));
  ok(!joined.is_predefined);
  concat.Free();
  joined.Free();
});
