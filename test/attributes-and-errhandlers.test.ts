// Communicator attributes, error handlers and added error codes (issue 13
// part 3b), over the harness communicators on 1, 2 and 4 ranks; and
// MPI.ERRORS_ARE_FATAL, whose error ends the job.
import { GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Create_keyval, Set_attr, Get_attr, Delete_attr, copy and delete functions, predefined keys', 'communicator-attributes'],
  ['Errhandler, Create/Get/Set/Call_errhandler, Add_error_class/code/string', 'error-handlers'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

test.each([1, 2, 4])('MPI.ERRORS_ARE_FATAL: an error on one of %i ranks ends the job', (np) => {
  const r = mpirun('errors-are-fatal-ends-the-job', np, { timeout: 60_000 });
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull(); // not killed by the test's timeout
  expect(r.stdout).not.toMatch(/survived the error/);
  // MPI ended it (Open MPI's exit code is the error code; its message may be lost), not mpi4js's abort-on-error.
  expect(r.stderr).not.toMatch(/died of an uncaught exception|died of an unhandled rejection/);
  expect(r.seconds).toBeLessThan(15);
});

test.each([1, 2, 4])('a user error handler that throws ends the job of %i ranks, printing the error', (np) => {
  const r = mpirun('a-throwing-errhandler-ends-the-job', np, { timeout: 60_000 });
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stdout).not.toMatch(/survived the handler/);
  expect(r.stderr).toMatch(/an error handler threw \(error code \d+\); aborting the job/);
  expect(r.stderr).toMatch(/deliberate failure in an error handler/);
  expect(r.seconds).toBeLessThan(15);
});

test.each([1, 2, 4])("MPI.Finalize runs the delete functions of COMM_SELF's attributes on each of %i ranks", (np) => {
  const r = mpirun('comm-self-attributes-go-at-finalize', np, { timeout: 60_000 });
  expect(r.code).toBe(0);
  for (let i = 0; i < np; i++) expect(r.stdout).toContain(`deleted at finalize on rank ${i}\n`);
});
