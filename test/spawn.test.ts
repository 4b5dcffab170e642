// Dynamic processes under mpirun: 1, 2 and 4 parent ranks spawn Node programs
// (Spawn, Spawn_multiple), talk to them, accept their Connect on a port
// published by name, and disconnect; UNIVERSE_SIZE and APPNUM on both sides.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Spawn, Spawn_multiple, Get_parent, ports, names, Accept/Connect and Disconnect', 'spawn-connect-and-names'],
  ['Comm.Join over a connected TCP socket', 'join-over-a-socket'],
];

describe.each([1, 2, 4])('on %i parent ranks', (np) => {
  // Each parent starts 5 Node children per communicator: on a loaded 2-core machine that takes minutes at worst.
  const check = programGroup(PROGRAMS.map(([, p]) => p), np, { timeout: 300_000 });
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
