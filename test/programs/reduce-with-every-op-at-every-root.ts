// reduce and allreduce with every predefined op, at every root, on numbers,
// bigints, arrays (element-wise), typed arrays; user ops and plain functions;
// non-commutative ops combine in rank order.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';


program(() => {
  const ranks = Array.from({ length: size }, (_, r) => r);
  const sum = ranks.reduce((a, b) => a + b, 0);
  const prod = ranks.reduce((a, b) => a * b, 1);
  const expected: [InstanceType<typeof MPI.Op>, unknown, unknown][] = [
    [MPI.SUM, rank, sum],
    [MPI.PROD, rank, prod],
    [MPI.MAX, rank, size - 1],
    [MPI.MIN, rank, 0],
    [MPI.MAXLOC, [rank, rank], [size - 1, size - 1]],
    [MPI.MINLOC, [rank, rank], [0, 0]],
    [MPI.MAXLOC, [1, rank], [1, 0]], // ties go to the lower index
    [MPI.REPLACE, rank, size - 1],
    [MPI.NO_OP, rank, 0],
    // One rank's value comes back as it is, unreduced, as in mpi4py.
    [MPI.LAND, rank, size === 1 ? 0 : false],
    [MPI.LOR, rank, size === 1 ? 0 : true],
    [MPI.LXOR, 1, size === 1 ? 1 : size % 2 === 1],
    [MPI.BAND, 0b111 ^ rank, ranks.reduce((a, r) => a & (0b111 ^ r), 0b111)],
    [MPI.BOR, 1 << rank, (1 << size) - 1],
    [MPI.BXOR, rank, ranks.reduce((a, b) => a ^ b, 0)],
    [MPI.SUM, BigInt(rank) * 10n ** 20n, BigInt(sum) * 10n ** 20n],
    [MPI.SUM, [rank, 1, [2 * rank]], [sum, size, [2 * sum]]],
    [MPI.MAX, new Float64Array([rank, 10 - rank]), new Float64Array([size - 1, 10])],
    [MPI.Op.Create((a: string, b: string) => a + b, false), String(rank), ranks.join('')],
  ];
  for (const [op, value, result] of expected) {
    for (let root = 0; root < size; root++) {
      const got = comm.reduce(value, op, root);
      if (rank === root) deepStrictEqual(got, result, `reduce ${op} at root ${root}`);
      else strictEqual(got, undefined);
    }
    deepStrictEqual(comm.allreduce(value, op), result, `allreduce ${op}`);
    deepStrictEqual(comm.allreduce(value, { op }), result);
  }
  // Default op is SUM; options form; any two-argument function.
  strictEqual(comm.allreduce(1), size);
  strictEqual(comm.reduce(1, { root: size - 1 }), rank === size - 1 ? size : undefined);
  deepStrictEqual(
    comm.allreduce({ [rank]: rank }, (a: object, b: object) => ({ ...a, ...b })),
    Object.fromEntries(ranks.map((r) => [r, r])),
  );
  strictEqual(comm.allreduce(String(rank), (a: string, b: string) => a + b), ranks.join(''));
});
