// irecv takes a message of any size (mpi4py's stops at 32 KiB): 1 MiB and 16 MiB
// values, waited and awaited.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const big = { rank, data: Buffer.alloc(1 << 20, rank + 1), list: new Array(100_000).fill(rank) };
  const r = comm.irecv(left, 1);
  comm.isend(big, right, 1);
  const got = r.wait() as typeof big;
  strictEqual(got.rank, left);
  deepStrictEqual(got.data, Buffer.alloc(1 << 20, left + 1));
  strictEqual(got.list.length, 100_000);

  const huge = new Float64Array(2 << 20).fill(rank);
  const pending = comm.irecv(left, 2);
  const sent = comm.isend(huge, right, 2);
  const arrived = (await pending) as Float64Array;
  strictEqual(arrived.length, 2 << 20);
  strictEqual(arrived[arrived.length - 1], left);
  await sent;
});
