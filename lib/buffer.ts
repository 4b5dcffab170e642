/**
 * The one resolver of buffer specifications, mpi4py's message forms
 * (`msgbuffer.pxi`): a buffer alone, `[buf, datatype]`, `[buf, count]`,
 * `[buf, count, datatype]`, `[buf, [count, displ], datatype]`, and for the
 * v-variants `[buf, [counts, displs], datatype]` and its relatives. Each becomes
 * a view, a count and a datatype; the addon checks the view holds them
 * (src-native/buffer.cc) and hands the view's own memory to MPI.
 */
import { BYTE, Datatype, inferDatatype, toDatatype, TypeCode, typedArrayDatatype, UINT8_T } from './datatype';
import { count as checkedCount, describe, detached, INT_MAX } from './args';
import { native } from './native';
import { untransferable } from './untransferable';

// The addon marks the ArrayBuffer of every nonblocking call's buffer with this,
// so a transfer list (postMessage, structuredClone), or ArrayBuffer's transfer(),
// cannot move the memory MPI is using (src-native/buffer.cc, Pin; lib/untransferable.ts).
native.buffer.setUntransferable(untransferable);

declare const inPlaceBrand: unique symbol;
/** The type of `MPI.IN_PLACE`. */
export interface InPlace {
  readonly [inPlaceBrand]: true;
}
/** mpi4py: `MPI.IN_PLACE`: the send buffer of a collective is the receive buffer. */
export const IN_PLACE = native.IN_PLACE as InPlace;

/** Memory MPI can read and write: typed arrays, Buffer, DataView, (Shared)ArrayBuffer. */
export type BufferLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;
/** A datatype, or a Python typecode such as `'d'` or `'i4'`. */
export type DatatypeSpec = Datatype | TypeCode;

/** mpi4py's BufSpec: a message for point-to-point calls and block collectives. */
export type BufSpec =
  | BufferLike
  | null
  | undefined
  | [buf: BufferLike | null, datatype: DatatypeSpec]
  | [buf: BufferLike | null, count: number]
  | [buf: BufferLike | null, count: number, datatype: DatatypeSpec]
  | [buf: BufferLike | null, countDispl: [count: number, displ: number], datatype: DatatypeSpec]
  | [buf: BufferLike | null, count: number, displ: number, datatype: DatatypeSpec];

/** Per-rank counts or displacements: one number for every rank, or one per rank. */
export type Counts = number | ArrayLike<number>;

/** mpi4py's BufSpecV: a message for the v-variants (Gatherv, Scatterv, …). */
export type BufSpecV =
  | BufferLike
  | null
  | undefined
  | [buf: BufferLike, countsOrDatatype: Counts | DatatypeSpec]
  | [buf: BufferLike, counts: Counts, datatype: DatatypeSpec]
  | [buf: BufferLike, countsDispls: [counts: Counts, displs: Counts | null], datatype: DatatypeSpec]
  | [buf: BufferLike, counts: Counts, displs: Counts | null, datatype: DatatypeSpec];

/** @internal A resolved message. */
export interface Msg {
  view: ArrayBufferView | InPlace | null;
  count: number;
  datatype: Datatype;
}

/** @internal A resolved v-message. */
export interface MsgV {
  view: ArrayBufferView | InPlace | null;
  counts: Int32Array | null;
  displs: Int32Array | null;
  datatype: Datatype;
}

const NONE: Msg = Object.freeze({ view: null, count: 0, datatype: BYTE });
const IN_PLACE_MSG: Msg = Object.freeze({ view: IN_PLACE, count: 0, datatype: BYTE });
/** @internal */
export const NONE_V: MsgV = Object.freeze({ view: null, counts: null, displs: null, datatype: BYTE });
const IN_PLACE_V: MsgV = Object.freeze({ view: IN_PLACE, counts: null, displs: null, datatype: BYTE });

function toView(buf: unknown, call: string): ArrayBufferView | null {
  if (ArrayBuffer.isView(buf)) return buf;
  if (buf === null || buf === undefined) return null;
  if (buf instanceof SharedArrayBuffer) return new Uint8Array(buf);
  if (buf instanceof ArrayBuffer) {
    // A detached ArrayBuffer cannot be viewed: the addon refuses it, naming the call.
    if (buf.byteLength === 0 && detached(buf)) return buf as unknown as ArrayBufferView;
    return new Uint8Array(buf);
  }
  throw new TypeError(`${call}: expecting a TypedArray, Buffer, DataView or ArrayBuffer, got ${describe(buf)}`);
}

function isDatatypeSpec(x: unknown): x is DatatypeSpec {
  return x instanceof Datatype || typeof x === 'string';
}

