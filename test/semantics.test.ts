// mpi4py's semantics (issue 11, item 8): keywords as one options object in place
// of the trailing arguments, mpi4py's error classes for ranks, roots and tags,
// and per-rank explicit counts in collective buffer specs.
import * as A from '../lib/args';
import { message } from '../lib/buffer';
import { COMM_NULL } from '../lib/comm';
import { ERR_RANK, ERR_ROOT, ERR_TAG } from '../lib/constants';
import { INT } from '../lib/datatype';
import { MPIException } from '../lib/errors';
import { native } from '../lib/native';
import { expectProgram } from './mpirun';

test('loading the communicator classes leaves MPI uninitialised (only lib/environment.ts starts it)', () => {
  // Else this jest process would be an MPI singleton, and every mpirun it starts later fails.
  expect(COMM_NULL.handle).toBeDefined();
  expect(native.environment.isInitialized()).toBe(false);
});

describe('the trailing-argument normalizer (in-process)', () => {
  const RECV = { source: -1, tag: -1, status: undefined as unknown, timeout: undefined as number | undefined };
  test('positional values, defaults for the rest', () => {
    expect(A.trailing('recv', RECV, [])).toEqual({ source: -1, tag: -1, status: undefined, timeout: undefined });
    expect(A.trailing('recv', RECV, [3, undefined])).toEqual({ source: 3, tag: -1, status: undefined, timeout: undefined });
    expect(A.trailing('recv', RECV, [3, 4])).toEqual({ source: 3, tag: 4, status: undefined, timeout: undefined });
  });
  test('an options object at any position stands for its parameter and every later one', () => {
    expect(A.trailing('recv', RECV, [{ tag: 4, source: 2 }])).toMatchObject({ source: 2, tag: 4 });
    expect(A.trailing('recv', RECV, [2, { tag: 4, timeout: 10 }])).toMatchObject({ source: 2, tag: 4, timeout: 10 });
    expect(A.trailing('recv', RECV, [2, 4, { timeout: 10 }])).toMatchObject({ source: 2, tag: 4, timeout: 10 });
    expect(A.trailing('recv', RECV, [undefined, { tag: 4 }])).toMatchObject({ source: -1, tag: 4 });
    expect(A.trailing('Split', { color: 0, key: 0 }, [1, { key: undefined }])).toEqual({ color: 1, key: 0 });
    expect(A.trailing('Split', { color: 0, key: 0 }, [Object.assign(Object.create(null), { key: 2 })])).toEqual({ color: 0, key: 2 });
  });
  test('refused: unknown names, a name also given by position, an argument after the options object', () => {
    expect(() => A.trailing('recv', RECV, [2, { tga: 4 }])).toThrow(new TypeError("recv: unexpected option 'tga' (expected tag, status, timeout)"));
    expect(() => A.trailing('recv', RECV, [2, { source: 4 }])).toThrow(new TypeError('recv: source is given twice, by position and in the options object'));
    expect(() => A.trailing('recv', RECV, [{ source: 2 }, 4])).toThrow(new TypeError('recv: tag cannot follow the options object; pass it inside it'));
  });
  test('typed arrays, arrays, handles and MPI.IN_PLACE are values, never options', () => {
    const periods = [true];
    expect(A.trailing('Create_cart', { dims: undefined as unknown, periods: undefined as unknown }, [[2], periods])).toEqual({ dims: [2], periods });
    expect(A.trailing('Sendrecv', { dest: 0, recvbuf: null as unknown }, [1, native.IN_PLACE])).toEqual({ dest: 1, recvbuf: native.IN_PLACE });
    expect(A.trailing('Get_count', { datatype: undefined as unknown }, [INT])).toEqual({ datatype: INT });
  });
});

