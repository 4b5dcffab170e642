// A worker thread that loads mpi4js gets a clear error at load (MPI belongs to
// the main thread), exits, and the main thread's MPI goes on unharmed: the
// IN_PLACE marker, the progress engine and MPI itself are still the main thread's.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import { comm, MPI, program, rank, size } from './harness';

const entry = require.resolve('mpi4js');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const addon: string = require('node-gyp-build').resolve(path.join(path.dirname(entry), '..'));

interface Outcome {
  error?: string;
  name?: string;
  exitCode: number;
  /** the message of an error the worker did not catch */
  uncaught?: string;
}

/** Runs code in a worker; resolves, once it has exited, with what it posted and how it ended. */
function inWorker(code: string, workerData: unknown): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData });
    let posted: Omit<Outcome, 'exitCode'> | undefined;
    let uncaught: string | undefined;
    w.on('message', (m: Omit<Outcome, 'exitCode'>) => (posted = m));
    w.on('error', (e) => (uncaught = e.message));
    w.on('exit', (exitCode) =>
      posted ? resolve({ ...posted, exitCode, uncaught }) : reject(new Error(`worker exited with code ${exitCode} without posting; uncaught: ${uncaught}`)),
    );
  });
}

const REFUSED = /^mpi4js: MPI can be used from the main thread only/;

async function check(): Promise<void> {
  const data = new Float64Array([rank + 1, 10 * (rank + 1)]);
  MPI.COMM_WORLD.Allreduce(MPI.IN_PLACE, [data, MPI.DOUBLE], MPI.SUM);
  const total = (size * (size + 1)) / 2;
  assert.deepEqual(Array.from(data), [total, 10 * total]);
  assert.deepEqual(comm.bcast(rank === 0 ? { from: 'root', n: [1, 2, 3] } : null, 0), { from: 'root', n: [1, 2, 3] });
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const r = comm.irecv(left, 7);
  comm.send({ rank }, right, 7);
  assert.deepEqual(await r, { rank: left });
  // The progress engine (libuv handles of the main loop) still completes awaited buffer requests.
  const got = new Int32Array(4);
  const rq = comm.Irecv([got, MPI.INT], left, 8);
  comm.Send([new Int32Array([rank, rank, rank, rank]), MPI.INT], right, 8);
  await rq;
  assert.deepEqual(Array.from(got), [left, left, left, left]);
}

program(async () => {
  // The package, by CommonJS and by ES module import.
  for (const [how, code] of [
    ['require', `const { parentPort, workerData } = require('node:worker_threads');
     try { require(workerData); parentPort.postMessage({}); }
     catch (e) { parentPort.postMessage({ error: e.message, name: e.constructor.name }); }`],
    ['import', `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.replace(/\\.js$/, '.mjs')).then(() => parentPort.postMessage({}),
       (e) => parentPort.postMessage({ error: e.message, name: e.constructor.name }));`],
  ]) {
    const outcome = await inWorker(code, entry);
    assert.equal(outcome.name, 'Error', JSON.stringify(outcome));
    assert.match(outcome.error ?? '', REFUSED);
    if (how === 'require') assert.equal(outcome.exitCode, 0, JSON.stringify(outcome));
    // Node 20 also reports a CommonJS module's throw under import() as uncaught
    // in the worker, even though the import's promise was handled: the worker
    // ends with code 1 and that same error, which is the worker's alone.
    else if (outcome.exitCode !== 0) assert.match(outcome.uncaught ?? '', REFUSED, JSON.stringify(outcome));
    await check();
  }
  // The addon itself, loaded directly, refuses a second Node environment too.
  const outcome = await inWorker(
    `const { parentPort, workerData } = require('node:worker_threads');
     try { require(workerData); parentPort.postMessage({}); }
     catch (e) { parentPort.postMessage({ error: e.message, name: e.constructor.name }); }`,
    addon,
  );
  assert.equal(outcome.name, 'Error', JSON.stringify(outcome));
  assert.match(outcome.error ?? '', REFUSED);
  assert.equal(outcome.exitCode, 0, JSON.stringify(outcome));
  await check();
  assert.equal(MPI.Is_finalized(), false);
});
