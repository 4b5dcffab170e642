// User ops in Ireduce and Iallreduce, awaited and waited; a function that
// throws rejects (or fails the wait of) the request on the rank where it ran.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

class OpFailure extends Error {}

program(async () => {
  const n = 3;
  const sum = MPI.Op.Create((invec: Float64Array, inoutvec: Float64Array) => {
    for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
  }, true);
  const max = MPI.Op.Create((invec: Int32Array, inoutvec: Int32Array) => {
    for (let i = 0; i < invec.length; i++) inoutvec[i] = Math.max(invec[i], inoutvec[i]);
  }, true);
  const mine = () => new Float64Array(n).fill(rank + 1);
  const total = (size * (size + 1)) / 2;

  const awaited = new Float64Array(n);
  await comm.Iallreduce(mine(), awaited, sum);
  deepStrictEqual(Array.from(awaited), new Array(n).fill(total), 'Iallreduce awaited');
  for (let root = 0; root < size; root++) {
    const r = new Float64Array(n);
    comm.Ireduce(mine(), r, sum, root).Wait();
    deepStrictEqual(Array.from(r), new Array(n).fill(rank === root ? total : 0), `Ireduce at ${root} waited`);
  }
  const r2 = new Float64Array(n);
  await comm.Ireduce(mine(), r2, sum, size - 1);
  if (rank === size - 1) deepStrictEqual(Array.from(r2), new Array(n).fill(total), 'Ireduce awaited');
  // Two ops in flight at once, completed together.
  const a = new Float64Array(n);
  const b = new Int32Array(n);
  MPI.Request.Waitall([comm.Iallreduce(mine(), a, sum), comm.Iallreduce(new Int32Array(n).fill(rank), b, max)]);
  deepStrictEqual(Array.from(a), new Array(n).fill(total));
  deepStrictEqual(Array.from(b), new Array(n).fill(size - 1));

  // In flight while a blocking collective runs with an object receive pending: mpi4js's
  // helper thread, which would serve that receive by probing (and so could make MPI run
  // the op off the main thread), stays off; the op runs on the main thread and is right.
  if (size > 1) {
    const pending = comm.irecv<string>((rank + 1) % size, 77);
    const inFlight = new Float64Array(n);
    const req = comm.Iallreduce(mine(), inFlight, sum);
    comm.send(`from ${rank}`, (rank - 1 + size) % size, 77);
    comm.Barrier();
    await req;
    deepStrictEqual(Array.from(inFlight), new Array(n).fill(total), 'Iallreduce across a served Barrier');
    strictEqual(await pending, `from ${(rank + 1) % size}`);
  }

  // A throwing function: the request fails where it ran, with what it threw; elsewhere it completes.
  const thrown = new OpFailure(`rank ${rank}`);
  let ran = 0;
  const failing = MPI.Op.Create(() => {
    ran++;
    throw thrown;
  }, true);
  let rejected: unknown;
  try {
    await comm.Iallreduce(mine(), new Float64Array(n), failing);
  } catch (e) {
    rejected = e;
  }
  strictEqual(rejected, ran > 0 ? thrown : undefined, 'awaited: rejected exactly where the op ran');
  const ranAwaited = ran;
  ran = 0;
  let failed: unknown;
  try {
    comm.Iallreduce(mine(), new Float64Array(n), failing).Wait();
  } catch (e) {
    failed = e;
  }
  strictEqual(failed, ran > 0 ? thrown : undefined, 'waited: failed exactly where the op ran');
  if (size > 1) ok(comm.allreduce<number>(ranAwaited + ran) > 0, 'the op ran on some rank');
  // The communicator and the ops still work.
  const again = new Float64Array(n);
  await comm.Iallreduce(mine(), again, sum);
  deepStrictEqual(Array.from(again), new Array(n).fill(total));
  for (const op of [sum, max, failing]) op.Free();
});
