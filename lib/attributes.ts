/**
 * Communicator attributes, as mpi4py's (`MPI.src/attrimpl.pxi`): what
 * `Comm.Create_keyval`, `Free_keyval`, `Set_attr`, `Get_attr` and
 * `Delete_attr` do (lib/comm/comm.ts calls these). MPI stores one
 * pointer-sized integer per attribute (src-native/attributes.cc): here, an id in
 * a table of JavaScript values, which keeps each value alive while it is
 * attached; for a `nopython` keyval, the integer itself. MPI's copy and delete
 * callbacks run synchronously inside Dup, Free, Set_attr, Delete_attr (and
 * MPI.Finalize, for COMM_SELF) and reach the dispatchers below.
 */
import type { Comm } from './comm/comm';
import { native } from './native';

const N = native.attributes;

/** The predefined keyvals (mpi4py: `MPI.TAG_UB`, …): `comm.Get_attr(MPI.TAG_UB)` is the largest tag. */
export const KEYVAL_INVALID: number = N.keyvals.KEYVAL_INVALID;
export const TAG_UB: number = N.keyvals.TAG_UB;
/** MPI-1's host rank attribute (mpi4py 4 no longer exports it; MPI-4.1 deprecates it). */
export const HOST: number = N.keyvals.HOST;
export const IO: number = N.keyvals.IO;
export const WTIME_IS_GLOBAL: number = N.keyvals.WTIME_IS_GLOBAL;
export const UNIVERSE_SIZE: number = N.keyvals.UNIVERSE_SIZE;
export const APPNUM: number = N.keyvals.APPNUM;
export const LASTUSEDCODE: number = N.keyvals.LASTUSEDCODE;

/**
 * What a `copy_fn` returns for "do not copy this attribute to the duplicate".
 * mpi4py: Python's `NotImplemented` (any other value, `undefined` and `null`
 * included, is copied).
 */
export const NotImplemented: unique symbol = Symbol('MPI.NotImplemented');

/** mpi4py: `copy_fn(comm, keyval, attrval)`: the duplicate's value, or `MPI.NotImplemented`. */
export type CopyFn<T = Comm> = (comm: T, keyval: number, attrval: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
/** mpi4py: `delete_fn(comm, keyval, attrval)`. */
export type DeleteFn<T = Comm> = (comm: T, keyval: number, attrval: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** mpi4py's keywords of `Comm.Create_keyval` (of `Win.Create_keyval`: T is MPI.Win). */
export interface KeyvalOptions<T = Comm> {
  /** A function; `true` copies the same value; `false`, `null` or absent: never copied. */
  copy_fn?: CopyFn<T> | boolean | null;
  /** A function called when the attribute goes (`true`/`false`/`null`: none). */
  delete_fn?: DeleteFn<T> | boolean | null;
  /** Values are integers MPI stores as they are (pointer-sized; a number, or a bigint), not JavaScript values. */
  nopython?: boolean;
}

/** A keyval's functions; refs: the keyval itself while not freed, plus each value attached with it. */
interface State {
  copy: CopyFn | true | null;
  del: DeleteFn | null;
  nopython: boolean;
  refs: number;
  kind: Kind;
}

/**
 * What attributes attach to: communicators, and windows (`Win.Create_keyval`
 * …, issue 14), through the same table of values and dispatchers; a callback
 * gets the object of its keyval's kind.
 */
export type Kind = 'comm' | 'win';

/** The addon's calls of each kind. */
const calls = {
  comm: { create: N.createKeyval, free: N.freeKeyval, set: N.setAttr, get: N.getAttr, del: N.deleteAttr, prefix: '' },
  win: { create: N.winCreateKeyval, free: N.winFreeKeyval, set: N.winSetAttr, get: N.winGetAttr, del: N.winDeleteAttr, prefix: 'Win.' },
};

const states = new Map<number, State>();
let nextState = 1;
/** keyval -> state id, while the keyval is not freed (an MPI library may reuse a freed keyval's number), by kind. */
const keyvals = { comm: new Map<number, number>(), win: new Map<number, number>() };
/** The attached JavaScript values, by the integer MPI stores. */
const values = new Map<number, unknown>();
let nextValue = 1;

/** What a copy or delete function threw, for the MPI call's caller to throw once MPI returns. */
let pending: { error: unknown } | undefined;

/** The communicator a callback is about, from its id (lib/comm/comm.ts registers this). */
let commOf: (id: number) => Comm = () => {
  throw new Error('mpi4js: communicators are not loaded');
};

/** The window a callback is about, from its id (lib/win.ts registers this). */
let winOf: (id: number) => unknown = () => {
  throw new Error('mpi4js: windows are not loaded');
};

/** @internal */
export function setCommFactory(f: (id: number) => Comm): void {
  commOf = f;
}

/** @internal */
export function setWinFactory(f: (id: number) => unknown): void {
  winOf = f;
}

/** The object a callback of state s is about. */
function objectOf(s: State, id: number): Comm {
  return (s.kind === 'win' ? winOf(id) : commOf(id)) as Comm;
}

/**
 * @internal What a copy or delete function threw during the last MPI call
 * (cleared): Dup, Free, Set_attr and Delete_attr throw it once MPI returns.
 */
export function takeCallbackError(): { error: unknown } | undefined {
  const p = pending;
  pending = undefined;
  return p;
}

function store(value: unknown): number {
  // Ids stay within a C int, which every intptr_t holds; a live one is skipped.
  while (values.has(nextValue)) nextValue = nextValue >= 2 ** 31 - 1 ? 1 : nextValue + 1;
  const id = nextValue;
  nextValue = nextValue >= 2 ** 31 - 1 ? 1 : nextValue + 1;
  values.set(id, value);
  return id;
}

function unref(id: number, s: State): void {
  if (--s.refs === 0) states.delete(id);
}

/** A nopython value: an integer a pointer holds; else TypeError/RangeError naming the call. */
function rawInteger(call: string, v: unknown): number | bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${call}: attrval must be an integer (a nopython keyval, or a predefined one), got ${typeof v === 'number' ? v : typeof v}`);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${call}: attrval ${v} is not an exact integer (beyond 2**53-1: pass a bigint)`);
  return v;
}

