// mpi4js/futures' pure logic, in process (no MPI): the Future's states and
// Promise behaviour, task references, collect and compose (mpi4py.futures.util).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CancelledError, Future, InvalidStateError, TimeoutError } from '../lib/futures/future';
import { resolveTask, rebuildError } from '../lib/futures/task';
import { collect, compose } from '../lib/futures/util';

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
