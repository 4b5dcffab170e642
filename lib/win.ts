/**
 * One-sided communication, as mpi4py's `MPI.Win` (`MPI.src/Win.pyx`, and
 * `msgbuffer.pxi`'s `_p_msg_rma` for the origin and target forms): windows over
 * memory each rank exposes, Put/Get/Accumulate and their relatives, and the
 * three synchronization modes (fence; post/start/complete/wait; lock/unlock).
 *
 * mpi4py's keywords are one options object after the positional arguments:
 * `MPI.Win.Allocate(64, { comm })`, `win.Put(buf, 1, { target: [0, 4, MPI.INT] })`.
 * The addon (src-native/win.cc) holds every buffer MPI may still touch until
 * the synchronization that completes its operation, refuses an access past a
 * target's window, and detaches the ArrayBuffers over MPI's own memory at Free.
 */
import * as A from './args';
import * as Attr from './attributes';
import type { KeyvalOptions } from './attributes';
import { BufferLike, BufSpec, DatatypeSpec, message, Msg } from './buffer';
import { objectName } from './comm/comm';
import { COMM_SELF, Intracomm } from './comm/intracomm';
import { ERR_ARG, ERR_KEYVAL, ERR_OP, ERR_WIN, PROC_NULL } from './constants';
import { sameBasic, toDatatype } from './datatype';
import * as Eh from './errhandler';
import type { Errhandler } from './errhandler';
import { argumentError, MPIException } from './errors';
import { Group } from './group';
import { Info, INFO_NULL, infoArg } from './info';
import { native } from './native';
import { Op, SUM } from './op';
import { Request } from './request';
import { untransferable } from './untransferable';

type Id = number;
/** @internal The addon's window calls (src-native/win.cc). */
export interface NativeWin {
  create(memory: ArrayBufferView | null, dispUnit: number, info: Id, comm: Id): Id;
  allocate(size: number, dispUnit: number, info: Id, comm: Id, shared: boolean): Id;
  createDynamic(info: Id, comm: Id): Id;
  /** undefined: not memory MPI allocated (Create, Create_dynamic) */
  memory(win: Id): ArrayBuffer | undefined;
  sharedQuery(win: Id, rank: number): [ArrayBuffer, number];
  attach(win: Id, memory: ArrayBufferView): void;
  detach(win: Id, memory: ArrayBufferView): void;
  free(win: Id): void;
  getAttr(win: Id, keyval: number): number | undefined;
  getGroup(win: Id): Id;
  setInfo(win: Id, info: Id): void;
  getInfo(win: Id): Id;
  getName(win: Id): string;
  setName(win: Id, name: string): void;
  Put(win: Id, ...a: [...O, number, number, number, Id]): void;
  Get(win: Id, ...a: [...O, number, number, number, Id]): void;
  Rput(win: Id, ...a: [...O, number, number, number, Id]): Id;
  Rget(win: Id, ...a: [...O, number, number, number, Id]): Id;
  Accumulate(win: Id, ...a: [...O, number, number, number, Id, Id]): void;
  Raccumulate(win: Id, ...a: [...O, number, number, number, Id, Id]): Id;
  Get_accumulate(win: Id, ...a: [...O, ...O, number, number, number, Id, Id]): void;
  Rget_accumulate(win: Id, ...a: [...O, ...O, number, number, number, Id, Id]): Id;
  Fetch_and_op(win: Id, ...a: [...O, ...O, number, number, Id]): void;
  Compare_and_swap(win: Id, ...a: [...O, ...O, ...O, number, number]): void;
  Fence(win: Id, assertion: number): void;
  Start(win: Id, group: Id, assertion: number): void;
  Complete(win: Id): void;
  Post(win: Id, group: Id, assertion: number): void;
  Wait(win: Id): void;
  Test(win: Id): boolean;
  Lock(win: Id, rank: number, lockType: number, assertion: number): void;
  Unlock(win: Id, rank: number): void;
  Lock_all(win: Id, assertion: number): void;
  Unlock_all(win: Id): void;
  Flush(win: Id, rank: number): void;
  Flush_local(win: Id, rank: number): void;
  Flush_all(win: Id): void;
  Flush_local_all(win: Id): void;
  Sync(win: Id): void;
  /** windows in the table, WIN_NULL's slot included (tests of leaks) */
  live(): number;
  constants: Record<string, number>;
}
/** An origin, compare or result buffer as the addon takes it: view, count, datatype id. */
type O = [view: ArrayBufferView | null, count: number, type: Id];

const W = (native as unknown as { win: NativeWin }).win;
const K = W.constants;

