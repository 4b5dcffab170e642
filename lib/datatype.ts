/**
 * Datatypes: the predefined `MPI.DOUBLE`, `MPI.INT32_T`, …, the few
 * constructors people use, and which datatype a JavaScript buffer implies.
 */
import * as A from './args';
import { ERR_TYPE } from './constants';
import { argumentError } from './errors';
import { native } from './native';
import type { Comm } from './comm';
import * as P from './pack';
import type { RawBuffer } from './pack';
import type { CombinerName, Contents, DecodedParams } from './typedecode';

const D = native.datatype;

/** mpi4py: `MPI.Datatype`. */
export class Datatype {
  /** @internal id in the addon's datatype table; DATATYPE_NULL's once freed */
  handle: number;
  /** @internal */
  private layout?: [size: number, lb: number, extent: number, trueLb: number, trueExtent: number];

  /** @internal */
  constructor(handle: number, readonly name = '') {
    this.handle = handle;
  }

  /**
   * @internal This datatype, for `call` to use: DATATYPE_NULL (a freed datatype
   * too) is MPI's ERR_TYPE, as mpi4py raises, naming the call and the argument.
   */
  live(call: string, what = 'datatype'): this {
    if (this.handle === NULL_ID) throw argumentError(ERR_TYPE, call, `${what} is MPI.DATATYPE_NULL (or a freed datatype)`);
    return this;
  }

  /** @internal measured lazily (MPI may not be initialised when the predefined types are made), for `call` */
  private measured(call: string) {
    // DATATYPE_NULL has no layout: MPI's ERR_TYPE, not zeros.
    return (this.layout ??= D.describe(this.live(call, 'the datatype').handle));
  }

  /** Size in bytes of the data in one item. mpi4py: `Get_size()`. */
  Get_size(): number {
    return this.measured('Get_size')[0];
  }

  /** `[lb, extent]`. mpi4py: `Get_extent()`. */
  Get_extent(): [number, number] {
    const m = this.measured('Get_extent');
    return [m[1], m[2]];
  }

  /** `[lb, extent]` of the data itself. mpi4py: `Get_true_extent()`. */
  Get_true_extent(): [number, number] {
    const m = this.measured('Get_true_extent');
    return [m[3], m[4]];
  }

  get size(): number {
    return this.measured('Datatype.size')[0];
  }

  get extent(): number {
    return this.measured('Datatype.extent')[2];
  }

  get lb(): number {
    return this.measured('Datatype.lb')[1];
  }

  /** mpi4py: `Create_contiguous(count)`. Commit before use. */
  Create_contiguous(count: number): Datatype {
    return new Datatype(D.createContiguous(A.count('Create_contiguous', 'count', count), this.live('Create_contiguous', 'the datatype').handle));
  }

  /** mpi4py: `Create_vector(count, blocklength, stride)`. Commit before use. */
  Create_vector(count: number, blocklength: number, stride: number): Datatype {
    return new Datatype(D.createVector(
        A.count('Create_vector', 'count', count), A.count('Create_vector', 'blocklength', blocklength),
        A.int('Create_vector', 'stride', stride), this.live('Create_vector', 'the datatype').handle,
      ));
  }

  /** mpi4py: `Create_resized(lb, extent)`. Commit before use. */
  Create_resized(lb: number, extent: number): Datatype {
    return new Datatype(D.createResized(this.live('Create_resized', 'the datatype').handle, A.aint('Create_resized', 'lb', lb), A.aint('Create_resized', 'extent', extent)));
  }

  /** mpi4py: `Commit()`; returns this, so calls chain. */
  Commit(): this {
    D.commit(this.handle);
    this.layout = undefined;
    return this;
  }

  /**
   * mpi4py: `Free()`. The datatype becomes DATATYPE_NULL, so freeing it again
   * is MPI.Exception ERR_TYPE (as is any use of another copy of its handle).
   */
  Free(): void {
    D.free(this.handle);
    this.handle = NULL_ID;
    this.layout = undefined;
  }

