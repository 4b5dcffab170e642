// mpi4js/futures' pure logic, in process (no MPI): the Future's states and
// Promise behaviour, task references, collect and compose (mpi4py.futures.util).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CancelledError, Future, InvalidStateError, TimeoutError } from '../lib/futures/future';
import { resolveTask, rebuildError } from '../lib/futures/task';
import { collect, compose } from '../lib/futures/util';
import { ALL_COMPLETED, as_completed, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from '../lib/futures/wait';
import { get_comm_workers } from '../lib/futures/workers';
import { Executor } from '../lib/futures/base';
import { MPIPoolExecutor } from '../lib/futures/executor';
import { ProcessPoolExecutor } from '../lib/futures/process-pool-executor';
import { ThreadPoolExecutor } from '../lib/futures/thread-pool-executor';

const done = <T>(v: T): Future<T> => {
  const f = new Future<T>();
  f.set_running_or_notify_cancel();
  f.set_result(v);
  return f;
};

describe('Future', () => {
  test('states, result, exception and callbacks', async () => {
    const f = new Future<number>();
    expect(f.done() || f.running() || f.cancelled()).toBe(false);
    const seen: Future<number>[] = [];
    f.add_done_callback((g) => seen.push(g));
    expect(f.set_running_or_notify_cancel()).toBe(true);
    expect(f.running()).toBe(true);
    expect(f.cancel()).toBe(false);
    f.set_result(3);
    expect(seen).toEqual([f]);
    await expect(f).resolves.toBe(3);
    await expect(f.exception()).resolves.toBeUndefined();
    expect(() => f.set_result(4)).toThrow(InvalidStateError);
    f.add_done_callback((g) => seen.push(g));
    expect(seen).toHaveLength(2);
  });

  test('a failure rejects; an unawaited failure is no unhandled rejection', async () => {
    const f = new Future();
    f.set_running_or_notify_cancel();
    f.set_exception(new RangeError('bad'));
    await expect(f.result()).rejects.toThrow('bad');
    await expect(f.exception()).resolves.toBeInstanceOf(RangeError);
    new Future().set_exception(new Error('nobody awaits this'));
  });

  test('cancel, and timeouts that leave the future pending', async () => {
    const f = new Future();
    await expect(f.result(5)).rejects.toBeInstanceOf(TimeoutError);
    expect(f.cancel()).toBe(true);
    expect(f.cancel()).toBe(true);
    expect(f.set_running_or_notify_cancel()).toBe(false);
    await expect(f).rejects.toBeInstanceOf(CancelledError);
    await expect(f.exception()).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('task references', () => {
  const file = path.resolve('tasks.js');
  test('a path with #name, a file: URL, an object; relative paths are the client\'s', () => {
    expect(resolveTask('t', './tasks.js#square')).toEqual({ filename: file, name: 'square' });
    expect(resolveTask('t', './tasks.js')).toEqual({ filename: file, name: 'default' });
    expect(resolveTask('t', new URL(`${pathToFileURL(file).href}#sq`))).toEqual({ filename: file, name: 'sq' });
    expect(resolveTask('t', `${pathToFileURL(file).href}#sq`)).toEqual({ filename: file, name: 'sq' });
    expect(resolveTask('t', { filename: './tasks.js', name: 'x' })).toEqual({ filename: file, name: 'x', signal: undefined });
    expect(resolveTask('t', 'some-package#f')).toEqual({ filename: 'some-package', name: 'f' });
  });
  test('functions and other values are refused, naming the call', () => {
    expect(() => resolveTask('submit', () => 1)).toThrow(/submit: .*a function \(functions cannot be sent/);
    expect(() => resolveTask('map', 5)).toThrow(TypeError);
    expect(() => resolveTask('map', new URL('https://x/y.js'))).toThrow(/map: a task's URL must be a file: URL/);
    expect(() => resolveTask('map', '')).toThrow(/must not be empty/);
  });
  test("a worker's error comes back with its class, rank and host", () => {
    const e = rebuildError({ name: 'TypeError', message: 'm', stack: 'TypeError: m\n    at f (x.js:1:1)', rank: 2, host: 'pi3' });
    expect(e).toBeInstanceOf(TypeError);
    expect([e.message, e.rank, e.host]).toEqual(['m', 2, 'pi3']);
    expect(e.stack).toMatch(/at f \(x.js:1:1\)\n    at worker rank 2 on host pi3$/);
    expect(rebuildError({ name: 'MyError', message: 'n', stack: '', rank: 0, host: 'h' }).name).toBe('MyError');
  });
});

describe('collect and compose', () => {
  test('collect: the values in order; empty; the first failure; cancellation both ways', async () => {
    const a = new Future<number>();
    const b = new Future<number>();
    const all = collect([a, b]);
    b.set_running_or_notify_cancel();
    b.set_result(2);
    expect(all.done()).toBe(false);
    a.set_running_or_notify_cancel();
    a.set_result(1);
    await expect(all).resolves.toEqual([1, 2]);
    await expect(collect([])).resolves.toEqual([]);
    const c = new Future();
    const failing = collect([c, new Future()]);
    c.set_running_or_notify_cancel();
    c.set_exception(new Error('first'));
    await expect(failing).rejects.toThrow('first');
    const d = new Future();
    const e = new Future();
    const cancelled = collect([d, e]);
    expect(cancelled.cancel()).toBe(true);
    expect(d.cancelled() && e.cancelled()).toBe(true);
    const f = new Future();
    const g = collect([f]);
    f.cancel();
    expect(g.cancelled()).toBe(true);
    expect(() => collect([1 as never])).toThrow(/collect: fs\[0\] is not a Future/);
  });

  test('compose: hooks on success and failure, promises, a throwing hook, cancellation', async () => {
    await expect(compose(done(2), (x) => x * 10)).resolves.toBe(20);
    await expect(compose(done(2), async (x) => x + 1)).resolves.toBe(3);
    await expect(compose(done(2))).resolves.toBe(2);
    const failed = () => {
      const f = new Future<number>();
      f.set_running_or_notify_cancel();
      f.set_exception(new Error('x'));
      return f;
    };
    await expect(compose(failed(), null, () => 'recovered')).resolves.toBe('recovered');
    await expect(compose(failed(), null, () => new RangeError('mapped'))).rejects.toThrow(RangeError);
    await expect(compose(failed())).rejects.toThrow('x');
    await expect(compose(done(1), () => { throw new Error('hook'); })).rejects.toThrow('hook');
    const src = new Future<number>();
    const out = compose(src, (x) => x);
    out.cancel();
    expect(src.cancelled()).toBe(true);
    const src2 = new Future<number>();
    const out2 = compose(src2);
    src2.cancel();
    expect(out2.cancelled()).toBe(true);
  });
});

// wait and as_completed (concurrent.futures, as mpi4py.futures exports them) over hand-made futures.
describe('wait and as_completed', () => {
  const finish = <T>(f: Future<T>, v: T) => {
    f.set_running_or_notify_cancel();
    f.set_result(v);
  };
  const fail = (f: Future, e: unknown) => {
    f.set_running_or_notify_cancel();
    f.set_exception(e);
  };
  const later = (ms: number, fn: () => void) => setTimeout(fn, ms);
  const names = (s: Set<Future<number>>, all: Future<number>[]) => [...s].map((f) => all.indexOf(f)).sort();

  test('ALL_COMPLETED (default): resolves once every future is done, duplicates once', async () => {
    const fs = [new Future<number>(), new Future<number>(), new Future<number>()];
    later(5, () => finish(fs[1], 1));
    later(15, () => fs[2].cancel());
    later(25, () => fail(fs[0] as Future, new Error('x')));
    const t0 = Date.now();
    const [done, notDone] = await wait([...fs, fs[0]]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(20);
    expect(names(done, fs)).toEqual([0, 1, 2]);
    expect(notDone.size).toBe(0);
    expect(done).toBeInstanceOf(Set);
    const again = await wait(fs, { return_when: ALL_COMPLETED });
    expect(again[0].size).toBe(3);
  });

  test('FIRST_COMPLETED: the first done or cancelled; at once if one is done already', async () => {
    const fs = [new Future<number>(), new Future<number>()];
    later(10, () => finish(fs[1], 7));
    const [done, notDone] = await wait(fs, { return_when: FIRST_COMPLETED });
    expect(names(done, fs)).toEqual([1]);
    expect(names(notDone, fs)).toEqual([0]);
    const [d2] = await wait(fs, { return_when: FIRST_COMPLETED });
    expect(names(d2, fs)).toEqual([1]);
    const c = [new Future<number>(), new Future<number>()];
    later(5, () => c[0].cancel());
    expect(names((await wait(c, { return_when: FIRST_COMPLETED }))[0], c)).toEqual([0]);
  });

  test('FIRST_EXCEPTION: the first failure (not a cancellation, not a success), else all', async () => {
    const fs = [new Future<number>(), new Future<number>(), new Future<number>(), new Future<number>()];
    later(5, () => finish(fs[0], 1));
    later(10, () => fs[1].cancel());
    later(20, () => fail(fs[2] as Future, new RangeError('bad')));
    const [done, notDone] = await wait(fs, { return_when: FIRST_EXCEPTION });
    expect(names(done, fs)).toEqual([0, 1, 2]);
    expect(names(notDone, fs)).toEqual([3]);
    const ok = [new Future<number>(), new Future<number>()];
    later(5, () => finish(ok[0], 1));
    later(15, () => finish(ok[1], 2));
    expect((await wait(ok, { return_when: FIRST_EXCEPTION }))[0].size).toBe(2);
  });

  test('a timeout resolves with what is done (no error); timeout 0 polls; empty fs', async () => {
    const fs = [new Future<number>(), new Future<number>()];
    finish(fs[0], 1);
    const t0 = Date.now();
    const [done, notDone] = await wait(fs, { timeout: 30 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(names(done, fs)).toEqual([0]);
    expect(names(notDone, fs)).toEqual([1]);
    const [d0, n0] = await wait(fs, { timeout: 0 });
    expect([d0.size, n0.size]).toEqual([1, 1]);
    const [e0, e1] = await wait([]);
    expect([e0.size, e1.size]).toEqual([0, 0]);
    // A future done before the timeout ends the wait then.
    later(5, () => finish(fs[1], 2));
    const t1 = Date.now();
    expect((await wait(fs, { timeout: 5000 }))[0].size).toBe(2);
    expect(Date.now() - t1).toBeLessThan(2000);
  });

  test('bad arguments name the call', () => {
    expect(() => wait(5 as never)).toThrow(/wait: fs must be an iterable of futures/);
    expect(() => wait([1 as never])).toThrow(/wait: fs\[0\] is not a Future/);
    expect(() => wait([], { return_when: 'SOMETIME' as never })).toThrow(RangeError);
    expect(() => wait([], { timeout: -1 })).toThrow(RangeError);
    expect(() => wait([], { bogus: 1 } as never)).toThrow(TypeError);
    expect(() => as_completed(null as never)).toThrow(/as_completed: fs must be an iterable/);
    expect(() => as_completed([], { timeout: 'x' as never })).toThrow(TypeError);
  });

  test('as_completed: the done ones first, then completion order, each once; the futures themselves', async () => {
    const fs = [new Future<number>(), new Future<number>(), new Future<number>(), new Future<number>()];
    finish(fs[2], 2);
    later(20, () => finish(fs[0], 0));
    later(5, () => fail(fs[3] as Future, new Error('three')));
    later(10, () => fs[1].cancel());
    const order: number[] = [];
    // TypeScript types a for-await variable as the awaited value of a thenable: the loop gets the futures themselves.
    for await (const x of as_completed([fs[0], fs[1], fs[2], fs[3], fs[2], fs[0]])) {
      const f = x as unknown as Future<number>;
      expect(f).toBeInstanceOf(Future);
      expect(f.done()).toBe(true);
      order.push(fs.indexOf(f));
    }
    expect(order).toEqual([2, 3, 1, 0]);
    const none: Future[] = [];
    for await (const f of as_completed([])) none.push(f as unknown as Future);
    expect(none).toEqual([]);
  });

  test('as_completed: TimeoutError once time runs out (from the call), after yielding the done ones', async () => {
    const fs = [new Future<number>(), new Future<number>(), new Future<number>()];
    finish(fs[1], 1);
    later(5, () => finish(fs[0], 0));
    const it = as_completed(fs, { timeout: 40 });
    const got: number[] = [];
    const t0 = Date.now();
    await expect(
      (async () => {
        for await (const f of it) got.push(fs.indexOf(f as unknown as Future<number>));
      })(),
    ).rejects.toThrow(/as_completed: 1 \(of 3\) futures unfinished after 40 ms/);
    expect(got).toEqual([1, 0]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
    // next() called several times at once: each gets its own future.
    const gs = [new Future<number>(), new Future<number>()];
    const it2 = as_completed(gs);
    const a = it2.next();
    const b = it2.next();
    finish(gs[1], 1);
    finish(gs[0], 0);
    expect([(await a).value, (await b).value]).toEqual([gs[1], gs[0]]);
    expect((await it2.next()).done).toBe(true);
  });
});

describe('the executors\' classes and get_comm_workers outside a worker', () => {
  test('Executor is the base of MPIPoolExecutor and its subclasses', () => {
    for (const C of [MPIPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor]) expect(C.prototype).toBeInstanceOf(Executor);
    expect(ThreadPoolExecutor.prototype).toBeInstanceOf(MPIPoolExecutor);
    expect(ProcessPoolExecutor.prototype).toBeInstanceOf(MPIPoolExecutor);
    // A class of one's own: map over its submit is its own to write; shutdown and asyncDispose are given.
    class Inline extends Executor {
      submit<T>(): Future<T> {
        return new Future<T>();
      }
      async *map<T>(): AsyncIterableIterator<T> {
        /* none */
      }
      async *starmap<T>(): AsyncIterableIterator<T> {
        /* none */
      }
    }
    const e = new Inline();
    expect(e).toBeInstanceOf(Executor);
    return expect(e[Symbol.asyncDispose]()).resolves.toBeUndefined();
  });

  test('ThreadPoolExecutor refuses the options threads have no use for, naming itself', () => {
    expect(() => new ThreadPoolExecutor({ wdir: '/tmp' } as never)).toThrow(/ThreadPoolExecutor: option 'wdir' has no meaning for threads/);
    expect(() => new ThreadPoolExecutor({ max_workers: 0 })).toThrow(/ThreadPoolExecutor: max_workers 0 must be 1 or more/);
    expect(() => new ProcessPoolExecutor({ max_workers: 1.5 })).toThrow(/ProcessPoolExecutor/);
  });

  test('get_comm_workers outside a worker: Error "communicator is not accessible"', () => {
    expect(() => get_comm_workers()).toThrow(/communicator is not accessible/);
  });
});
