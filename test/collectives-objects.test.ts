// Lowercase collectives: JavaScript values across the communicator, over
// COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['bcast from every root', 'bcast-from-every-root'],
  ['scatter and gather from every root', 'scatter-and-gather-from-every-root'],
  ['allgather and alltoall', 'allgather-and-alltoall'],
  ['reduce and allreduce with every op at every root', 'reduce-with-every-op-at-every-root'],
  ['scan and exscan', 'scan-and-exscan'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
