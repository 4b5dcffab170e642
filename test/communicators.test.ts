// Communicators, groups and topologies.
import { expectProgram } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('Dup, Split, Split_type, Compare, Free and groups', () => expectProgram('communicator-management', np));
  test('Cartesian topologies', () => expectProgram('cartesian-topology', np));
});
