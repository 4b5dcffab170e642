// bcast gives every rank the root's value, from every root; the root gets a copy.
import { deepStrictEqual, notStrictEqual } from 'node:assert/strict';

import { comm, program, rank, size, VALUES } from './harness';

program(() => {
  comm.barrier();
  for (let root = 0; root < size; root++) {
    for (const value of VALUES) deepStrictEqual(comm.bcast(rank === root ? value : undefined, root), value);
    const obj = { root };
    const got = comm.bcast(rank === root ? obj : 'ignored', { root });
    deepStrictEqual(got, obj);
    if (rank === root) notStrictEqual(got, obj);
  }
});
