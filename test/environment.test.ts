// MPI's lifetime: initialised at load (with the thread level asked for), a world
// of one without mpirun, finalised at exit, both module systems.
import { expectEveryRankOk, expectProgram, node } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('the module-level calls and constants', () => expectProgram('environment', np));
  test('MPI4JS_THREAD_LEVEL=serialized is what MPI is asked for', () =>
    expectProgram('environment', np, { env: { MPI4JS_THREAD_LEVEL: 'serialized' } }));
  test('MPI is finalised when the program returns', () => expectProgram('finalized-at-exit', np));
  test('MPI is finalised on process.exit()', () => expectProgram('finalized-at-exit', np, { args: ['process.exit'] }));
  test('after MPI.Finalize() MPI calls throw instead of killing the job', () =>
    expectProgram('finalized-at-exit', np, { args: ['explicit'] }));
  test('import { MPI } from an ES module', () => expectProgram('test/programs/esm-import.mjs', np));
});

test('plain node without mpirun is a world of one rank', () => {
  expectEveryRankOk(node('singleton'), 1);
});

test('an unknown thread level is refused with the accepted ones', () => {
  const r = node('singleton', { env: { MPI4JS_THREAD_LEVEL: 'lots' } });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/MPI4JS_THREAD_LEVEL=lots: expected one of single, funneled, serialized, multiple/);
});
