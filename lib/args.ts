/**
 * Arguments as mpi4py takes them: positional, or one options object in place
 * of Python's keywords — `comm.send(data, 1, 0)` or `comm.send(data, {dest: 1, tag: 0})`.
 * And the checks of ranks and tags before MPI sees them, raising what mpi4py
 * raises: MPI.Exception ERR_RANK/ERR_ROOT/ERR_TAG for a C int out of range,
 * RangeError (Python's OverflowError) for an integer no C int holds, TypeError
 * for anything not an integer.
 */
import { ANY_SOURCE, ANY_TAG, ERR_ARG, ERR_RANK, ERR_ROOT, ERR_TAG, PROC_NULL, UNDEFINED } from './constants';
import { argumentError } from './errors';
import { native } from './native';

/** The largest value of a C int: MPI's counts, ranks and tags are ints. */
export const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

let tagUbCache: number | undefined;

/**
 * The largest valid tag: the TAG_UB attribute, the same on every communicator
 * (MPI 4.1 §9.1.2), read from the addon once MPI is initialised.
 */
export function tagUb(): number {
  return (tagUbCache ??= native.environment.tagUb());
}

/** Whether x is a plain object of options (not a buffer, array, Status, …). */
export function isOptions(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  // MPI.IN_PLACE is a plain object too, but never a set of options (recv(MPI.IN_PLACE) is a mistake).
  if (x === native.IN_PLACE) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * The one normalizer: the options object o, checked against the names in
 * `defaults` and completed by them. Methods call it only when their first
 * optional argument is not a plain value, so positional calls cost nothing.
 */
export function options<T extends object>(call: string, o: unknown, defaults: T): T {
  const names = Object.keys(defaults);
  // A first argument without a default (dest) is required: never filled in.
  if (o === undefined && (defaults as Record<string, unknown>)[names[0]] === undefined) throw new TypeError(`${call}: ${names[0]} is required`);
  if (!isOptions(o)) {
    throw new TypeError(`${call}: expecting ${names[0]} as a number or an options object {${names.join(', ')}}, got ${describe(o)}`);
  }
  const out = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(key in defaults)) throw new TypeError(`${call}: unexpected option '${key}' (expected ${names.join(', ')})`);
    if (o[key] !== undefined) out[key] = o[key];
  }
  return out as T;
}

/**
 * The one normalizer for trailing arguments, as mpi4py's keywords: `given` are
 * the values passed for the parameters named by `defaults`, in order. One of
 * them may be an options object, standing for its own parameter and every one
 * after it: `recv(0, {tag: 5})`, `Split(color, {key})`,
 * `Create_cart(dims, {periods, reorder})`, `reduce(x, MPI.SUM, {root: 1})`.
 * Nothing may follow it, it may not name a parameter already given by
 * position, and values not given take their defaults. Methods call it only
 * when some argument is not a plain value, so positional calls cost nothing.
 */
export function trailing<T extends object>(call: string, defaults: T, given: readonly unknown[]): T {
  const names = Object.keys(defaults);
  const out = { ...defaults } as Record<string, unknown>;
  for (let i = 0; i < given.length; i++) {
    const g = given[i];
    if (!isOptions(g)) {
      if (g !== undefined) out[names[i]] = g;
      continue;
    }
    const later = given.findIndex((x, j) => j > i && x !== undefined);
    if (later >= 0) throw new TypeError(`${call}: ${names[later]} cannot follow the options object; pass it inside it`);
    const rest = names.slice(i);
    for (const key of Object.keys(g)) {
      if (!rest.includes(key)) {
        if (names.includes(key)) throw new TypeError(`${call}: ${key} is given twice, by position and in the options object`);
        throw new TypeError(`${call}: unexpected option '${key}' (expected ${rest.join(', ')})`);
      }
      if (g[key] !== undefined) out[key] = g[key];
    }
    break;
  }
  return out as T;
}

function integer(call: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`${call}: ${what} must be an integer, got ${describe(v)}`);
  }
  return v + 0; // -0 is the integer 0: pass on 0, so no -0 reaches MPI or a message
}

/**
 * A rank or root out of range on a valid communicator: MPI's error class
 * (ERR_RANK, ERR_ROOT), as mpi4py raises it, thrown before MPI is called
 * because the object path (lib/msgpickle.ts) acts on the rank itself first.
 */
function outOfRange(call: string, what: string, v: number, size: number, cls: number): Error {
  // (COMM_NULL never gets here: Comm refuses it with ERR_COMM before reading its size, through live().)
  return argumentError(cls, call, `${what} ${v} is out of range for a communicator of size ${size}`);
}

/**
 * A destination rank: 0…size-1 or PROC_NULL. Required, as in mpi4py: never a default of 0.
 * Not an integer: TypeError; beyond a C int: RangeError (Python's OverflowError); else out of range: ERR_RANK.
 */
export function dest(call: string, v: unknown, size: number): number {
  if (v === undefined) throw new TypeError(`${call}: dest is required`);
  const r = int(call, 'dest', v);
  if ((r < 0 || r >= size) && r !== PROC_NULL) throw outOfRange(call, 'dest', r, size, ERR_RANK);
  return r;
}