// --- constants (mpi4py: MPI.WIN_*, MPI.MODE_*, MPI.LOCK_*)
/** Window attribute keyvals, for `Get_attr`. */
export const WIN_BASE: number = K.WIN_BASE;
export const WIN_SIZE: number = K.WIN_SIZE;
export const WIN_DISP_UNIT: number = K.WIN_DISP_UNIT;
export const WIN_CREATE_FLAVOR: number = K.WIN_CREATE_FLAVOR;
export const WIN_MODEL: number = K.WIN_MODEL;
/** How a window was made (`flavor`). */
export const WIN_FLAVOR_CREATE: number = K.WIN_FLAVOR_CREATE;
export const WIN_FLAVOR_ALLOCATE: number = K.WIN_FLAVOR_ALLOCATE;
export const WIN_FLAVOR_DYNAMIC: number = K.WIN_FLAVOR_DYNAMIC;
export const WIN_FLAVOR_SHARED: number = K.WIN_FLAVOR_SHARED;
/** Memory models (`model`). */
export const WIN_SEPARATE: number = K.WIN_SEPARATE;
export const WIN_UNIFIED: number = K.WIN_UNIFIED;
/** Assertions of the synchronization calls. */
export const MODE_NOCHECK: number = K.MODE_NOCHECK;
export const MODE_NOSTORE: number = K.MODE_NOSTORE;
export const MODE_NOPUT: number = K.MODE_NOPUT;
export const MODE_NOPRECEDE: number = K.MODE_NOPRECEDE;
export const MODE_NOSUCCEED: number = K.MODE_NOSUCCEED;
/** Lock types of `Lock`. */
export const LOCK_EXCLUSIVE: number = K.LOCK_EXCLUSIVE;
export const LOCK_SHARED: number = K.LOCK_SHARED;

/** The predefined window keyvals, which the addon reads (the others are Win.Create_keyval's). */
const PREDEFINED = [WIN_BASE, WIN_SIZE, WIN_DISP_UNIT, WIN_CREATE_FLAVOR, WIN_MODEL];

/**
 * mpi4py's TargetSpec: where at the target an operation goes. A displacement
 * (in the target's disp_unit), or `[disp, count, datatype]` with trailing items
 * optional; what is left out is 0 and the origin's count and datatype.
 */
export type TargetSpec =
  | number
  | []
  | [disp: number]
  | [disp: number, count: number]
  | [disp: number, count: number, datatype: DatatypeSpec];

/** Creation options: mpi4py's keywords of `Win.Create`, `Allocate`, `Allocate_shared`. */
export interface WinCreateOptions {
  disp_unit?: number;
  info?: Info;
  comm?: Intracomm;
}

/** mpi4py's keywords of Put, Get and their request forms. */
export interface RmaOptions {
  target_rank?: number;
  target?: TargetSpec | null;
}

/** mpi4py's keywords of the accumulates. */
export interface AccumulateOptions extends RmaOptions {
  op?: Op;
}

const CREATE = { disp_unit: 1 as unknown, info: INFO_NULL as unknown, comm: undefined as unknown };
const DYNAMIC = { info: INFO_NULL as unknown, comm: undefined as unknown };
const RMA = { target_rank: undefined as unknown, target: undefined as unknown };
const ACC = { target_rank: undefined as unknown, target: undefined as unknown, op: SUM as unknown };
const FETCH = { target_rank: undefined as unknown, target_disp: 0 as unknown, op: SUM as unknown };
const CAS = { target_rank: undefined as unknown, target_disp: 0 as unknown };

/** Positional arguments, or the trailing options object in their place (lib/args.ts). */
const args = A.trailing;

function commArg(call: string, comm: unknown): number {
  if (comm === undefined) return (COMM_SELF as unknown as { handle: number }).handle;
  return (A.ofKind(call, 'comm', comm, Intracomm, 'MPI.Intracomm') as unknown as { handle: number }).handle;
}

/** Memory as a view the addon takes: a typed array, DataView, or an (Shared)ArrayBuffer viewed as bytes. */
function memoryView(call: string, memory: unknown, nullable: boolean): ArrayBufferView | null {
  if (ArrayBuffer.isView(memory)) return memory;
  if ((memory === null || memory === undefined) && nullable) return null;
  if (memory instanceof SharedArrayBuffer) return new Uint8Array(memory);
  if (memory instanceof ArrayBuffer) {
    // A detached ArrayBuffer cannot be viewed: the addon refuses it, naming the call.
    if (A.detached(memory)) return memory as unknown as ArrayBufferView;
    return new Uint8Array(memory);
  }
  throw new TypeError(`${call}: memory must be a TypedArray, Buffer, DataView or ArrayBuffer, got ${A.describe(memory)}`);
}

function assertion(call: string, v: unknown): number {
  return A.int(call, 'assertion', v);
}

function groupArg(call: string, g: unknown): number {
  return A.ofKind(call, 'group', g, Group, 'MPI.Group').handle;
}

/**
 * A window keyval: one of Win.Create_keyval's not freed, or (`predefined`) WIN_BASE …
 * WIN_MODEL; anything else is MPI's ERR_KEYVAL naming the call (MPI libraries
 * answer an unknown keyval with a less telling error, or none).
 */
