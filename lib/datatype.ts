/**
 * Datatypes: the class `MPI.Datatype` (queries, constructors, Commit and Free),
 * and which datatype a JavaScript buffer or a typecode implies. The predefined
 * constants (`MPI.DOUBLE`, `MPI.INT32_T`, …) are made in lib/predefined.ts and
 * re-exported here.
 */
import * as A from './args';
import {
  COMBINER_F90_COMPLEX, COMBINER_F90_INTEGER, COMBINER_F90_REAL, COMBINER_NAMED, ERR_TYPE, ORDER_C,
} from './constants';
import { argumentError } from './errors';
import { native } from './native';
import type { Comm } from './comm';
import * as P from './pack';
import type { RawBuffer } from './pack';
import type { CombinerName, Contents, DecodedParams } from './typedecode';

const D = native.datatype;

/** @internal The ids of the predefined datatypes, by name (src-native/predefined.cc). */
export const PREDEFINED_IDS = D.predefined();
/** DATATYPE_NULL's id, which a freed Datatype takes. */
const NULL_ID: number = PREDEFINED_IDS.DATATYPE_NULL;

/** What the addon measured: size, bounds, how the type was made, and whether it is committed. */
type Layout = [size: number, lb: number, extent: number, trueLb: number, trueExtent: number, combiner: number, committed: number];

/**
 * mpi4py: `MPI.Datatype`. `new MPI.Datatype()` is a null datatype (its handle is
 * DATATYPE_NULL's). Constructors return a new, uncommitted datatype: `Commit()`
 * it before use in communication, `Free()` it when done (or `using t = …`).
 * Sizes and bounds are exact 64-bit values (numbers up to 2**53).
 */
export class Datatype {
  /** @internal id in the addon's datatype table; DATATYPE_NULL's once freed */
  handle: number;
  /** @internal */
  private layout?: Layout;
  /** @internal the name it is exported under (MPI.DOUBLE), for toString */
  private readonly label: string;

