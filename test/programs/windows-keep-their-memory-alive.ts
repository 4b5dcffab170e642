// A window's memory, and every origin buffer of an operation not yet completed,
// stay alive until MPI is done with them, even when the caller keeps no
// reference: run with --expose-gc, collect garbage between the operations and
// their synchronization, check every byte. Windows freed leave the addon's table as it was.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, size } from './harness';

const gc = (globalThis as { gc?: () => void }).gc;
const { native } = require(path.join(__dirname, '../../../dist/native.js')) as { native: { win: { live(): number } } };

// Memory freed by a collection is reused by what comes next: fill lots of it with -1,
// so that a window's or origin's memory freed too early would show.
const litter: Float64Array[] = [];
async function collect(): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 10));
  gc!();
  for (let i = 0; i < 64; i++) litter.push(new Float64Array(4096).fill(-1));
}

function pattern(n: number, seed: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i * 31 + seed);
}

program(async () => {
  if (!gc) throw new Error('run with --expose-gc');
  const before = native.win.live();
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const n = 4096;
  // Windows over memory nobody else holds: reads of it after a collection must still see it.
  const windows = Array.from({ length: 4 }, (_, k) => MPI.Win.Create(pattern(n, rank + k), 8, MPI.INFO_NULL, comm));
  await collect();
  for (const [k, w] of windows.entries()) {
    const got = new Float64Array(n);
    w.Lock(right, MPI.LOCK_SHARED);
    w.Get(got, right);
    w.Unlock(right);
    deepStrictEqual(got, pattern(n, right + k));
  }
  // Puts of origins nobody holds, collected before the fence that completes them.
  const target = new Float64Array(n * 4);
  const pw = MPI.Win.Create(target, 8, MPI.INFO_NULL, comm);
  pw.Fence();
  for (let k = 0; k < 4; k++) {
    pw.Put(pattern(n, 100 * rank + k), right, k * n);
  }
  await collect();
  pw.Fence();
  for (let k = 0; k < 4; k++) deepStrictEqual(target.subarray(k * n, (k + 1) * n), pattern(n, 100 * left + k));
  // A request form's origin, likewise.
  pw.Lock_all();
  const req = pw.Rput(pattern(n, 7), right, 0);
  await collect();
  await req;
  pw.Unlock_all();
  comm.Barrier();
  deepStrictEqual(target.subarray(0, n), pattern(n, 7));
  pw.Free();
  for (const w of windows) w.Free();
  strictEqual(native.win.live(), before);
  litter.length = 0;
});