function countOf(view: ArrayBufferView | null, datatype: Datatype, call: string): number {
  if (view === null) return 0;
  const extent = datatype.extent;
  const n = view.byteLength / extent;
  if (!Number.isInteger(n)) {
    throw new RangeError(
      `${call}: cannot infer count, buffer length ${view.byteLength} is not a multiple of datatype extent ${extent}`,
    );
  }
  return n;
}

/**
 * Reductions need arithmetic: a Uint8Array or Buffer whose type was inferred
 * (MPI.BYTE, which no op accepts) reduces as MPI.UINT8_T.
 */
function arithmetic(view: ArrayBufferView | null, datatype: Datatype): Datatype {
  return datatype === BYTE && (view instanceof Uint8Array || view instanceof Uint8ClampedArray) ? UINT8_T : datatype;
}

function displaced(view: ArrayBufferView | null, displ: number, datatype: Datatype, call: string): ArrayBufferView | null {
  if (displ === 0 || view === null) return view;
  const offset = displ * datatype.extent;
  // A derived type's extent may be negative: the view never moves before its own start.
  if (!Number.isInteger(displ) || displ < 0 || offset < 0 || offset > view.byteLength) {
    throw new RangeError(`${call}: displacement ${displ} is outside the buffer`);
  }
  return new Uint8Array(view.buffer, view.byteOffset + offset, view.byteLength - offset);
}

/**
 * A count or displacement of a buffer specification: 0 to 2**53-1. Counts beyond
 * a C int go to MPI as MPI-4 `_c` calls or as one item of a derived datatype
 * (src-native/largecount.h).
 */
function checkCount(count: unknown, call: string, what = 'count'): number {
  return checkedCount(call, what, count, true);
}

/** @internal The RangeErrors of v-variant counts that MPI cannot take here (see `vCount`): every rank must raise them. */
export const inexpressible = new WeakSet<Error>();

/**
 * A count or displacement of a v-variant: a C int, as MPI's classic v-variants take
 * them (mpi4js has no `_c` v-variant route yet). A larger integer is a RangeError
 * recorded in `inexpressible`, so lib/comm/comm.ts can make every rank raise it
 * (non-roots do not see the root's counts).
 */
function vCount(call: string, what: string, v: unknown): number {
  const r = checkedCount(call, what, v, true);
  if (r > INT_MAX) {
    const e = new RangeError(`${call}: ${what} ${r} does not fit in a C int (the v-variants take int counts and displacements here)`);
    inexpressible.add(e);
    throw e;
  }
  return r;
}

/** The datatype or typecode of a buffer specification: DATATYPE_NULL is MPI's ERR_TYPE, a wrong one a TypeError, naming the call. */
function datatypeOf(t: unknown, call: string): Datatype {
  return toDatatype(t as DatatypeSpec, call).live(call);
}

/**
 * @internal Resolves a BufSpec. `reduction` makes inferred byte buffers arithmetic;
 * `call` (e.g. `Bcast: buf`) begins every error's message. `blocks` is how many
 * equal blocks the buffer holds (one per rank on the side of a collective that has
 * one per rank, as mpi4py's msgbuffer.pxi reads it): the count returned is per
 * block. An explicit count is already per block (`Alltoall(s, [r, 1, MPI.INT])`
 * moves 1 item per rank); an inferred one is the buffer's items divided by blocks,
 * which must divide them.
 */
export function message(spec: BufSpec | InPlace, reduction = false, call = 'message', blocks = 1): Msg {
  if (ArrayBuffer.isView(spec)) {
    const datatype = inferDatatype(spec, call);
    // A typed array's datatype is its element type: the count is its length.
    const count = (spec as { length?: number }).length ?? spec.byteLength;
    return { view: spec, count: perBlock(count, blocks, call), datatype: reduction ? arithmetic(spec, datatype) : datatype };
  }
  if (spec === null || spec === undefined) return NONE;
  if (spec === IN_PLACE) return IN_PLACE_MSG;
  if (!Array.isArray(spec)) {
    const view = toView(spec, call);
    if (!ArrayBuffer.isView(view)) return { view, count: 0, datatype: BYTE }; // detached: the addon refuses it
    return message(view, reduction, call, blocks);
  }
  if (spec.length < 2 || spec.length > 4) throw new RangeError(`${call}: expecting 2 to 4 items`);
  let view = toView(spec[0], call);
  let datatype: Datatype | undefined;
  let count: number | undefined;
  let displ = 0;
  if (spec.length === 2) {
    if (isDatatypeSpec(spec[1])) datatype = datatypeOf(spec[1], call);
    else count = checkCount(spec[1], call);
  } else if (spec.length === 3) {
    const [, mid, t] = spec as [unknown, unknown, DatatypeSpec];
    if (Array.isArray(mid)) [count, displ] = [checkCount(mid[0], call), checkCount(mid[1], call, 'displacement')];
    else count = checkCount(mid, call);
    datatype = datatypeOf(t, call);
  } else {
    const [, c, d, t] = spec as [unknown, unknown, unknown, DatatypeSpec];
    [count, displ, datatype] = [checkCount(c, call), checkCount(d, call, 'displacement'), datatypeOf(t, call)];
  }
  const inferred = datatype === undefined;
  datatype ??= view && ArrayBuffer.isView(view) ? inferDatatype(view, call) : BYTE;
  view = displaced(view, displ, datatype, call);
  count ??= perBlock(countOf(view, datatype, call), blocks, call);
  return { view, count, datatype: reduction && inferred ? arithmetic(view, datatype) : datatype };
}

