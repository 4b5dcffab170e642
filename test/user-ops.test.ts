// User-defined ops (MPI.Op.Create) on buffers: every reduction, every element
// type, rank order, errors on one rank, nonblocking forms and the limit of 32,
// over COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['user ops reduce buffers of every element type', 'user-ops-reduce-buffers-of-every-element-type'],
  ['noncommutative user ops keep rank order', 'noncommutative-user-ops-keep-rank-order'],
  ['a throwing user op fails its rank only', 'a-throwing-user-op-fails-its-rank-only'],
  ['user ops in nonblocking reductions', 'user-ops-in-nonblocking-reductions'],
  ['Op.Create, Free and the limit of 32', 'op-create-free-and-limits'],
];

describe.each([1, 2, 3, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

test('the watchdog does not probe while a user op may run (MPI could run it on the watchdog thread)', () => {
  const r = mpirun('the-watchdog-does-not-probe-while-a-user-op-may-run', 2, { env: { MPI4JS_WATCHDOG: '1' }, comms: 'world' });
  expectEveryRankOk(r, 2);
  expect(r.stderr).toMatch(
    /mpi4js watchdog: rank 0 on \S+ has waited \d+\.\d s in Recv\(source=1, tag=5, comm=MPI_COMM_WORLD\); messages waiting: unknown \(a user reduction op may run\)/,
  );
});
