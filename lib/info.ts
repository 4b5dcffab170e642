/**
 * Info objects: string hints as key/value pairs. mpi4py: `MPI.Info`, with
 * its mapping methods (keys, values, items, get, update, pop, popitem, copy,
 * clear) and JavaScript's Map-like ones (size, has, set, delete, iteration).
 */
import { ERR_INFO, ERR_INFO_NOKEY, MAX_INFO_KEY, MAX_INFO_VAL } from './constants';
import { describe } from './args';
import { argumentError, MPIException } from './errors';
import { native } from './native';

const I = native.info;

/** Fixed ids of the predefined info objects (src-native/handles.h). */
const INFO_NULL_ID = 0;
const INFO_ENV_ID = 1;

/** What `Info.Create` and `update` take: an Info, a Map, an object of string values, or [key, value] pairs. */
export type InfoItems = Info | ReadonlyMap<string, string> | Iterable<readonly [string, string]> | Record<string, string>;

/** A key MPI can store whole: a string of 1 to MAX_INFO_KEY - 1 bytes without NUL (shorter than every library's limit). */
function key(call: string, k: unknown): string {
  if (typeof k !== 'string') throw new TypeError(`${call}: key must be a string, got ${describe(k)}`);
  const n = Buffer.byteLength(k);
  if (n === 0) throw new RangeError(`${call}: key must not be empty`);
  if (n >= MAX_INFO_KEY) throw new RangeError(`${call}: key of ${n} bytes is longer than MPI.MAX_INFO_KEY - 1 (${MAX_INFO_KEY - 1})`);
  if (k.includes('\0')) throw new RangeError(`${call}: key must not contain NUL characters`);
  return k;
}

