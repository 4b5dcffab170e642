// MPI-4 sessions and group-based communicator creation (issue 13 part 1):
// MPI.Session, Intracomm.Create_from_group, Group.Create_from_session_pset.
// On an MPI-4 library (the MPICH route, scripts/source-build.sh) the programs
// check the real behaviour; on Open MPI 4.1 (MPI-3.1) that every name throws
// NotImplementedError on every rank.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['a session of mpi://WORLD makes a world communicator (size, rank, Allreduce)', 'a-session-world-communicator-is-the-world'],
  ['a session of mpi://SELF makes a communicator of this process alone', 'a-session-self-communicator-is-self'],
  ['a session lists its process sets, their hints and groups', 'sessions-list-their-process-sets'],
  ["a session's error handlers", 'session-error-handlers'],
  ['a finalized session is refused clearly (MPI.Exception ERR_SESSION)', 'a-finalized-session-is-refused-clearly'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
