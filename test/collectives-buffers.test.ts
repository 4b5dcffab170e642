// Uppercase collectives on buffers, over COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Bcast, Scatter, Gather, Allgather, Alltoall from every root, with IN_PLACE', 'buffer-collectives-from-every-root'],
  ['Scatterv, Gatherv, Allgatherv, Alltoallv', 'vector-collectives'],
  ['Reduce, Allreduce, Reduce_scatter_block, Scan, Exscan with every op', 'buffer-reductions'],
  ['nonblocking collectives, waited and awaited', 'nonblocking-collectives'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
