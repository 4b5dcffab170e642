/**
 * How lowercase calls turn JavaScript values into bytes and back. mpi4py:
 * `MPI.pickle` / `MPI.Pickle`.
 *
 * The default codec is Node's structured serializer (`node:v8`), which handles
 * undefined, null, booleans, numbers, strings, BigInt, arrays, plain objects,
 * Map, Set, Date, typed arrays, Buffer and nesting; `MPI4JS_PICKLE=msgpack`
 * chooses MessagePack (msgpackr with records) instead. Both share fast paths
 * for what is common and where v8 is slow: a number, a string, a dense array of
 * numbers and a typed array go as raw bytes. The v8 codec also writes plain
 * data (trees of plain objects, dense arrays, strings, numbers, booleans, null,
 * undefined, nothing shared) in a faster format of its own, lib/plain.ts, and
 * leaves everything else to v8: the types and errors are v8's either way.
 *
 * Every message's first byte says what wrote it, so a rank decodes any
 * built-in codec's message whatever codec it writes with itself:
 *
 * | first byte | written by |
 * |---|---|
 * | 1, 2, 3, 4 | the fast paths: number, string, dense number array, typed array |
 * | 5 | msgpack: the byte, then msgpackr's bytes |
 * | 6 | v8's fast path for plain data (lib/plain.ts): a version byte, then the value |
 * | 0xFF | v8: its own format, whose first byte is always 0xFF (no byte added) |
 *
 * An empty message is undefined (what a receive from PROC_NULL gets).
 */
import * as v8 from 'node:v8';

import type { Packr } from 'msgpackr';

import { decodePlain, encodePlain } from './plain';

export type Dumps = (value: unknown) => Uint8Array;
export type Loads = (bytes: Uint8Array) => unknown;

/** The header bytes (see the table above). */
export const HEADER = { NUMBER: 1, STRING: 2, NUMBERS: 3, TYPED: 4, MSGPACK: 5, PLAIN: 6, V8: 0xff } as const;
const { NUMBER, STRING, NUMBERS, TYPED, MSGPACK, PLAIN, V8 } = HEADER;
/** Header size of NUMBERS and TYPED: 8 bytes keep the payload aligned for float64s. */
const WIDE = 8;

/** @internal Whether a message with this first byte is decoded by the fast paths (which copy). */
export function isFastPath(tag: number): boolean {
  return (tag >= NUMBER && tag <= TYPED) || tag === PLAIN;
}

/**
 * The codec that writes messages starting with this byte — `v8`, `msgpack`,
 * or `fast path (…)` for the ones every codec shares — or undefined when no
 * built-in codec does.
 */
export function codecOf(header: number): string | undefined {
  switch (header) {
    case V8:
      return 'v8';
    case MSGPACK:
      return 'msgpack';
    case NUMBER:
      return 'fast path (number)';
    case STRING:
      return 'fast path (string)';
    case NUMBERS:
      return 'fast path (number array)';
    case TYPED:
      return 'fast path (typed array)';
    case PLAIN:
      return 'fast path (plain data)';
    default:
      return undefined;
  }
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

function v8Pack(value: unknown): Uint8Array {
  try {
    return v8.serialize(value);
  } catch (e) {
    throw new TypeError(`cannot serialize ${typeof value === 'function' ? 'a function' : 'this value'}: ${(e as Error).message}`);
  }
}

/** One msgpackr instance packs and unpacks for the process, loaded on first use: only programs that meet MessagePack pay for it. */
let packr: Packr | undefined;
let reserveHeader = 0;
function msgpackr(): Packr {
  if (!packr) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const m = require('msgpackr') as typeof import('msgpackr');
    packr = new m.Packr({ useRecords: true, moreTypes: true, copyBuffers: true });
    // msgpackr leaves one byte free before what it writes: the header costs no copy.
    reserveHeader = m.RESERVE_START_SPACE | 1;
  }
  return packr;
}

function msgpackPack(value: unknown): Uint8Array {
  const out = msgpackr().pack(value, reserveHeader);
  out[0] = MSGPACK;
  return out;
}

