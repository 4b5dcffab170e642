// Awaitable MPI that keeps the event loop running, bounded waits, cancellation,
// and the watchdog that names a hang.
import { expectEveryRankOk, expectProgram, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

// Over COMM_SELF, COMM_WORLD, a Dup and a Split (the slow ones over COMM_WORLD and a Split), one launch for each set.
const PROGRAMS: [string, string][] = [
  ['object receives match in the order they were posted', 'receives-match-in-posted-order'],
  ['timeouts throw MPI.TimeoutError and leave the message for the next receive', 'timeouts-leave-the-message'],
  ['an AbortSignal cancels a receive and leaves its message', 'abort-signal-cancels-a-receive'],
  ['nonblocking collectives of values, awaited', 'nonblocking-collectives-of-values'],
  ['posting a nonblocking collective of values never blocks: a newer one is held behind an older one still in its first stage', 'nonblocking-collectives-never-block'],
];
const SLOW: [string, string][] = [
  ['a setInterval keeps its period while every rank awaits a message 2 s late', 'event-loop-runs-while-awaiting'],
  ['1,000 outstanding isend/irecv pairs of mixed tags and sizes all match and complete', 'a-thousand-outstanding-pairs'],
  ['an idle awaited receive costs little CPU and its event loop sleeps', 'idle-wait-costs-little-cpu'],
  ['requests keep their buffers alive through garbage collection', 'requests-keep-their-buffers-alive'],
  ['an awaited ping-pong: the progress engine completes and counts each awaited request; an awaited request keeps its status', 'an-awaited-ping-pong-keeps-the-engine-spinning'],
];

describe.each([2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
  const slow = programGroup(SLOW.map(([, p]) => p), np, { nodeArgs: ['--expose-gc'] });
  test.each(SLOW)('%s', (_, program) => slow(program), GROUP_TIMEOUT);
});

describe('MPI4JS_PROGRESS=spin', () => {
  const env = { MPI4JS_PROGRESS: 'spin' };
  test('completes awaited requests too', () => expectProgram('nonblocking-collectives-of-values', 2, { env }));
  // The program asserts the loop's utilization > 90 % here (< 50 % without spin): the engine really spun.
  test('keeps the event loop polling through an awaited receive instead of sleeping', () =>
    expectProgram('idle-wait-costs-little-cpu', 2, { env, comms: 'world' }));
});

describe('MPI4JS_WATCHDOG names what a rank waits for and what is waiting', () => {
  const env = { MPI4JS_WATCHDOG: '1' };
  const line = (call: string, source: number, tag: number) =>
    new RegExp(
      `mpi4js watchdog: rank 0 on \\S+ has waited 1\\.\\d s in ${call}\\(source=${source}, tag=${tag}, comm=MPI_COMM_WORLD\\); ` +
        'waiting to be received: from 1 tag 5 \\(6 bytes\\)',
    );

  test('a typo in the tag of a blocking recv', () => {
    const r = mpirun('watchdog-names-the-wait', 2, { env, args: ['tag'] });
    expectEveryRankOk(r, 2);
    expect(r.stderr).toMatch(line('recv', 1, 6));
  });
  test('a typo in the source of a blocking recv', () => {
    const r = mpirun('watchdog-names-the-wait', 4, { env, args: ['source'] });
    expectEveryRankOk(r, 4);
    expect(r.stderr).toMatch(line('recv', 2, 5));
  });
  test('a typo in the tag of an awaited irecv', () => {
    const r = mpirun('watchdog-names-the-wait', 2, { env, args: ['awaited'] });
    expectEveryRankOk(r, 2);
    expect(r.stderr).toMatch(line('irecv', 1, 6));
  });
  test('MPI4JS_WATCHDOG_ABORT=1 then aborts the job', () => {
    const r = mpirun('watchdog-names-the-wait', 2, { env: { ...env, MPI4JS_WATCHDOG_ABORT: '1' }, args: ['tag'], timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(line('recv', 1, 6));
    expect(r.stderr).toMatch(/MPI4JS_WATCHDOG_ABORT is set: aborting the job/);
    expect(r.seconds).toBeLessThan(10);
  });
});
