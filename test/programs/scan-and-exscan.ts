// scan combines ranks 0…rank; exscan ranks 0…rank-1, undefined on rank 0.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  strictEqual(comm.scan(size), size * (rank + 1));
  deepStrictEqual(comm.scan([rank, rank], MPI.MINLOC), [0, 0]);
  deepStrictEqual(comm.scan([rank, rank], MPI.MAXLOC), [rank, rank]);
  strictEqual(comm.scan(String(rank), (a: string, b: string) => a + b), Array.from({ length: rank + 1 }, (_, r) => r).join(''));
  strictEqual(comm.exscan(1), rank === 0 ? undefined : rank);
  strictEqual(comm.exscan(rank, { op: MPI.MAX }), rank === 0 ? undefined : rank - 1);
});
