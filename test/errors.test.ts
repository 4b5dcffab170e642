// Errors: MPI's as MPI.Exception, bad arguments as TypeError/RangeError, and a
// failing rank ending the whole job instead of hanging it.
import * as A from '../lib/args';
import { native } from '../lib/native';
import { datatypeOfKind, DOUBLE, inferDatatype, toDatatype } from '../lib/datatype';
import { BAND, LOR, MAX, Op as MPI_Op, SUM, toCombine } from '../lib/op';
import { expectProgram, GROUP_TIMEOUT, mpirun, node, programGroup } from './mpirun';

describe('the argument normalizer (in-process)', () => {
  test('a required first option (dest) is never filled in', () => {
    const SEND = { dest: undefined as unknown as number, tag: 0 };
    expect(() => A.options('send', undefined, SEND)).toThrow(new TypeError('send: dest is required'));
    expect(A.options('send', {}, SEND)).toEqual({ dest: undefined, tag: 0 }); // A.dest then refuses it
    expect(() => A.dest('send', undefined, 4)).toThrow(new TypeError('send: dest is required'));
  });
  test('MPI.IN_PLACE is not an options object', () => {
    expect(A.isOptions(native.IN_PLACE)).toBe(false);
    expect(() => A.options('recv', native.IN_PLACE, { source: -1, tag: -1 })).toThrow(
      new TypeError('recv: expecting source as a number or an options object {source, tag}, got MPI.IN_PLACE'),
    );
  });
  test('integer lists: arrays or typed arrays of C ints, each checked by index', () => {
    expect(A.ints('f', 'ranks', [0, 3])).toEqual(Int32Array.of(0, 3));
    expect(A.ints('f', 'ranks', Int8Array.of(-1))).toEqual(Int32Array.of(-1));
    expect(() => A.ints('f', 'ranks', '01')).toThrow(new TypeError('f: ranks must be an array, got string'));
    expect(() => A.ints('f', 'ranks', { length: 1, 0: 0 })).toThrow(new TypeError('f: ranks must be an array, got object'));
    expect(() => A.ints('f', 'ranks', [0, '1'])).toThrow(new TypeError('f: ranks[1] must be an integer, got string'));
    expect(() => A.ints('f', 'ranks', [2 ** 31])).toThrow(new RangeError('f: ranks[0] 2147483648 does not fit in a C int'));
  });
  test('flag lists and lengths fixed by the topology', () => {
    expect(A.flags('Sub', 'remain_dims', [true, 0, 2])).toEqual(Int32Array.of(1, 0, 1));
    expect(() => A.flags('Sub', 'remain_dims', [null])).toThrow(new TypeError('Sub: remain_dims[0] must be a boolean, got null'));
    expect(() => A.length('Sub', 'remain_dims', [1], 3, 'one per dimension')).toThrow(
      new RangeError('Sub: remain_dims has 1 entries, expected 3 (one per dimension)'),
    );
    expect(() => A.length('Sub', 'remain_dims', [1, 0, 1], 3, 'one per dimension')).not.toThrow();
  });
  test('group ranks: in range, PROC_NULL only where allowed, distinct where required', () => {
    expect(A.groupRanks('Incl', [2, 0], 3, { distinct: true })).toEqual(Int32Array.of(2, 0));
    expect(() => A.groupRanks('Incl', [0, 0], 3, { distinct: true })).toThrow(/^Incl: .*ranks\[1\] = 0 is repeated/);
    expect(() => A.groupRanks('Incl', [3], 3, { distinct: true })).toThrow(/^Incl: .*ranks\[0\] = 3 is not a rank of a group of size 3/);
    const procNull = native.environment.constants.PROC_NULL;
    expect(A.groupRanks('Translate_ranks', [procNull, 1], 2, { procNull: true })).toEqual(Int32Array.of(procNull, 1));
    expect(() => A.groupRanks('Incl', [procNull], 2, {})).toThrow(/is not a rank/);
  });
});

