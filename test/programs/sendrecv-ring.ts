// sendrecv passes values round a ring, positional and with options.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  strictEqual(comm.sendrecv(rank, right, 0, left, 0), left);
  const st = new MPI.Status();
  deepStrictEqual(comm.sendrecv({ r: rank }, { dest: right, sendtag: 4, source: MPI.ANY_SOURCE, recvtag: 4, status: st }), { r: left });
  strictEqual(st.source, left);
  let token = rank;
  for (let i = 0; i < size; i++) token = comm.sendrecv(token, right, 1, left, 1) as number;
  strictEqual(token, rank);
});
