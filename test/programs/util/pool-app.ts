// mpi4js/util pool.Pool (mpi4py.util.pool) as mpi4py's test_util_pool checks
// it. Run as `mpirun -n N mpi4js futures pool-app.js` (static mode: rank 0
// runs it, ranks 1…N-1 are the workers; on one rank the pools spawn their
// own). Prints `util pool ok <N>` when every check passed.
import { deepStrictEqual, ok, rejects, strictEqual, throws } from 'node:assert/strict';
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { MPIPoolExecutor, TimeoutError } from 'mpi4js/futures';
import { pool } from 'mpi4js/util';

const TASKS = path.join(__dirname, '..', 'futures', 'tasks.js');
const square = `${TASKS}#square`;
const add = `${TASKS}#add`;
const sleepTask = `${TASKS}#sleep`;
const fail = `${TASKS}#fail`;
const identity = TASKS; // the default export
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const squares = (n: number) => range(n).map((x) => x * x);
const pairs = (n: number) => range(n).map((i) => [i, n - 1 - i] as [number, number]);
const sums = (n: number) => pairs(n).map(([a, b]) => a + b);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function main(): Promise<void> {
  strictEqual(MPI.COMM_WORLD.rank, 0, 'only rank 0 runs the program');
  const np = MPI.COMM_WORLD.size;
  const p = new pool.Pool(1);
  ok(p.executor instanceof MPIPoolExecutor);

  // apply, map (a list, a generator, chunks), imap, imap_unordered.
  strictEqual(await p.apply(square, [5]), 25);
  deepStrictEqual(await p.map(square, range(10)), squares(10));
  deepStrictEqual(await p.map(square, (function* () { yield* range(10); })()), squares(10));
  deepStrictEqual(await p.map(square, range(100), 20), squares(100));
  deepStrictEqual(await collect(p.imap(square, range(10))), squares(10));
  deepStrictEqual(await collect(p.imap(square, range(100), 20)), squares(100));
  const it = p.imap<number>(square, range(10));
  for (let i = 0; i < 10; i++) deepStrictEqual(await it.next(), { value: i * i, done: false });
  strictEqual((await it.next()).done, true);
  deepStrictEqual(sorted(await collect(p.imap_unordered<number>(square, range(10)))), squares(10));
  deepStrictEqual(sorted(await collect(p.imap_unordered<number>(square, new Set(range(100)), 20))), squares(100));
  // starmap, istarmap, istarmap_unordered.
  deepStrictEqual(await p.starmap(add, pairs(10)), sums(10));
  deepStrictEqual(await p.starmap(add, pairs(100), 20), sums(100));
  deepStrictEqual(await collect(p.istarmap(add, pairs(10))), sums(10));
  deepStrictEqual(sorted(await collect(p.istarmap_unordered<number>(add, pairs(100), 20))), sums(100));

  // apply_async: get() resolves with the value, after the task's time.
  strictEqual(await p.apply_async(square, [7]).get(), 49);
  let t = Date.now();
  strictEqual(await p.apply_async(sleepTask, [200, 49]).get(), 49);
  ok(Date.now() - t >= 20 && Date.now() - t < 2000, `${Date.now() - t} ms`);
  // Timeouts: not ready, successful() refuses, a short get() times out; then all is there.
  const res = p.apply_async<number>(sleepTask, [200, 49]);
  strictEqual(res.ready(), false);
  throws(() => res.successful(), (e: Error) => e instanceof RangeError && e.name === 'ValueError' && /AsyncResult\.successful: the result is not ready/.test(e.message));
  await res.wait(2);
  strictEqual(res.ready(), false);
  await rejects(res.get(2), TimeoutError);
  await res.wait();
  strictEqual(res.ready(), true);
  strictEqual(res.successful(), true);
  strictEqual(await res.get(), 49);

  // map_async, starmap_async; callbacks.
  deepStrictEqual(await p.map_async(square, range(10)).get(), squares(10));
  deepStrictEqual(await p.map_async(square, range(100), 20).get(), squares(100));
  deepStrictEqual(await p.starmap_async(add, pairs(10)).get(), sums(10));
  deepStrictEqual(await p.starmap_async(add, pairs(1000), 100).get(), sums(1000));
  const calls: unknown[] = [];
  let r: pool.MapResult<unknown[]> = p.map_async(identity, [1, 2], { callback: (v) => calls.push(v), error_callback: (e) => calls.push(e) });
  await r.wait();
  strictEqual(r.successful(), true);
  deepStrictEqual([...calls], [[1, 2]]);
  r = p.map_async<unknown>(fail, ['not a number'], null, (v: unknown) => calls.push(v), (e: unknown) => calls.push(e));
  await r.wait();
  strictEqual(r.successful(), false);
  strictEqual(calls.length, 2);
  ok(calls[1] instanceof TypeError && (calls[1] as Error).message === 'not a number');
  await rejects(r.get(), TypeError);

  // terminate: the tasks no worker started are cancelled, which get() reads as a TimeoutError.
  for (const how of ['apply_async', 'map_async'] as const) {
    const q = new pool.Pool(1);
    let last: pool.AsyncResult;
    if (how === 'apply_async') {
      for (let k = 0; k < 20; k++) q.apply_async(sleepTask, [50]);
      last = q.apply_async(sleepTask, [50]);
    } else last = q.map_async(sleepTask, Array(50).fill(50), 1);
    q.terminate();
    await q.join();
    await last.wait(50);
    await last.wait();
    strictEqual(last.successful(), false);
    await rejects(last.get(50), TimeoutError);
    await rejects(last.get(), TimeoutError);
  }

  // Empty iterables.
  {
    const q = new pool.Pool(1);
    deepStrictEqual(await q.map(square, []), []);
    deepStrictEqual(await collect(q.imap(square, [])), []);
    deepStrictEqual(await collect(q.imap_unordered(square, [])), []);
    deepStrictEqual(await q.starmap(add, []), []);
    deepStrictEqual(await collect(q.istarmap(add, [])), []);
    deepStrictEqual(await collect(q.istarmap_unordered(add, [])), []);
    deepStrictEqual(await q.map_async(square, []).get(), []);
    deepStrictEqual(await q.starmap_async(add, []).get(), []);
    q.close();
    await q.join();
  }
  // `await using`: closed and joined at the end of the block; a task after close is refused.
  let closed: pool.Pool;
  {
    await using q = new pool.Pool(1);
    closed = q;
    strictEqual(await q.apply(add, [1, 2]), 3);
  }
  throws(() => closed.apply_async(square, [1]), /after shutdown/);
  // An error and its callback, the pool closed early: the pending tasks still run.
  {
    const q = new pool.Pool(1);
    let seen: unknown;
    const failed = q.apply_async(fail, ['key'], { error_callback: (e) => (seen = e) });
    const results = range(5).map((i) => q.apply_async(sleepTask, [20, i * i]));
    q.close();
    await q.join();
    await rejects(failed.get(), (e: Error) => e instanceof TypeError && e.message === 'key');
    ok(seen instanceof TypeError);
    for (const [j, x] of results.entries()) strictEqual(await x.get(), j * j);
  }
  // processes and initializer (mpi4py's test_arg_processes, test_arg_initializer).
  throws(() => new pool.Pool(-1), (e: Error) => e instanceof RangeError && /Pool: number of processes -1 must be at least 1/.test(e.message));
  throws(() => new pool.Pool(0), RangeError);
  throws(() => new pool.Pool(null, 123 as never), (e: Error) => e instanceof TypeError && /Pool: a task is/.test(e.message));
  {
    const q = new pool.Pool(1, `${TASKS}#init`, ['initialized']);
    strictEqual(await q.apply(`${TASKS}#initializedWith`), 'initialized');
    q.close();
    await q.join();
  }
  // maxtasksperchild and context: not supported, a warning (mpi4py: UserWarning).
  for (const name of ['maxtasksperchild', 'context']) {
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    const q = new pool.Pool(1, { [name]: 1 });
    const w = await warned;
    strictEqual(w.name, 'UserWarning');
    ok(w.message.includes(`'${name}' is not supported`), w.message);
    q.close();
    await q.join();
  }
  // Pool.Executor: a subclass's executor runs the tasks (mpi4py's UserPool).
  let submitted = 0;
  class CountingExecutor extends MPIPoolExecutor {
    override submit<T = unknown>(task: Parameters<MPIPoolExecutor['submit']>[0], ...args: unknown[]) {
      submitted++;
      return super.submit<T>(task, ...args);
    }
  }
  class UserPool extends pool.Pool {
    static override Executor = CountingExecutor;
  }
  {
    const q = new UserPool(1);
    ok(q.executor instanceof CountingExecutor);
    strictEqual(await q.apply(square, [3]), 9);
    strictEqual(submitted, 1);
    q.close();
    await q.join();
  }
  // Bad input names the call and the argument.
  const bad: [() => unknown, new (...a: never[]) => Error, RegExp][] = [
    [() => p.apply(square, 5 as never), TypeError, /Pool\.apply: args/],
    [() => p.map(square, 5 as never), TypeError, /Pool\.map: iterable/],
    [() => p.map(square, [1], 0), RangeError, /Pool\.map: chunksize 0/],
    [() => p.imap(square, [1], 1.5), TypeError, /Pool\.imap: chunksize/],
    [() => p.starmap(add, [1] as never), TypeError, /Pool\.starmap: item 0 of iterable/],
    [() => p.map('', [1]), TypeError, /Pool\.map: the task/],
    [() => p.apply_async((() => 1) as never), TypeError, /Pool\.apply_async: a task is .* got a function/],
    [() => p.apply_async(square, [1], 'x' as never), TypeError, /Pool\.apply_async: callback/],
    [() => p.map_async(square, [1], { error_callback: 1 } as never), TypeError, /Pool\.map_async: error_callback/],
    [() => p.apply_async(square, [1], { bogus: 1 } as never), TypeError, /Pool\.apply_async: unexpected option 'bogus'/],
    [() => p.apply_async(square, [1]).get(-1), RangeError, /AsyncResult\.get: timeout -1/],
    [() => p.apply_async(square, [1]).wait('1' as never), TypeError, /AsyncResult\.wait: timeout/],
    [() => new pool.Pool(1.5), TypeError, /Pool: processes/],
    [() => new pool.Pool(1, null, 5 as never), TypeError, /Pool: initargs/],
    [() => new pool.Pool({ bogus: 1 } as never), TypeError, /Pool: unexpected option 'bogus'/],
  ];
  for (const [f, cls, re] of bad) throws(f, (e: Error) => e instanceof cls && re.test(e.message));

  // (futures) a shutdown right after bootup(false) waits for the workers' initialization, not freeing its communicator under it.
  {
    const ex = new MPIPoolExecutor({ max_workers: 1 });
    void ex.bootup(false);
    await ex.shutdown();
  }
  p.close();
  await p.join();
  process.stdout.write(`util pool ok ${np}\n`);
}

void main();
