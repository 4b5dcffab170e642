// The rest of mpi4py.futures' names over the harness communicator, with
// MPICommExecutor(comm, root) making its last rank the client: get_comm_workers
// in tasks (an allreduce among the workers: the non-root processes, or
// COMM_SELF when the root runs its tasks itself) and outside them (an Error);
// wait with each return_when and a timeout, and as_completed's order and
// timeout, over tasks the workers run; Executor as the base class; and a
// ThreadPoolExecutor in every rank of the job.
import { deepStrictEqual, ok, rejects, strictEqual, throws } from 'node:assert/strict';
import * as path from 'node:path';

import {
  ALL_COMPLETED,
  as_completed,
  Executor,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  get_comm_workers,
  MPICommExecutor,
  MPIPoolExecutor,
  ThreadPoolExecutor,
  TimeoutError,
  wait,
} from 'mpi4js/futures';
import { comm, program, rank, size } from './harness';

const TASKS = path.join(__dirname, 'futures', 'tasks.js');
const COMM_TASKS = path.join(__dirname, 'futures', 'comm-tasks.js');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
type Sum = { size: number; rank: number; sum: number };

/** as_completed's futures (TypeScript types a for-await variable as a thenable's value). */
async function completed<T>(it: AsyncIterable<unknown>): Promise<Future<T>[]> {
  const out: Future<T>[] = [];
  for await (const f of it) out.push(f as Future<T>);
  return out;
}

async function threads(): Promise<void> {
  await using executor = new ThreadPoolExecutor({ max_workers: 2 });
  ok(executor instanceof Executor && executor instanceof MPIPoolExecutor);
  const ys: number[] = [];
  for await (const y of executor.map<number>(`${TASKS}#square`, range(500), { chunksize: 10 })) ys.push(y);
  deepStrictEqual(ys, range(500).map((x) => x * x));
  strictEqual((await executor.submit<{ pid: number }>(`${TASKS}#where`)).pid, process.pid, 'a thread of this process');
  // mpi4js itself (and so get_comm_workers) is the main thread's: a task module loading it fails that task, clearly.
  await rejects(executor.submit(`${COMM_TASKS}#commWorkers`), /MPI can be used from the main thread only/);
  strictEqual(await executor.submit(`${TASKS}#square`, 5), 25, 'the thread lives on');
  await rejects(executor.submit(`${TASKS}#fail`, 'thread boom'), (e: Error) => e instanceof TypeError && e.message === 'thread boom');
}

program(async () => {
  const root = size - 1;
  await threads();
  throws(() => get_comm_workers(), /communicator is not accessible/);

  const pool = new MPICommExecutor(comm, root);
  const executor = await pool.enter();
  if (rank !== root) {
    strictEqual(executor, null);
    throws(() => get_comm_workers(), /communicator is not accessible/, 'after serving, outside any task');
    return;
  }
  ok(executor instanceof Executor && executor instanceof MPIPoolExecutor);
  throws(() => get_comm_workers(), /communicator is not accessible/, 'the client is no worker');
  await executor.bootup();
  // One task per worker (all idle: each gets one), an allreduce among them.
  const W = Math.max(size - 1, 1);
  for (const task of ['workersSum', 'workersSumLater']) {
    const sums: Sum[] = await Promise.all(range(W).map((k) => executor.submit<Sum>(`${COMM_TASKS}#${task}`, k + 1)));
    for (const s of sums) deepStrictEqual([s.size, s.sum], [W, (W * (W + 1)) / 2], task);
    deepStrictEqual(sums.map((s) => s.rank).sort(), range(W), 'each worker ran one');
  }

  // wait, ALL_COMPLETED (the default): every future, duplicates once.
  const fs = range(6).map((k) => executor.submit<number>(`${TASKS}#square`, k));
  const [done, notDone] = await wait([...fs, fs[0]]);
  strictEqual(done.size, 6);
  strictEqual(notDone.size, 0);
  ok(fs.every((f) => done.has(f) && f.done()));
  const [d2] = await wait(fs, { return_when: ALL_COMPLETED, timeout: 10_000 });
  strictEqual(d2.size, 6);

  // FIRST_COMPLETED: returns with at least one done; what it calls pending was pending then.
  const slow = executor.submit(`${TASKS}#sleep`, 1500, 'slow');
  const quick = executor.submit(`${TASKS}#square`, 3);
  const [firstDone, firstPending] = await wait([slow, quick], { return_when: FIRST_COMPLETED });
  ok(firstDone.size >= 1 && firstDone.size + firstPending.size === 2);
  for (const f of firstDone) ok(f.done());
  // A timeout: resolves with what is done by then, no error.
  const t0 = Date.now();
  const [byThen, stillPending] = await wait([slow], { timeout: 50 });
  ok(Date.now() - t0 < 1400, `wait's timeout took ${Date.now() - t0} ms`);
  ok(slow.done() || (byThen.size === 0 && stillPending.has(slow)));
  strictEqual(await slow, 'slow');

  // FIRST_EXCEPTION: a failure submitted first ends the wait before the sleeper is done.
  const failing = executor.submit(`${TASKS}#fail`, 'first');
  const sleeper = executor.submit(`${TASKS}#sleep`, 1500, 'late');
  const t1 = Date.now();
  const [exDone, exPending] = await wait([failing, sleeper], { return_when: FIRST_EXCEPTION });
  ok(exDone.has(failing), 'the failed future is done');
  ok(Date.now() - t1 < 1400 && exPending.has(sleeper), `FIRST_EXCEPTION waited ${Date.now() - t1} ms`);
  strictEqual(((await failing.exception()) as Error).message, 'first');
  // Without a failure, it waits for all.
  const fine = [executor.submit(`${TASKS}#sleep`, 30, 1), executor.submit(`${TASKS}#square`, 2)];
  strictEqual((await wait(fine, { return_when: FIRST_EXCEPTION }))[0].size, 2);
  await sleeper;

  // as_completed: each future once, done when yielded, all of them.
  const many = range(20).map((k) => executor.submit<number>(`${TASKS}#sleep`, (k * 7) % 20, k));
  const order = await completed<number>(as_completed([...many, ...many.slice(0, 5)]));
  strictEqual(order.length, 20);
  strictEqual(new Set(order).size, 20);
  ok(order.every((f) => many.includes(f)));
  // The completion order: each value as it came (a task's own future resolves in that order too).
  const seen: number[] = [];
  for (const f of order) seen.push(await f);
  deepStrictEqual([...seen].sort((a, b) => a - b), range(20));
  // A timeout: the done ones come, then TimeoutError.
  const ready = executor.submit(`${TASKS}#square`, 4);
  await ready;
  const late = executor.submit(`${TASKS}#sleep`, 1500, 'late');
  const got: Future[] = [];
  await rejects(
    (async () => {
      for await (const f of as_completed([ready, late], { timeout: 100 })) got.push(f as Future);
    })(),
    (e: Error) => e instanceof TimeoutError && /1 \(of 2\) futures unfinished/.test(e.message),
  );
  deepStrictEqual(got, [ready]);
  strictEqual(await late, 'late');
  await pool.exit();
});
