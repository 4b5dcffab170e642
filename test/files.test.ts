// Parallel I/O (issue 14): MPI.File over COMM_SELF, COMM_WORLD, a Dup and a
// Split (one launch per size), every file a fresh one under os.tmpdir().
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Open, Close, Delete, sizes, amode, group, info, atomicity, EXCL, APPEND, DELETE_ON_CLOSE', 'file-open-close-and-queries'],
  ['every data access against bytes checked by hand', 'file-every-access-mode'],
  ['bad input is a clear error and the rank lives on', 'file-bad-input-is-a-clear-error'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
