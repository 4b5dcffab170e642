// Two copies of mpi4js in one process (two versions in node_modules): the first
// loaded initialises MPI, the second adopts it (no second MPI_Init) and must not
// finalise it; both work, in either order of use, and the process exits cleanly.
// A copy whose addon is the same file (symlinked, hard-linked) cannot share the
// addon's state and is refused with a clear error, the first copy unharmed.
// argv[2]: the other copy's entry point; argv[3]: 'own' (its own addon file) or 'same'.
import * as assert from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const [entry, addon] = process.argv.slice(2);

async function check(M: typeof MPI): Promise<void> {
  const world = M.COMM_WORLD;
  assert.equal(world.rank, rank);
  assert.equal(world.size, size);
  const data = new Int32Array([rank + 1]);
  world.Allreduce(M.IN_PLACE, [data, M.INT], M.SUM);
  assert.equal(data[0], (size * (size + 1)) / 2);
  assert.equal(world.bcast(rank === 0 ? 'from the root' : null, 0), 'from the root');
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const r = world.irecv(left, 3);
  world.send([rank], right, 3);
  assert.deepEqual(await r, [left]);
  const got = new Float64Array(2);
  const rq = world.Irecv([got, M.DOUBLE], left, 4);
  world.Send([new Float64Array([rank, -rank]), M.DOUBLE], right, 4);
  await rq;
  assert.deepEqual(Array.from(got), [left, -left]);
}

program(async () => {
  if (addon === 'same') {
    throwsLike(() => require(entry), Error, /^mpi4js: another copy of mpi4js .*already uses this addon .*in this process; load one copy \(npm dedupe\)/);
    await check(MPI);
    return;
  }
  assert.equal(addon, 'own');
  const before = new Set(process.listeners('exit'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const other: typeof MPI = require(entry).MPI;
  const otherExitHooks = process.listeners('exit').filter((f) => !before.has(f));
  assert.equal(otherExitHooks.length, 1, 'the other copy adds one exit hook');
  assert.notEqual(other, MPI, 'the other copy must be a separate module');
  assert.equal(other.Is_initialized(), true);
  assert.equal(other.Is_finalized(), false);
  await check(other);
  await check(MPI);
  await check(other);
  // A message sent through one copy is received through the other (one MPI underneath).
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const r = other.COMM_WORLD.irecv(left, 5);
  comm.send({ via: 'first copy', rank }, right, 5);
  assert.deepEqual(await r, { via: 'first copy', rank: left });
  // The adopted copy's exit hook leaves MPI to its owner, the first copy.
  otherExitHooks[0](0);
  assert.equal(MPI.Is_finalized(), false);
  await check(other);
});
