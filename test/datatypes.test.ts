// Derived datatypes (issue 12): the constructors' layouts, derived types in every
// buffer call, the errors of bad datatype input, the predefined constants — under
// mpirun over COMM_SELF, COMM_WORLD, a Dup and a Split, on 1 to 4 ranks (one
// launch per size) — and the bounds arithmetic of the buffer check in process.
import { native } from '../lib/native';
import { GROUP_TIMEOUT, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['every constructor matches its hand-computed layout', 'datatype-constructors-match-hand-computed-layouts'],
  ['derived datatypes work in every buffer call', 'derived-datatypes-in-every-buffer-call'],
  ['bad datatype input is a clear error and the rank goes on', 'bad-datatype-inputs-are-clear-errors'],
  ['the predefined datatypes are the constants', 'predefined-datatypes-are-the-constants'],
];

describe.each([1, 2, 3, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

describe('the bounds rule: [true_lb, true_lb + (count − 1)·extent + true_extent) from the offset (in-process)', () => {
  const need = native.buffer.requiredBytes;
  test('an offset moves every item (a v-variant block at displs[r]·extent)', () => {
    expect(need(0, 8, 8, 3, 0)).toBe(24);
    expect(need(0, 8, 8, 3, 16)).toBe(40);
    // a matrix column (3 rows of 4 doubles, resized to 8 bytes): the 2nd column from the start, one item
    expect(need(0, 8, 72, 1, 8)).toBe(80);
    // count 0 needs nothing, wherever it is
    expect(need(0, 8, 8, 0, 1e6)).toBe(0);
  });
  test('data reaching before the buffer is refused, but an offset can make up for a negative true_lb', () => {
    expect(need(-8, 16, 8, 1, 0)).toBe(-1);
    expect(need(-8, 16, 8, 1, 8)).toBe(8);
    // a negative extent: the last item comes first
    expect(need(0, -16, 8, 3, 32)).toBe(40);
    expect(need(0, -16, 8, 3, 16)).toBe(-1);
    expect(need(0, 8, 8, 1, -8)).toBe(-1);
  });
  test('overflow anywhere in the sum is reported, not wrapped', () => {
    expect(need(0, 8, 8, 2, 2 ** 53 - 1)).toBe(2 ** 53 + 15);
    expect(need(2 ** 40, 8, 8, 2, 2 ** 40)).toBe(2 ** 41 + 16);
    // (count − 1)·extent = 2047·2**53, beyond 2**63
    expect(need(0, 2 ** 53, 8, 2 ** 11, 2 ** 53)).toBe(-2);
    // offset + true_lb beyond 2**63
    expect(need(2 ** 62, 8, 8, 1, 2 ** 62)).toBe(-2);
    expect(need(0, 2 ** 52, 2 ** 52, 2 ** 11 + 1, 0)).toBe(-2); // 2048·2**52 = 2**63
  });
  test('its arguments are exact integers', () => {
    // (The addon's errors come from Node's realm, not jest's: matched by message.)
    expect(() => need(0, 8, 8, 1.5)).toThrow(/^requiredBytes: count must be an integer, got 1.5$/);
    expect(() => need(0, 8, 8, 1, Number.NaN)).toThrow(/requiredBytes: offset must be an integer/);
    expect(() => need(0, 8, 8, 2 ** 64)).toThrow(/^requiredBytes: count \d+ is out of range/);
  });
});
