/**
 * Packing, addresses, envelopes and contents, Match_size and the f90 types:
 * the bodies of the Datatype methods of that name (lib/datatype.ts) and of
 * `MPI.Get_address`, `MPI.Aint_add`, `MPI.Aint_diff`. As mpi4py, Pack and
 * Unpack take raw buffers (no `[buf, count, datatype]`): the count is how many
 * whole extents the unpacked side holds. The addon (src-native/pack.cc) checks
 * every bound before MPI runs.
 * @packageDocumentation
 */
import * as A from './args';
import type { Comm } from './comm';
import * as C from './constants';
import { ERR_COMM, UNDEFINED } from './constants';
import * as DT from './datatype';
import { argumentError } from './errors';
import { COMM_NULL_ID, native } from './native';
import { combinerName, decodeContents, type CombinerName, type Contents, type DecodedParams } from './typedecode';

type Datatype = DT.Datatype;
const D = native.datatype;

/** What Pack and Unpack read and write: any typed array, a Buffer, a DataView or an (Shared)ArrayBuffer. */
export type RawBuffer = ArrayBufferView | ArrayBufferLike;


/** The bytes of a raw buffer as one Uint8Array, the only view the addon takes here. */
function bytesOf(call: string, what: string, v: unknown): Uint8Array {
  if (ArrayBuffer.isView(v)) {
    if (A.detached(v.buffer)) throw new TypeError(`${call}: ${what} is detached (its ArrayBuffer was transferred); it holds no memory`);
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  if (v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)) {
    if (A.detached(v)) throw new TypeError(`${call}: ${what} is detached (it was transferred); it holds no memory`);
    return new Uint8Array(v);
  }
  throw new TypeError(`${call}: ${what} must be a TypedArray, Buffer, DataView or ArrayBuffer, got ${A.describe(v)}`);
}

/** Whole extents of t in n bytes (mpi4py: `len // extent`); a non-positive extent infers nothing. */
function itemsIn(call: string, t: Datatype, n: number): number {
  const extent = t.Get_extent()[1];
  if (extent <= 0) throw new RangeError(`${call}: the datatype's extent is ${extent}, so no count can be inferred from a buffer`);
  return Math.floor(n / extent);
}

function commId(call: string, comm: unknown): number {
  const c = A.ofKind(call, 'comm', comm, commClass(), 'MPI.Comm');
  if (c.handle === COMM_NULL_ID) throw argumentError(ERR_COMM, call, 'comm is MPI.COMM_NULL (or a freed communicator)');
  return c.handle;
}

// Read when called: lib/comm/comm.ts imports lib/datatype.ts, which imports this file.
const commClass = (): typeof Comm => (require('./comm') as typeof import('./comm')).Comm;

function position(call: string, v: unknown): number {
  return A.count(call, 'position', v, true);
}

/** Datatype.Pack: inbuf's whole extents packed into outbuf from position; the new position. */
export function Pack(t: Datatype, inbuf: RawBuffer, outbuf: RawBuffer, pos: number, comm: Comm): number {
  const call = 'Datatype.Pack';
  const type = t.live(call, 'the datatype');
  const i = bytesOf(call, 'inbuf', inbuf);
  const o = bytesOf(call, 'outbuf', outbuf);
  const p = position(call, pos);
  const id = commId(call, comm);
  return D.pack(type.handle, i, itemsIn(call, type, i.byteLength), o, p, id);
}

/** Datatype.Unpack: inbuf from position unpacked into outbuf's whole extents; the new position. */
export function Unpack(t: Datatype, inbuf: RawBuffer, pos: number, outbuf: RawBuffer, comm: Comm): number {
  const call = 'Datatype.Unpack';
  const type = t.live(call, 'the datatype');
  const i = bytesOf(call, 'inbuf', inbuf);
  const p = position(call, pos);
  const o = bytesOf(call, 'outbuf', outbuf);
  const id = commId(call, comm);
  return D.unpack(type.handle, i, p, o, itemsIn(call, type, o.byteLength), id);
}