function keyvalArg(call: string, v: unknown, predefined: boolean): number {
  const k = A.int(call, 'keyval', v);
  if (Attr.known(k, 'win') || (predefined && PREDEFINED.includes(k))) return k;
  throw argumentError(ERR_KEYVAL, call, `keyval ${k} is not a window keyval (${predefined ? 'WIN_BASE, WIN_SIZE, WIN_DISP_UNIT, WIN_CREATE_FLAVOR, WIN_MODEL, or ' : ''}one of Win.Create_keyval not freed)`);
}

/** The op of an accumulate: MPI allows the predefined ops only. */
function opArg(call: string, op: unknown): number {
  const o = A.ofKind(call, 'op', op, Op, 'MPI.Op');
  if (!o.is_predefined) throw argumentError(ERR_OP, call, 'one-sided accumulates take predefined ops only (MPI has no user op there)');
  return o.handle;
}

/** The origin (compare, result) buffer: a BufSpec as the other calls take it. */
function origin(call: string, what: string, spec: unknown): Msg {
  return message(spec as BufSpec, false, `${call}: ${what}`);
}

/** An accumulate's origin or result, typed as the target where only the name differs (datatype.ts sameBasic). */
function asTarget(m: Msg, target: Id): Msg {
  const d = sameBasic(m.datatype, target);
  return d === m.datatype ? m : { ...m, datatype: d };
}

function o(m: Msg): O {
  return [m.view as ArrayBufferView | null, m.count, m.datatype.handle];
}

/** A TargetSpec resolved against the origin: [disp, count, datatype id], as mpi4py's for_rma. */
function target(call: string, spec: unknown, m: Msg): [number, number, Id] {
  if (spec === undefined || spec === null) return [0, m.count, m.datatype.handle];
  if (typeof spec === 'number') return [A.aint(call, 'target', spec), m.count, m.datatype.handle];
  if (!Array.isArray(spec)) throw new TypeError(`${call}: target must be a displacement or [disp, count, datatype], got ${A.describe(spec)}`);
  if (spec.length > 3) throw new RangeError(`${call}: target: expecting 3 items at most, got ${spec.length}`);
  const disp = spec.length >= 1 ? A.aint(call, 'target displacement', spec[0]) : 0;
  const count = spec.length >= 2 ? A.count(call, 'target count', spec[1]) : m.count;
  const type = spec.length >= 3 ? toDatatype(spec[2] as DatatypeSpec, `${call}: target`).live(`${call}: target`).handle : m.datatype.handle;
  return [disp, count, type];
}

/** The target rank: an int (the addon checks it is in the window's group, or PROC_NULL). */
function rankArg(call: string, v: unknown, what = 'target_rank'): number {
  return A.int(call, what, v);
}

/** One item each, of one datatype (mpi4py's for_fetch_op and for_cmp_swap). */
function single(call: string, rank: number, ms: [string, Msg][]): void {
  if (rank === PROC_NULL) return;
  const [, first] = ms[0];
  for (const [what, m] of ms) {
    if (m.count !== 1) throw new RangeError(`${call}: ${what}: expecting a single element, got ${m.count}`);
    if (m.datatype.handle !== first.datatype.handle) throw new TypeError(`${call}: mismatch in ${ms[0][0]} and ${what} MPI datatypes`);
  }
}

/** A window that Open MPI's default one-sided component could not make: say what to set. */
function created<T>(call: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof MPIException && e.error_class === ERR_WIN && /^Open MPI/.test(native.environment.libraryVersion())) {
      throw new MPIException(e.error_code, e.error_class, e.error_string, e.call,
        `${e.error_string.replace(/^MPI_ERR_WIN: /, '')}: Open MPI found no one-sided component for this window; ` +
        `its osc/rdma cannot serve a communicator of one process or one without RDMA-capable transports: ` +
        `run with OMPI_MCA_osc=^rdma (osc/ucx then serves every flavour; mpi4js sets it when OMPI_MCA_osc is unset and osc/ucx is installed)`);
    }
    throw e;
  }
}

/**
 * mpi4py: `MPI.Win`, a window of memory for one-sided communication.
 * `new MPI.Win()` is MPI.WIN_NULL's kind: a null handle; Free() turns a window into one.
 */
export class Win {
  /** @internal id in the addon's window table; 0: WIN_NULL */
  handle: Id = 0;
  /** @internal Create's memory, for tomemory() (the addon holds it for MPI) */
  private base: ArrayBufferView | null = null;
  /** @internal the last view tomemory() made over MPI's memory, reused while alive */
  private view: WeakRef<Uint8Array> | undefined;

  /** A null window, as mpi4py's `MPI.Win()`. */
  constructor() {}

  private static made(id: Id, base: ArrayBufferView | null = null): Win {
    const w = new Win();
    w.handle = id;
    w.base = base;
    return w;
  }

  /** @internal this window's id for `call`: WIN_NULL (a freed one too) is MPI's ERR_WIN naming the call. */
  private live(call: string): Id {
    if (this.handle === 0) throw argumentError(ERR_WIN, call, 'the window is MPI.WIN_NULL (or a freed window)');
    return this.handle;
  }

  // ---- creation ---------------------------------------------------------------

