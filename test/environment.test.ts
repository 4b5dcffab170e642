// MPI's lifetime: initialised at load (with the thread level asked for), a world
// of one without mpirun, finalised at exit, both module systems.
import * as os from 'node:os';

import { expectEveryRankOk, expectProgram, node } from './mpirun';

/** The environment without any MPI4JS_ setting of the caller's. */
function withoutSettings(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('MPI4JS_') && !k.startsWith('MPI4JS_TEST_')) env[k] = '';
  return { ...env, ...settings };
}

const DEFAULTS = {
  initialize: true,
  thread_level: 'multiple',
  finalize: true,
  abort_on_error: true,
  progress: 'adaptive',
  spin_us: 1000,
  backoff_us: 20000,
  watchdog: 0,
  watchdog_abort: false,
  pickle: 'v8',
  fast_reduce: true,
};

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('the module-level calls and constants', () => expectProgram('environment', np));
  test('MPI4JS_THREAD_LEVEL=serialized is what MPI is asked for', () =>
    expectProgram('environment', np, { env: { MPI4JS_THREAD_LEVEL: 'serialized' } }));
  test('MPI is finalised when the program returns', () => expectProgram('finalized-at-exit', np));
  test('MPI is finalised on process.exit()', () => expectProgram('finalized-at-exit', np, { args: ['process.exit'] }));
  test('after MPI.Finalize() MPI calls throw instead of killing the job', () =>
    expectProgram('finalized-at-exit', np, { args: ['explicit'] }));
  test('import { MPI } from an ES module', () => expectProgram('test/programs/esm-import.mjs', np));
  test('MPI.rc shows every run-time setting at its default', () =>
    // No hot spin by default where the ranks of a host outnumber its cores (lib/environment.ts).
    expectProgram('rc-shows-every-setting', np, { env: withoutSettings({}), args: [JSON.stringify({ ...DEFAULTS, spin_us: np > os.cpus().length ? 0 : 1000 })] }));
  test('MPI.rc shows every run-time setting as the environment sets it, typed', () => {
    const env = withoutSettings({
      MPI4JS_INITIALIZE: '0',
      MPI4JS_THREAD_LEVEL: 'serialized',
      MPI4JS_FINALIZE: 'no',
      MPI4JS_ABORT_ON_ERROR: 'off',
      MPI4JS_PROGRESS: 'spin',
      MPI4JS_SPIN_US: '250',
      MPI4JS_BACKOFF_US: '5000',
      MPI4JS_WATCHDOG: '30',
      MPI4JS_WATCHDOG_ABORT: 'true',
      MPI4JS_PICKLE: 'msgpack',
      MPI4JS_FAST_REDUCE: 'off',
    });
    const rc = { initialize: false, thread_level: 'serialized', finalize: false, abort_on_error: false, progress: 'spin', spin_us: 250, backoff_us: 5000, watchdog: 30, watchdog_abort: true, pickle: 'msgpack', fast_reduce: false };
    expectProgram('rc-shows-every-setting', np, { env, args: [JSON.stringify(rc)] });
  });
});

test('plain node without mpirun is a world of one rank', () => {
  expectEveryRankOk(node('singleton'), 1);
});

test('an unknown thread level is refused with the accepted ones', () => {
  const r = node('singleton', { env: { MPI4JS_THREAD_LEVEL: 'lots' } });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/MPI4JS_THREAD_LEVEL=lots: expected one of single, funneled, serialized, multiple/);
});

test('an unknown codec is refused with the accepted ones', () => {
  const r = node('singleton', { env: { MPI4JS_PICKLE: 'json' } });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/MPI4JS_PICKLE=json: expected one of v8, msgpack/);
});

test('a watchdog_abort that is not a yes or no is refused', () => {
  const r = node('singleton', { env: { MPI4JS_WATCHDOG_ABORT: 'maybe' } });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/MPI4JS_WATCHDOG_ABORT=maybe: expected 0 or 1/);
});
