// Intercommunicators: two groups of the harness communicators joined by
// Create_intercomm, Merge, remote groups, and every collective across them
// (one launch per size; on 1 rank the program asserts why it cannot run).
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Create_intercomm, Merge, remote groups and every collective across two groups', 'intercommunicators'],
  ['the lowercase nonblocking collectives across two groups', 'intercomm-nonblocking-collectives-of-values'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
