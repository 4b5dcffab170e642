// Communicators, groups and topologies.
import { expectProgram } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('Dup, Split, Split_type, Compare, Free and groups', () => expectProgram('communicator-management', np));
  test('Cartesian topologies', () => expectProgram('cartesian-topology', np));
  test('Free makes a handle null; a null or stale handle is MPI.Exception', () => expectProgram('freed-handles-become-null', np));
  test('REQUEST_NULL, Status setters, Cartcomm.Dup and a freed communicator', () =>
    expectProgram('null-request-status-setters-and-freed-comms', np));
  test('coords, remain_dims and group ranks are checked against the topology and the group', () =>
    expectProgram('topology-and-group-arguments-are-checked', np));
});