function copyDispatch(commId: number, keyval: number, stateId: number, raw: number | bigint): number | bigint | undefined {
  const s = states.get(stateId);
  if (s === undefined || s.copy === null) return undefined;
  try {
    const value = s.nopython ? raw : values.get(Number(raw));
    let out: unknown = value;
    if (s.copy !== true) {
      out = s.copy(objectOf(s, commId), keyval, value);
      if (out === NotImplemented) return undefined;
    }
    const copied = s.nopython ? rawInteger('copy_fn', out) : store(out);
    s.refs++;
    return copied;
  } catch (error) {
    pending ??= { error };
    return undefined;
  }
}

function deleteDispatch(commId: number, keyval: number, stateId: number, raw: number | bigint): void {
  const s = states.get(stateId);
  if (s === undefined) return;
  const value = s.nopython ? raw : values.get(Number(raw));
  if (!s.nopython) values.delete(Number(raw));
  try {
    s.del?.(objectOf(s, commId), keyval, value);
  } catch (error) {
    pending ??= { error };
  } finally {
    unref(stateId, s);
  }
}

N.setDispatchers(copyDispatch, deleteDispatch);

function fn<T>(call: string, what: string, v: unknown): T | true | null {
  if (v === undefined || v === null || v === false) return null;
  if (v === true || typeof v === 'function') return v as T | true;
  throw new TypeError(`${call}: ${what} must be a function, a boolean or null, got ${typeof v}`);
}

/** @internal Comm.Create_keyval (Win.Create_keyval: kind 'win') */
export function createKeyval(o: Required<KeyvalOptions>, kind: Kind = 'comm'): number {
  const call = `${calls[kind].prefix}Create_keyval`;
  const copy = fn<CopyFn>(call, 'copy_fn', o.copy_fn);
  const del = fn<DeleteFn>(call, 'delete_fn', o.delete_fn);
  if (typeof o.nopython !== 'boolean') throw new TypeError(`${call}: nopython must be a boolean, got ${typeof o.nopython}`);
  const id = nextState++;
  const keyval = calls[kind].create(id);
  // mpi4py: a delete_fn of true is none.
  states.set(id, { copy, del: del === true ? null : del, nopython: o.nopython, refs: 1, kind });
  keyvals[kind].set(keyval, id);
  return keyval;
}

/** @internal Comm.Free_keyval: MPI.KEYVAL_INVALID. Values still attached keep their functions. */
export function freeKeyval(keyval: number, kind: Kind = 'comm'): number {
  const out = calls[kind].free(keyval);
  const byKeyval = keyvals[kind];
  const id = byKeyval.get(keyval);
  if (id !== undefined) {
    byKeyval.delete(keyval);
    const s = states.get(id);
    if (s) unref(id, s);
  }
  return out;
}

function rethrow(): void {
  const p = takeCallbackError();
  if (p) throw p.error;
}

/** @internal Comm.Set_attr (Win.Set_attr: kind 'win') */
export function setAttr(comm: number, keyval: number, value: unknown, kind: Kind = 'comm'): void {
  takeCallbackError(); // none left over from a call that does not take them (MPI.Finalize)
  const id = keyvals[kind].get(keyval);
  const s = id === undefined ? undefined : states.get(id);
  const set = calls[kind].set;
  if (s === undefined || s.nopython) {
    // A predefined or foreign keyval holds an integer, as a nopython one (mpi4py alike).
    set(comm, keyval, rawInteger(`${calls[kind].prefix}Set_attr`, value));
  } else {
    const v = store(value);
    try {
      set(comm, keyval, v);
    } catch (e) {
      values.delete(v);
      throw e;
    }
  }
  if (s) s.refs++;
  // A delete function of the value replaced may have thrown.
  rethrow();
}

/** @internal Whether keyval is one of Create_keyval's of that kind, not freed. */
export function known(keyval: number, kind: Kind): boolean {
  return keyvals[kind].has(keyval);
}

/** @internal Comm.Get_attr (Win.Get_attr of a user keyval: kind 'win'): undefined when not set (mpi4py: None). */
export function getAttr(comm: number, keyval: number, kind: Kind = 'comm'): unknown {
  const raw = calls[kind].get(comm, keyval);
  if (raw === undefined) return undefined;
  const id = keyvals[kind].get(keyval);
  const s = id === undefined ? undefined : states.get(id);
  return s !== undefined && !s.nopython ? values.get(Number(raw)) : raw;
}

/** @internal Comm.Delete_attr: throws what the delete function threw, once the attribute is gone. */
export function deleteAttr(comm: number, keyval: number, kind: Kind = 'comm'): void {
  takeCallbackError();
  calls[kind].del(comm, keyval);
  rethrow();
}
