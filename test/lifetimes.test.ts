// Requests nobody waits for: collected, completed in the background, freed.
import { expectEveryRankOk, expectProgram, mpirun } from './mpirun';

const gc = { nodeArgs: ['--expose-gc'] };

test('200,000 fire-and-forget Isends: live request slots stay bounded and RSS grows by under 64 MiB', () =>
  // Slow on a loaded machine (blocking receives of two oversubscribed ranks): a bound well above its 40 s.
  expectEveryRankOk(mpirun('fire-and-forget-isends-are-freed', 2, { ...gc, timeout: 170_000 }), 2), 180_000);

test('dropped requests: a completed one freed silently, an active one kept alive, completed, freed, warned about once', () => {
  const r = mpirun('dropped-requests-are-completed-and-freed', 2, gc);
  expectEveryRankOk(r, 2);
  // Node prints the warning too, with its code, as it does for its own.
  expect(r.stderr).toMatch(/\[MPI4JS_ACTIVE_REQUEST_COLLECTED\] RuntimeWarning: collecting object with MPI_Request handle \d+: the request was still active/);
});

test.each([1, 2, 4])('a dropped matched message past the byte limit is received whole (no truncation through its handler) on %i ranks', (np) =>
  expectProgram('a-dropped-message-is-received-whole', np, { ...gc, env: { MPI4JS_TEST_CHUNK: '4096' } }));

test('dropped matched messages: received and discarded once collected, ids freed, one warning each; a NO_PROC one silent', () => {
  const r = mpirun('dropped-messages-are-received-and-freed', 2, gc);
  expectEveryRankOk(r, 2);
  expect(r.stderr).toMatch(/\[MPI4JS_MESSAGE_COLLECTED\] RuntimeWarning: collecting object with MPI_Message handle \d+/);
});