/** A source rank: 0…size-1, ANY_SOURCE or PROC_NULL; else ERR_RANK (a C int) or RangeError (not one). */
export function source(call: string, v: unknown, size: number): number {
  const r = int(call, 'source', v);
  if ((r < 0 || r >= size) && r !== ANY_SOURCE && r !== PROC_NULL) throw outOfRange(call, 'source', r, size, ERR_RANK);
  return r;
}

/** A root rank: 0…size-1; else ERR_ROOT (a C int) or RangeError (not one). */
export function root(call: string, v: unknown, size: number): number {
  const r = int(call, 'root', v);
  if (r < 0 || r >= size) throw outOfRange(call, 'root', r, size, ERR_ROOT);
  return r;
}

/** A tag to send with: 0 to TAG_UB (`ub`, read from MPI unless given); else ERR_TAG (a C int) or RangeError (not one). */
export function sendTag(call: string, v: unknown, ub: number = tagUb(), what = 'tag'): number {
  const t = int(call, what, v);
  if (t < 0) throw argumentError(ERR_TAG, call, `${what} ${t} is negative (tags to send with are 0 to MPI.TAG_UB = ${ub})`);
  if (t > ub) throw argumentError(ERR_TAG, call, `${what} ${t} is above MPI.TAG_UB (${ub})`);
  return t;
}

/** A tag to receive with: 0 to TAG_UB (`ub`, read from MPI unless given), or ANY_TAG; else ERR_TAG or RangeError. */
export function recvTag(call: string, v: unknown, ub: number = tagUb(), what = 'tag'): number {
  const t = int(call, what, v);
  if (t < 0 && t !== ANY_TAG) throw argumentError(ERR_TAG, call, `${what} ${t} is negative (expected 0 to MPI.TAG_UB = ${ub}, or MPI.ANY_TAG)`);
  if (t > ub) throw argumentError(ERR_TAG, call, `${what} ${t} is above MPI.TAG_UB (${ub})`);
  return t;
}

/**
 * A Split color: 0 or more, or MPI.UNDEFINED; else ERR_ARG (a C int) or
 * RangeError (not one). MPICH takes any int where Open MPI refuses a negative one.
 */
export function color(call: string, v: unknown): number {
  const c = int(call, 'color', v);
  if (c < 0 && c !== UNDEFINED) throw argumentError(ERR_ARG, call, `color ${c} is negative (a color is 0 or more, or MPI.UNDEFINED)`);
  return c;
}

/** An integer argument that MPI takes as a C int, such as a key. */
export function int(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (r < INT_MIN || r > INT_MAX) throw new RangeError(`${call}: ${what} ${r} does not fit in a C int`);
  return r;
}

/**
 * A count: 0 to 2**31-1, as MPI takes it in a C int (a larger count is a
 * RangeError, never wrapped); `large` for an MPI_Count (a buffer
 * specification's count, Status.Set_elements): 0 to 2**53-1, all that a double
 * holds exactly.
 */
export function count(call: string, what: string, v: unknown, large = false): number {
  const r = integer(call, what, v);
  if (r < 0) throw new RangeError(`${call}: ${what} ${r} is negative`);
  if (large && !Number.isSafeInteger(r)) throw new RangeError(`${call}: ${what} ${r} is out of range (0 to 2**53-1)`);
  if (!large && r > INT_MAX) throw new RangeError(`${call}: ${what} ${r} does not fit in a C int (MPI counts are at most 2**31-1)`);
  return r;
}

/**
 * A byte displacement or extent (MPI_Aint): an integer that a double holds
 * exactly, so the addon reads it without rounding.
 */
export function aint(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (!Number.isSafeInteger(r)) throw new RangeError(`${call}: ${what} ${r} is out of range (-(2**53-1) to 2**53-1)`);
  return r;
}

/** A string argument (a name): anything else is refused, not converted with String(). */
export function string(call: string, what: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${call}: ${what} must be a string, got ${describe(v)}`);
  return v;
}

/** A timeout in milliseconds, or undefined for none. */
export function timeout(call: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${call}: timeout must be a number of milliseconds, got ${typeof v}`);
  if (v < 0) throw new RangeError(`${call}: timeout ${v} is negative`);
  return Number.isFinite(v) ? v : undefined; // Infinity: wait as long as it takes
}

/** An AbortSignal, or undefined for none. */
export function signal(call: string, v: unknown): AbortSignal | undefined {
  if (v === undefined || v instanceof AbortSignal) return v;
  throw new TypeError(`${call}: signal must be an AbortSignal`);
}

/** The names of mpi4js's handle classes, to name a wrong one in a message. */
const CLASSES = new Set(['Datatype', 'Op', 'Comm', 'Intracomm', 'Cartcomm', 'Group', 'Request', 'Status', 'Message']);

