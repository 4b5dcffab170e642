// mpi4js/util sync (mpi4py.util.sync) under mpirun on 1, 2 and 4 ranks, each
// program over the harness communicators; and the mutex's race run without
// the mutex, which must lose updates (so the race can fail).
import { GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Sequential: ranks take their turns in rank order (begin/end, using, beginAsync)', 'sync-sequential-runs-in-rank-order'],
  ['Counter: values unique and complete across ranks, every typecode and root', 'sync-counter-values-are-unique-and-complete'],
  ['Mutex: a shared read-modify-write race keeps every update; non-blocking, recursive, acquireAsync', 'sync-mutex-excludes-the-other-ranks'],
  ['Condition: notify counts, wake order, wait_for, notify_all, waitAsync', 'sync-condition-wakes-waiters-in-order'],
  ['Semaphore: holders bounded by the value, bounded releases refused, non-blocking', 'sync-semaphore-bounds-its-holders'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

test('without the mutex, the race loses updates on 4 ranks (the test can fail)', () => {
  const r = mpirun('sync-mutex-excludes-the-other-ranks', 4, { comms: 'world', env: { SYNC_BREAK: 'mutex' }, timeout: 120_000 });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/the shared count: \d+ of 40 increments kept/);
}, GROUP_TIMEOUT);
