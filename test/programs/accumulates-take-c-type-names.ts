// An accumulate whose target names a C type (MPI.INT, MPI.UNSIGNED_CHAR, as
// mpi4py's typecodes do) with an origin whose typed array names the fixed
// width of the same representation (Int32Array: MPI.INT32_T): MPI wants one
// predefined datatype on both sides, so the origin (and Get_accumulate's
// result) is sent under the target's name. Another size or kind stays a
// mismatch, which MPI refuses.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

// The rule itself (internal: lib/datatype.ts), from the build the harness runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sameBasic } = require('../../../dist/datatype') as { sameBasic(origin: MPI.Datatype, target: number): MPI.Datatype };
const id = (d: MPI.Datatype): number => (d as unknown as { handle: number }).handle;

program(async () => {
  // The names that meet: same size and signedness; the rest keep the origin's.
  strictEqual(sameBasic(MPI.INT32_T, id(MPI.INT)), MPI.INT);
  strictEqual(sameBasic(MPI.UINT32_T, id(MPI.UNSIGNED)), MPI.UNSIGNED);
  strictEqual(sameBasic(MPI.INT16_T, id(MPI.SHORT)), MPI.SHORT);
  strictEqual(sameBasic(MPI.BYTE, id(MPI.UNSIGNED_CHAR)), MPI.UNSIGNED_CHAR);
  strictEqual(sameBasic(MPI.INT64_T, id(MPI.LONG_LONG)), MPI.LONG_LONG);
  strictEqual(sameBasic(MPI.INT32_T, id(MPI.INT16_T)), MPI.INT32_T);
  strictEqual(sameBasic(MPI.INT32_T, id(MPI.UNSIGNED)), MPI.INT32_T);
  strictEqual(sameBasic(MPI.DOUBLE, id(MPI.FLOAT)), MPI.DOUBLE);

  const mem = new Int32Array(4).fill(0);
  const bytes = new Uint8Array(4).fill(0);
  const win = MPI.Win.Create(mem, 4, MPI.INFO_NULL, comm);
  const bwin = MPI.Win.Create(bytes, 1, MPI.INFO_NULL, comm);
  win.Fence();
  bwin.Fence();
  win.Accumulate(Int32Array.of(rank + 1, 1), 0, [2, 2, MPI.INT], MPI.SUM);
  bwin.Accumulate(Uint8Array.of(1), 0, [rank % 4, 1, MPI.UNSIGNED_CHAR], MPI.SUM);
  win.Fence();
  bwin.Fence();
  const total = (size * (size + 1)) / 2;
  if (rank === 0) {
    deepStrictEqual([...mem], [0, 0, total, size]);
    deepStrictEqual([...bytes], [0, 1, 2, 3].map((j) => Array.from({ length: size }, (_, r) => r).filter((r) => r % 4 === j).length));
  }
  // Get_accumulate: the result buffer takes the target's name too.
  const before = new Int32Array(1).fill(-1);
  win.Lock(0);
  win.Get_accumulate(Int32Array.of(0), before, 0, [2, 1, MPI.INT], MPI.NO_OP);
  win.Unlock(0);
  strictEqual(before[0], total);
  // A float origin into an int target is not renamed: a mismatch Open MPI refuses, as in C and mpi4py
  // (MPICH 4.0.2 does not check it).
  if (/^Open MPI/.test(MPI.Get_library_version())) {
    win.Fence();
    throwsLike(() => win.Accumulate(Float32Array.of(1), 0, [0, 1, MPI.INT], MPI.SUM), MPI.Exception, /Accumulate/);
    win.Fence();
  }
  bwin.Free();
  win.Free();
});