function withHeader(tag: number, bodyBytes: number, headerBytes = 1): Buffer {
  const out = Buffer.allocUnsafe(headerBytes + bodyBytes);
  out[0] = tag;
  // The wide header's padding is zeroed: no stale memory goes over the wire, and a value's message is always the same bytes.
  if (headerBytes > 1) out.fill(0, 1, headerBytes);
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
    const out = withHeader(NUMBERS, value.length * 8, WIDE);
    const f = new Float64Array(out.buffer, out.byteOffset + WIDE, value.length);
    for (let i = 0; i < value.length; i++) f[i] = value[i] as number;
    return out;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const kind = typedKind(value);
    if (kind >= 0) {
      const out = withHeader(TYPED, value.byteLength, WIDE);
      out[1] = kind;
      out.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), WIDE);
      return out;
    }
  }
  return undefined;
}

// One double's scratch: a number decodes without a DataView per message.
const scratchDouble = new Float64Array(1);
const scratchBytes = new Uint8Array(scratchDouble.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The little-endian double after a message's header byte. */
function readDouble(bytes: Uint8Array): number {
  for (let i = 0; i < 8; i++) scratchBytes[littleEndian ? i : 7 - i] = bytes[1 + i];
  return scratchDouble[0];
}

/** A copy of len bytes at offset as an ArrayBuffer aligned for any element type. */
function copyOut(bytes: Uint8Array, offset: number, len: number): ArrayBuffer {
  const out = new ArrayBuffer(len);
  new Uint8Array(out).set(bytes.subarray(offset, offset + len));
  return out;
}

function corrupt(what: string, bytes: Uint8Array): never {
  throw new RangeError(`corrupt ${what}: ${bytes.byteLength} bytes`);
}

/**
 * Decodes a message of any built-in codec by its first byte (see the table
 * above); the loads of both built-in codecs. The result never refers to bytes
 * when a fast path decoded it (they may be a reused receive buffer). Throws on
 * an unknown first byte or a body that does not decode.
 */
export function decode(bytes: Uint8Array): unknown {
  switch (bytes[0]) {
    case NUMBER:
      if (bytes.byteLength !== 9) corrupt('number', bytes);
      return readDouble(bytes);
    case STRING:
      return Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1).toString('utf8');
    case NUMBERS: {
      if (bytes.byteLength < WIDE || bytes.byteLength % 8 !== 0) corrupt('number array', bytes);
      const n = (bytes.byteLength - WIDE) / 8;
      const aligned = (bytes.byteOffset + WIDE) % 8 === 0;
      const f = aligned ? new Float64Array(bytes.buffer, bytes.byteOffset + WIDE, n) : new Float64Array(copyOut(bytes, WIDE, n * 8));
      const out = new Array<number>(n);
      for (let i = 0; i < n; i++) out[i] = f[i];
      return out;
    }
    case TYPED: {
      const Kind = TYPED_KINDS[bytes[1]];
      if (!Kind || bytes.byteLength < WIDE || (bytes.byteLength - WIDE) % Kind.BYTES_PER_ELEMENT !== 0) corrupt('typed array', bytes);
      return new Kind(copyOut(bytes, WIDE, bytes.byteLength - WIDE)) as TypedArray;
    }
    case V8:
      return v8Loads(bytes);
    case PLAIN:
      return decodePlain(bytes);
    case MSGPACK:
      return msgpackr().unpack(bytes.subarray(1));
    default:
      throw new RangeError(`no codec writes a message starting with byte ${hex(bytes[0])}`);
  }
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
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

/** A v8 message's value, every typed array, Buffer and DataView in it fresh. */
function v8Loads(bytes: Uint8Array): unknown {
  const d = new FreshDeserializer(bytes);
  d.readHeader();
  return d.readValue();
}

const v8Dumps: Dumps = (v) => fastDumps(v) ?? encodePlain(v, PLAIN) ?? v8Pack(v);
const msgpackDumps: Dumps = (v) => fastDumps(v) ?? msgpackPack(v);

/** mpi4py: `MPI.Pickle(dumps, loads)`: a codec for lowercase communication. */
export class Pickle {
  /**
   * The default, `new MPI.Pickle()`, writes with v8; give dumps and loads to
   * use your own format (then every rank must use it: mpi4js cannot tell it
   * from the built-in ones' messages).
   */
  constructor(
    public dumps: Dumps = v8Dumps,
    public loads: Loads = decode,
  ) {}

  /**
   * MessagePack through msgpackr with records: about 3× faster than v8 for
   * objects of repeated shape (arrays of records), at the cost of v8's exact
   * type coverage (msgpackr's own rules for Map, Set, undefined, …). Set
   * MPI4JS_PICKLE=msgpack, or assign its dumps to `MPI.pickle.dumps`. Its
   * messages say they are MessagePack, so ranks that write v8 read them too.
   */
  static msgpack(): Pickle {
    return new Pickle(msgpackDumps, decode);
  }
}

/** The codecs MPI4JS_PICKLE chooses from. */
export const CODECS = ['v8', 'msgpack'] as const;
export type Codec = (typeof CODECS)[number];

/** MPI4JS_PICKLE's codec; a TypeError for a value that names none. */
export function codecFromEnv(value: string | undefined): Codec {
  const v = (value || 'v8').toLowerCase();
  if (!(CODECS as readonly string[]).includes(v)) throw new TypeError(`MPI4JS_PICKLE=${value}: expected one of ${CODECS.join(', ')}`);
  return v as Codec;
}

/** @internal MPI4JS_PICKLE's codec, read once at load (MPI.rc.pickle reports it). */
export const envCodec: Codec = codecFromEnv(process.env.MPI4JS_PICKLE);

/** The codec in use; assign `MPI.pickle.dumps` / `.loads` to change it on every rank alike. */
export const pickle = envCodec === 'msgpack' ? Pickle.msgpack() : new Pickle();

/** The name of the codec p writes with: `v8`, `msgpack`, or `custom` (dumps of the user's own). */
export function codecName(p: Pickle = pickle): string {
  return p.dumps === v8Dumps ? 'v8' : p.dumps === msgpackDumps ? 'msgpack' : 'custom';
}

/**
 * @internal Serialize for `call`; an empty message is how nothing (PROC_NULL)
 * arrives. A value the codec refuses is its TypeError or RangeError, named for the call.
 */
export function dumps(value: unknown, call: string, p: Pickle = pickle): Uint8Array {
  try {
    return p.dumps(value);
  } catch (e) {
    if (e instanceof TypeError) throw new TypeError(`${call}: ${e.message}`, { cause: e });
    if (e instanceof RangeError) throw new RangeError(`${call}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Where a received message came from and went to, for a PickleError. */
export interface Delivery {
  /** The call that received it, e.g. `recv`, `bcast`. */
  call: string;
  /** The sender's rank in comm. */
  source: number;
  /** The receiver's rank in comm. */
  rank: number;
  /** The communicator's name, e.g. MPI_COMM_WORLD. */
  comm: string;
}

/**
 * A received message that could not be decoded: its first byte names no codec
 * (bytes sent with `Send`, or by a custom `MPI.pickle`), or its body is
 * corrupt. The message names the call, both ranks and both codecs (or the
 * unknown byte). The rank lives on; the message is consumed.
 */
export class PickleError extends Error {
  readonly call: string;
  /** The sender's rank in the communicator. */
  readonly source: number;
  /** The receiver's (this rank's) rank in the communicator. */
  readonly rank: number;
  readonly comm: string;
  /** The message's first byte. */
  readonly header: number;
  /** The codec that wrote it, by its first byte; undefined when none does. */
  readonly codec?: string;
  /** The codec this rank writes with. */
  readonly localCodec: string;

  constructor(where: Delivery, header: number, localCodec: string, cause: unknown) {
    const codec = codecOf(header);
    const route = `from rank ${where.source} to rank ${where.rank} of ${where.comm || 'an unnamed communicator'}`;
    const local = `rank ${where.rank} writes ${localCodec}`;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      codec === undefined
        ? `${where.call}: cannot decode the message ${route}: its first byte ${hex(header)} names no codec ` +
            `(${local}, and reads v8, msgpack and the fast paths); was it sent with Send, or written by a custom MPI.pickle?`
        : `${where.call}: cannot decode the ${codec} message ${route} (${local}): ${reason}`,
    );
    this.name = 'MPI.PickleError';
    this.call = where.call;
    this.source = where.source;
    this.rank = where.rank;
    this.comm = where.comm;
    this.header = header;
    this.codec = codec;
    this.localCodec = localCodec;
    (this as { cause?: unknown }).cause = cause;
  }
}

/** @internal Deserialize a received message (msgpickle names the sender when this throws). */
export function loads(bytes: Uint8Array | undefined, p: Pickle = pickle): unknown {
  return bytes === undefined || bytes.length === 0 ? undefined : p.loads(bytes);
}
