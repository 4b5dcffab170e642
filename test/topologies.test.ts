// Topologies and the neighbour collectives (issue 13): graphs, distributed
// graphs and Cartesian grids over COMM_SELF, COMM_WORLD, a Dup and a Split.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['graphs: queries and every neighbour collective on a ring and a star', 'graph-topologies'],
  ['distributed graphs, weighted and not: queries and every neighbour collective', 'distributed-graph-topologies'],
  ['Cartesian grids: neighbours, every neighbour collective, Cart_map', 'cartesian-neighbor-exchange'],
  ['graph constructors and neighbour buffers are checked before MPI runs', 'topology-constructors-and-neighbor-buffers-are-checked'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
