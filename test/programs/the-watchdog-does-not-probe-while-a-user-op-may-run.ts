// Run with MPI4JS_WATCHDOG=1 on 2 ranks over COMM_WORLD. Rank 0 has a user-op
// Iallreduce in flight and blocks in Recv for 2.5 s, until rank 1 joins. The
// watchdog's thread reports the wait but does not probe (a probe drives MPI's
// progress, which could run the user op on that thread): it says so instead.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank } from './harness';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

program(async () => {
  const sum = MPI.Op.Create((invec: Float64Array, inoutvec: Float64Array) => {
    for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
  }, true);
  const r = new Float64Array(2);
  if (rank === 0) {
    const req = comm.Iallreduce(new Float64Array([1, 2]), r, sum);
    const got = new Int32Array(1);
    comm.Recv(got, 1, 5);
    req.Wait();
    strictEqual(got[0], 7);
  } else {
    await later(2500);
    const req = comm.Iallreduce(new Float64Array([1, 2]), r, sum);
    comm.Send(new Int32Array([7]), 0, 5);
    req.Wait();
  }
  deepStrictEqual(Array.from(r), [2, 4]);
  sum.Free();
});
