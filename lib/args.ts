/**
 * Arguments as mpi4py takes them: positional, or one options object in place
 * of Python's keywords — `comm.send(data, 1, 0)` or `comm.send(data, {dest: 1, tag: 0})`.
 * And the checks that turn a wrong rank or tag into a RangeError before MPI sees it.
 */
import { ANY_SOURCE, ANY_TAG, ERR_COMM, ERR_RANK, PROC_NULL } from './constants';
import { MPIException } from './errors';
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
  if (!isOptions(o)) {
    throw new TypeError(`${call}: expecting ${names[0]} as a number or an options object {${names.join(', ')}}, got ${typeof o}`);
  }
  const out = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(key in defaults)) throw new TypeError(`${call}: unexpected option '${key}' (expected ${names.join(', ')})`);
    if (o[key] !== undefined) out[key] = o[key];
  }
  return out as T;
}

function integer(call: string, what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`${call}: ${what} must be an integer, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return v + 0; // -0 is the integer 0: pass on 0, so no -0 reaches MPI or a message
}

function outOfRange(call: string, what: string, v: number, size: number): Error {
  // Size 0 is COMM_NULL (a freed communicator too): MPI's error for it, as mpi4py raises.
  if (size === 0) return new MPIException(ERR_COMM, undefined, undefined, call);
  return new RangeError(`${call}: ${what} ${v} is out of range for a communicator of size ${size}`);
}

/** A destination rank: 0…size-1 or PROC_NULL. */
export function dest(call: string, v: unknown, size: number): number {
  const r = integer(call, 'dest', v);
  if ((r < 0 || r >= size) && r !== PROC_NULL) throw outOfRange(call, 'dest', r, size);
  return r;
}

/** A source rank: 0…size-1, ANY_SOURCE or PROC_NULL. */
export function source(call: string, v: unknown, size: number): number {
  const r = integer(call, 'source', v);
  if ((r < 0 || r >= size) && r !== ANY_SOURCE && r !== PROC_NULL) throw outOfRange(call, 'source', r, size);
  return r;
}

/** A root rank: 0…size-1. */
export function root(call: string, v: unknown, size: number): number {
  const r = integer(call, 'root', v);
  if (r < 0 || r >= size) throw outOfRange(call, 'root', r, size);
  return r;
}

/** A tag to send with: 0 to TAG_UB (`ub`, read from MPI unless given). */
export function sendTag(call: string, v: unknown, ub: number = tagUb(), what = 'tag'): number {
  const t = integer(call, what, v);
  if (t < 0) throw new RangeError(`${call}: ${what} ${t} is negative (tags to send with are 0 to MPI.TAG_UB = ${ub})`);
  if (t > ub) throw new RangeError(`${call}: ${what} ${t} is above MPI.TAG_UB (${ub})`);
  return t;
}

/** A tag to receive with: 0 to TAG_UB (`ub`, read from MPI unless given), or ANY_TAG. */
export function recvTag(call: string, v: unknown, ub: number = tagUb(), what = 'tag'): number {
  const t = integer(call, what, v);
  if (t < 0 && t !== ANY_TAG) throw new RangeError(`${call}: ${what} ${t} is negative (expected 0 to MPI.TAG_UB = ${ub}, or MPI.ANY_TAG)`);
  if (t > ub) throw new RangeError(`${call}: ${what} ${t} is above MPI.TAG_UB (${ub})`);
  return t;
}

/** An integer argument that MPI takes as a C int, such as a color or key. */
export function int(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (r < INT_MIN || r > INT_MAX) throw new RangeError(`${call}: ${what} ${r} does not fit in a C int`);
  return r;
}

/**
 * A count MPI takes as a C int: 0 to 2**31-1. Open MPI 4.1 has no large-count
 * (MPI_Count, `_c`) functions, so a larger count is a RangeError, never wrapped.
 */
export function intCount(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (r < 0) throw new RangeError(`${call}: ${what} ${r} is negative`);
  if (r > INT_MAX) throw new RangeError(`${call}: ${what} ${r} does not fit in a C int (MPI counts are at most 2**31-1)`);
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

/**
 * A list of C ints as an Int32Array, each item checked (Int32Array.from would
 * wrap 2**32+5 to 5 and turn 1.5 or NaN into 1 or 0). With `size`, each item
 * must also be a rank 0…size-1 (or one of `also`, e.g. PROC_NULL): else
 * MPI.Exception ERR_RANK, the class MPI (and so mpi4py) reports, raised before
 * MPI runs because Open MPI does not check every group call's ranks.
 */
export function ints(call: string, what: string, v: unknown, size?: number, also: readonly number[] = []): Int32Array {
  if (v === null || typeof v !== 'object' || typeof (v as { length?: unknown }).length !== 'number') {
    throw new TypeError(`${call}: ${what} must be an array of integers, got ${describe(v)}`);
  }
  const list = v as ArrayLike<unknown>;
  const out = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      throw new TypeError(`${call}: ${what}[${i}] must be an integer, got ${describe(x)}`);
    }
    if (x < INT_MIN || x > INT_MAX) throw new RangeError(`${call}: ${what}[${i}] ${x} does not fit in a C int`);
    if (size !== undefined && (x < 0 || x >= size) && !also.includes(x)) {
      throw new MPIException(ERR_RANK, ERR_RANK, `${what}[${i}] ${x} is out of range for a group of size ${size}`, call);
    }
    out[i] = x;
  }
  return out;
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

/** What a message says v is: `MPI.Op` for mpi4js objects, else its type. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') {
    const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && CLASSES.has(name) ? `MPI.${name}` : Array.isArray(v) ? 'array' : 'object';
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

/** An integer that an MPI int holds (Status fields). */
export function int32(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (r < -(2 ** 31) || r > 2 ** 31 - 1) throw new RangeError(`${call}: ${what} ${r} does not fit in a C int`);
  return r;
}

/** A count: an integer from 0 to 2**53-1. */
export function count(call: string, what: string, v: unknown): number {
  const r = integer(call, what, v);
  if (r < 0 || !Number.isSafeInteger(r)) throw new RangeError(`${call}: ${what} ${r} is out of range (0 to 2**53-1)`);
  return r;
}