/**
 * What a message says v is, never throwing (a Symbol, a detached array, a
 * revoked proxy): `MPI.Op` for mpi4js objects, `MPI.IN_PLACE`, `array`,
 * `object` for a plain object, the class of any other object (`Date`,
 * `Float64Array`), the value of a number, else its type.
 */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === native.IN_PLACE) return 'MPI.IN_PLACE';
  if (typeof v === 'object') {
    if (Array.isArray(v)) return 'array';
    let name: unknown;
    try {
      name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    } catch {
      return 'object';
    }
    if (typeof name !== 'string' || name === '' || name === 'Object') return 'object';
    return CLASSES.has(name) ? `MPI.${name}` : name;
  }
  return typeof v === 'number' ? String(v) : typeof v;
}

/**
 * A handle argument of the right kind: any other object with a `.handle` would
 * pass its id to the addon's table of another kind (an Op's id read as a datatype's).
 */
export function ofKind<T>(call: string, what: string, v: unknown, cls: abstract new (...args: never[]) => T, kind: string): T {
  if (v instanceof cls) return v;
  throw new TypeError(`${call}: ${what} must be an ${kind}, got ${describe(v)}`);
}

/** @internal Whether an ArrayBuffer was detached (transferred): a view of it cannot be made. */
export function detached(b: ArrayBufferLike): boolean {
  try {
    new Uint8Array(b);
    return false;
  } catch {
    return true;
  }
}

/** A list argument: an array or a typed array (not a string, a plain object or an iterable). */
function list(call: string, what: string, v: unknown): ArrayLike<unknown> {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    // A detached typed array reads as empty: refused, not taken for an empty list.
    if (v.byteLength === 0 && detached(v.buffer)) throw new TypeError(`${call}: ${what} is a detached typed array`);
    return v as unknown as ArrayLike<unknown>;
  }
  throw new TypeError(`${call}: ${what} must be an array, got ${describe(v)}`);
}

/**
 * A list of integers that C ints hold, as MPI takes them (ranks, dims, coords),
 * each item checked: Int32Array.from would wrap 2**32+5 to 5 and turn 1.5 or NaN into 1 or 0.
 */
export function ints(call: string, what: string, v: unknown): Int32Array {
  const a = list(call, what, v);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = int(call, `${what}[${i}]`, a[i]);
  return out;
}

/** A list of flags (booleans, or numbers read as C does: nonzero is true) as 0/1 ints. */
export function flags(call: string, what: string, v: unknown): Int32Array {
  const a = list(call, what, v);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'boolean' && typeof x !== 'number') throw new TypeError(`${call}: ${what}[${i}] must be a boolean, got ${describe(x)}`);
    out[i] = x ? 1 : 0;
  }
  return out;
}

/**
 * A list whose length the topology fixes (coords, remain_dims: one per dimension):
 * MPI reads exactly `expected` entries, so a shorter list would be read past its end.
 */
export function length(call: string, what: string, v: ArrayLike<unknown>, expected: number, of: string): void {
  if (v.length !== expected) throw new RangeError(`${call}: ${what} has ${v.length} entries, expected ${expected} (${of})`);
}

/**
 * Ranks of a group of size `size`, each 0…size-1 (or PROC_NULL where allowed),
 * and distinct where MPI requires it (Incl, Excl). Out of range or repeated is
 * MPI's ERR_RANK, as mpi4py raises; checked here because Open MPI reads
 * past its tables for some of these instead of failing.
 */
export function groupRanks(call: string, v: unknown, size: number, opts: { procNull?: boolean; distinct?: boolean }): Int32Array {
  const ranks = ints(call, 'ranks', v);
  const seen = opts.distinct ? new Set<number>() : undefined;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    const valid = (r >= 0 && r < size) || (opts.procNull === true && r === PROC_NULL);
    if (!valid) throw argumentError(ERR_RANK, call, `ranks[${i}] = ${r} is not a rank of a group of size ${size}`);
    if (seen) {
      if (seen.has(r)) throw argumentError(ERR_RANK, call, `ranks[${i}] = ${r} is repeated`);
      seen.add(r);
    }
  }
  return ranks;
}

// --- datatypes (issue 12): the lists of the datatype constructors

/** A list of counts (block lengths): each an integer 0 to 2**31-1, never wrapped. */
export function counts(call: string, what: string, v: unknown): Int32Array {
  const a = list(call, what, v);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = count(call, `${what}[${i}]`, a[i]);
  return out;
}

/**
 * A list of byte displacements (MPI_Aint): numbers that are exact integers, or
 * bigints within int64 (a BigInt64Array too), as a BigInt64Array the addon reads
 * exactly and checks against MPI_Aint (32-bit on armv7).
 */
export function aints(call: string, what: string, v: unknown): BigInt64Array {
  const a = list(call, what, v);
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === 'bigint') {
      if (x < -(2n ** 63n) || x >= 2n ** 63n) throw new RangeError(`${call}: ${what}[${i}] ${x} does not fit in 64 bits`);
      out[i] = x;
    } else {
      out[i] = BigInt(aint(call, `${what}[${i}]`, x));
    }
  }
  return out;
}
