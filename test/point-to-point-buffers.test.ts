// Uppercase point-to-point: typed arrays, Buffers and DataViews, no copies; over
// COMM_SELF, COMM_WORLD, a Dup and a Split (one launch per size).
import { message, reducedDatatype, typedDatatype } from '../lib/buffer';
import { BYTE, DOUBLE, INT8_T, UINT8_T } from '../lib/datatype';
import { GROUP_TIMEOUT, programGroup } from './mpirun';

describe("the fast paths' resolver is the resolver's typed-array case (in-process)", () => {
  class Doubles extends Float64Array {}
  const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  test.each(kinds.map((k) => [k.name, k] as const))('%s: its length of the datatype message() infers', (_, Kind) => {
    const view = new Kind(new ArrayBuffer(48), 8, 3);
    const m = message(view);
    expect({ datatype: typedDatatype(view), count: view.length }).toEqual({ datatype: m.datatype, count: m.count });
    expect(typedDatatype(view)).toBeDefined();
  });
  test.each(kinds.map((k) => [k.name, k] as const))('%s: reducedDatatype is the datatype message() infers for a reduction', (_, Kind) => {
    const view = new Kind(new ArrayBuffer(48), 8, 3);
    expect(reducedDatatype(view)).toBe(message(view, true).datatype);
  });
  test('bytes reduce as UINT8_T (a Uint8Array, Uint8ClampedArray, Buffer); every other form is left to message()', () => {
    for (const bytes of [new Uint8Array(2), new Uint8ClampedArray(2), Buffer.alloc(2)]) {
      expect(reducedDatatype(bytes)).toBe(UINT8_T);
      expect(message(bytes, true).datatype).toBe(UINT8_T);
    }
    for (const other of [Doubles.of(1), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8), [new Uint8Array(2), 1], null, undefined, 'x']) {
      expect(reducedDatatype(other)).toBeUndefined();
    }
  });
  test('kinds in any order, each its own datatype (the lookup remembers the last kind found)', () => {
    const orphan = Object.setPrototypeOf(new Float64Array(1), null) as Float64Array;
    const seq = [new Float64Array(1), new Float64Array(2), new Int8Array(1), Doubles.of(1), new Float64Array(1), orphan, Buffer.alloc(1), new Uint8Array(1), orphan];
    expect(seq.map((v) => typedDatatype(v))).toEqual([DOUBLE, DOUBLE, INT8_T, undefined, DOUBLE, undefined, BYTE, BYTE, undefined]);
  });
  test('a Buffer too; a subclass, a DataView and every other form are left to message()', () => {
    const b = Buffer.from('abc');
    expect(typedDatatype(b)).toBe(message(b).datatype);
    // An own `constructor` property does not change the kind: the prototype does.
    const forged = Object.defineProperty(new Float64Array(2), 'constructor', { value: Int8Array });
    expect(typedDatatype(forged)).toBe(message(new Float64Array(2)).datatype);
    for (const other of [Doubles.of(1), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8), [new Uint8Array(2), 1], null, undefined, 'x']) {
      expect(typedDatatype(other)).toBeUndefined();
    }
  });
});

const PROGRAMS: [string, string][] = [
  ['buffers of every element type, in every spec form', 'buffers-of-every-element-type'],
  ['Isend, Irecv and Issend with Wait, Waitall, Waitany, Waitsome, Testsome and await', 'nonblocking-buffers'],
  ['the fast paths (typed arrays, integer ranks and tags, an MPI.Op: Send, Recv, their nonblocking forms, Bcast, Reduce, Allreduce) give what the general paths give, errors included', 'fast-paths-match-the-resolver'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