  /**
   * A window over `memory` (null: none) on every rank of comm; collective.
   * The memory stays pinned (never transferable) and held until Free; a
   * resizable or detached ArrayBuffer is refused.
   * mpi4py: `Win.Create(memory, disp_unit=1, info=INFO_NULL, comm=COMM_SELF)`.
   */
  static Create(memory: BufferLike | null, disp_unit?: number | WinCreateOptions, info?: Info | WinCreateOptions, comm?: Intracomm | WinCreateOptions): Win {
    const a = args('Win.Create', CREATE, [disp_unit, info, comm]);
    const view = memoryView('Win.Create', memory, true);
    const unit = A.int('Win.Create', 'disp_unit', a.disp_unit);
    const i = infoArg('Win.Create', 'info', a.info);
    const c = commArg('Win.Create', a.comm);
    return Win.made(created('Win.Create', () => W.create(view, unit, i, c)), view);
  }

  /**
   * A window of `size` bytes that MPI allocates on each rank; collective.
   * `tomemory()` views it, until Free.
   * mpi4py: `Win.Allocate(size, disp_unit=1, info=INFO_NULL, comm=COMM_SELF)`.
   */
  static Allocate(size: number, disp_unit?: number | WinCreateOptions, info?: Info | WinCreateOptions, comm?: Intracomm | WinCreateOptions): Win {
    return Win.allocate('Win.Allocate', false, size, [disp_unit, info, comm]);
  }

  /**
   * As Allocate, in memory every rank of comm (one node) can read and write:
   * `Shared_query(rank)` views a peer's segment.
   * mpi4py: `Win.Allocate_shared(size, disp_unit=1, info=INFO_NULL, comm=COMM_SELF)`.
   */
  static Allocate_shared(size: number, disp_unit?: number | WinCreateOptions, info?: Info | WinCreateOptions, comm?: Intracomm | WinCreateOptions): Win {
    return Win.allocate('Win.Allocate_shared', true, size, [disp_unit, info, comm]);
  }

  private static allocate(call: string, shared: boolean, size: unknown, rest: unknown[]): Win {
    const a = args(call, CREATE, rest);
    const bytes = A.aint(call, 'size', size);
    if (bytes < 0) throw new RangeError(`${call}: size ${bytes} is negative`);
    const unit = A.int(call, 'disp_unit', a.disp_unit);
    const i = infoArg(call, 'info', a.info);
    const c = commArg(call, a.comm);
    return Win.made(created(call, () => W.allocate(bytes, unit, i, c, shared)));
  }

  /**
   * A window with no memory yet: `Attach` exposes some, and targets are
   * addresses (`MPI.Get_address`). mpi4py: `Win.Create_dynamic(info=INFO_NULL, comm=COMM_SELF)`.
   */
  static Create_dynamic(info?: Info | Omit<WinCreateOptions, 'disp_unit'>, comm?: Intracomm | Omit<WinCreateOptions, 'disp_unit'>): Win {
    const a = args('Win.Create_dynamic', DYNAMIC, [info, comm]);
    const i = infoArg('Win.Create_dynamic', 'info', a.info);
    const c = commArg('Win.Create_dynamic', a.comm);
    return Win.made(created('Win.Create_dynamic', () => W.createDynamic(i, c)));
  }

  /** Exposes memory in a dynamic window; held until Detach or Free. mpi4py: `Attach(memory)`. */
  Attach(memory: BufferLike): void {
    const h = this.live('Win.Attach');
    W.attach(h, memoryView('Win.Attach', memory, false) as ArrayBufferView);
  }

  /** mpi4py: `Detach(memory)`. */
  Detach(memory: BufferLike): void {
    const h = this.live('Win.Detach');
    W.detach(h, memoryView('Win.Detach', memory, false) as ArrayBufferView);
  }

  /**
   * Frees the window (collective); it becomes MPI.WIN_NULL. Views over memory
   * MPI allocated (tomemory, Shared_query) are detached: they hold no bytes after.
   * mpi4py: `Free()`.
   */
  Free(): void {
    const h = this.live('Win.Free');
    Eh.refuseInHandler('Win', h, 'Win.Free'); // inside its own error handler, MPI still uses it
    Attr.takeCallbackError(); // none left over from a call that does not take them (MPI.Finalize)
    W.free(h);
    this.handle = 0;
    this.base = null;
    this.view = undefined;
    // What a delete_fn of an attribute threw while MPI freed the window: the window is gone all the same.
    const failed = Attr.takeCallbackError();
    if (failed) throw failed.error;
  }

  /** Free() unless null, for `using`. */
  [Symbol.dispose](): void {
    if (this.handle !== 0) this.Free();
  }

  /**
   * The window's memory as bytes: Create's memory, or the memory MPI
   * allocated (valid until Free, which detaches it); empty for a dynamic window.
   * mpi4py: `tomemory()`.
   */
  tomemory(): Uint8Array {
    const h = this.live('Win.tomemory');
    const b = this.base;
    if (b) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    const last = this.view?.deref();
    if (last && !A.detached(last.buffer) && last.buffer.byteLength === last.byteLength) return last;
    const ab = W.memory(h);
    if (ab === undefined) return new Uint8Array(0);
    untransferable(ab);
    const v = new Uint8Array(ab);
    this.view = new WeakRef(v);
    return v;
  }

