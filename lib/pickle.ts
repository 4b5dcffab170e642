/**
 * How lowercase calls turn JavaScript values into bytes and back: Node's
 * structured serializer (`node:v8`) by default, which handles undefined, null,
 * booleans, numbers, strings, BigInt, arrays, plain objects, Map, Set, Date,
 * typed arrays, Buffer and nesting. mpi4py: `MPI.pickle` / `MPI.Pickle`.
 */
import * as v8 from 'node:v8';

export type Dumps = (value: unknown) => Uint8Array;
export type Loads = (bytes: Uint8Array) => unknown;

function v8Dumps(value: unknown): Uint8Array {
  try {
    return v8.serialize(value);
  } catch (e) {
    throw new TypeError(`cannot serialize ${typeof value === 'function' ? 'a function' : 'this value'}: ${(e as Error).message}`);
  }
}

function v8Loads(bytes: Uint8Array): unknown {
  return v8.deserialize(bytes);
}

/** mpi4py: `MPI.Pickle(dumps, loads)`: a codec for lowercase communication. */
export class Pickle {
  constructor(
    public dumps: Dumps = v8Dumps,
    public loads: Loads = v8Loads,
  ) {}
}

/** The codec in use; assign `MPI.pickle.dumps` / `.loads` to change it on every rank alike. */
export const pickle = new Pickle();

/** @internal Serialize; an empty message is how nothing (PROC_NULL) arrives. */
export function dumps(value: unknown): Uint8Array {
  return pickle.dumps(value);
}

/** @internal */
export function loads(bytes: Uint8Array | undefined): unknown {
  return bytes === undefined || bytes.length === 0 ? undefined : pickle.loads(bytes);
}