  toString(): string {
    return this.name ? `MPI.${this.name}` : `MPI.Datatype(${this.handle})`;
  }

  // --- Pack, contents and decode (lib/pack.ts, lib/typedecode.ts)

  /** mpi4py: `Pack(inbuf, outbuf, position, comm)`: packs inbuf's whole extents; the new position. */
  Pack(inbuf: RawBuffer, outbuf: RawBuffer, position: number, comm: Comm): number { return P.Pack(this, inbuf, outbuf, position, comm); }
  /** mpi4py: `Unpack(inbuf, position, outbuf, comm)`: fills outbuf's whole extents; the new position. */
  Unpack(inbuf: RawBuffer, position: number, outbuf: RawBuffer, comm: Comm): number { return P.Unpack(this, inbuf, position, outbuf, comm); }
  /** mpi4py: `Pack_size(count, comm)`: an upper bound of the packed bytes. */
  Pack_size(count: number, comm: Comm): number { return P.Pack_size(this, count, comm); }
  /** mpi4py: `Pack_external(datarep, inbuf, outbuf, position)` ('external32': big-endian); the new position. */
  Pack_external(datarep: string, inbuf: RawBuffer, outbuf: RawBuffer, position: number): number { return P.Pack_external(this, datarep, inbuf, outbuf, position); }
  /** mpi4py: `Unpack_external(datarep, inbuf, position, outbuf)`; the new position. */
  Unpack_external(datarep: string, inbuf: RawBuffer, position: number, outbuf: RawBuffer): number { return P.Unpack_external(this, datarep, inbuf, position, outbuf); }
  /** mpi4py: `Pack_external_size(datarep, count)`: the exact packed bytes. */
  Pack_external_size(datarep: string, count: number): number { return P.Pack_external_size(this, datarep, count); }
  /** mpi4py: `Get_envelope()`: `[ni, na, nc, nd, combiner]` (nc is 0 without MPI-4). */
  Get_envelope(): [number, number, number, number, number] { return P.Get_envelope(this); }
  /** mpi4py: `envelope`, the same as Get_envelope(). */
  get envelope(): [number, number, number, number, number] { return P.Get_envelope(this, 'Datatype.envelope'); }
  /** mpi4py: `combiner`, the last item of the envelope (MPI.COMBINER_NAMED for a predefined type). */
  get combiner(): number { return P.Get_envelope(this, 'Datatype.combiner')[4]; }
  /** mpi4py: `Get_contents()`: `[integers, addresses, counts, datatypes]`; MPI.Exception ERR_TYPE on a predefined type. */
  Get_contents(): Contents<Datatype> { return P.Get_contents(this); }
  /** mpi4py: `contents`, the same as Get_contents(). */
  get contents(): Contents<Datatype> { return P.Get_contents(this, 'Datatype.contents'); }
  /** mpi4py: `decode()`: `[oldtype, combiner name, params]` of the constructor call that made this datatype. */
  decode(): [Datatype, CombinerName, DecodedParams<Datatype>] { return P.decode(this); }
  /** mpi4py: `Datatype.Match_size(typeclass, size)`: a predefined datatype. */
  static Match_size(typeclass: number, size: number): Datatype { return P.Match_size(typeclass, size); }
  /** mpi4py: `Datatype.Create_f90_integer(r)`: predefined-like, never freed. */
  static Create_f90_integer(r: number): Datatype { return P.Create_f90_integer(r); }
  /** mpi4py: `Datatype.Create_f90_real(p, r)`: predefined-like, never freed. */
  static Create_f90_real(p: number, r: number): Datatype { return P.Create_f90_real(p, r); }
  /** mpi4py: `Datatype.Create_f90_complex(p, r)`: predefined-like, never freed. */
  static Create_f90_complex(p: number, r: number): Datatype { return P.Create_f90_complex(p, r); }
}

