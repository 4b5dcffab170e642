// mpi4js/futures with spawned workers: every rank starts its own
// MPIPoolExecutor (MPI_Comm_spawn from COMM_SELF, Node running the worker
// script) with an initializer, env, path and wdir; bootup, submit, maps of 10,000
// tasks in order and unordered (in chunks: each rank's pool shares 2 cores
// with the others), a task's error naming the spawned worker, a failing
// initializer breaking its pool (BrokenExecutor, not a hang), and `await
// using` shutting a pool with pending tasks down once they are done.
import { deepStrictEqual, notStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { BrokenExecutor, MPIPoolExecutor } from 'mpi4js/futures';
import { program, size } from './harness';

const TASKS = path.join(__dirname, 'futures', 'tasks.js');
const N = 10_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

program(async () => {
  const max_workers = size > 2 ? 1 : 2;
  {
    await using executor = new MPIPoolExecutor({
      max_workers,
      initializer: `${TASKS}#init`,
      initargs: [{ from: process.pid }],
      env: { MPI4JS_FUTURES_TEST: 'set' },
      path: [path.dirname(TASKS)],
      wdir: os.tmpdir(),
    });
    strictEqual(executor.num_workers, 0, 'no worker before the first task');
    strictEqual(await executor.bootup(), executor);
    strictEqual(executor.num_workers, max_workers);
    deepStrictEqual(await executor.submit(`${TASKS}#initializedWith`), { from: process.pid });
    strictEqual(await executor.submit(`${TASKS}#getenv`, 'MPI4JS_FUTURES_TEST'), 'set');
    strictEqual(await executor.submit('tasks.js#square', 5), 25, 'a bare name resolved in `path`');
    strictEqual(await executor.submit(`${TASKS}#cwd`), fs.realpathSync(os.tmpdir()), 'wdir');
    const where = await executor.submit<{ pid: number }>(`${TASKS}#where`);
    notStrictEqual(where.pid, process.pid, 'tasks run in the spawned workers');

    deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(N), { chunksize: 100 })), range(N).map((x) => x * x));
    const unordered = await collect(executor.map<number>(`${TASKS}#square`, range(N), { chunksize: 100, unordered: true }));
    deepStrictEqual(unordered.sort((a, b) => a - b), range(N).map((x) => x * x));
    strictEqual((await collect(executor.map(`${TASKS}#square`, range(200)))).length, 200);

    const e = (await executor.submit(`${TASKS}#fail`, 'spawned boom').exception()) as TypeError & { rank: number; host: string };
    ok(e instanceof TypeError && e.message === 'spawned boom', String(e));
    ok(e.rank >= 0 && e.rank < max_workers, `worker rank ${e.rank}`);
    ok(/at worker rank \d+ on host /.test(e.stack ?? ''), e.stack);
    strictEqual(await executor.submit(`${TASKS}#square`, 6), 36, 'the worker lives on');

    // Pending tasks when the block ends: `await using` waits for them, then the workers end.
    for (let i = 0; i < 4; i++) void executor.submit(`${TASKS}#sleep`, 50);
  }

  // An initializer that throws breaks the pool: its tasks fail, naming the error; nothing hangs.
  const broken = new MPIPoolExecutor({ max_workers: 1, initializer: `${TASKS}#init`, initargs: ['throw'] });
  await rejects(broken.submit(`${TASKS}#square`, 2), (err: Error) => err instanceof BrokenExecutor && /initializer failed: worker 0 on .*: RangeError: initializer refused/.test(err.message));
  await broken.shutdown();
  const shut = new MPIPoolExecutor({ max_workers: 1 });
  await shut.shutdown();
  ok(/after shutdown/.test(String(await Promise.resolve().then(() => shut.submit(`${TASKS}#square`, 1)).catch((err) => err))));
});
