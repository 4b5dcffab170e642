// Bounds that cannot be bypassed (issue 11): the pure parts in-process, the rest
// under mpirun on every rank.
import * as D from '../lib/datatype';
import { datatypeOfKind } from '../lib/datatype';
import { native } from '../lib/native';
import { fresh } from '../lib/pickle';
import { expectProgram } from './mpirun';

describe('byte arithmetic of the bounds check (in-process)', () => {
  const need = native.buffer.requiredBytes;
  test('count items of a plain type', () => {
    expect(need(0, 4, 4, 0)).toBe(0);
    expect(need(0, 4, 4, 1)).toBe(4);
    expect(need(0, 4, 4, 5)).toBe(20);
    // a resized type: the last item ends at its true extent, not a full extent
    expect(need(0, 16, 4, 3)).toBe(36);
  });
  test('(count − 1) · extent overflowing int64 is reported, not wrapped', () => {
    expect(need(0, 2 ** 62, 4, 5)).toBe(-2);
    expect(need(0, 2 ** 62, 4, 2)).toBe(2 ** 62 + 4);
    expect(need(2 ** 62, 2 ** 62, 4, 2)).toBe(-2);
    expect(need(0, -(2 ** 62), 4, 5)).toBe(-2);
  });
  test('items reaching before the buffer are reported', () => {
    expect(need(0, -4, 4, 2)).toBe(-1);
    expect(need(-8, 4, 4, 1)).toBe(-1);
  });
});

describe('element sizes come from an exact table (in-process)', () => {
  // napi_typedarray_type: int8, uint8, uint8_clamped, int16, uint16, int32, uint32, float32, float64, bigint64, biguint64
  test('every kind Node-API names is mapped to its size', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(native.buffer.elementSize)).toEqual([1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8]);
  });
  test('a kind the table does not know (a newer Node-API float16, 11) is refused, not guessed as 8 bytes', () => {
    expect(native.buffer.elementSize(11)).toBe(0);
    expect(native.buffer.elementSize(99)).toBe(0);
  });
  test('every typed array kind this Node has maps to the datatype of its elements, or is refused', () => {
    // MPI measures sizes (it is not initialised here): the expected datatype, by name, stands for the size.
    const expected: Record<string, D.Datatype | 'refused'> = {
      Int8Array: D.INT8_T, Uint8Array: D.BYTE, Uint8ClampedArray: D.BYTE, Int16Array: D.INT16_T, Uint16Array: D.UINT16_T,
      Int32Array: D.INT32_T, Uint32Array: D.UINT32_T, Float32Array: D.FLOAT, Float64Array: D.DOUBLE,
      BigInt64Array: D.INT64_T, BigUint64Array: D.UINT64_T, Float16Array: 'refused',
    };
    const kinds = Object.getOwnPropertyNames(globalThis).filter((n) => /^[A-Z]\w*Array$/.test(n) && ArrayBuffer.isView(new (globalThis as any)[n](0)));
    expect(kinds.length).toBeGreaterThanOrEqual(11);
    for (const kind of kinds) {
      expect(kind in expected).toBe(true); // a kind this test does not know: add it to the table and here
      if (expected[kind] === 'refused') expect(() => datatypeOfKind(kind)).toThrow(TypeError);
      else expect(datatypeOfKind(kind) === expected[kind] ? kind : `${kind} maps to another datatype`).toBe(kind);
    }
  });
  test('Float16Array (Node 24) is refused by name: Open MPI 4.1 has no 16-bit float', () => {
    expect(() => datatypeOfKind('Float16Array')).toThrow(TypeError);
    expect(() => datatypeOfKind('Float16Array')).toThrow(/Float16Array: MPI has no 16-bit float/);
    expect(() => datatypeOfKind('Float128Array')).toThrow(/Float128Array: mpi4js does not know/);
  });
});

describe('received values are copied into memory of their own (in-process)', () => {
  test('a view into a pooled slab becomes an exact-size copy of the same kind', () => {
    const pooled = Buffer.from('0123456789abcdef');
    expect(pooled.buffer.byteLength).toBeGreaterThan(16); // Node's pool: the situation fixed
    for (const view of [pooled, new Uint16Array(pooled.buffer, pooled.byteOffset, 4), new DataView(pooled.buffer, pooled.byteOffset, 6)]) {
      const copy = fresh(view);
      expect(copy.constructor).toBe(view.constructor);
      expect(copy.buffer.byteLength).toBe(view.byteLength);
      expect(Buffer.from(copy.buffer).equals(Buffer.from(view.buffer, view.byteOffset, view.byteLength))).toBe(true);
    }
  });
});

describe.each([1, 2])('on %i ranks', (np) => {
  test('overflowing extents, detached and resizable buffers, transfers while pending, received values in fresh memory', () =>
    expectProgram('buffer-safety', np));
});

const hasFloat16 = typeof (globalThis as { Float16Array?: unknown }).Float16Array === 'function';
(hasFloat16 ? test : test.skip)(
  hasFloat16 ? 'a Float16Array is refused by name, inferred or with an explicit datatype (2 ranks)' : `a Float16Array is refused by name: skipped, Node ${process.version} has no Float16Array (the tables are unit-tested above)`,
  () => expectProgram('float16-is-refused', 2),
);
