// mpi4js/futures over the harness communicator: MPICommExecutor(comm, root)
// makes its last rank the client and the others workers (on one process the
// root runs the tasks itself). Ordered and unordered maps of 10,000 tasks,
// several iterables, starmap, chunks; a task that throws rejects its future
// with the worker's error (message, stack, rank, host) and the worker lives
// on; cancel(), an AbortSignal, result() and map timeouts; shutdown with
// pending tasks, with and without cancel_futures; an initializer; and a
// message of the program's own on comm, which the executor's traffic never takes.
import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { BrokenExecutor, CancelledError, Future, MPICommExecutor, TimeoutError } from 'mpi4js/futures';
import { comm, program, rank, size } from './harness';

const TASKS = path.join(__dirname, 'futures', 'tasks.js');
const N = 10_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

program(async () => {
  const root = size - 1;
  const workers = size - 1;
  // Where each rank runs (on a cluster, a task's error names its worker's host).
  const hosts = comm.allgather(os.hostname());
  // A message of the program's own, sent before the executor starts and received after it ends.
  if (rank === root) for (let r = 0; r < root; r++) comm.send({ user: r }, r, 0);

  const pool = new MPICommExecutor(comm, root, { initializer: `${TASKS}#init`, initargs: ['ready'] });
  const executor = await pool.enter();
  if (rank !== root) {
    strictEqual(executor, null);
    deepStrictEqual(comm.recv(root, 0), { user: rank });
    return;
  }
  ok(executor !== null);
  strictEqual(executor.num_workers, workers);

  // submit: a Promise-compatible future; the three forms of a task name one function.
  const f = executor.submit<number>(`${TASKS}#square`, 12);
  ok(f instanceof Future);
  strictEqual(await f, 144);
  ok(f.done() && !f.running() && !f.cancelled());
  strictEqual(await f.result(), 144);
  strictEqual(await f.exception(), undefined);
  strictEqual(await executor.submit(new URL(`${pathToFileURL(TASKS).href}#add`), 2, 3), 5);
  strictEqual(await executor.submit({ filename: TASKS, name: 'add' }, 4, 5), 9);
  deepStrictEqual(await executor.submit(TASKS, { a: [1] }), { a: [1] }, 'the default export');
  strictEqual(await executor.submit(`${TASKS}#initializedWith`), 'ready', 'every worker ran the initializer');
  let called: Future<unknown> | undefined;
  f.add_done_callback((g) => (called = g));
  strictEqual(called, f);

  // Maps of 10,000 tasks: in order, and as they complete.
  deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(N))), range(N).map((x) => x * x));
  const unordered = await collect(executor.map<number>(`${TASKS}#square`, range(N), { unordered: true }));
  deepStrictEqual([...unordered].sort((a, b) => a - b), range(N).map((x) => x * x));
  deepStrictEqual(await collect(executor.map<number>(`${TASKS}#add`, range(N), range(N).reverse(), { chunksize: 64 })), range(N).map(() => N - 1));
  deepStrictEqual(await collect(executor.map(`${TASKS}#add`, [1, 2, 3], [10, 20])), [11, 22], 'zipped, up to the shortest');
  deepStrictEqual(await collect(executor.starmap(`${TASKS}#add`, [[1, 2], [3, 4]], { chunksize: 2, unordered: true })).then((v) => v.sort()), [3, 7]);

  // A task that throws: the worker's error, its class, rank and host; the worker lives on.
  const failed = executor.submit(`${TASKS}#fail`, 'boom');
  const e = (await failed.exception()) as TypeError & { rank: number; host: string };
  ok(e instanceof TypeError, String(e));
  strictEqual(e.message, 'boom');
  ok(e.stack?.includes('tasks.js') && /at worker rank \d+ on host /.test(e.stack), e.stack);
  ok(workers === 0 ? e.rank === 0 : e.rank >= 0 && e.rank < root, `rank ${e.rank}`);
  strictEqual(e.host, hosts[e.rank]);
  await rejects(failed, /boom/);
  await rejects(executor.submit(`${TASKS}#nothing`), /has no function export 'nothing'/);
  await rejects(executor.submit('./no/such/module.js#f'), /Cannot find module/);
  strictEqual(await executor.submit(`${TASKS}#square`, 3), 9, 'the worker lives on');
  await rejects(collect(executor.map(`${TASKS}#fail`, ['in a map'])), /in a map/);

  // Cancellation: tasks no worker started can be cancelled, running ones cannot.
  const slow = range(workers + 3).map((i) => executor.submit(`${TASKS}#sleep`, 200, i));
  const last = slow[slow.length - 1];
  strictEqual(last.cancel(), true);
  ok(last.cancelled() && last.done());
  await rejects(last.result(), CancelledError);
  await rejects(last, CancelledError);
  const controller = new AbortController();
  const aborted = executor.submit({ filename: TASKS, name: 'sleep', signal: controller.signal }, 10, 'late');
  controller.abort();
  ok(aborted.cancelled());
  deepStrictEqual(await Promise.all(slow.slice(0, -1)), range(workers + 2));
  strictEqual(slow[0].cancel(), false, 'a finished task cannot be cancelled');

  // Timeouts: result(timeout) leaves the task running; map's timeout cancels what is left.
  const long = executor.submit(`${TASKS}#sleep`, 300, 'slow');
  await rejects(long.result(20), TimeoutError);
  strictEqual(await long, 'slow');
  const timed = executor.map(`${TASKS}#sleep`, range(workers + 4).map(() => 300), { timeout: 50 });
  await rejects(collect(timed), (err: Error) => err instanceof TimeoutError && /map: not every result was ready after 50 ms/.test(err.message));

  // An executor's shutdown with pending tasks: cancel_futures cancels those not started, the others finish.
  const pending = range(workers + 4).map(() => executor.submit(`${TASKS}#sleep`, 100, 'done'));
  await executor.shutdown({ cancel_futures: true });
  const outcomes = await Promise.all(pending.map((p) => p.then((v) => v, (err) => (err instanceof CancelledError ? 'cancelled' : err))));
  ok(outcomes.includes('cancelled') && outcomes.every((o) => o === 'done' || o === 'cancelled'), String(outcomes));
  ok(pending.every((p) => p.done()));
  try {
    executor.submit(`${TASKS}#square`, 1);
    ok(false, 'submit after shutdown');
  } catch (err) {
    ok(/cannot schedule new futures after shutdown/.test((err as Error).message));
  }
  ok(!(e instanceof BrokenExecutor));
  await pool.exit();
});
