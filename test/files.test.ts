// Parallel I/O (issue 14): MPI.File over COMM_SELF, COMM_WORLD, a Dup and a
// Split (one launch per size), every file a fresh one under os.tmpdir().
import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Open, Close, Delete, sizes, amode, group, info, atomicity, EXCL, APPEND, DELETE_ON_CLOSE', 'file-open-close-and-queries'],
  ['every data access against bytes checked by hand', 'file-every-access-mode'],
  ['bad input is a clear error and the rank lives on', 'file-bad-input-is-a-clear-error'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

describe('MPI4JS_WATCHDOG covers the collective file calls', () => {
  test('a rank late to a collective file call: the watchdog names the File call the other waits in', () => {
    const r = mpirun('file-collectives-are-watched', 2, { env: { MPI4JS_WATCHDOG: '1', MPI4JS_TEST_COMM: 'world' } });
    expectEveryRankOk(r, 2);
    // Which call blocks is the library's choice (Open MPI 4.1 waits in the Close, after the collective write).
    expect(r.stderr).toMatch(/mpi4js watchdog: rank 0 on \S+ has waited 1\.\d s in File\.(Write_at_all|Read_at_all|Close)\(comm=MPI_COMM_WORLD\)/);
  });
});
