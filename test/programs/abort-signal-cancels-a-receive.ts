// {signal}: aborting cancels the receive and the Request rejects with the
// signal's reason; the message is left for the next receive.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const controller = new AbortController();
  const pending = comm.irecv({ source: left, tag: 1, signal: controller.signal });
  setTimeout(() => controller.abort(new Error('no longer needed')), 50);
  let reason: unknown;
  await pending.then(undefined, (err) => (reason = err));
  ok(reason instanceof Error);
  strictEqual((reason as Error).message, 'no longer needed');
  ok(!pending.active);

  const buffer = new Int16Array(2);
  const upper = comm.Irecv(buffer, { source: left, tag: 2, signal: AbortSignal.abort() });
  let upperReason: unknown;
  await upper.then(undefined, (err) => (upperReason = err));
  strictEqual((upperReason as Error).name, 'AbortError');

  comm.barrier();
  // Sent without waiting: to oneself on a communicator of one rank, where a blocking
  // send before its receive is posted may wait for ever (MPICH's does).
  const sends = [comm.isend('first', right, 1), comm.Isend(new Int16Array([rank, 7]), right, 2)];
  strictEqual(await comm.irecv(left, 1), 'first');
  await comm.Irecv(buffer, { source: left, tag: 2, signal: new AbortController().signal });
  deepStrictEqual([...buffer], [left, 7]);
  MPI.Request.waitall(sends);
});
