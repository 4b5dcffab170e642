// Datatype Pack/Unpack and external32, addresses, envelopes, contents and
// decode, Match_size and the f90 types, over COMM_SELF, COMM_WORLD, a Dup and a
// Split (one launch per size). decode's pure part: test/typedecode.test.ts.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Pack and Unpack match hand-made bytes, external32 is big-endian, a packed message crosses the ring, bad inputs are clear errors', 'pack-and-unpack'],
  ['decode, Get_envelope and Get_contents round-trip through the constructors', 'datatype-decode-round-trips'],
  ['Match_size and the f90 types are shared, never freed, and usable', 'f90-types-and-match-size'],
];

describe.each([1, 2, 3, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
