// Communicators, groups and topologies, derived from COMM_SELF, COMM_WORLD, a
// Dup and a Split (one launch per size).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Dup, Split, Split_type, Compare, Free and groups', 'communicator-management'],
  ['Cartesian topologies', 'cartesian-topology'],
  ['Free makes a handle null; a null or stale handle is MPI.Exception', 'freed-handles-become-null'],
  ['REQUEST_NULL, Status setters, Cartcomm.Dup and a freed communicator', 'null-request-status-setters-and-freed-comms'],
  ['coords, remain_dims and group ranks are checked against the topology and the group', 'topology-and-group-arguments-are-checked'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
