/**
 * How lowercase calls turn JavaScript values into bytes and back. mpi4py:
 * `MPI.pickle` / `MPI.Pickle`.
 *
 * The default codec is Node's structured serializer (`node:v8`), which handles
 * undefined, null, booleans, numbers, strings, BigInt, arrays, plain objects,
 * Map, Set, Date, typed arrays, Buffer and nesting — with fast paths for what
 * is common and where v8 is slow: a number, a string, a dense array of numbers
 * and a typed array go as raw bytes behind a one-byte tag. v8's own format
 * always starts with 0xFF, so the tags never collide with it.
 */
import * as v8 from 'node:v8';

export type Dumps = (value: unknown) => Uint8Array;
export type Loads = (bytes: Uint8Array) => unknown;

const V8 = 0xff;
const NUMBER = 1;
const STRING = 2;
const NUMBERS = 3; // a dense array of numbers: 8-byte header, then float64s
const TYPED = 4; // a typed array: 8-byte header (tag, kind), then its bytes

/** @internal Whether a message with this first byte is decoded by the fast paths (which copy). */
export function isFastPath(tag: number): boolean {
  return tag >= NUMBER && tag <= TYPED;
}

/** Dense number arrays shorter than this are left to v8 (checking costs more than it saves). */
const DENSE_MIN = 16;

const TYPED_KINDS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array] as const;
type TypedArray = InstanceType<(typeof TYPED_KINDS)[number]>;

function isDenseNumbers(value: unknown[]): boolean {
  if (value.length < DENSE_MIN) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'number') return false;
  return true;
}

function typedKind(value: ArrayBufferView): number {
  // Buffer is a Uint8Array to v8 too; it comes back as a Buffer through v8 only.
  if (Buffer.isBuffer(value)) return -1;
  return TYPED_KINDS.findIndex((k) => value.constructor === k);
}

function v8Dumps(value: unknown): Uint8Array {
  try {
    return v8.serialize(value);
  } catch (e) {
    throw new TypeError(`cannot serialize ${typeof value === 'function' ? 'a function' : 'this value'}: ${(e as Error).message}`);
  }
}

function withHeader(tag: number, bodyBytes: number, headerBytes = 1): Buffer {
  const out = Buffer.allocUnsafe(headerBytes + bodyBytes);
  out[0] = tag;
  return out;
}

/** The fast paths for value, or undefined when it has none. */
function fastDumps(value: unknown): Uint8Array | undefined {
  if (typeof value === 'number') {
    const out = withHeader(NUMBER, 8);
    out.writeDoubleLE(value, 1);
    return out;
  }
  if (typeof value === 'string') {
    const out = withHeader(STRING, Buffer.byteLength(value));
    out.write(value, 1, 'utf8');
    return out;
  }
  if (Array.isArray(value) && isDenseNumbers(value)) {
    const out = withHeader(NUMBERS, value.length * 8, 8);
    const f = new Float64Array(out.buffer, out.byteOffset + 8, value.length);
    for (let i = 0; i < value.length; i++) f[i] = value[i] as number;
    return out;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const kind = typedKind(value);
    if (kind >= 0) {
      const out = withHeader(TYPED, value.byteLength, 8);
      out[1] = kind;
      out.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), 8);
      return out;
    }
  }
  return undefined;
}

/** A copy of len bytes at offset as an ArrayBuffer aligned for any element type. */
function copyOut(bytes: Uint8Array, offset: number, len: number): ArrayBuffer {
  const out = new ArrayBuffer(len);
  new Uint8Array(out).set(bytes.subarray(offset, offset + len));
  return out;
}

/**
 * The inverse of fastDumps, and the fallback's loads for anything else. The
 * result never refers to bytes (they may be a reused receive buffer).
 */