/** Datatype.Pack_size: an upper bound of the bytes count items pack into. */
export function Pack_size(t: Datatype, count: number, comm: Comm): number {
  const call = 'Datatype.Pack_size';
  return D.packSize(A.count(call, 'count', count), t.live(call, 'the datatype').handle, commId(call, comm));
}

/**
 * datarep, which must be 'external32': the one representation MPI defines for
 * these calls. Open MPI 4.1 ignores the string, so another one is refused here.
 */
function datarepOf(call: string, v: unknown): string {
  const rep = A.string(call, 'datarep', v);
  if (rep !== 'external32') throw new RangeError(`${call}: datarep ${JSON.stringify(rep)} is not 'external32', the one representation MPI packs to`);
  return rep;
}

/** Datatype.Pack_external: as Pack, in the portable representation datarep ('external32'). */
export function Pack_external(t: Datatype, datarep: string, inbuf: RawBuffer, outbuf: RawBuffer, pos: number): number {
  const call = 'Datatype.Pack_external';
  const rep = datarepOf(call, datarep);
  const type = t.live(call, 'the datatype');
  const i = bytesOf(call, 'inbuf', inbuf);
  const o = bytesOf(call, 'outbuf', outbuf);
  return D.packExternal(rep, type.handle, i, itemsIn(call, type, i.byteLength), o, position(call, pos));
}

/** Datatype.Unpack_external: as Unpack, from the portable representation datarep. */
export function Unpack_external(t: Datatype, datarep: string, inbuf: RawBuffer, pos: number, outbuf: RawBuffer): number {
  const call = 'Datatype.Unpack_external';
  const rep = datarepOf(call, datarep);
  const type = t.live(call, 'the datatype');
  const i = bytesOf(call, 'inbuf', inbuf);
  const p = position(call, pos);
  const o = bytesOf(call, 'outbuf', outbuf);
  return D.unpackExternal(rep, type.handle, i, p, o, itemsIn(call, type, o.byteLength));
}

/** Datatype.Pack_external_size: the exact bytes count items take in datarep. */
export function Pack_external_size(t: Datatype, datarep: string, count: number): number {
  const call = 'Datatype.Pack_external_size';
  return D.packExternalSize(datarepOf(call, datarep), A.count(call, 'count', count), t.live(call, 'the datatype').handle);
}

// ---- addresses --------------------------------------------------------------

/**
 * mpi4py: `MPI.Get_address(location)`: the address of the buffer's first byte.
 * Only differences of addresses within one ArrayBuffer mean anything to
 * mpi4js (there is no MPI.BOTTOM: absolute addresses cannot be bounds-checked).
 */
export function Get_address(location: RawBuffer): number {
  return D.getAddress(bytesOf('Get_address', 'location', location));
}

/** The range of MPI_Aint (32-bit on armv7), within what a double holds exactly. */
let aintBits: number | undefined;
function aintResult(call: string, r: number): number {
  aintBits ??= DT.AINT.Get_size() * 8;
  const limit = aintBits >= 54 ? Number.MAX_SAFE_INTEGER : 2 ** (aintBits - 1) - 1;
  if (!Number.isSafeInteger(r) || r > limit || r < -limit - 1) throw new RangeError(`${call}: the result ${r} does not fit an MPI_Aint exactly`);
  return r;
}

/** mpi4py: `MPI.Aint_add(base, disp)`: base + disp, exact. */
export function Aint_add(base: number, disp: number): number {
  return aintResult('Aint_add', A.aint('Aint_add', 'base', base) + A.aint('Aint_add', 'disp', disp));
}

/** mpi4py: `MPI.Aint_diff(addr1, addr2)`: addr1 - addr2, exact. */
export function Aint_diff(addr1: number, addr2: number): number {
  return aintResult('Aint_diff', A.aint('Aint_diff', 'addr1', addr1) - A.aint('Aint_diff', 'addr2', addr2));
}

// ---- datatypes MPI returns --------------------------------------------------

/** Predefined constants by id, made on first use from the Datatypes the MPI namespace exports. */
let byId: Map<number, Datatype> | undefined;
/** Predefined-like types (Match_size, f90, named types not exported) by MPI handle: one object each, never freed. */
const shared = new Map<number, Datatype>();

