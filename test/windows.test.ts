// One-sided communication, MPI.Win (issue 14): every window flavour, every
// operation and accumulate op, every synchronization mode, bad input, over the
// harness communicators on 1, 2 and 4 ranks; the watchdog names a window's wait.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup, ROOT } from './mpirun';

// A Node with ArrayBuffer.prototype.transfer (21 and later): this one, or one that
// scripts/test-node-versions.sh keeps in .build/node/ (or MPI4JS_TEST_NODE_TRANSFER).
const transferNode = 'transfer' in ArrayBuffer.prototype
  ? process.execPath
  : [process.env.MPI4JS_TEST_NODE_TRANSFER, ...['24', '22'].map((v) => path.join(ROOT, '.build/node', `node-${v}`, 'bin/node'))]
    .find((p): p is string => !!p && fs.existsSync(p));

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
  (transferNode ? test : test.skip)(
    `ArrayBuffer transfer() refuses window memory and pinned buffers${transferNode ? '' : ` (skipped: Node ${process.version} has no ArrayBuffer.prototype.transfer and no Node 22 or 24 is in .build/node/: run scripts/test-node-versions.sh or set MPI4JS_TEST_NODE_TRANSFER)`}`,
    () => {
      expectEveryRankOk(mpirun('window-memory-cannot-be-transferred', np, { node: transferNode }), np);
    },
    120_000,
  );
  test('window memory and origin buffers stay alive through garbage collection until MPI is done', () => {
    expectEveryRankOk(mpirun('windows-keep-their-memory-alive', np, { nodeArgs: ['--expose-gc'] }), np);
  }, 120_000);
});

test('the watchdog names a window synchronization that waits for a peer (Win.Fence)', () => {
  const r = mpirun('watchdog-names-a-window-wait', 2, { comms: 'world', env: { MPI4JS_WATCHDOG: '1' } });
  expectEveryRankOk(r, 2);
  expect(r.stderr).toMatch(/mpi4js watchdog: rank 0 on \S+ has waited \d+\.\d s in Win\.Fence\(comm=MPI_COMM_WORLD \(a window's\)\)/);
}, 120_000);