function fastLoads(bytes: Uint8Array, fallback: Loads): unknown {
  switch (bytes[0]) {
    case NUMBER:
      return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(1, true);
    case STRING:
      return Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1).toString('utf8');
    case NUMBERS: {
      const n = (bytes.byteLength - 8) / 8;
      const aligned = (bytes.byteOffset + 8) % 8 === 0;
      const f = aligned ? new Float64Array(bytes.buffer, bytes.byteOffset + 8, n) : new Float64Array(copyOut(bytes, 8, n * 8));
      const out = new Array<number>(n);
      for (let i = 0; i < n; i++) out[i] = f[i];
      return out;
    }
    case TYPED: {
      const Kind = TYPED_KINDS[bytes[1]];
      const buffer = copyOut(bytes, 8, bytes.byteLength - 8);
      return new Kind(buffer) as TypedArray;
    }
    default:
      return fallback(bytes);
  }
}

/**
 * v8's own deserializer returns typed arrays, Buffers and DataViews as views
 * into its input: into a Buffer.allocUnsafe slab (Node's shared pool, which
 * unrelated Buffers live in) or the message's other values. This one gives each
 * its own ArrayBuffer of exactly its size.
 */
class FreshDeserializer extends v8.DefaultDeserializer {
  _readHostObject(): unknown {
    // @ts-expect-error: Node's DefaultDeserializer has _readHostObject; @types/node omits it
    const view = super._readHostObject() as ArrayBufferView;
    return fresh(view);
  }
}

/** @internal A copy of view in an ArrayBuffer of its own, exactly its size (never Node's Buffer pool). */
export function fresh(view: ArrayBufferView): ArrayBufferView {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  if (Buffer.isBuffer(view)) {
    const copy = Buffer.alloc(view.byteLength); // alloc never takes from the pool (allocUnsafe does)
    copy.set(bytes);
    return copy;
  }
  if (view instanceof DataView) return new DataView(new Uint8Array(bytes).buffer);
  // The typed array constructor copies into new memory of exactly the view's size; V8
  // keeps a small one on its heap, much cheaper than a new ArrayBuffer (~20 ns vs ~900).
  const Kind = view.constructor as new (from: ArrayBufferView) => ArrayBufferView;
  return new Kind(view);
}

function v8Loads(bytes: Uint8Array): unknown {
  if (bytes[0] !== V8) throw new TypeError(`cannot deserialize: unknown format ${bytes[0]} (do all ranks use the same MPI.pickle?)`);
  const d = new FreshDeserializer(bytes);
  d.readHeader();
  return d.readValue();
}

/** mpi4py: `MPI.Pickle(dumps, loads)`: a codec for lowercase communication. */
export class Pickle {
  constructor(
    public dumps: Dumps = (v) => fastDumps(v) ?? v8Dumps(v),
    public loads: Loads = (b) => fastLoads(b, v8Loads),
  ) {}

  /**
   * MessagePack through msgpackr with records: about 3× faster than v8 for
   * objects of repeated shape (arrays of records), at the cost of v8's exact
   * type coverage (msgpackr's own rules for Map, Set, undefined, …). Every rank
   * must use it: set MPI4JS_PICKLE=msgpack, or assign `MPI.pickle = MPI.Pickle.msgpack()`'s
   * dumps and loads on all ranks.
   */
  static msgpack(): Pickle {
    // Loaded on demand: only programs that choose it pay for it.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Packr } = require('msgpackr') as typeof import('msgpackr');
    // MessagePack never starts an object, array or other non-number with the fast paths' tags 1–4.
    const packr = new Packr({ useRecords: true, moreTypes: true, copyBuffers: true });
    const unpack: Loads = (b) => packr.unpack(b);
    return new Pickle((v) => fastDumps(v) ?? packr.pack(v), (b) => fastLoads(b, unpack));
  }
}

/** The codec in use; assign `MPI.pickle.dumps` / `.loads` to change it on every rank alike. */
export const pickle = process.env.MPI4JS_PICKLE === 'msgpack' ? Pickle.msgpack() : new Pickle();

/** @internal Serialize; an empty message is how nothing (PROC_NULL) arrives. */
export function dumps(value: unknown): Uint8Array {
  return pickle.dumps(value);
}

/** @internal */
export function loads(bytes: Uint8Array | undefined): unknown {
  return bytes === undefined || bytes.length === 0 ? undefined : pickle.loads(bytes);
}
