// Started with plain `node`, without mpirun: a world of one rank that works.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program } from './harness';

program(() => {
  strictEqual(comm.size, 1);
  strictEqual(comm.rank, 0);
  deepStrictEqual(comm.allgather('solo'), ['solo']);
  const x = new Float64Array([2]);
  const y = new Float64Array(1);
  comm.Allreduce(x, y, MPI.SUM);
  strictEqual(y[0], 2);
});
