// MPI.Info, the communicator calls that take it, Idup, Create_group, every
// Split_type kind, names; and dropped communicators freed (issue 13).
import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Info: Create, Set/Get/Delete, the mapping methods, INFO_NULL and INFO_ENV, the key and value limits', 'info-objects'],
  ['Dup/Idup with info, Set_info/Get_info, Create_group, every Split_type kind, names, Clone', 'communicators-with-info'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);

  test('thousands of dropped Dups are freed (the table stays bounded); a held, busy, predefined or freed one is not; one RuntimeWarning; dropped Info objects are freed', () => {
    const r = mpirun('dropped-communicators-are-freed', np, { nodeArgs: ['--expose-gc'], timeout: 400_000 });
    expectEveryRankOk(r, np);
    expect(r.stderr).toMatch(/\[MPI4JS_COMM_COLLECTED\] RuntimeWarning: collecting object with MPI_Comm handle \d+: freed with MPI_Comm_free/);
  }, 420_000);
});
