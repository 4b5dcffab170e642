// Errors: MPI's as MPI.Exception, bad arguments as TypeError/RangeError, and a
// failing rank ending the whole job instead of hanging it.
import { expectProgram, mpirun, node } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('a too-small receive buffer is MPI.Exception ERR_TRUNCATE and the rank lives on', () =>
    expectProgram('truncation-is-an-exception', np));
  test('bad arguments are clear TypeErrors and RangeErrors', () => expectProgram('bad-arguments-are-clear-errors', np));
  test('a handle of the wrong kind is a TypeError naming the call and argument', () =>
    expectProgram('handles-are-checked-for-their-kind', np));
  test('invalid input is refused, not guessed: a missing dest, IN_PLACE outside collectives, ops on values they cannot combine, non-requests, Compute_dims bounded', () =>
    expectProgram('invalid-input-is-refused-not-guessed', np));
  test('after Finalize, MPI calls are clear errors and an awaited request rejects', () =>
    expectProgram('calls-after-finalize-are-refused', np));
});

describe.each([2, 4])('a failing rank ends the job on %i ranks', (np) => {
  test('an uncaught exception aborts every rank within seconds', () => {
    const r = mpirun('uncaught-exception-aborts-the-job', np, { timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull(); // not killed by the test's timeout
    expect(r.stderr).toMatch(new RegExp(`mpi4js: rank 1 of ${np} on \\S+ \\(pid \\d+\\) died of an uncaught exception`));
    expect(r.stderr).toMatch(/deliberate failure on this rank/);
    expect(r.seconds).toBeLessThan(15);
  });
  test('an unhandled rejection aborts every rank within seconds', () => {
    const r = mpirun('unhandled-rejection-aborts-the-job', np, { timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(new RegExp(`rank ${np - 1} of ${np} .* died of an unhandled rejection`));
    expect(r.stderr).toMatch(/RangeError: deliberate rejection/);
    expect(r.seconds).toBeLessThan(15);
  });
});

test.each([1, 2, 4])('comm.Abort(7) ends every one of %i ranks with exit code 7', (np) => {
  const r = mpirun('abort-ends-the-job', np, { timeout: 60_000 });
  expect(r.code).toBe(7); // mpirun passes on the errorcode (its own message is not always printed)
  expect(r.seconds).toBeLessThan(15);
});

test('MPI4JS_ABORT_ON_ERROR=0 leaves an uncaught exception to Node', () => {
  const r = node('abort-opt-out', { env: { MPI4JS_ABORT_ON_ERROR: '0' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/Error: plain failure/);
  expect(r.stderr).not.toMatch(/MPI_ABORT/);
});