describe('messages name the call, the argument and what was given (in-process)', () => {
  test('describe says what a value is, and never throws', () => {
    const detachedView = new Float64Array(2);
    structuredClone(detachedView.buffer, { transfer: [detachedView.buffer] });
    expect([null, undefined, 1.5, 'x', 1n, [], {}, Object.create(null), new Date(0), detachedView, native.IN_PLACE, SUM].map(A.describe)).toEqual([
      'null', 'undefined', '1.5', 'string', 'bigint', 'array', 'object', 'object', 'Date', 'Float64Array', 'MPI.IN_PLACE', 'MPI.Op',
    ]);
    expect(A.describe(Symbol('s'))).toBe('symbol');
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); } });
    expect(A.describe(hostile)).toBe('object');
  });
  test('one count reader: a C int by default, an MPI_Count when large', () => {
    expect(A.count('f', 'count', -0)).toBe(0);
    expect(() => A.count('f', 'count', -1)).toThrow(new RangeError('f: count -1 is negative'));
    expect(() => A.count('f', 'count', 2 ** 31)).toThrow(new RangeError('f: count 2147483648 does not fit in a C int (MPI counts are at most 2**31-1)'));
    expect(A.count('f', 'count', 2 ** 31, true)).toBe(2 ** 31);
    expect(() => A.count('f', 'count', 2 ** 53, true)).toThrow(new RangeError('f: count 9007199254740992 is out of range (0 to 2**53-1)'));
    expect(() => A.count('f', 'count', '1')).toThrow(new TypeError('f: count must be an integer, got string'));
  });
  test('datatype helpers name the call that uses them', () => {
    expect(toDatatype('d', 'Send: buf')).toBe(DOUBLE);
    expect(() => toDatatype('zz' as never, 'Send: buf')).toThrow(new TypeError(`Send: buf: datatype must be an MPI.Datatype or a typecode ('i', 'd', 'u1', …), got "zz"`));
    expect(() => toDatatype(1n as never)).toThrow(/^toDatatype: datatype must be .*, got bigint$/);
    expect(() => toDatatype('toString' as never)).toThrow(/^toDatatype: .*got "toString"$/);
    expect(() => inferDatatype([] as never, 'Bcast: buf')).toThrow(new TypeError('Bcast: buf: expecting a TypedArray, Buffer or DataView, got array'));
    expect(() => datatypeOfKind(Symbol('k') as never)).toThrow(/^datatypeOfKind: kind must be the name of a typed array kind, got symbol$/);
    expect(() => datatypeOfKind('Float16Array', 'Send: buf')).toThrow(/^Send: buf: cannot infer an MPI datatype for a Float16Array: MPI has no 16-bit float/);
  });
  test('a predefined op refusing its operands in a reduction names the reduction', () => {
    expect(() => toCombine(SUM, 'allreduce')({ a: 1 }, { a: 1 })).toThrow(new TypeError('allreduce: MPI.SUM: unsupported operand types Object and Object'));
    expect(() => toCombine(SUM, 'scan')([1], [1, 2])).toThrow(new RangeError('scan: MPI.SUM: reduction of arrays of lengths 1 and 2'));
    expect(() => toCombine(3 as never)).toThrow(/^toCombine: op must be an MPI.Op or a function \(a, b\) => result, got 3$/);
    // A user's function gets its two operands and undefined for the datatype (mpi4py passes None).
    const seen: unknown[][] = [];
    const op = MPI_Op.Create((...args: unknown[]) => seen.push(args));
    toCombine(op, 'reduce')(1, 2);
    expect(seen).toEqual([[1, 2, undefined]]);
    op.Free();
  });
});

