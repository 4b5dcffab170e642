// ThreadPoolExecutor without mpirun (plain node): maps of many tasks in order,
// unordered and in chunks; a task's error (its class, message, the thread's
// index) fails only its future; cancellation (cancel, a signal, map's early
// exit, shutdown's cancel_futures); the initializer runs in every thread and
// one that throws breaks the pool; a thread that exits fails its task only;
// a value threads cannot receive fails its task only; map's timeout;
// a task module loading mpi4js fails (MPI is the main thread's). The pool left open at the end must let
// the process exit. Prints `futures threads ok`.
import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { BrokenExecutor, CancelledError, Executor, MPIPoolExecutor, ThreadPoolExecutor, TimeoutError } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');
const COMM_TASKS = path.join(__dirname, 'comm-tasks.js');
const THREAD_TASKS = path.join(__dirname, 'thread-tasks.js');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function main(): Promise<void> {
  {
    await using executor = new ThreadPoolExecutor({ max_workers: 4, initializer: `${TASKS}#init`, initargs: ['ready'], env: { MPI4JS_THREAD_TEST: 'on' }, path: [__dirname] });
    ok(executor instanceof Executor && executor instanceof MPIPoolExecutor);
    strictEqual(executor.num_workers, 0);
    strictEqual(await executor.bootup(), executor);
    strictEqual(executor.num_workers, 4);
    // Every thread ran the initializer: 4 tasks at once, one per idle thread.
    const inits = await Promise.all(range(4).map(() => executor.submit<{ threadId: number; initialized: unknown }>(`${THREAD_TASKS}#initializedIn`, 100)));
    deepStrictEqual(inits.map((i) => i.initialized), ['ready', 'ready', 'ready', 'ready']);
    strictEqual(new Set(inits.map((i) => i.threadId)).size, 4, 'four threads');
    ok(inits.every((i) => i.threadId !== 0), 'not the main thread');
    strictEqual(await executor.submit(`${TASKS}#getenv`, 'MPI4JS_THREAD_TEST'), 'on');
    strictEqual(process.env.MPI4JS_THREAD_TEST, undefined, "a thread's env is its own copy");
    strictEqual(await executor.submit('tasks.js#square', 9), 81, 'a bare name resolved in `path`');

    const N = 10_000;
    deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(N), { chunksize: 100 })), range(N).map((x) => x * x));
    const un = await collect(executor.map<number>(`${TASKS}#square`, range(2000), { unordered: true }));
    deepStrictEqual(un.sort((a, b) => a - b), range(2000).map((x) => x * x));
    deepStrictEqual(await collect(executor.map<number>(`${TASKS}#add`, range(5), range(5))), [0, 2, 4, 6, 8]);
    deepStrictEqual(await collect(executor.starmap<number>(`${TASKS}#add`, [[1, 2], [3, 4]])), [3, 7]);

    // Errors: only the task fails, the thread lives on.
    const e = (await executor.submit(`${TASKS}#fail`, 'boom').exception()) as TypeError & { rank: number };
    ok(e instanceof TypeError && e.message === 'boom', String(e));
    ok(e.rank >= 0 && e.rank < 4, `thread ${e.rank}`);
    strictEqual(await executor.submit(`${TASKS}#square`, 6), 36);
    await rejects(executor.submit(`${TASKS}#nothing`), /has no function export 'nothing'/);
    // A value structured clone cannot copy: that task fails, at once.
    await rejects(executor.submit(`${TASKS}#identity`, () => 1), (err: Error) => err.name === 'DataCloneError');
    strictEqual(executor.num_workers, 4);

    // Cancellation: tasks no thread started.
    const busy = range(4).map(() => executor.submit(`${TASKS}#sleep`, 200));
    const queued = executor.submit(`${TASKS}#square`, 2);
    ok(queued.cancel() && queued.cancelled());
    await rejects(queued.result(), CancelledError);
    const ac = new AbortController();
    const byAbort = executor.submit({ filename: TASKS, name: 'square', signal: ac.signal }, 3);
    ac.abort();
    ok(byAbort.cancelled());
    await Promise.all(busy);
    // map: a timeout, and leaving the loop early, cancel what is left.
    await rejects(collect(executor.map(`${TASKS}#sleep`, [20, 2000, 20, 20, 20, 20, 20, 20], { timeout: 300 })), TimeoutError);
    for await (const y of executor.map<number>(`${TASKS}#square`, range(1000))) if (y >= 0) break;

    // mpi4js itself (and so get_comm_workers) is the main thread's: a task module loading it fails that task, clearly.
    await rejects(executor.submit(`${COMM_TASKS}#commWorkers`), /MPI can be used from the main thread only/);
    strictEqual(await executor.submit(`${TASKS}#square`, 5), 25, 'the thread lives on');

    // A thread that exits fails its own task, naming it; the others go on.
    await rejects(executor.submit(`${TASKS}#exit`, 3), (err: Error) => err instanceof BrokenExecutor && /thread \d exited with code 3/.test(err.message));
    strictEqual(executor.num_workers, 3);
    deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(100))), range(100).map((x) => x * x));
    // Pending tasks when the block ends: `await using` waits for them.
    const pending = range(6).map(() => executor.submit(`${TASKS}#sleep`, 50, 'p'));
    void pending;
  }

  // shutdown({ cancel_futures }): the queued tasks are cancelled, the running one finishes.
  const one = await new ThreadPoolExecutor().bootup();
  const running = one.submit(`${TASKS}#sleep`, 200, 'ran');
  await new Promise((r) => setTimeout(r, 50));
  ok(running.running());
  const waiting = range(5).map(() => one.submit(`${TASKS}#square`, 1));
  await one.shutdown({ cancel_futures: true });
  strictEqual(await running, 'ran');
  ok(waiting.every((f) => f.cancelled()));
  await rejects(Promise.resolve().then(() => one.submit(`${TASKS}#square`, 1)), /after shutdown/);

  // A failing initializer breaks the pool: its tasks fail, naming why; nothing hangs.
  const broken = new ThreadPoolExecutor({ max_workers: 2, initializer: `${TASKS}#init`, initargs: ['throw'] });
  await rejects(broken.submit(`${TASKS}#square`, 2), (err: Error) => err instanceof BrokenExecutor && /initializer failed: thread \d on .*: RangeError: initializer refused/.test(err.message));
  await broken.shutdown();

  // Left open, a task done: the process must still exit (the test fails on a hang).
  const open = new ThreadPoolExecutor({ max_workers: 2 });
  strictEqual(await open.submit(`${TASKS}#square`, 7), 49);
  process.stdout.write('futures threads ok\n');
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
