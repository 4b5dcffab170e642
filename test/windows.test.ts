// One-sided communication, MPI.Win (issue 14): every window flavour, every
// operation and accumulate op, every synchronization mode, bad input, over the
// harness communicators on 1, 2 and 4 ranks; the watchdog names a window's wait.
import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Create, Allocate, Allocate_shared, Create_dynamic; attributes, properties, Free and the views it detaches', 'windows-of-every-flavour'],
  ['Put, Get, every accumulate op, Get_accumulate, Fetch_and_op, Compare_and_swap, the request forms, derived datatypes', 'one-sided-operations'],
  ['Fence with assertions, Post/Start/Complete/Wait/Test, Lock/Unlock, Lock_all with every Flush, Sync', 'one-sided-synchronization'],
  ['bad input is a clear error naming the call, the rank lives on', 'one-sided-bad-input'],
  ["an accumulate's target may name the C type of the origin's representation (MPI.INT for an Int32Array)", 'accumulates-take-c-type-names'],
  ['Free refuses, on every rank, while a view of MPI\'s window memory is in use (requests, windows, bsend, files)', 'window-memory-in-use-is-not-freed'],
  ['user attributes: Create_keyval, Set_attr, Get_attr, Delete_attr, Free_keyval, delete_fn at Free', 'window-attributes'],
  ['the addon re-checks single elements (Fetch_and_op, Compare_and_swap) and Spawn_multiple\'s list lengths', 'native-rechecks-single-elements-and-list-lengths'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
  test('window memory and origin buffers stay alive through garbage collection until MPI is done', () => {
    expectEveryRankOk(mpirun('windows-keep-their-memory-alive', np, { nodeArgs: ['--expose-gc'] }), np);
  }, 120_000);
});

test('the watchdog names a window synchronization that waits for a peer (Win.Fence)', () => {
  const r = mpirun('watchdog-names-a-window-wait', 2, { comms: 'world', env: { MPI4JS_WATCHDOG: '1' } });
  expectEveryRankOk(r, 2);
  expect(r.stderr).toMatch(/mpi4js watchdog: rank 0 on \S+ has waited \d+\.\d s in Win\.Fence\(comm=MPI_COMM_WORLD \(a window's\)\)/);
}, 120_000);
