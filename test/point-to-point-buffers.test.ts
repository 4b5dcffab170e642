// Uppercase point-to-point: typed arrays, Buffers and DataViews, no copies; over
// COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['buffers of every element type, in every spec form', 'buffers-of-every-element-type'],
  ['Isend, Irecv and Issend with Wait, Waitall, Waitany, Waitsome, Testsome and await', 'nonblocking-buffers'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
