// Exact integers (issue 11): the argument normalizer's checks in-process, and
// every kind of integer argument on every rank, over COMM_WORLD and a Dup.
import * as A from '../lib/args';
import { inexpressible, message, messageV } from '../lib/buffer';
import { ERR_RANK, ERR_ROOT, ERR_TAG } from '../lib/constants';
import { INT } from '../lib/datatype';
import { expectProgram } from './mpirun';

const UB = 32767; // the least TAG_UB MPI allows; passed explicitly, so no MPI is needed
const BAD_TYPES: [unknown, string][] = [
  [1.5, '1.5'],
  [Number.NaN, 'NaN'],
  [Infinity, 'Infinity'],
  [-Infinity, '-Infinity'],
  ['3', 'string'],
  [undefined, 'undefined'],
  [3n, 'bigint'],
];

describe('the argument normalizer (in-process)', () => {
  test.each(BAD_TYPES)('a tag of %p is a TypeError naming the call and argument', (v, shown) => {
    expect(() => A.sendTag('Send', v, UB)).toThrow(new TypeError(`Send: tag must be an integer, got ${shown}`));
    expect(() => A.recvTag('Recv', v, UB)).toThrow(new TypeError(`Recv: tag must be an integer, got ${shown}`));
  });
  test('a tag above TAG_UB or negative is MPI.Exception ERR_TAG (as mpi4py); one no C int holds a RangeError, never wrapped', () => {
    expect(A.sendTag('Send', UB, UB)).toBe(UB);
    expect(() => A.sendTag('Send', UB + 1, UB)).toThrow(expect.objectContaining({ error_class: ERR_TAG, message: expect.stringMatching(`^Send: MPI_ERR_TAG: tag ${UB + 1} is above MPI.TAG_UB \\(${UB}\\)`) }));
    expect(() => A.sendTag('Send', 2 ** 32 + 5, UB)).toThrow(new RangeError('Send: tag 4294967301 does not fit in a C int'));
    expect(() => A.recvTag('Recv', 2 ** 53, UB)).toThrow(RangeError);
    expect(() => A.sendTag('Send', -1, UB)).toThrow(expect.objectContaining({ error_class: ERR_TAG, message: expect.stringMatching(/^Send: MPI_ERR_TAG: tag -1 is negative/) }));
    expect(() => A.recvTag('Recv', -5, UB)).toThrow(expect.objectContaining({ error_class: ERR_TAG }));
  });
  test('-0 is the integer 0', () => {
    expect(A.sendTag('Send', -0, UB)).toBe(0);
    expect(A.int('Split', 'color', -0)).toBe(0);
    expect(A.count('Create_contiguous', 'count', -0)).toBe(0);
  });
  test('ranks are checked against the communicator size', () => {
    expect(() => A.dest('send', 2 ** 32 + 1, 2)).toThrow(new RangeError('send: dest 4294967297 does not fit in a C int'));
    expect(() => A.root('bcast', 2 ** 53, 2)).toThrow(RangeError);
    expect(() => A.dest('send', 2, 2)).toThrow(expect.objectContaining({ error_class: ERR_RANK, message: expect.stringMatching(/^send: MPI_ERR_RANK: dest 2 is out of range for a communicator of size 2/) }));
    expect(() => A.source('recv', -7, 2)).toThrow(expect.objectContaining({ error_class: ERR_RANK }));
    expect(() => A.root('bcast', 2, 2)).toThrow(expect.objectContaining({ error_class: ERR_ROOT, message: expect.stringMatching(/^bcast: MPI_ERR_ROOT: root 2 is out of range/) }));
    expect(() => A.source('recv', Number.NaN, 2)).toThrow(new TypeError('recv: source must be an integer, got NaN'));
  });
  test('C ints and counts', () => {
    expect(A.int('Split', 'color', 2 ** 31 - 1)).toBe(2 ** 31 - 1);
    expect(A.int('Split', 'color', -(2 ** 31))).toBe(-(2 ** 31));
    expect(() => A.int('Split', 'color', 2 ** 31)).toThrow(new RangeError('Split: color 2147483648 does not fit in a C int'));
    expect(() => A.int('Split', 'key', -(2 ** 31) - 1)).toThrow(RangeError);
    expect(() => A.count('Create_contiguous', 'count', 2 ** 32 + 5)).toThrow(/^Create_contiguous: count 4294967301 does not fit in a C int/);
    expect(() => A.count('Create_vector', 'blocklength', -1)).toThrow(new RangeError('Create_vector: blocklength -1 is negative'));
    expect(() => A.aint('Create_resized', 'extent', 2 ** 53)).toThrow(RangeError);
    expect(A.aint('Create_resized', 'lb', -(2 ** 40))).toBe(-(2 ** 40));
  });
  test('lists of ints: each item checked, never wrapped by Int32Array.from', () => {
    expect(Array.from(A.ints('Create_cart', 'dims', [1, 0]))).toEqual([1, 0]);
    expect(() => A.ints('Incl', 'ranks', [0, 2 ** 32])).toThrow(new RangeError('Incl: ranks[1] 4294967296 does not fit in a C int'));
    expect(() => A.ints('Incl', 'ranks', [0.5])).toThrow(new TypeError('Incl: ranks[0] must be an integer, got 0.5'));
    expect(() => A.ints('Incl', 'ranks', 5)).toThrow(new TypeError('Incl: ranks must be an array, got 5'));
    // group ranks out of the group: MPI.Exception ERR_RANK, as MPI (and mpi4py) report it
    expect(Array.from(A.groupRanks('Incl', [1, 0], 2, { distinct: true }))).toEqual([1, 0]);
    expect(() => A.groupRanks('Incl', [2], 2, {})).toThrow(expect.objectContaining({ name: 'MPI.Exception', error_class: ERR_RANK }));
    expect(() => A.groupRanks('Incl', [2], 2, {})).toThrow(/^Incl: MPI_ERR_RANK: ranks\[0\] = 2 is not a rank of a group of size 2/);
    expect(Array.from(A.groupRanks('Translate_ranks', [-2], 2, { procNull: true }))).toEqual([-2]);
  });
});

