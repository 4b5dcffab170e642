// A window's memory, and every origin and result buffer of an operation not yet
// completed, stay alive until MPI is done with them, even when no JavaScript
// holds them: only the addon's references (src-native/win.cc) keep them. Run
// with --expose-gc: collect garbage between the operations and their
// synchronization, then fill the heap with -1s ("litter"), so that memory
// freed too early shows twice: a read of it sees -1s, and MPI's write into it
// changes litter that nothing else writes. Windows freed leave the addon's
// table as it was.
//
// The windows are made through the addon directly: lib/win.ts keeps Create's
// memory too (for tomemory()), which would hide a missing hold in the addon.
// Whether the holds of origins and results can be seen to fail depends on the
// MPI: Open MPI's osc/sm and osc/ucx copy a Put's origin and a Get's result
// during the call (nothing is left to lose), so on Open MPI only the window
// memory part fails without its hold (checked: it reads -1s); MPICH queues the
// operations until the synchronization, and without the origin/result holds
// this program dies there on 2 ranks (checked: "double free or corruption").
// So it runs on both routes; ASan (test/sanitizer) catches what a heap reuse
// pattern cannot.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, size } from './harness';

type Id = number;
const gc = (globalThis as { gc?: () => void }).gc;
const { native } = require(path.join(__dirname, '../../../dist/native.js')) as {
  native: { win: { live(): number; create(memory: ArrayBufferView | null, unit: number, info: Id, comm: Id): Id } };
};
const h = (x: unknown): Id => (x as { handle: Id }).handle;

/** A Win over memory that only the addon holds. */
function addonOnly(memory: ArrayBufferView, unit: number): InstanceType<typeof MPI.Win> {
  const w = new MPI.Win();
  (w as unknown as { handle: Id }).handle = native.win.create(memory, unit, h(MPI.INFO_NULL), h(comm));
  return w;
}

// Memory freed by a collection is reused by what comes next: fill lots of it with -1.
const litter: Float64Array[] = [];
async function collect(): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 20));
  gc!();
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 256; i++) litter.push(new Float64Array(4096).fill(-1));
}

/** Nothing but this program writes the litter: MPI writing into freed memory would. */
function litterIntact(): void {
  for (const [i, a] of litter.entries()) {
    if (!a.every((x) => x === -1)) throw new Error(`litter array ${i} was written: MPI wrote into memory freed too early`);
  }
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
  // Windows over memory nobody but the addon holds: a read of it after a collection still sees it.
  const windows = Array.from({ length: 4 }, (_, k) => addonOnly(pattern(n, rank + k), 8));
  await collect();
  comm.Barrier();
  for (const [k, w] of windows.entries()) {
    const got = new Float64Array(n);
    w.Lock(right, MPI.LOCK_SHARED);
    w.Get(got, right);
    w.Unlock(right);
    deepStrictEqual(got, pattern(n, right + k));
  }
  // Puts of origins nobody holds, collected before the fence that completes them.
  const target = new Float64Array(n * 4);
  const pw = addonOnly(target, 8);
  pw.Fence();
  for (let k = 0; k < 4; k++) pw.Put(pattern(n, 100 * rank + k), right, k * n);
  await collect();
  pw.Fence();
  for (let k = 0; k < 4; k++) deepStrictEqual(target.subarray(k * n, (k + 1) * n), pattern(n, 100 * left + k));
  litterIntact();
  // Gets and Get_accumulates into buffers nobody holds: MPI writes them until the fence.
  target.fill(5);
  pw.Fence();
  for (let k = 0; k < 4; k++) {
    pw.Get(new Float64Array(n), right, k * n);
    pw.Get_accumulate(pattern(n, k), new Float64Array(n), right, k * n, MPI.NO_OP);
  }
  await collect();
  pw.Fence();
  litterIntact();
  // A request form's origin, likewise.
  pw.Lock_all();
  const req = pw.Rput(pattern(n, 7), right, 0);
  await collect();
  await req;
  pw.Unlock_all();
  comm.Barrier();
  deepStrictEqual(target.subarray(0, n), pattern(n, 7));
  litterIntact();
  pw.Free();
  for (const w of windows) w.Free();
  strictEqual(native.win.live(), before);
  ok(litter.length > 0);
  litter.length = 0;
});
