// mpi4js/util's pure logic, in process (no MPI): typecodes and their values,
// the back-off, the two drivers of a wait, Pool's chunk size, AsyncResult over
// a Future; and that require('mpi4js') loads neither util nor futures until
// util.sync or util.pool is read.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { Future, TimeoutError } from '../lib/futures/future';
import { RuntimeError, ValueError } from '../lib/util/errors';
import { AsyncResult, defaultChunksize } from '../lib/util/pool';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoff, block, elementOf, poll, typecodeOf } from '../lib/util/sync';

describe('sync', () => {
  test('typecodes: their arrays, and the values each takes', () => {
    const sizes: Record<string, number> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, f: 4, d: 8 };
    for (const [code, bytes] of Object.entries(sizes)) expect(typecodeOf('T', code, 8).make(1).BYTES_PER_ELEMENT).toBe(bytes);
    expect(typecodeOf('T', 'l', 4).make(1)).toBeInstanceOf(Int32Array);
    expect(typecodeOf('T', 'L', 4).make(1)).toBeInstanceOf(Uint32Array);
    expect(() => typecodeOf('T', 'x', 8)).toThrow(/T: typecode 'x' is not one of/);
    expect(() => typecodeOf('T', 1, 8)).toThrow(TypeError);
    const i = typecodeOf('T', 'i', 8);
    expect(elementOf('T', 'v', i, 2 ** 31 - 1)).toBe(2 ** 31 - 1);
    expect(elementOf('T', 'v', i, -(2 ** 31))).toBe(-(2 ** 31));
    expect(elementOf('T', 'v', i, 5n)).toBe(5);
    expect(() => elementOf('T', 'v', i, 2 ** 31)).toThrow(RangeError);
    expect(() => elementOf('T', 'v', i, 0.5)).toThrow(/T: v must be an integer/);
    const Q = typecodeOf('T', 'Q', 8);
    expect(elementOf('T', 'v', Q, 2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(elementOf('T', 'v', Q, 3)).toBe(3n);
    expect(() => elementOf('T', 'v', Q, -1)).toThrow(/T: v -1 is out of range for typecode 'Q'/);
    const d = typecodeOf('T', 'd', 8);
    expect(elementOf('T', 'v', d, 0.25)).toBe(0.25);
    expect(() => elementOf('T', 'v', d, 1n)).toThrow(TypeError);
  });

  test("the back-off: 0, then doubling from mpi4py's minimum to its maximum", () => {
    const g = backoff();
    const seen = Array.from({ length: 14 }, () => g.next().value);
    expect(seen[0]).toBe(0);
    expect(seen[1]).toBe(BACKOFF_MIN_MS);
    expect(seen[2]).toBe(2 * BACKOFF_MIN_MS);
    expect(seen[11]).toBe(BACKOFF_MAX_MS);
    expect(seen[13]).toBe(BACKOFF_MAX_MS);
    expect(BACKOFF_MAX_MS).toBeCloseTo(1000 / 1024);
  });

  test('a wait runs blocking or from the event loop, with the same result', async () => {
    function* wait(n: number): Generator<number, string, void> {
      for (let k = 0; k < n; k++) yield k % 2 ? 1 : 0;
      return `done after ${n}`;
    }
    expect(block(wait(4))).toBe('done after 4');
    let ticks = 0;
    const t = setInterval(() => ticks++, 0);
    await expect(poll(wait(20))).resolves.toBe('done after 20');
    clearInterval(t);
    expect(ticks).toBeGreaterThan(0);
    function* failing(): Generator<number, never, void> {
      yield 0;
      throw new RuntimeError('no');
    }
    expect(() => block(failing())).toThrow(RuntimeError);
    await expect(poll(failing())).rejects.toThrow('no');
  });

  test('ValueError is a RangeError named as Python names it', () => {
    const e = new ValueError('v');
    expect(e).toBeInstanceOf(RangeError);
    expect(e.name).toBe('ValueError');
    expect(new RuntimeError('r').name).toBe('RuntimeError');
  });
});

describe('pool', () => {
  test("mpi4py's chunk size: about four chunks per worker", () => {
    expect(defaultChunksize(0, 4)).toBe(1);
    expect(defaultChunksize(10, 0)).toBe(1);
    expect(defaultChunksize(100, 1)).toBe(25);
    expect(defaultChunksize(101, 1)).toBe(26);
    expect(defaultChunksize(100, 3)).toBe(9);
    expect(defaultChunksize(3, 8)).toBe(1);
  });

  test('AsyncResult: ready, successful, get with a timeout, callbacks, a cancelled task reads as a timeout', async () => {
    const f = new Future<number>();
    const calls: unknown[] = [];
    const r = new AsyncResult(f, (v) => calls.push(['ok', v]), (e) => calls.push(['err', e]));
    expect(r.ready()).toBe(false);
    expect(() => r.successful()).toThrow(ValueError);
    await expect(r.get(5)).rejects.toThrow(TimeoutError);
    await r.wait(1);
    f.set_running_or_notify_cancel();
    f.set_result(7);
    expect(r.ready()).toBe(true);
    expect(r.successful()).toBe(true);
    await expect(r.get()).resolves.toBe(7);
    expect(calls).toEqual([['ok', 7]]);
    const g = new Future<number>();
    const s = new AsyncResult(g, null, (e) => calls.push(['err', (e as Error).name]));
    const waiting = s.wait();
    g.cancel();
    await waiting;
    expect(s.successful()).toBe(false);
    await expect(s.get()).rejects.toThrow(TimeoutError);
    expect(calls[1]).toEqual(['err', 'TimeoutError']);
    const h = new Future<number>();
    const u = new AsyncResult(h);
    h.set_running_or_notify_cancel();
    h.set_exception(new TypeError('bad'));
    expect(u.successful()).toBe(false);
    await expect(u.get()).rejects.toThrow(TypeError);
    expect(() => new AsyncResult(5 as never)).toThrow(/AsyncResult: future must be a Future/);
    expect(() => new AsyncResult(new Future(), 5 as never)).toThrow(/AsyncResult: callback/);
    expect(() => r.get(-1)).toThrow(/AsyncResult\.get: timeout -1 is negative/);
  });
});

test("require('mpi4js') loads util and futures only when util.sync or util.pool is read", () => {
  const script = [
    "const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/]dist[\\\\/](util|futures)[\\\\/]/.test(k)).map((k) => k.replace(/.*dist[\\\\/]/, '')).sort();",
    "const m = require('./dist/index.js');",
    'const before = loaded();',
    "const hasSync = typeof m.util.sync.Mutex === 'function';",
    'const afterSync = loaded();',
    "const hasPool = typeof m.util.pool.Pool === 'function';",
    'console.log(JSON.stringify({ before, hasSync, afterSync, hasPool, afterPool: loaded() }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as { before: string[]; hasSync: boolean; afterSync: string[]; hasPool: boolean; afterPool: string[] };
  expect(out.before).toEqual([]);
  expect(out.hasSync).toBe(true);
  expect(out.afterSync.some((k) => k.startsWith('futures'))).toBe(false);
  expect(out.afterSync).toContain('util/sync.js');
  expect(out.hasPool).toBe(true);
  expect(out.afterPool).toEqual(expect.arrayContaining(['util/pool.js', 'futures/executor.js']));
});