describe('v-variant counts and displacements (in-process)', () => {
  const buf = new Int32Array(12);
  test('counts that do not fit an int are RangeErrors naming the call', () => {
    expect(() => messageV([buf, 2 ** 32 + 4, INT], 3, 'Allgatherv')).toThrow(/^Allgatherv: count 4294967300 does not fit in a C int/);
    expect(() => messageV([buf, [4, 2 ** 32 + 4, 4], INT], 3, 'Gatherv')).toThrow(/^Gatherv: counts\[1\] 4294967300 does not fit/);
    expect(() => messageV([buf, [4, 4, 4], [0, 4, 2 ** 32 + 8], INT], 3, 'Scatterv')).toThrow(/^Scatterv: displacements\[2\] 4294967304 does not fit/);
    expect(() => messageV([buf, [4, 1.5, 4], INT], 3, 'Alltoallv')).toThrow(new TypeError('Alltoallv: counts[1] must be an integer, got 1.5'));
  });
  test('displacement prefix sums are checked, not wrapped', () => {
    // Each count fits an int; their running sum does not.
    const max = 2 ** 31 - 1;
    expect(() => messageV([buf, [max, max, 1], INT], 3, 'Gatherv')).toThrow(
      /^Gatherv: displacement of rank 2 \(the sum of the counts before it\) 4294967294 does not fit in a C int/,
    );
    expect(() => messageV([buf, [[4, 4, 4], 2 ** 30], INT], 3, 'Gatherv')).toThrow(/^Gatherv: displacement of rank 2 \(2 × stride 1073741824\) 2147483648 does not fit/);
    const ok = messageV([buf, [4, 4, 4], INT], 3, 'Gatherv');
    expect(Array.from(ok.displs!)).toEqual([0, 4, 8]);
  });
});

describe('buffer counts beyond a C int (in-process)', () => {
  const buf = new Int32Array(4);
  test('a BufSpec count is exact up to 2**53-1 (the addon then checks the buffer holds it)', () => {
    expect(message([buf, 2 ** 31, INT], false, 'Send: buf').count).toBe(2 ** 31);
    expect(message([buf, 2 ** 53 - 1, INT], false, 'Send: buf').count).toBe(2 ** 53 - 1);
    expect(message([buf, [2 ** 40, 0], INT], false, 'Send: buf').count).toBe(2 ** 40);
    expect(() => message([buf, 2 ** 53, INT], false, 'Send: buf')).toThrow(new RangeError('Send: buf: count 9007199254740992 is out of range (0 to 2**53-1)'));
    expect(() => message([buf, 2 ** 31 + 0.5, INT], false, 'Send: buf')).toThrow(TypeError);
  });
  test('v-variant counts beyond a C int are marked for the agreement of every rank; other errors are not', () => {
    const caught = (f: () => unknown): Error => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error('nothing thrown');
    };
    const big = caught(() => messageV([buf, [1, 2 ** 31, 1], INT], 3, 'Gatherv'));
    expect(big).toBeInstanceOf(RangeError);
    expect(big.message).toMatch(/^Gatherv: counts\[1\] 2147483648 does not fit in a C int \(the v-variants take int counts and displacements here\)$/);
    expect(inexpressible.has(big)).toBe(true);
    expect(inexpressible.has(caught(() => messageV([buf, [1, 1, 1], [0, 1, 2 ** 31], INT], 3, 'Scatterv')))).toBe(true);
    expect(inexpressible.has(caught(() => messageV([buf, [1, -1, 1], INT], 3, 'Gatherv')))).toBe(false);
    expect(inexpressible.has(caught(() => messageV([buf, [1, 0.5, 1], INT], 3, 'Gatherv')))).toBe(false);
  });
});

describe.each([1, 2, 3])('on %i ranks', (np) => {
  test('every integer argument is exact: 2**32 + 5, 2**53, 1.5, NaN, Infinity are errors naming the call and argument', () =>
    expectProgram('integers-are-exact', np));
});