  /** @internal handle and label are mpi4js's own; `new MPI.Datatype()` is a null datatype */
  constructor(handle: number = NULL_ID, label = '') {
    this.handle = handle;
    this.label = label;
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
  private measured(call: string): Layout {
    // DATATYPE_NULL has no layout: MPI's ERR_TYPE, not zeros.
    return (this.layout ??= D.describe(this.live(call, 'the datatype').handle));
  }

  // --- queries

  /** Bytes of data in one item (64-bit). mpi4py: `Get_size()`. */
  Get_size(): number {
    return this.measured('Get_size')[0];
  }

  /** `[lb, extent]`. mpi4py: `Get_extent()`. */
  Get_extent(): [number, number] {
    const m = this.measured('Get_extent');
    return [m[1], m[2]];
  }

  /** `[true_lb, true_extent]`: the bounds of the data itself. mpi4py: `Get_true_extent()`. */
  Get_true_extent(): [number, number] {
    const m = this.measured('Get_true_extent');
    return [m[3], m[4]];
  }

  /** mpi4py: `size`. */
  get size(): number {
    return this.measured('Datatype.size')[0];
  }

  /** mpi4py: `extent`. */
  get extent(): number {
    return this.measured('Datatype.extent')[2];
  }

  /** mpi4py: `lb`. */
  get lb(): number {
    return this.measured('Datatype.lb')[1];
  }

  /** mpi4py: `ub`, lb + extent. */
  get ub(): number {
    const m = this.measured('Datatype.ub');
    return m[1] + m[2];
  }

  /** mpi4py: `true_lb`. */
  get true_lb(): number {
    return this.measured('Datatype.true_lb')[3];
  }

  /** mpi4py: `true_extent`. */
  get true_extent(): number {
    return this.measured('Datatype.true_extent')[4];
  }

  /** mpi4py: `true_ub`, true_lb + true_extent. */
  get true_ub(): number {
    const m = this.measured('Datatype.true_ub');
    return m[3] + m[4];
  }

  /** Whether this is a named (predefined, not derived) datatype. mpi4py: `is_named`. */
  get is_named(): boolean {
    if (this.handle === NULL_ID) return false;
    return this.measured('Datatype.is_named')[5] === COMBINER_NAMED;
  }

  /** Whether this is predefined: DATATYPE_NULL, a named type or an f90 type (none can be freed). mpi4py: `is_predefined`. */
  get is_predefined(): boolean {
    if (this.handle === NULL_ID) return true;
    const c = this.measured('Datatype.is_predefined')[5];
    return c === COMBINER_NAMED || c === COMBINER_F90_INTEGER || c === COMBINER_F90_REAL || c === COMBINER_F90_COMPLEX;
  }

  /** @internal Whether Commit() was called (predefined types always are): the buffer calls need it. */
  get committed(): boolean {
    return this.handle !== NULL_ID && this.measured('Datatype.committed')[6] === 1;
  }

  /** The name MPI keeps for this type (`MPI_DOUBLE`, or what Set_name gave). mpi4py: `Get_name()`. */
  Get_name(): string {
    return D.getName(this.live('Get_name', 'the datatype').handle);
  }

  /** mpi4py: `Set_name(name)`. */
  Set_name(name: string): void {
    D.setName(this.live('Set_name', 'the datatype').handle, A.string('Set_name', 'name', name));
  }

  /** mpi4py: `name`, Get_name and Set_name as a property. */
  get name(): string {
    return this.Get_name();
  }

  set name(name: string) {
    this.Set_name(name);
  }

  // --- constructors: each a new, uncommitted Datatype (mpi4py's names and argument orders)

  /** mpi4py: `Dup()`: a copy, committed if this one is. */
  Dup(): Datatype {
    return new Datatype(D.dup(this.live('Dup', 'the datatype').handle));
  }

  /** mpi4py: `Create_dup()`, the same as Dup(). */
  Create_dup(): Datatype {
    return new Datatype(D.dup(this.live('Create_dup', 'the datatype').handle));
  }

  /**
   * mpi4py: `Create_contiguous(count)`: count items back to back. count may pass
   * 2**31-1 (up to 2**53-1): MPI_Type_contiguous_c where the library has it,
   * else a struct of a vector and a remainder (BigMPI, as mpi4py does).
   */
  Create_contiguous(count: number): Datatype {
    return new Datatype(D.createContiguous(A.count('Create_contiguous', 'count', count, true), this.live('Create_contiguous', 'the datatype').handle));
  }

  /** mpi4py: `Create_vector(count, blocklength, stride)`: count blocks, stride items apart (negative too). */
  Create_vector(count: number, blocklength: number, stride: number): Datatype {
    const call = 'Create_vector';
    return new Datatype(D.createVector(
      A.count(call, 'count', count), A.count(call, 'blocklength', blocklength), A.int(call, 'stride', stride), this.live(call, 'the datatype').handle,
    ));
  }

  /** mpi4py: `Create_hvector(count, blocklength, stride)`: as Create_vector, stride in bytes. */
  Create_hvector(count: number, blocklength: number, stride: number): Datatype {
    const call = 'Create_hvector';
    return new Datatype(D.createHvector(
      A.count(call, 'count', count), A.count(call, 'blocklength', blocklength), A.aint(call, 'stride', stride), this.live(call, 'the datatype').handle,
    ));
  }

  /** mpi4py: `Create_indexed(blocklengths, displacements)`: blocks at displacements counted in extents. */
  Create_indexed(blocklengths: ArrayLike<number>, displacements: ArrayLike<number>): Datatype {
    const call = 'Create_indexed';
    const b = A.counts(call, 'blocklengths', blocklengths);
    const d = A.ints(call, 'displacements', displacements);
    sameLength(call, ['blocklengths', b], ['displacements', d]);
    return new Datatype(D.createIndexed(b, d, this.live(call, 'the datatype').handle));
  }

  /** mpi4py: `Create_hindexed(blocklengths, displacements)`: blocks at byte displacements. */
  Create_hindexed(blocklengths: ArrayLike<number>, displacements: ArrayLike<number | bigint>): Datatype {
    const call = 'Create_hindexed';
    const b = A.counts(call, 'blocklengths', blocklengths);
    const d = A.aints(call, 'displacements', displacements);
    sameLength(call, ['blocklengths', b], ['displacements', d]);
    return new Datatype(D.createHindexed(b, d, this.live(call, 'the datatype').handle));
  }

  /** mpi4py: `Create_indexed_block(blocklength, displacements)`: blocks of one length, displacements in extents. */
  Create_indexed_block(blocklength: number, displacements: ArrayLike<number>): Datatype {
    const call = 'Create_indexed_block';
    return new Datatype(D.createIndexedBlock(
      A.count(call, 'blocklength', blocklength), A.ints(call, 'displacements', displacements), this.live(call, 'the datatype').handle,
    ));
  }

  /** mpi4py: `Create_hindexed_block(blocklength, displacements)`: blocks of one length at byte displacements. */
  Create_hindexed_block(blocklength: number, displacements: ArrayLike<number | bigint>): Datatype {
    const call = 'Create_hindexed_block';
    return new Datatype(D.createHindexedBlock(
      A.count(call, 'blocklength', blocklength), A.aints(call, 'displacements', displacements), this.live(call, 'the datatype').handle,
    ));
  }

  /**
   * mpi4py: `Datatype.Create_struct(blocklengths, displacements, datatypes)`
   * (static): fields of different types at byte displacements.
   */
  static Create_struct(blocklengths: ArrayLike<number>, displacements: ArrayLike<number | bigint>, datatypes: ArrayLike<Datatype>): Datatype {
    const call = 'Create_struct';
    const b = A.counts(call, 'blocklengths', blocklengths);
    const d = A.aints(call, 'displacements', displacements);
    if (!Array.isArray(datatypes)) throw new TypeError(`${call}: datatypes must be an array of MPI.Datatype, got ${A.describe(datatypes)}`);
    const t = Int32Array.from(datatypes, (x: unknown, i) => A.ofKind(call, `datatypes[${i}]`, x, Datatype, 'MPI.Datatype').live(call, `datatypes[${i}]`).handle);
    sameLength(call, ['blocklengths', b], ['displacements', d], ['datatypes', t]);
    return new Datatype(D.createStruct(b, d, t));
  }

  /**
   * mpi4py: `Create_subarray(sizes, subsizes, starts, order = ORDER_C)`: the
   * block of subsizes at starts of an array of sizes (of this type).
   */
  Create_subarray(sizes: ArrayLike<number>, subsizes: ArrayLike<number>, starts: ArrayLike<number>, order: number = ORDER_C): Datatype {
    const call = 'Create_subarray';
    const s = A.ints(call, 'sizes', sizes);
    const ss = A.ints(call, 'subsizes', subsizes);
    const st = A.ints(call, 'starts', starts);
    sameLength(call, ['sizes', s], ['subsizes', ss], ['starts', st]);
    return new Datatype(D.createSubarray(s, ss, st, A.int(call, 'order', order), this.live(call, 'the datatype').handle));
  }

  /**
   * mpi4py: `Create_darray(size, rank, gsizes, distribs, dargs, psizes, order = ORDER_C)`:
   * rank's part of an array of gsizes distributed over a grid of psizes processes.
   */
  Create_darray(
    size: number, rank: number, gsizes: ArrayLike<number>, distribs: ArrayLike<number>, dargs: ArrayLike<number>,
    psizes: ArrayLike<number>, order: number = ORDER_C,
  ): Datatype {
    const call = 'Create_darray';
    const g = A.ints(call, 'gsizes', gsizes);
    const di = A.ints(call, 'distribs', distribs);
    const da = A.ints(call, 'dargs', dargs);
    const p = A.ints(call, 'psizes', psizes);
    sameLength(call, ['gsizes', g], ['distribs', di], ['dargs', da], ['psizes', p]);
    return new Datatype(D.createDarray(
      A.int(call, 'size', size), A.int(call, 'rank', rank), g, di, da, p, A.int(call, 'order', order), this.live(call, 'the datatype').handle,
    ));
  }

  /** mpi4py: `Create_resized(lb, extent)`: the same data with another lower bound and extent (bytes). */
  Create_resized(lb: number, extent: number): Datatype {
    return new Datatype(D.createResized(this.live('Create_resized', 'the datatype').handle, A.aint('Create_resized', 'lb', lb), A.aint('Create_resized', 'extent', extent)));
  }

  // --- lifetime

  /** mpi4py: `Commit()`; returns this, so calls chain. Committing a predefined type does nothing. */
  Commit(): this {
    D.commit(this.handle);
    this.layout = undefined;
    return this;
  }

  /**
   * mpi4py: `Free()`. The datatype becomes DATATYPE_NULL, so freeing it again
   * is MPI.Exception ERR_TYPE (as is any use of another copy of its handle).
   * Freeing a predefined type is MPI.Exception ERR_TYPE, before MPI.
   */
  Free(): void {
    D.free(this.handle);
    this.handle = NULL_ID;
    this.layout = undefined;
  }

  /** `using t = …`: Free() at the end of the scope (nothing for a type already freed). */
  [Symbol.dispose](): void {
    if (this.handle !== NULL_ID) this.Free();
  }

  toString(): string {
    return this.label ? `MPI.${this.label}` : `MPI.Datatype(${this.handle})`;
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

/** Lists that go together have equal lengths (mpi4py's chkarray): a RangeError naming them. */
function sameLength(call: string, ...lists: [string, ArrayLike<unknown>][]): void {
  const [name0, first] = lists[0];
  for (const [name, l] of lists.slice(1)) {
    if (l.length !== first.length) throw new RangeError(`${call}: ${name} has ${l.length} entries but ${name0} has ${first.length} (they go together)`);
  }
}

// The predefined datatypes: made in lib/predefined.ts, which imports the class
// above (so this import comes after it), re-exported here as before.
export * from './predefined';
import {
  BYTE, C_BOOL, C_DOUBLE_COMPLEX, C_FLOAT_COMPLEX, CHAR, DOUBLE, FLOAT, INT, INT16_T, INT32_T, INT64_T, INT8_T, LONG,
  LONG_DOUBLE, LONG_LONG, SHORT, SIGNED_CHAR, UINT16_T, UINT32_T, UINT64_T, UINT8_T, UNSIGNED, UNSIGNED_CHAR, UNSIGNED_LONG,
  UNSIGNED_LONG_LONG, UNSIGNED_SHORT,
} from './predefined';

/** Python typecodes, as mpi4py accepts them in `[buf, 'd']`. */
export type TypeCode =
  | 'c' | 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'l' | 'L' | 'q' | 'Q' | 'f' | 'd' | 'g' | '?'
  | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'f4' | 'f8' | 'c8' | 'c16';

// The tables below are made at first use, not at load: lib/predefined.ts and this
// module import each other, and whichever loads first sees the other's exports later.
let typecodeTable: Record<TypeCode, Datatype> | undefined;
const TYPECODES = (): Record<TypeCode, Datatype> => (typecodeTable ??= {
  c: CHAR, b: SIGNED_CHAR, B: UNSIGNED_CHAR, h: SHORT, H: UNSIGNED_SHORT, i: INT, I: UNSIGNED,
  l: LONG, L: UNSIGNED_LONG, q: LONG_LONG, Q: UNSIGNED_LONG_LONG, f: FLOAT, d: DOUBLE, g: LONG_DOUBLE,
  '?': C_BOOL, i1: INT8_T, i2: INT16_T, i4: INT32_T, i8: INT64_T, u1: UINT8_T, u2: UINT16_T,
  u4: UINT32_T, u8: UINT64_T, f4: FLOAT, f8: DOUBLE, c8: C_FLOAT_COMPLEX, c16: C_DOUBLE_COMPLEX,
});

/** A Datatype, or a typecode standing for one; anything else is a TypeError naming `call` and `what`. */
export function toDatatype(t: Datatype | TypeCode, call = 'toDatatype', what = 'datatype'): Datatype {
  if (t instanceof Datatype) return t;
  const d = typeof t === 'string' && Object.prototype.hasOwnProperty.call(TYPECODES(), t) ? TYPECODES()[t] : undefined;
  if (d) return d;
  const given = typeof t === 'string' ? JSON.stringify(t) : A.describe(t);
  throw new TypeError(`${call}: ${what} must be an MPI.Datatype or a typecode ('i', 'd', 'u1', …), got ${given}`);
}

/**
 * The datatype of a buffer's elements, by its kind. Uint8Array, Buffer and
 * DataView are raw bytes (MPI.BYTE); see arithmeticDatatype for reductions.
 */
let kindTable: Record<string, Datatype> | undefined;
const BY_KIND = (): Record<string, Datatype> => (kindTable ??= {
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
});

/**
 * By prototype: one map lookup on the hot path. The built-in typed array kinds
 * and Buffer (a subclass of Uint8Array that keeps its length and memory);
 * another subclass falls through to its tag. The prototype, not the
 * `constructor` property, which an object may carry as its own.
 */
let typedTable: Map<unknown, Datatype> | undefined;
const TYPED = (): Map<unknown, Datatype> => (typedTable ??= new Map<unknown, Datatype>([
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map(
    (k): [unknown, Datatype] => [k.prototype, BY_KIND()[k.name]],
  ),
  [Buffer.prototype, BYTE],
]));

// The last kind found and its datatype: a loop passes one kind over and over,
// and a comparison costs less than the map's hashing (issue 16).
let lastKind: unknown = null;
let lastDatatype: Datatype | undefined;

/** @internal The datatype of a typed array of a built-in kind, or a Buffer; undefined for anything else. */
export function typedArrayDatatype(view: ArrayBufferView): Datatype | undefined {
  const kind = Object.getPrototypeOf(view);
  // lastKind is null until a kind is found (then a prototype from TYPED): a view without a prototype finds undefined.
  if (kind === lastKind) return lastDatatype;
  const d = TYPED().get(kind);
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
  const d = Object.prototype.hasOwnProperty.call(BY_KIND(), kind) ? BY_KIND()[kind] : undefined;
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

// One representation, several names: mpi4py's typecodes name C types ('i' is
// MPI.INT) where mpi4js's typed arrays name fixed widths (Int32Array is
// MPI.INT32_T). MPI's accumulates want one predefined datatype on both sides.
let familyTable: Datatype[][] | undefined;
const FAMILIES = (): Datatype[][] => (familyTable ??= [
  [SIGNED_CHAR, INT8_T, SHORT, INT16_T, INT, INT32_T, LONG, LONG_LONG, INT64_T],
  [BYTE, UNSIGNED_CHAR, UINT8_T, UNSIGNED_SHORT, UINT16_T, UNSIGNED, UINT32_T, UNSIGNED_LONG, UNSIGNED_LONG_LONG, UINT64_T],
]);

/**
 * @internal For the accumulates: the predefined datatype with handle `target`
 * when it is origin's representation under another name (a signed or an
 * unsigned integer of the same size: INT for an Int32Array's INT32_T), so a
 * program that names C types, as mpi4py's do, runs as it does there; else origin.
 */
export function sameBasic(origin: Datatype, target: number): Datatype {
  if (origin.handle === target) return origin;
  for (const family of FAMILIES()) {
    if (!family.includes(origin)) continue;
    const twin = family.find((d) => d.handle === target);
    return twin && twin.Get_size() === origin.Get_size() ? twin : origin;
  }
  return origin;
}
