// Communicator attributes, error handlers and added error codes (issue 13
// part 3b), over the harness communicators on 1, 2 and 4 ranks; and
// MPI.ERRORS_ARE_FATAL, whose error ends the job.
import { GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Create_keyval, Set_attr, Get_attr, Delete_attr, copy and delete functions, predefined keys', 'communicator-attributes'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