/** An inferred count split into blocks, as mpi4py infers it (it must divide evenly). */
function perBlock(items: number, blocks: number, call: string): number {
  if (blocks < 2) return items;
  if (items % blocks !== 0) {
    throw new RangeError(`${call}: cannot infer count, number of entries ${items} is not a multiple of required number of blocks ${blocks}`);
  }
  return items / blocks;
}

function isCounts(x: unknown): boolean {
  return x === null || typeof x === 'number' || Array.isArray(x) || ArrayBuffer.isView(x);
}

// Counts and displacements are C ints in MPI's v-variants (Open MPI 4.1 has no
// large-count MPI_Gatherv_c, ...): each is checked, never wrapped by Int32Array.
function toInt32s(call: string, x: ArrayLike<unknown>, size: number, what: string): Int32Array {
  if (x.length !== size) throw new RangeError(`${call}: expecting ${size} ${what}, got ${x.length}`);
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = vCount(call, `${what}[${i}]`, x[i]);
  return out;
}


/** @internal Resolves a BufSpecV for a communicator of `size` ranks. */
export function messageV(spec: BufSpecV | InPlace, size: number, call = 'message'): MsgV {
  // No buffer is an empty message to or from every rank: zero counts, never NULL arrays,
  // which MPICH reads at a root (a crash inside MPI_Scatterv where Open MPI refuses).
  if (spec === null || spec === undefined) return { view: null, counts: new Int32Array(size), displs: new Int32Array(size), datatype: BYTE };
  if (spec === IN_PLACE) return IN_PLACE_V;
  let buf: unknown = spec;
  let counts: unknown;
  let displs: unknown;
  let datatype: Datatype | undefined;
  if (Array.isArray(spec)) {
    if (spec.length < 2 || spec.length > 4) throw new RangeError(`${call}: expecting 2 to 4 items`);
    buf = spec[0];
    if (spec.length === 4) [, counts, displs] = spec;
    const last = spec[spec.length - 1];
    if (spec.length >= 3) datatype = datatypeOf(last, call);
    if (spec.length === 3) {
      const mid = spec[1];
      const pair = Array.isArray(mid) && mid.length === 2 && (mid.some((m) => m === null || typeof m === 'object'));
      if (pair) [counts, displs] = mid as unknown[];
      else counts = mid;
    }
    if (spec.length === 2) {
      if (isDatatypeSpec(spec[1])) datatype = datatypeOf(spec[1], call);
      else counts = spec[1];
    }
  }
  const view = toView(buf, call);
  datatype ??= view && ArrayBuffer.isView(view) ? inferDatatype(view, call) : BYTE;
  if (counts !== undefined && !isCounts(counts)) throw new TypeError(`${call}: counts must be a number or a list, got ${describe(counts)}`);
  let c: Int32Array;
  if (counts === undefined || counts === null) {
    // Split the buffer evenly; the first (total % size) ranks get one more item.
    const total = countOf(view, datatype, call);
    const base = Math.floor(total / size);
    const extra = total % size;
    c = Int32Array.from({ length: size }, (_, i) => vCount(call, `count of rank ${i} (the buffer split evenly)`, base + (i < extra ? 1 : 0)));
  } else if (typeof counts === 'number') {
    c = new Int32Array(size).fill(vCount(call, 'count', counts));
  } else {
    c = toInt32s(call, counts as ArrayLike<unknown>, size, 'counts');
  }
  let d: Int32Array;
  if (displs === undefined || displs === null) {
    // Prefix sums in doubles (exact far beyond 2**31), each checked to fit an int.
    d = new Int32Array(size);
    let sum = 0;
    for (let i = 1; i < size; i++) {
      sum += c[i - 1];
      d[i] = vCount(call, `displacement of rank ${i} (the sum of the counts before it)`, sum);
    }
  } else if (typeof displs === 'number') {
    const stride = vCount(call, 'displacement stride', displs);
    d = Int32Array.from({ length: size }, (_, i) => vCount(call, `displacement of rank ${i} (${i} × stride ${stride})`, i * stride));
  } else {
    d = toInt32s(call, displs as ArrayLike<unknown>, size, 'displacements');
  }
  return { view, counts: c, displs: d, datatype };
}

