// Isend/Irecv/Issend with Wait, Test, Waitall, Waitany, Testall, and await.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const recvs = Array.from({ length: 8 }, () => new Float64Array(16));
  const rreqs = recvs.map((b, i) => comm.Irecv(b, left, i));
  const sreqs = recvs.map((_, i) => comm.Isend(new Float64Array(16).fill(rank * 100 + i), right, i));
  strictEqual(MPI.Request.Waitall(rreqs), true);
  MPI.Request.Waitall(sreqs);
  recvs.forEach((b, i) => deepStrictEqual([...b], new Array(16).fill(left * 100 + i)));

  const x = new Int32Array(1);
  const r = comm.Irecv(x, left, 20);
  const s = comm.Issend(new Int32Array([rank]), right, 20);
  const index = MPI.Request.Waitany([r, s]);
  strictEqual(index === 0 || index === 1, true);
  MPI.Request.Waitall([r, s]);
  strictEqual(x[0], left);
  strictEqual(r.Test(), true);

  const y = new Uint16Array(3);
  const pending = comm.Irecv(y, { source: left, tag: 21 });
  await comm.Isend(new Uint16Array([rank, 2, 3]), { dest: right, tag: 21 });
  strictEqual(await pending, undefined);
  deepStrictEqual([...y], [left, 2, 3]);
  strictEqual(MPI.Request.Testall([pending]), true);
  // Freeing a request that is being awaited: MPI finishes it once, in the background.
  const big = new Float64Array(1 << 16).fill(rank);
  const into = new Float64Array(1 << 16);
  const r2 = comm.Irecv(into, left, 22);
  const s2 = comm.Isend(big, right, 22);
  void s2.toPromise();
  s2.Free();
  await r2;
  strictEqual(into[(1 << 16) - 1], left);
});
