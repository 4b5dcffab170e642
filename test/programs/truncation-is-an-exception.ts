// Receiving into a buffer too small raises MPI.Exception of class ERR_TRUNCATE;
// the rank lives on and the next message arrives intact.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const sent = comm.Isend(new Float64Array([1, 2, 3, 4]), right, 1);
  const e = throwsLike(() => comm.Recv(new Float64Array(2), left, 1), MPI.Exception, /MPI_Recv: MPI_ERR_TRUNCATE: message truncated \(rank \d+\)/i) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_TRUNCATE);
  strictEqual(e.Get_error_class(), MPI.ERR_TRUNCATE);
  ok(e.Get_error_string().includes('truncated'));
  ok(e instanceof Error);
  sent.Wait();

  // The next message is intact.
  const next = comm.Isend(new Float64Array([5, 6]), right, 2);
  const ok2 = new Float64Array(2);
  comm.Recv(ok2, left, 2);
  deepStrictEqual([...ok2], [5, 6]);
  next.Wait();

  // A nonblocking receive reports it at completion: wait throws, await rejects.
  const s3 = comm.Isend(new Int32Array(8), right, 3);
  const r3 = comm.Irecv(new Int32Array(1), left, 3);
  throwsLike(() => r3.Wait(), MPI.Exception, /MPI_ERR_TRUNCATE/);
  s3.Wait();
  const s4 = comm.Isend(new Int32Array(8), right, 4);
  let rejected: unknown;
  await comm.Irecv(new Int32Array(1), left, 4).then(undefined, (err) => (rejected = err));
  ok(rejected instanceof MPI.Exception && rejected.error_class === MPI.ERR_TRUNCATE);
  await s4;

  // Waitall with one truncated receive among others: every request completes,
  // then the error is thrown.
  const cells = [new Int32Array(1), new Int32Array(1), new Int32Array(1)];
  // (Sends first: Open MPI on one rank silently truncates into an earlier posted receive.)
  const sends = [1, 8, 1].map((n, i) => comm.Isend(new Int32Array(n).fill(rank + 10 * i), right, 40 + i));
  const recvs = cells.map((c, i) => comm.Irecv(c, left, 40 + i));
  throwsLike(() => MPI.Request.Waitall([...recvs, ...sends]), MPI.Exception, /MPI_ERR_TRUNCATE/);
  deepStrictEqual(recvs.map((r) => r.active), [false, false, false]);
  deepStrictEqual(sends.map((r) => r.active), [false, false, false]);
  deepStrictEqual([cells[0][0], cells[2][0]], [left, left + 20]);

  // A collective's truncation too, with MPI's whole text (MPICH 4.0's error stack runs past
  // MPI_MAX_ERROR_STRING: read into room enough, it is an exception, not a crash). Where this
  // process is every party: across processes MPICH leaves a truncated receiver waiting, in C too.
  if (size === 1) {
    const e = throwsLike(() => comm.Scatterv([new Int32Array(2).fill(7), [2], null, 'i'], new Int32Array(1), 0), MPI.Exception, /^MPI_Scatterv: /);
    strictEqual((e as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_TRUNCATE);
  }

  // No buffer at the root is an empty message to every rank (zero counts, never NULL arrays).
  const untouched = new Int32Array([42]);
  comm.Scatterv(null, [untouched, 0], 0);
  deepStrictEqual([...untouched], [42]);

  deepStrictEqual(comm.sendrecv('alive', right, 5, left, 5), 'alive');
});
