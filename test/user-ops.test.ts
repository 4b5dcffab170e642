// User-defined ops (MPI.Op.Create) on buffers: every reduction, every element
// type, rank order, errors on one rank, nonblocking forms and the limit of 32,
// over COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

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