const ids = D.predefined();
/** DATATYPE_NULL's id, which a freed Datatype takes. */
const NULL_ID: number = ids.DATATYPE_NULL;
const predefined = (name: string) => new Datatype(ids[name], name);

export const DATATYPE_NULL = predefined('DATATYPE_NULL');
export const BYTE = predefined('BYTE');
export const PACKED = predefined('PACKED');
export const CHAR = predefined('CHAR');
export const WCHAR = predefined('WCHAR');
export const SIGNED_CHAR = predefined('SIGNED_CHAR');
export const UNSIGNED_CHAR = predefined('UNSIGNED_CHAR');
export const SHORT = predefined('SHORT');
export const UNSIGNED_SHORT = predefined('UNSIGNED_SHORT');
export const INT = predefined('INT');
export const UNSIGNED = predefined('UNSIGNED');
export const LONG = predefined('LONG');
export const UNSIGNED_LONG = predefined('UNSIGNED_LONG');
export const LONG_LONG = predefined('LONG_LONG');
export const UNSIGNED_LONG_LONG = predefined('UNSIGNED_LONG_LONG');
export const FLOAT = predefined('FLOAT');
export const DOUBLE = predefined('DOUBLE');
export const LONG_DOUBLE = predefined('LONG_DOUBLE');
export const C_BOOL = predefined('C_BOOL');
export const INT8_T = predefined('INT8_T');
export const INT16_T = predefined('INT16_T');
export const INT32_T = predefined('INT32_T');
export const INT64_T = predefined('INT64_T');
export const UINT8_T = predefined('UINT8_T');
export const UINT16_T = predefined('UINT16_T');
export const UINT32_T = predefined('UINT32_T');
export const UINT64_T = predefined('UINT64_T');
export const C_FLOAT_COMPLEX = predefined('C_FLOAT_COMPLEX');
export const C_DOUBLE_COMPLEX = predefined('C_DOUBLE_COMPLEX');
export const AINT = predefined('AINT');
export const OFFSET = predefined('OFFSET');
export const COUNT = predefined('COUNT');
export const FLOAT_INT = predefined('FLOAT_INT');
export const DOUBLE_INT = predefined('DOUBLE_INT');
export const LONG_INT = predefined('LONG_INT');
export const TWOINT = predefined('TWOINT');
export const SHORT_INT = predefined('SHORT_INT');
export const LONG_DOUBLE_INT = predefined('LONG_DOUBLE_INT');
/** mpi4py's alias of `LONG_LONG`. */
export const LONG_LONG_INT = LONG_LONG;

/** Python typecodes, as mpi4py accepts them in `[buf, 'd']`. */
export type TypeCode =
  | 'c' | 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd' | 'g' | '?'
  | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'f4' | 'f8' | 'c8' | 'c16';

const TYPECODES: Record<TypeCode, Datatype> = {
  c: CHAR, b: SIGNED_CHAR, B: UNSIGNED_CHAR, h: SHORT, H: UNSIGNED_SHORT, i: INT, I: UNSIGNED,
  l: LONG, L: UNSIGNED_LONG, q: LONG_LONG, Q: UNSIGNED_LONG_LONG, f: FLOAT, d: DOUBLE, g: LONG_DOUBLE,
  '?': C_BOOL, i1: INT8_T, i2: INT16_T, i4: INT32_T, i8: INT64_T, u1: UINT8_T, u2: UINT16_T,
  u4: UINT32_T, u8: UINT64_T, f4: FLOAT, f8: DOUBLE, c8: C_FLOAT_COMPLEX, c16: C_DOUBLE_COMPLEX,
};

/** A Datatype, or a typecode standing for one; anything else is a TypeError naming `call` and `what`. */
export function toDatatype(t: Datatype | TypeCode, call = 'toDatatype', what = 'datatype'): Datatype {
  if (t instanceof Datatype) return t;
  const d = typeof t === 'string' && Object.prototype.hasOwnProperty.call(TYPECODES, t) ? TYPECODES[t] : undefined;
  if (d) return d;
  const given = typeof t === 'string' ? JSON.stringify(t) : A.describe(t);
  throw new TypeError(`${call}: ${what} must be an MPI.Datatype or a typecode ('i', 'd', 'u1', …), got ${given}`);
}

