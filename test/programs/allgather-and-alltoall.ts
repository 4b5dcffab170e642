// allgather gives every rank every value; alltoall sends item i to rank i.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, program, rank, size, VALUES } from './harness';

program(() => {
  for (const value of VALUES) deepStrictEqual(comm.allgather(value), Array.from({ length: size }, () => value));
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, r) => r));
  const out = Array.from({ length: size }, (_, to) => ({ from: rank, to }));
  deepStrictEqual(comm.alltoall(out), Array.from({ length: size }, (_, from) => ({ from, to: rank })));
});