/** A value MPI can store whole: a string of fewer than MAX_INFO_VAL bytes without NUL. */
function value(call: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${call}: value must be a string, got ${describe(v)}`);
  const n = Buffer.byteLength(v);
  if (n >= MAX_INFO_VAL) throw new RangeError(`${call}: value of ${n} bytes is longer than MPI.MAX_INFO_VAL - 1 (${MAX_INFO_VAL - 1})`);
  if (v.includes('\0')) throw new RangeError(`${call}: value must not contain NUL characters`);
  return v;
}

/** The [key, value] pairs of items, in order, read (and checked) before anything is stored. */
function pairs(call: string, items: unknown): [string, string][] {
  if (items instanceof Info) return items.items();
  if (items instanceof Map) return [...items].map(([k, v]) => [key(call, k), value(call, v)]);
  if (items === null || typeof items !== 'object') throw new TypeError(`${call}: items must be an MPI.Info, a Map, an object or [key, value] pairs, got ${describe(items)}`);
  if (ArrayBuffer.isView(items)) throw new TypeError(`${call}: items must be an MPI.Info, a Map, an object or [key, value] pairs, got ${describe(items)}`);
  if (Symbol.iterator in items) {
    let list: unknown[];
    try {
      list = [...(items as Iterable<unknown>)];
    } catch (e) {
      throw new TypeError(`${call}: items could not be iterated: ${(e as Error)?.message ?? String(e)}`);
    }
    return list.map((p) => {
      if (!Array.isArray(p) || p.length !== 2) throw new TypeError(`${call}: each item must be a [key, value] pair, got ${describe(p)}`);
      return [key(call, p[0]), value(call, p[1])];
    });
  }
  const proto = Object.getPrototypeOf(items);
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`${call}: items must be an MPI.Info, a Map, a plain object or [key, value] pairs, got ${describe(items)}`);
  return Object.entries(items).map(([k, v]) => [key(call, k), value(call, v)]);
}

/**
 * An Info that JavaScript dropped is freed: MPI_Info_free is a local call, so
 * the finalizer makes it (unlike a communicator's, lib/comm/collect.ts); after
 * MPI_Finalize it cannot and need not. A predefined one is never registered.
 */
const dropped = new FinalizationRegistry<number>((id) => {
  try {
    I.free(id);
  } catch {
    // MPI finalized
  }
});

/** mpi4py: `MPI.Info`. `new MPI.Info()` is INFO_NULL's kind: a null handle. */
export class Info {
  /** @internal id in the addon's info table */
  handle: number;

  constructor();
  /** @internal */
  constructor(handle: number);
  constructor(handle = INFO_NULL_ID) {
    this.handle = handle;
    if (handle > INFO_ENV_ID) dropped.register(this, handle, this);
  }

  /** @internal this object's id for `call`: INFO_NULL (a freed one too) is MPI's ERR_INFO naming the call. */
  live(call: string): number {
    if (this.handle === INFO_NULL_ID) throw argumentError(ERR_INFO, call, 'the info object is MPI.INFO_NULL (or a freed info object)');
    return this.handle;
  }

  /** A new info object holding items, if given. mpi4py: `Info.Create(items=None)`. */
  static Create(items?: InfoItems | null): Info {
    const p = items === undefined || items === null ? [] : pairs('Info.Create', items);
    const info = new Info(I.create());
    for (const [k, v] of p) I.set(info.handle, k, v);
    return info;
  }

  /** mpi4py: `Free()`. Freeing INFO_ENV, which is predefined, is MPI.Exception ERR_INFO. */
  Free(): void {
    if (this.handle === INFO_ENV_ID) throw new MPIException(ERR_INFO, undefined, 'MPI.INFO_ENV is predefined and cannot be freed', 'MPI_Info_free');
    I.free(this.live('Info.Free'));
    dropped.unregister(this);
    this.handle = INFO_NULL_ID;
  }

  /** `using info = MPI.Info.Create(…)`: Free() at the end of the scope (nothing for a null or predefined one). */
  [Symbol.dispose](): void {
    if (this.handle !== INFO_NULL_ID && this.handle !== INFO_ENV_ID) this.Free();
  }

  /** A new info object with the same pairs. mpi4py: `Dup()`. */
  Dup(): Info {
    return new Info(I.dup(this.live('Info.Dup')));
  }

  /** The value of key, or undefined when it has none (mpi4py: None). mpi4py: `Get(key)`. */
  Get(k: string): string | undefined {
    return I.get(this.live('Info.Get'), key('Info.Get', k));
  }

  /** mpi4py: `Set(key, value)`. */
  Set(k: string, v: string): void {
    const h = this.live('Info.Set');
    I.set(h, key('Info.Set', k), value('Info.Set', v));
  }

  /** Removes key; one it does not hold is MPI.Exception ERR_INFO_NOKEY. mpi4py: `Delete(key)`. */
  Delete(k: string): void {
    I.delete(this.live('Info.Delete'), key('Info.Delete', k));
  }

  /** mpi4py: `Get_nkeys()`. */
  Get_nkeys(): number {
    return I.nkeys(this.live('Info.Get_nkeys'));
  }

  /** The n-th key, 0 ≤ n < Get_nkeys(). mpi4py: `Get_nthkey(n)`. */
  Get_nthkey(n: number): string {
    const h = this.live('Info.Get_nthkey');
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`Info.Get_nthkey: n must be an integer, got ${describe(n)}`);
    const count = I.nkeys(h);
    if (n < 0 || n >= count) throw new RangeError(`Info.Get_nthkey: n ${n} is not in [0, ${count})`);
    return I.nthkey(h, n);
  }

  // ---- the mapping (mpi4py's methods; INFO_NULL reads as empty, as there) ----

  /** The number of keys; 0 for INFO_NULL. mpi4py: `len(info)`. */
  get size(): number {
    return this.handle === INFO_NULL_ID ? 0 : this.Get_nkeys();
  }

  /** mpi4py: `len(info)`. */
  get length(): number {
    return this.size;
  }

  /** mpi4py: `keys()`. */
  keys(): string[] {
    if (this.handle === INFO_NULL_ID) return [];
    const n = I.nkeys(this.handle);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(I.nthkey(this.handle, i));
    return out;
  }

  /** mpi4py: `values()`. */
  values(): string[] {
    return this.keys().map((k) => I.get(this.handle, k) as string);
  }

  /** `[key, value]` pairs. mpi4py: `items()`. */
  items(): [string, string][] {
    return this.keys().map((k) => [k, I.get(this.handle, k) as string]);
  }

  /** Iterates the keys, as mpi4py's `iter(info)`. */
  [Symbol.iterator](): IterableIterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  /** mpi4py: `key in info`. */
  has(k: string): boolean {
    key('Info.has', k);
    return this.handle !== INFO_NULL_ID && I.get(this.handle, k) !== undefined;
  }

  /** The value of key, else defaultValue. mpi4py: `get(key, default=None)`. */
  get(k: string, defaultValue?: string): string | undefined {
    key('Info.get', k);
    if (this.handle === INFO_NULL_ID) return defaultValue;
    const v = I.get(this.handle, k);
    return v === undefined ? defaultValue : v;
  }

  /** `info[key] = value`; returns this, as Map's. On INFO_NULL, MPI.Exception ERR_INFO. */
  set(k: string, v: string): this {
    this.Set(k, v);
    return this;
  }

  /** Removes key; false when it was absent. mpi4py: `del info[key]` (which raises KeyError there). */
  delete(k: string): boolean {
    key('Info.delete', k);
    if (!this.has(k)) return false;
    I.delete(this.handle, k);
    return true;
  }

  /** Stores each pair of items. mpi4py: `update(items=(), **kwds)`. */
  update(items: InfoItems = []): void {
    const h = this.live('Info.update');
    for (const [k, v] of pairs('Info.update', items)) I.set(h, k, v);
  }

  /**
   * Removes key and returns its value; absent, defaultValue if one is given,
   * else MPI.Exception ERR_INFO_NOKEY (mpi4py: KeyError). mpi4py: `pop(key, *default)`.
   */
  pop(k: string, ...defaultValue: [] | [string | undefined]): string | undefined {
    key('Info.pop', k);
    const v = this.handle === INFO_NULL_ID ? undefined : I.get(this.handle, k);
    if (v !== undefined) {
      I.delete(this.handle, k);
      return v;
    }
    if (defaultValue.length > 0) return defaultValue[0];
    throw argumentError(ERR_INFO_NOKEY, 'Info.pop', `no key ${JSON.stringify(k)}`);
  }

  /** Removes and returns the last pair; empty, MPI.Exception ERR_INFO_NOKEY (mpi4py: KeyError). mpi4py: `popitem()`. */
  popitem(): [string, string] {
    const h = this.live('Info.popitem');
    const n = I.nkeys(h);
    if (n === 0) throw argumentError(ERR_INFO_NOKEY, 'Info.popitem', 'the info object is empty');
    const k = I.nthkey(h, n - 1);
    const v = I.get(h, k) as string;
    I.delete(h, k);
    return [k, v];
  }

  /** A new info object with the same pairs; of INFO_NULL, a null one. mpi4py: `copy()`. */
  copy(): Info {
    return this.handle === INFO_NULL_ID ? new Info() : this.Dup();
  }

  /** Removes every pair. mpi4py: `clear()`. */
  clear(): void {
    if (this.handle === INFO_NULL_ID) return;
    for (let n = I.nkeys(this.handle); n > 0; n--) I.delete(this.handle, I.nthkey(this.handle, 0));
  }

  toString(): string {
    if (this.handle === INFO_NULL_ID) return 'MPI.INFO_NULL';
    if (this.handle === INFO_ENV_ID) return 'MPI.INFO_ENV';
    return `MPI.Info(${JSON.stringify(Object.fromEntries(this.items()))})`;
  }
}

/** mpi4py: `MPI.INFO_NULL`. */
export const INFO_NULL = new Info(INFO_NULL_ID);
/** The environment's hints (command, argv, maxprocs, soft, host, arch, wdir, file, thread_level). mpi4py: `MPI.INFO_ENV`. */
export const INFO_ENV = new Info(INFO_ENV_ID);

/** @internal the id of an info argument of `call`: an MPI.Info (INFO_NULL included). */
export function infoArg(call: string, what: string, v: unknown): number {
  if (v instanceof Info) return v.handle;
  throw new TypeError(`${call}: ${what} must be an MPI.Info, got ${describe(v)}`);
}
