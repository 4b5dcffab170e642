// Isend/Irecv/Issend with Wait, Test, Waitall, Waitany, Waitsome, Testsome, Testall, and await.
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

  // Waitsome/Testsome: the indices completed, with their statuses; undefined once none is active.
  const cells = [new Int32Array(1), new Int32Array(1)];
  const some = cells.map((c, i) => comm.Irecv(c, left, 30 + i));
  deepStrictEqual(MPI.Request.Testsome(some), []);
  comm.barrier(); // nothing is sent before every rank has seen Testsome find nothing
  const s3 = comm.Isend(new Int32Array([rank]), right, 31);
  const statuses: InstanceType<typeof MPI.Status>[] = [];
  deepStrictEqual(MPI.Request.Waitsome(some, statuses), [1]);
  strictEqual(statuses[0].tag, 31);
  strictEqual(statuses[0].source, left);
  comm.barrier(); // tag 30 is sent only once every rank has had tag 31 alone
  const s4 = comm.Isend(new Int32Array([rank + 1]), right, 30);
  deepStrictEqual(MPI.Request.Waitsome(some), [0]);
  deepStrictEqual([...cells[0], ...cells[1]], [left + 1, left]);
  strictEqual(MPI.Request.Waitsome(some), undefined);
  strictEqual(MPI.Request.Testsome(some), undefined);
  MPI.Request.Waitall([s3, s4]);
});
