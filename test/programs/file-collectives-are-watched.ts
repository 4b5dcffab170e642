// Run with MPI4JS_WATCHDOG=1. A collective file call blocks until its peers
// reach it: rank 1 comes 2.5 s late to a Write_at_all, and the watchdog names
// the call rank 0 waits in. Then all ends well. Needs a peer: on one process
// (COMM_SELF) there is nobody to wait for.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, sharedTempPath, size } from './harness';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

program(async () => {
  if (size < 2) return;
  const f = MPI.File.Open(comm, sharedTempPath('watched'), MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  if (rank === 1) await later(2500);
  f.Write_at_all(rank * 4, new Int32Array([rank]));
  const back = new Int32Array(1);
  f.Read_at_all(rank * 4, back);
  deepStrictEqual(Array.from(back), [rank]);
  f.Close();
});