describe('predefined ops combine what Python would, and refuse the rest (in-process)', () => {
  test('unsupported operand types are a TypeError naming the op', () => {
    expect(() => SUM.combine({ a: 1 }, { a: 1 })).toThrow(new TypeError('MPI.SUM: unsupported operand types Object and Object'));
    expect(() => SUM.combine(true, true)).toThrow(new TypeError('MPI.SUM: unsupported operand types boolean and boolean'));
    expect(() => SUM.combine(Float64Array.of(1), BigInt64Array.of(1n))).toThrow(new TypeError('MPI.SUM: unsupported operand types number and bigint'));
    expect(() => BAND.combine(1, 0.5)).toThrow(new TypeError('MPI.BAND: unsupported operand types number and number'));
    expect(() => MAX.combine('a', 1)).toThrow(new TypeError('MPI.MAX: unsupported operand types string and number'));
  });
  test('numbers, bigints, strings where Python allows, element by element on arrays', () => {
    expect(SUM.combine(1, 2)).toBe(3);
    expect(SUM.combine(1n, 2n)).toBe(3n);
    expect(SUM.combine('a', 'b')).toBe('ab');
    expect(SUM.combine(Int32Array.of(1, 2), Int32Array.of(3, 4))).toEqual(Int32Array.of(4, 6));
    expect(MAX.combine('b', 'a')).toBe('b');
    expect(MAX.combine(1, 2n)).toBe(2n);
    expect(BAND.combine(6n, 3n)).toBe(2n);
    expect(LOR.combine(null, [])).toBe(true);
  });
});

// Over COMM_SELF, COMM_WORLD, a Dup and a Split, one launch per size.
const PROGRAMS: [string, string][] = [
  ['a too-small receive buffer is MPI.Exception ERR_TRUNCATE and the rank lives on', 'truncation-is-an-exception'],
  ["bad arguments are clear TypeErrors, RangeErrors and, for ranks, roots and tags, MPI.Exception of mpi4py's class", 'bad-arguments-are-clear-errors'],
  ['a handle of the wrong kind is a TypeError naming the call and argument', 'handles-are-checked-for-their-kind'],
  [
    'invalid input is refused, not guessed: a missing dest, IN_PLACE outside collectives, ops on values they cannot combine, non-requests, Compute_dims bounded',
    'invalid-input-is-refused-not-guessed',
  ],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
  // It finalizes MPI: over COMM_WORLD alone, in a launch of its own.
  test('after Finalize, MPI calls are clear errors and an awaited request rejects', () =>
    expectProgram('calls-after-finalize-are-refused', np));
});

describe.each([2, 4])('a failing rank ends the job on %i ranks', (np) => {
  test('an uncaught exception aborts every rank within seconds', () => {
    const r = mpirun('uncaught-exception-aborts-the-job', np, { timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull(); // not killed by the test's timeout
    expect(r.stderr).toMatch(new RegExp(`mpi4js: rank 1 of ${np} on \\S+ \\(pid \\d+\\) died of an uncaught exception`));
    expect(r.stderr).toMatch(/deliberate failure on this rank/);
    expect(r.seconds).toBeLessThan(15);
  });
  test('an unhandled rejection aborts every rank within seconds', () => {
    const r = mpirun('unhandled-rejection-aborts-the-job', np, { timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toMatch(new RegExp(`rank ${np - 1} of ${np} .* died of an unhandled rejection`));
    expect(r.stderr).toMatch(/RangeError: deliberate rejection/);
    expect(r.seconds).toBeLessThan(15);
  });
});

test.each([1, 2, 4])('comm.Abort(7) ends every one of %i ranks with exit code 7', (np) => {
  const r = mpirun('abort-ends-the-job', np, { timeout: 60_000 });
  expect(r.code).toBe(7); // mpirun passes on the errorcode (its own message is not always printed)
  expect(r.seconds).toBeLessThan(15);
});

test('MPI4JS_ABORT_ON_ERROR=0 leaves an uncaught exception to Node', () => {
  const r = node('abort-opt-out', { env: { MPI4JS_ABORT_ON_ERROR: '0' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/Error: plain failure/);
  expect(r.stderr).not.toMatch(/MPI_ABORT/);
});
