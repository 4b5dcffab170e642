// 64 MiB Bcast and Allreduce give correct results on every rank.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  const bytes = 64 * 1024 * 1024;
  const b = new Uint8Array(bytes);
  if (rank === 0) for (let i = 0; i < bytes; i += 4096) b[i] = (i / 4096) & 0xff;
  comm.Bcast(b, 0);
  for (let i = 0; i < bytes; i += 4096) strictEqual(b[i], (i / 4096) & 0xff);
  const n = bytes / 8;
  const mine = new Float64Array(n).fill(rank + 1);
  const sum = new Float64Array(n);
  comm.Allreduce(mine, sum, MPI.SUM);
  const want = (size * (size + 1)) / 2;
  for (let i = 0; i < n; i += 997) strictEqual(sum[i], want);
  strictEqual(sum[n - 1], want);
});