  /**
   * The segment of `rank` in a shared window, as bytes this process can read
   * and write (until Free), and its displacement unit.
   * mpi4py: `Shared_query(rank)` → `(memory, disp_unit)`.
   */
  Shared_query(rank: number): [Uint8Array, number] {
    const h = this.live('Win.Shared_query');
    const [ab, unit] = W.sharedQuery(h, A.int('Win.Shared_query', 'rank', rank));
    untransferable(ab);
    return [new Uint8Array(ab), unit];
  }

  // ---- attributes and properties ------------------------------------------------

  /**
   * A predefined attribute: WIN_BASE (the address), WIN_SIZE, WIN_DISP_UNIT,
   * WIN_CREATE_FLAVOR, WIN_MODEL; or the value attached with a keyval of
   * `Win.Create_keyval`; undefined when unset (mpi4py: None). mpi4py: `Get_attr(keyval)`.
   */
  Get_attr(keyval: number): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    const h = this.live('Win.Get_attr');
    const k = keyvalArg('Win.Get_attr', keyval, true);
    if (PREDEFINED.includes(k)) return W.getAttr(h, k);
    return Attr.getAttr(h, k, 'win');
  }

  /**
   * A keyval for window attributes: delete_fn(win, keyval, attrval) runs when a
   * value goes (Delete_attr, Set_attr over it, Free); a window is never copied,
   * so copy_fn is kept but never called. Positional or one options object.
   * mpi4py: `Win.Create_keyval(copy_fn=None, delete_fn=None, nopython=False)`.
   */
  static Create_keyval(copy_fn?: KeyvalOptions<Win>['copy_fn'] | KeyvalOptions<Win>, delete_fn?: KeyvalOptions<Win>['delete_fn'], nopython?: boolean): number {
    const o = A.trailing('Win.Create_keyval', { copy_fn: null, delete_fn: null, nopython: false } as Required<KeyvalOptions<Win>>, [copy_fn, delete_fn, nopython]);
    return Attr.createKeyval(o as unknown as Required<KeyvalOptions>, 'win');
  }

  /** Frees a keyval of Create_keyval; returns MPI.KEYVAL_INVALID. mpi4py: `Win.Free_keyval(keyval)`. */
  static Free_keyval(keyval: number): number {
    return Attr.freeKeyval(A.int('Win.Free_keyval', 'keyval', keyval), 'win');
  }

  /** Attaches any JavaScript value (an integer for a nopython key). mpi4py: `Set_attr(keyval, attrval)`. */
  Set_attr(keyval: number, attrval: unknown): void {
    const h = this.live('Win.Set_attr');
    Attr.setAttr(h, keyvalArg('Win.Set_attr', keyval, false), attrval, 'win');
  }

  /** Removes the value attached (its delete_fn runs). mpi4py: `Delete_attr(keyval)`. */
  Delete_attr(keyval: number): void {
    const h = this.live('Win.Delete_attr');
    Attr.deleteAttr(h, keyvalArg('Win.Delete_attr', keyval, false), 'win');
  }

  /** [base address, size, disp_unit]. mpi4py: `attrs`. */
  get attrs(): [number, number, number] {
    const h = this.live('Win.attrs');
    return [W.getAttr(h, WIN_BASE) ?? 0, W.getAttr(h, WIN_SIZE) ?? 0, W.getAttr(h, WIN_DISP_UNIT) ?? 1];
  }

  /** MPI.WIN_FLAVOR_CREATE, _ALLOCATE, _DYNAMIC or _SHARED. mpi4py: `flavor`. */
  get flavor(): number {
    return W.getAttr(this.live('Win.flavor'), WIN_CREATE_FLAVOR) ?? WIN_FLAVOR_CREATE;
  }

  /** MPI.WIN_SEPARATE or MPI.WIN_UNIFIED. mpi4py: `model`. */
  get model(): number {
    return W.getAttr(this.live('Win.model'), WIN_MODEL) ?? WIN_SEPARATE;
  }

  /** The group of the ranks that made the window. mpi4py: `Get_group()`. */
  Get_group(): Group {
    return new Group(W.getGroup(this.live('Win.Get_group')));
  }

  /** mpi4py: `group`. */
  get group(): Group {
    return new Group(W.getGroup(this.live('Win.group')));
  }

  /** mpi4py: `group_size`. */
  get group_size(): number {
    const g = new Group(W.getGroup(this.live('Win.group_size')));
    try {
      return g.Get_size();
    } finally {
      g.Free();
    }
  }

  /** mpi4py: `group_rank`. */
  get group_rank(): number {
    const g = new Group(W.getGroup(this.live('Win.group_rank')));
    try {
      return g.Get_rank();
    } finally {
      g.Free();
    }
  }

  /** mpi4py: `Set_info(info)`. */
  Set_info(info: Info): void {
    const h = this.live('Win.Set_info');
    W.setInfo(h, infoArg('Win.Set_info', 'info', info));
  }

  /** The hints in use, as a new Info. mpi4py: `Get_info()`. */
  Get_info(): Info {
    return new Info(W.getInfo(this.live('Win.Get_info')));
  }

  /** mpi4py: `info`. */
  get info(): Info {
    return this.Get_info();
  }

  set info(value: Info) {
    this.Set_info(value);
  }

  /** mpi4py: `Get_name()`. */
  Get_name(): string {
    return W.getName(this.live('Win.Get_name'));
  }

  /** A print name of fewer than MPI.MAX_OBJECT_NAME bytes, without NUL. mpi4py: `Set_name(name)`. */
  Set_name(name: string): void {
    const h = this.live('Win.Set_name');
    W.setName(h, objectName('Win.Set_name', name));
  }

  /** mpi4py: `name`. */
  get name(): string {
    return this.Get_name();
  }

  set name(value: string) {
    this.Set_name(value);
  }

  /**
   * A handler calling `errhandler_fn(win, errorcode)` inside a failing window
   * call, on the main thread; the call then throws MPI.Exception with the code.
   * At most 32 per process, as in mpi4py. mpi4py: `Win.Create_errhandler(errhandler_fn)`.
   */
  static Create_errhandler(errhandler_fn: (win: Win, errorcode: number) => void): Errhandler {
    return Eh.createErrhandlerOf('Win', errhandler_fn);
  }

  /** The window's error handler (ERRORS_RETURN, every window's here, as its constant). mpi4py: `Get_errhandler()`. */
  Get_errhandler(): Errhandler {
    return Eh.getErrhandlerOf('Win', this.live('Win.Get_errhandler'));
  }

  /**
   * MPI.ERRORS_RETURN (the default: errors are thrown as MPI.Exception),
   * ERRORS_ARE_FATAL, ERRORS_ABORT (where the library has it) or a handler of
   * Win.Create_errhandler. mpi4py: `Set_errhandler(errhandler)`.
   */
  Set_errhandler(errhandler: Errhandler): void {
    Eh.setErrhandlerOf('Win', this.live('Win.Set_errhandler'), errhandler);
  }

  /** Calls the window's error handler with errorcode. mpi4py: `Call_errhandler(errorcode)`. */
  Call_errhandler(errorcode: number): void {
    const h = this.live('Win.Call_errhandler');
    Eh.callErrhandlerOf('Win', h, A.int('Win.Call_errhandler', 'errorcode', errorcode));
  }

  // ---- operations ----------------------------------------------------------------

  /** Writes origin into target_rank's window. mpi4py: `Put(origin, target_rank, target=None)`. */
  Put(origin: BufSpec, target_rank: number | RmaOptions, target?: TargetSpec | null | RmaOptions): void {
    const [h, m, r, t] = this.rma('Win.Put', origin, target_rank, target);
    W.Put(h, ...o(m), r, ...t);
  }

  /** Reads target_rank's window into origin. mpi4py: `Get(origin, target_rank, target=None)`. */
  Get(origin: BufSpec, target_rank: number | RmaOptions, target?: TargetSpec | null | RmaOptions): void {
    const [h, m, r, t] = this.rma('Win.Get', origin, target_rank, target);
    W.Get(h, ...o(m), r, ...t);
  }

  /**
   * Combines origin into target_rank's window with a predefined op (REPLACE is a
   * Put that is atomic per element). mpi4py: `Accumulate(origin, target_rank, target=None, op=SUM)`.
   */
  Accumulate(origin: BufSpec, target_rank: number | AccumulateOptions, target?: TargetSpec | null | AccumulateOptions, op?: Op | AccumulateOptions): void {
    const [h, m, r, t, p] = this.acc('Win.Accumulate', origin, target_rank, target, op);
    W.Accumulate(h, ...o(m), r, ...t, p);
  }

  /**
   * Fetches the target's data into result, then combines origin into it (NO_OP
   * only fetches). mpi4py: `Get_accumulate(origin, result, target_rank, target=None, op=SUM)`.
   */
  Get_accumulate(origin: BufSpec, result: BufSpec, target_rank: number | AccumulateOptions, target?: TargetSpec | null | AccumulateOptions, op?: Op | AccumulateOptions): void {
    const [h, m, r, t, p] = this.acc('Win.Get_accumulate', origin, target_rank, target, op);
    W.Get_accumulate(h, ...o(m), ...o(asTarget(origin_('Win.Get_accumulate', 'result', result), t[2])), r, ...t, p);
  }

  /**
   * One element: result gets the target's, then the target becomes op(origin, it).
   * mpi4py: `Fetch_and_op(origin, result, target_rank, target_disp=0, op=SUM)`.
   */
  Fetch_and_op(origin: BufSpec, result: BufSpec, target_rank: number | { target_rank?: number; target_disp?: number; op?: Op }, target_disp?: number | { target_disp?: number; op?: Op }, op?: Op | { op?: Op }): void {
    const call = 'Win.Fetch_and_op';
    const h = this.live(call);
    const a = args(call, FETCH, [target_rank, target_disp, op]);
    const r = rankArg(call, a.target_rank);
    const om = origin_(call, 'origin', origin);
    const rm = origin_(call, 'result', result);
    single(call, r, [['origin', om], ['result', rm]]);
    W.Fetch_and_op(h, ...o(om), ...o(rm), r, A.aint(call, 'target_disp', a.target_disp), opArg(call, a.op));
  }

  /**
   * One element: result gets the target's, which becomes origin if it equalled compare.
   * mpi4py: `Compare_and_swap(origin, compare, result, target_rank, target_disp=0)`.
   */
  Compare_and_swap(origin: BufSpec, compare: BufSpec, result: BufSpec, target_rank: number | { target_rank?: number; target_disp?: number }, target_disp?: number | { target_disp?: number }): void {
    const call = 'Win.Compare_and_swap';
    const h = this.live(call);
    const a = args(call, CAS, [target_rank, target_disp]);
    const r = rankArg(call, a.target_rank);
    const om = origin_(call, 'origin', origin);
    const cm = origin_(call, 'compare', compare);
    const rm = origin_(call, 'result', result);
    single(call, r, [['origin', om], ['compare', cm], ['result', rm]]);
    W.Compare_and_swap(h, ...o(om), ...o(cm), ...o(rm), r, A.aint(call, 'target_disp', a.target_disp));
  }

  /** Put as a request: complete once origin may be reused. mpi4py: `Rput(origin, target_rank, target=None)`. */
  Rput(origin: BufSpec, target_rank: number | RmaOptions, target?: TargetSpec | null | RmaOptions): Request<undefined> {
    const [h, m, r, t] = this.rma('Win.Rput', origin, target_rank, target);
    return new Request(W.Rput(h, ...o(m), r, ...t)) as Request<undefined>;
  }

  /** Get as a request: complete once origin holds the data. mpi4py: `Rget(origin, target_rank, target=None)`. */
  Rget(origin: BufSpec, target_rank: number | RmaOptions, target?: TargetSpec | null | RmaOptions): Request<undefined> {
    const [h, m, r, t] = this.rma('Win.Rget', origin, target_rank, target);
    return new Request(W.Rget(h, ...o(m), r, ...t)) as Request<undefined>;
  }

  /** mpi4py: `Raccumulate(origin, target_rank, target=None, op=SUM)`. */
  Raccumulate(origin: BufSpec, target_rank: number | AccumulateOptions, target?: TargetSpec | null | AccumulateOptions, op?: Op | AccumulateOptions): Request<undefined> {
    const [h, m, r, t, p] = this.acc('Win.Raccumulate', origin, target_rank, target, op);
    return new Request(W.Raccumulate(h, ...o(m), r, ...t, p)) as Request<undefined>;
  }

  /** mpi4py: `Rget_accumulate(origin, result, target_rank, target=None, op=SUM)`. */
  Rget_accumulate(origin: BufSpec, result: BufSpec, target_rank: number | AccumulateOptions, target?: TargetSpec | null | AccumulateOptions, op?: Op | AccumulateOptions): Request<undefined> {
    const [h, m, r, t, p] = this.acc('Win.Rget_accumulate', origin, target_rank, target, op);
    return new Request(W.Rget_accumulate(h, ...o(m), ...o(asTarget(origin_('Win.Rget_accumulate', 'result', result), t[2])), r, ...t, p)) as Request<undefined>;
  }

  /** @internal Put, Get and their request forms: [window, origin, rank, target]. */
  private rma(call: string, origin: unknown, rank: unknown, target: unknown): [Id, Msg, number, [number, number, Id]] {
    const h = this.live(call);
    const a = args(call, RMA, [rank, target]);
    const r = rankArg(call, a.target_rank);
    const m = origin_(call, 'origin', origin);
    return [h, m, r, targetOf(call, a.target, m)];
  }

  /** @internal the accumulates: [window, origin, rank, target, op]. */
  private acc(call: string, origin: unknown, rank: unknown, target: unknown, op: unknown): [Id, Msg, number, [number, number, Id], Id] {
    const h = this.live(call);
    const a = args(call, ACC, [rank, target, op]);
    const r = rankArg(call, a.target_rank);
    const m = origin_(call, 'origin', origin);
    const t = targetOf(call, a.target, m);
    return [h, asTarget(m, t[2]), r, t, opArg(call, a.op)];
  }

  // ---- synchronization ---------------------------------------------------------

  /**
   * Ends one access/exposure epoch and begins the next, on every rank of the
   * window's group (collective). assertion: MODE_NOPRECEDE, MODE_NOSTORE,
   * MODE_NOPUT, MODE_NOSUCCEED, or'ed. mpi4py: `Fence(assertion=0)`.
   */
  Fence(assertion_?: number | { assertion?: number }): void {
    const h = this.live('Win.Fence');
    W.Fence(h, assertion('Win.Fence', args('Win.Fence', { assertion: 0 as unknown }, [assertion_]).assertion));
  }

  /** Begins an access epoch to the ranks of group (which Post). mpi4py: `Start(group, assertion=0)`. */
  Start(group: Group, assertion_?: number | { assertion?: number }): void {
    const h = this.live('Win.Start');
    const g = groupArg('Win.Start', group);
    W.Start(h, g, assertion('Win.Start', args('Win.Start', { assertion: 0 as unknown }, [assertion_]).assertion));
  }

  /** Ends the access epoch that Start began. mpi4py: `Complete()`. */
  Complete(): void {
    W.Complete(this.live('Win.Complete'));
  }

  /** Begins an exposure epoch to the ranks of group (which Start). mpi4py: `Post(group, assertion=0)`. */
  Post(group: Group, assertion_?: number | { assertion?: number }): void {
    const h = this.live('Win.Post');
    const g = groupArg('Win.Post', group);
    W.Post(h, g, assertion('Win.Post', args('Win.Post', { assertion: 0 as unknown }, [assertion_]).assertion));
  }

  /** Ends the exposure epoch once every origin has completed. mpi4py: `Wait()` (returns true). */
  Wait(): true {
    W.Wait(this.live('Win.Wait'));
    return true;
  }

  /** Whether the exposure epoch has ended (then as Wait). mpi4py: `Test()`. */
  Test(): boolean {
    return W.Test(this.live('Win.Test'));
  }

  /**
   * Begins a passive-target access epoch at rank. mpi4py:
   * `Lock(rank, lock_type=LOCK_EXCLUSIVE, assertion=0)`.
   */
  Lock(rank: number | { rank?: number; lock_type?: number; assertion?: number }, lock_type?: number | { lock_type?: number; assertion?: number }, assertion_?: number | { assertion?: number }): void {
    const h = this.live('Win.Lock');
    const a = args('Win.Lock', { rank: undefined as unknown, lock_type: LOCK_EXCLUSIVE as unknown, assertion: 0 as unknown }, [rank, lock_type, assertion_]);
    W.Lock(h, A.int('Win.Lock', 'rank', a.rank), A.int('Win.Lock', 'lock_type', a.lock_type), assertion('Win.Lock', a.assertion));
  }

  /** Ends the epoch Lock began; its operations are then complete. mpi4py: `Unlock(rank)`. */
  Unlock(rank: number): void {
    const h = this.live('Win.Unlock');
    W.Unlock(h, A.int('Win.Unlock', 'rank', rank));
  }

  /** A shared lock at every rank. mpi4py: `Lock_all(assertion=0)`. */
  Lock_all(assertion_?: number | { assertion?: number }): void {
    const h = this.live('Win.Lock_all');
    W.Lock_all(h, assertion('Win.Lock_all', args('Win.Lock_all', { assertion: 0 as unknown }, [assertion_]).assertion));
  }

  /** mpi4py: `Unlock_all()`. */
  Unlock_all(): void {
    W.Unlock_all(this.live('Win.Unlock_all'));
  }

  /** Completes the operations to rank, there and here. mpi4py: `Flush(rank)`. */
  Flush(rank: number): void {
    const h = this.live('Win.Flush');
    W.Flush(h, A.int('Win.Flush', 'rank', rank));
  }

  /** mpi4py: `Flush_all()`. */
  Flush_all(): void {
    W.Flush_all(this.live('Win.Flush_all'));
  }

  /** Completes the operations to rank here: their buffers may be reused. mpi4py: `Flush_local(rank)`. */
  Flush_local(rank: number): void {
    const h = this.live('Win.Flush_local');
    W.Flush_local(h, A.int('Win.Flush_local', 'rank', rank));
  }

  /** mpi4py: `Flush_local_all()`. */
  Flush_local_all(): void {
    W.Flush_local_all(this.live('Win.Flush_local_all'));
  }

  /** Makes the public and private copies of the window agree. mpi4py: `Sync()`. */
  Sync(): void {
    W.Sync(this.live('Win.Sync'));
  }

  toString(): string {
    return this.handle === 0 ? 'MPI.Win(WIN_NULL)' : 'MPI.Win';
  }
}

// (named apart from the methods' parameters they resolve)
const origin_ = origin;
const targetOf = target;

/** mpi4py: `MPI.WIN_NULL`. */
export const WIN_NULL = new Win();

// A window handler's first argument: a new Win object of the handle (mpi4py alike), WIN_NULL's kind for none.
Eh.setObjectFactory('Win', (id) => Object.assign(new Win(), { handle: id > 0 ? id : 0 }));
// An attribute's delete_fn gets a Win for the window being freed (or changed).
Attr.setWinFactory((id) => {
  const w = new Win();
  w.handle = id;
  return w;
});

/** @internal windows in the addon's table, WIN_NULL's included (tests of leaks). */
export function liveWindows(): number {
  return W.live();
}
