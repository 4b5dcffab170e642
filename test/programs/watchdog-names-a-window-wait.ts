// Run with MPI4JS_WATCHDOG=1 on 2 or more ranks: rank 0 reaches a Fence 2.5 s
// before the others, so the watchdog reports it waiting in Win.Fence; then
// all fence and end well.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank } from './harness';

program(async () => {
  const mem = new Int32Array(1);
  const win = MPI.Win.Create(mem, 4, MPI.INFO_NULL, comm);
  win.Fence();
  if (rank !== 0) await new Promise((resolve) => setTimeout(resolve, 2500));
  if (rank === 1) win.Put(new Int32Array([7]), 0);
  win.Fence();
  if (rank === 0) strictEqual(mem[0], 7);
  win.Free();
});
