// Persistent and generalized requests and Get_status, over COMM_SELF,
// COMM_WORLD, a Dup and a Split (one launch per size).
import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Send_init/Recv_init started 1,000 times: inactive between rounds, ERR_REQUEST when active, Free, no slot leak, pinned', 'persistent-requests-restart-a-thousand-times'],
  ['persistent collectives: 100 starts where MPI-4.0 is, else NotImplementedError on every rank', 'persistent-collectives'],
  ['generalized requests: callbacks and args, Complete from a timer, status, cancel flag, free once, thrown values', 'generalized-requests'],
  ['Get_status and its _any/_all/_some forms complete nothing', 'request-get-status'],
];

describe.each([1, 2, 3, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np, { nodeArgs: ['--expose-gc'] });
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

test('a dropped, never completed Grequest is freed with a warning and lets the program exit', () => {
  const r = mpirun('a-dropped-grequest-lets-the-program-exit', 2, { nodeArgs: ['--expose-gc'], timeout: 60_000 });
  expectEveryRankOk(r, 2);
  expect(r.stderr).toMatch(/RuntimeWarning: collecting object with MPI_Request handle \d+: the request was still active; a generalized request nobody can Complete any more: freed now/);
});