/**
 * The Datatype for what the addon returned: the constant of a predefined id;
 * the one object of a shared type (a second id the addon made for it is
 * dropped); else a new owner of the new reference MPI gave. @internal (lib/file.ts: Get_view)
 */
export function fromNative([id, isShared, key]: [number, boolean, number]): Datatype {
  if (!byId) {
    byId = new Map();
    // Read when called: lib/mpi.ts imports this file. The namespace, not one module, so constants
    // added anywhere (Fortran types, aliases) are found; an alias is the same object.
    const ns = require('./mpi') as Record<string, unknown>;
    for (const v of Object.values(ns)) if (v instanceof DT.Datatype && !byId.has(v.handle)) byId.set(v.handle, v);
  }
  const constant = byId.get(id);
  if (constant) return constant;
  if (!isShared) return new DT.Datatype(id);
  const known = shared.get(key);
  if (known) {
    if (known.handle !== id) D.forget(id);
    return known;
  }
  const t = new DT.Datatype(id);
  shared.set(key, t);
  return t;
}

/** Datatype.Get_envelope: `[ni, na, nc, nd, combiner]`; nc is 0 without MPI-4. */
export function Get_envelope(t: Datatype, call = 'Datatype.Get_envelope'): [number, number, number, number, number] {
  return D.envelope(t.live(call, 'the datatype').handle);
}

/**
 * Datatype.Get_contents: `[integers, addresses, counts, datatypes]`. A
 * predefined datatype in the list is its constant (`=== MPI.INT`); a derived
 * one is a new Datatype owning the reference MPI gave, which may be freed.
 * On a predefined (NAMED) datatype, MPI.Exception ERR_TYPE.
 */
export function Get_contents(t: Datatype, call = 'Datatype.Get_contents'): Contents<Datatype> {
  const [i, a, c, d] = D.contents(t.live(call, 'the datatype').handle);
  return [i, a, c, d.map(fromNative)];
}

/** The combiner's name (`'VECTOR'`, …), as decode() gives it. */
function nameOf(combiner: number): CombinerName {
  return combinerName(combiner, C, UNDEFINED);
}

/**
 * Datatype.decode: `[oldtype, combiner, params]`, where
 * `oldtype['Create_' + combiner.toLowerCase()]` with params makes an equal
 * datatype (`MPI.Datatype.Create_struct` for STRUCT, whose oldtype is
 * DATATYPE_NULL). A predefined datatype decodes to `[itself, 'NAMED', {}]`.
 */
export function decode(t: Datatype): [Datatype, CombinerName, DecodedParams<Datatype>] {
  const name = nameOf(Get_envelope(t, 'Datatype.decode')[4]);
  if (name === 'NAMED') return [t, name, {}];
  return decodeContents(name, Get_contents(t, 'Datatype.decode'), DT.DATATYPE_NULL);
}

// ---- Match_size and the f90 types --------------------------------------------

/** Datatype.Match_size: the predefined datatype of that type class and size (its constant when exported). */
export function Match_size(typeclass: number, size: number): Datatype {
  return fromNative(D.matchSize(A.int('Datatype.Match_size', 'typeclass', typeclass), A.int('Datatype.Match_size', 'size', size)));
}

/** Datatype.Create_f90_integer: the integer type of at least r decimal digits (predefined-like: never freed). */
export function Create_f90_integer(r: number): Datatype {
  return fromNative(D.f90(0, 0, A.int('Datatype.Create_f90_integer', 'r', r)));
}

/** Datatype.Create_f90_real: the real type of precision p and exponent range r. */
export function Create_f90_real(p: number, r: number): Datatype {
  const call = 'Datatype.Create_f90_real';
  return fromNative(D.f90(1, A.int(call, 'p', p), A.int(call, 'r', r)));
}

/** Datatype.Create_f90_complex: the complex type of precision p and exponent range r. */
export function Create_f90_complex(p: number, r: number): Datatype {
  const call = 'Datatype.Create_f90_complex';
  return fromNative(D.f90(2, A.int(call, 'p', p), A.int(call, 'r', r)));
}