/**
 * The datatype of a buffer's elements, by its kind. Uint8Array, Buffer and
 * DataView are raw bytes (MPI.BYTE); see arithmeticDatatype for reductions.
 */
const BY_KIND: Record<string, Datatype> = {
  Int8Array: INT8_T,
  Uint8Array: BYTE,
  Uint8ClampedArray: BYTE,
  Int16Array: INT16_T,
  Uint16Array: UINT16_T,
  Int32Array: INT32_T,
  Uint32Array: UINT32_T,
  Float32Array: FLOAT,
  Float64Array: DOUBLE,
  BigInt64Array: INT64_T,
  BigUint64Array: UINT64_T,
  DataView: BYTE,
};

/**
 * By prototype: one map lookup on the hot path. The built-in typed array kinds
 * and Buffer (a subclass of Uint8Array that keeps its length and memory);
 * another subclass falls through to its tag. The prototype, not the
 * `constructor` property, which an object may carry as its own.
 */
const TYPED = new Map<unknown, Datatype>([
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map(
    (k): [unknown, Datatype] => [k.prototype, BY_KIND[k.name]],
  ),
  [Buffer.prototype, BYTE],
]);

// The last kind found and its datatype: a loop passes one kind over and over,
// and a comparison costs less than the map's hashing (issue 16).
let lastKind: unknown = null;
let lastDatatype: Datatype | undefined;

/** @internal The datatype of a typed array of a built-in kind, or a Buffer; undefined for anything else. */
export function typedArrayDatatype(view: ArrayBufferView): Datatype | undefined {
  const kind = Object.getPrototypeOf(view);
  // lastKind is null until a kind is found (then a prototype from TYPED): a view without a prototype finds undefined.
  if (kind === lastKind) return lastDatatype;
  const d = TYPED.get(kind);
  if (d !== undefined) {
    lastKind = kind;
    lastDatatype = d;
  }
  return d;
}

/**
 * Typed array kinds that exist (or will) but have no MPI datatype: refused by
 * name, never guessed. Open MPI 4.1 has no 16-bit float.
 */
const REFUSED: Record<string, string> = {
  Float16Array: 'MPI has no 16-bit float type; copy it into a Float32Array',
};

/** The %TypedArray%.prototype[Symbol.toStringTag] getter: the real kind, which a subclass cannot fake. */
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), Symbol.toStringTag)!.get!;

/**
 * @internal The datatype of a typed array kind (its `Symbol.toStringTag`), or a
 * TypeError naming `call` and the kind.
 */
export function datatypeOfKind(kind: string, call = 'datatypeOfKind'): Datatype {
  if (typeof kind !== 'string') throw new TypeError(`${call}: kind must be the name of a typed array kind, got ${A.describe(kind)}`);
  const d = Object.prototype.hasOwnProperty.call(BY_KIND, kind) ? BY_KIND[kind] : undefined;
  if (d) return d;
  const why = REFUSED[kind] ?? 'mpi4js does not know this element type';
  throw new TypeError(`${call}: cannot infer an MPI datatype for a ${kind}: ${why}`);
}

/** @internal The datatype of a view's elements; `call` names the call in errors. */
export function inferDatatype(view: ArrayBufferView, call = 'inferDatatype'): Datatype {
  const d = ArrayBuffer.isView(view) ? typedArrayDatatype(view) : undefined;
  if (d) return d;
  if (!ArrayBuffer.isView(view)) throw new TypeError(`${call}: expecting a TypedArray, Buffer or DataView, got ${A.describe(view)}`);
  const kind = (typedArrayTag.call(view) as string | undefined) ?? (view instanceof DataView ? 'DataView' : A.describe(view));
  return datatypeOfKind(kind, call);
}