describe('ranks, roots and tags raise what mpi4py raises (in-process)', () => {
  const cases: [string, () => unknown, number, RegExp][] = [
    ['dest 4 of 4', () => A.dest('send', 4, 4), ERR_RANK, /^send: MPI_ERR_RANK: dest 4 is out of range for a communicator of size 4/],
    ['source -5', () => A.source('Recv', -5, 4), ERR_RANK, /^Recv: MPI_ERR_RANK: source -5 is out of range/],
    ['root 4 of 4', () => A.root('Bcast', 4, 4), ERR_ROOT, /^Bcast: MPI_ERR_ROOT: root 4 is out of range/],
    ['root -1', () => A.root('bcast', -1, 4), ERR_ROOT, /^bcast: MPI_ERR_ROOT: root -1/],
    ['send tag -1 (ANY_TAG)', () => A.sendTag('send', -1, 32767), ERR_TAG, /^send: MPI_ERR_TAG: tag -1 is negative/],
    ['recv tag -5', () => A.recvTag('recv', -5, 32767), ERR_TAG, /^recv: MPI_ERR_TAG: tag -5 is negative/],
    ['tag above TAG_UB', () => A.sendTag('Send', 32768, 32767), ERR_TAG, /^Send: MPI_ERR_TAG: tag 32768 is above MPI.TAG_UB \(32767\)/],
  ];
  // (MPI's error string is checked under mpirun: MPI is not initialised in-process.)
  test.each(cases)('%s: MPI.Exception of its class, the call and argument named', (_, f, cls, re) => {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MPIException);
    const e = caught as MPIException;
    expect(e.Get_error_class()).toBe(cls);
    expect(e.message).toMatch(re);
  });
  test('on a null communicator: ERR_COMM naming the call', () => {
    const nullComm = { name: 'MPI.Exception', error_class: native.environment.constants.ERR_COMM };
    expect(() => COMM_NULL.send(1, 0)).toThrow(expect.objectContaining({ ...nullComm, message: expect.stringMatching(/^send: MPI_ERR_COMM: the communicator is MPI\.COMM_NULL/) }));
    expect(() => COMM_NULL.Recv(new Int32Array(1), 0)).toThrow(expect.objectContaining({ ...nullComm, message: expect.stringMatching(/^Recv: MPI_ERR_COMM: /) }));
    expect(() => COMM_NULL.size).toThrow(expect.objectContaining({ ...nullComm, message: expect.stringMatching(/^Comm\.size: MPI_ERR_COMM: /) }));
  });
  test('an integer no C int holds is a RangeError (OverflowError), a non-integer a TypeError', () => {
    expect(() => A.dest('send', 2 ** 31, 4)).toThrow(new RangeError('send: dest 2147483648 does not fit in a C int'));
    expect(() => A.root('bcast', -(2 ** 31) - 1, 4)).toThrow(new RangeError('bcast: root -2147483649 does not fit in a C int'));
    expect(() => A.sendTag('send', 2 ** 40, 32767)).toThrow(new RangeError('send: tag 1099511627776 does not fit in a C int'));
    expect(() => A.source('recv', '1', 4)).toThrow(new TypeError('recv: source must be an integer, got string'));
  });
});

// In-process, MPI is not initialised, so no datatype extent can be read: these
// specs are the ones resolved without one (typed arrays, explicit counts);
// inferred counts with a datatype are covered under mpirun.
describe('collective buffer specs: explicit counts are per block (in-process)', () => {
  const ints = new Int32Array(8);
  test('an explicit count is the count per block, whatever the number of blocks', () => {
    expect(message([ints, 1, INT], false, 'Gather: recvbuf', 4)).toMatchObject({ count: 1, datatype: INT });
    expect(message([ints, 3], false, 'Gather: recvbuf', 4).count).toBe(3);
    expect(message([ints, 5, INT], false, 'Gather: recvbuf', 1).count).toBe(5);
  });
  test('an inferred count is the items divided by the blocks', () => {
    expect(message(ints, false, 'Gather: recvbuf', 4).count).toBe(2);
    expect(message(new Float64Array(6), false, 'Gather: recvbuf', 3).count).toBe(2);
    expect(message(new Uint8Array(ints.buffer), false, 'Gather: recvbuf', 4).count).toBe(8); // 32 bytes in 4 blocks
    expect(message(ints).count).toBe(8);
    expect(message(ints, false, 'Gather: recvbuf', 1).count).toBe(8);
  });
  test('items that do not divide into the blocks are a RangeError', () => {
    expect(() => message(new Int32Array(5), false, 'Gather: recvbuf', 2)).toThrow(
      new RangeError('Gather: recvbuf: cannot infer count, number of entries 5 is not a multiple of required number of blocks 2'),
    );
    expect(() => message(new Float64Array(6), false, 'Gather: recvbuf', 4)).toThrow(/number of entries 6 is not a multiple of required number of blocks 4/);
  });
});

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('options stand in for the trailing keyword arguments of every call, named as mpi4py names them', () =>
    expectProgram('options-stand-in-for-trailing-keyword-arguments', np));
  test("ranks, roots and tags out of range raise MPI.Exception of mpi4py's class; too large integers RangeError; wrong types TypeError", () =>
    expectProgram('ranks-roots-and-tags-raise-mpi4pys-error-classes', np));
  test('explicit counts in collective buffer specs are per rank, as mpi4py reads them', () =>
    expectProgram('explicit-counts-in-collective-buffers-are-per-rank', np));
});
