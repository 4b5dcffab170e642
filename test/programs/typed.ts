/** Every element type a buffer can have, with a value of it and its datatype. */
import { MPI } from './harness';

export type Typed = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

export interface Kind {
  name: string;
  make(n: number): Typed;
  /** The value at i, of the array's element type. */
  value(i: number): number | bigint;
  datatype: InstanceType<typeof MPI.Datatype>;
  /** Reduces arithmetically (MPI.SUM …) */
  arithmetic: boolean;
}

const num = (i: number) => i;
const big = (i: number) => BigInt(i);

export const KINDS: Kind[] = [
  { name: 'Int8Array', make: (n) => new Int8Array(n), value: num, datatype: MPI.INT8_T, arithmetic: true },
  { name: 'Uint8Array', make: (n) => new Uint8Array(n), value: num, datatype: MPI.BYTE, arithmetic: true },
  { name: 'Uint8ClampedArray', make: (n) => new Uint8ClampedArray(n), value: num, datatype: MPI.BYTE, arithmetic: true },
  { name: 'Int16Array', make: (n) => new Int16Array(n), value: num, datatype: MPI.INT16_T, arithmetic: true },
  { name: 'Uint16Array', make: (n) => new Uint16Array(n), value: num, datatype: MPI.UINT16_T, arithmetic: true },
  { name: 'Int32Array', make: (n) => new Int32Array(n), value: num, datatype: MPI.INT32_T, arithmetic: true },
  { name: 'Uint32Array', make: (n) => new Uint32Array(n), value: num, datatype: MPI.UINT32_T, arithmetic: true },
  { name: 'Float32Array', make: (n) => new Float32Array(n), value: num, datatype: MPI.FLOAT, arithmetic: true },
  { name: 'Float64Array', make: (n) => new Float64Array(n), value: num, datatype: MPI.DOUBLE, arithmetic: true },
  { name: 'BigInt64Array', make: (n) => new BigInt64Array(n), value: big, datatype: MPI.INT64_T, arithmetic: true },
  { name: 'BigUint64Array', make: (n) => new BigUint64Array(n), value: big, datatype: MPI.UINT64_T, arithmetic: true },
];

/** An array of n items all equal to value(v). */
export function filled(kind: Kind, n: number, v: number): Typed {
  const a = kind.make(n);
  (a as { fill(x: number | bigint): unknown }).fill(kind.value(v));
  return a;
}

/** The items of a typed array as plain numbers, for comparisons. */
export function items(a: Typed): number[] {
  return Array.from(a as ArrayLike<number | bigint>, Number);
}