/**
 * @internal The hot case of the resolver, for the fast paths (lib/comm/comm.ts): a
 * typed array of a built-in kind, or a Buffer, is `length` items of its kind's
 * datatype — what message() makes of it, without building a Msg. undefined for
 * every other form, which message() resolves.
 */
export function typedDatatype(buf: unknown): Datatype | undefined {
  return ArrayBuffer.isView(buf) ? typedArrayDatatype(buf) : undefined;
}

/**
 * @internal typedDatatype for a reduction: what message(buf, true) infers, so
 * bytes (a Uint8Array, Uint8ClampedArray or Buffer) reduce as MPI.UINT8_T.
 */
export function reducedDatatype(buf: unknown): Datatype | undefined {
  const t = typedDatatype(buf);
  return t === BYTE ? UINT8_T : t;
}

/**
 * @internal A point-to-point buffer: MPI.IN_PLACE is for collectives only (MPI would
 * send or receive 0 bytes from it).
 */
export function p2p(call: string, what: string, buf: BufSpec): Msg {
  if ((buf as unknown) === IN_PLACE) throw new TypeError(`${call}: ${what} cannot be MPI.IN_PLACE (only collectives take it)`);
  return message(buf, false, `${call}: ${what}`);
}

// --- send modes and collectives (issue 12, WP3) ----------------------------------

/**
 * mpi4py's BufSpecW, for Alltoallw: one datatype per rank and displacements in
 * BYTES. `[buf, datatypes]` moves one item of each rank's datatype from byte 0
 * (counts 1, displacements 0: the datatypes carry the layout).
 */
export type BufSpecW =
  | [buf: BufferLike, datatypes: ArrayLike<DatatypeSpec>]
  | [buf: BufferLike, countsDispls: [counts: ArrayLike<number>, displs: ArrayLike<number>], datatypes: ArrayLike<DatatypeSpec>]
  | [buf: BufferLike, counts: ArrayLike<number>, displs: ArrayLike<number>, datatypes: ArrayLike<DatatypeSpec>];

/** @internal A resolved w-message: what the addon takes (src-native/alltoallw.cc). */
export interface MsgW {
  view: ArrayBufferView | InPlace | null;
  /** n counts, then n byte displacements */
  ints: Int32Array | null;
  /** n datatype ids; `datatypes` holds the objects, kept alive with the request */
  types: Int32Array | null;
  datatypes: Datatype[];
}

const IN_PLACE_W: MsgW = Object.freeze({ view: IN_PLACE, ints: null, types: null, datatypes: [] });

/**
 * @internal Resolves a BufSpecW for a communicator of `size` ranks. The addon
 * checks that each rank's block (its displacement plus its count of its
 * datatype) lies inside the buffer.
 */
export function messageW(spec: BufSpecW | InPlace, size: number, call: string): MsgW {
  if (spec === IN_PLACE) return IN_PLACE_W;
  if (!Array.isArray(spec) || spec.length < 2 || spec.length > 4) {
    throw new TypeError(`${call}: expecting [buf, datatypes], [buf, [counts, displs], datatypes] or [buf, counts, displs, datatypes], got ${describe(spec)}`);
  }
  let counts: unknown;
  let displs: unknown;
  if (spec.length === 4) [, counts, displs] = spec;
  if (spec.length === 3) {
    const pair = spec[1];
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${call}: expecting [counts, displs] as the second item, got ${describe(pair)}`);
    [counts, displs] = pair as unknown[];
  }
  const types = spec[spec.length - 1] as unknown;
  const view = toView(spec[0], call);
  const list = (x: unknown, what: string): ArrayLike<unknown> => {
    if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) throw new TypeError(`${call}: ${what} must be a list, got ${describe(x)}`);
    return x as ArrayLike<unknown>;
  };
  const t = list(types, 'datatypes');
  if (t.length !== size) throw new RangeError(`${call}: expecting ${size} datatypes (one per rank), got ${t.length}`);
  const datatypes = Array.from(t, (d, i) => datatypeOf(d, `${call}: datatypes[${i}]`));
  const ints = new Int32Array(2 * size);
  // Both absent: one item of each datatype at byte 0 (mpi4py message_vector_w).
  if (counts === undefined || counts === null) ints.fill(1, 0, size);
  else ints.set(toInt32s(call, list(counts, 'counts'), size, 'counts'));
  if (displs !== undefined && displs !== null) ints.set(toInt32s(call, list(displs, 'displacements'), size, 'displacements'), size);
  return { view, ints, types: Int32Array.from(datatypes, (d) => d.handle), datatypes };
}
