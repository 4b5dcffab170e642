/**
 * mpi4py's `MPI.Comm`: what every communicator does. Lowercase methods move
 * JavaScript values (lib/msgpickle.ts); uppercase ones move buffers with no copy
 * (lib/buffer.ts resolves them). Every method takes its arguments positionally,
 * or as one options object in place of Python's keywords (lib/comm/options.ts,
 * lib/args.ts). The subclasses, one per file here, mirror mpi4py's hierarchy.
 */
import * as A from '../args';
import { BufSpec, BufSpecV, BufSpecW, IN_PLACE, InPlace, inexpressible, message, messageV, messageW, Msg, MsgV, MsgW, NONE_V, p2p, reducedDatatype, typedDatatype } from '../buffer';
import { missing41 } from '../bsend';
import { Datatype, INT32_T } from '../datatype';
import { ANY_SOURCE, ANY_TAG, ERR_COMM, UNDEFINED } from '../constants';
import { Group } from '../group';
import { Message } from '../message';
import * as P from '../msgpickle';
import * as T from '../tree';
import { COMM_NULL_ID, native } from '../native';
import { bufferOp, isOpLike, Op, OpLike, SUM, toCombine } from '../op';
import { argumentError, NotImplementedError, notProvided, TimeoutError } from '../errors';
import { nothing, Request } from '../request';
import { Prequest } from '../prequest';
import { Status, statusBytes } from '../status';
import { SEND, RECV, IRECV, SENDRECV, sendrecvArgs, PROBE, BUF_SENDRECV, ROOT, ISENDRECV, ISENDRECV_REPLACE, REDUCE_SCATTER, REDUCE, OP } from './options';
import type { SendOptions, RecvOptions, IrecvOptions, SendrecvOptions, TagOptions, RecvTagOptions, StatusOptions, IrecvTagOptions, BufSendrecvOptions, RootOptions, ReduceOptions, ReduceScatterOptions, OpOptions } from './options';
import type { Cartcomm } from './cartcomm';
import type { Graphcomm } from './graphcomm';
import type { Distgraphcomm } from './distgraphcomm';
import type { Intracomm } from './intracomm';
// --- attributes and error handlers (issue 13 part 3b)
import * as Attr from '../attributes';
import type { KeyvalOptions } from '../attributes';
import * as Eh from '../errhandler';
import type { Errhandler } from '../errhandler';
import { CART, GRAPH, DIST_GRAPH } from '../constants';
// --- info objects and communicator creation (issue 13)
import { adopt, forget } from './collect';
import { Info, infoArg, INFO_NULL } from '../info';
import { MAX_OBJECT_NAME } from '../constants';
// --- intercommunicators (issue 13)
import type { Intercomm } from './intercomm';
// --- dynamic processes (issue 15)
import * as Spawn from '../spawn';

/** Comm.Get_parent's one object (mpi4py's `__COMM_PARENT__`). */
let parent: Intercomm | undefined;

// A copy of the addon's functions: its own exports object has too many properties
// for V8's fast mode, which made every `C.Send` a dictionary lookup (about 70
// instructions a call, issue 16); the copy's are plain fields.
/** @internal */
export const C = { ...native.comm };

/**
 * @internal The communicator classes by kind, each set by its own file as it
 * loads (lib/comm/index.ts loads them all): a method makes a communicator of a
 * subclass through this, since importing that subclass's file here would be
 * circular (it extends this class).
 */
export const kinds = {} as {
  Intracomm: new (handle: number) => Intracomm;
  Cartcomm: new (handle: number) => Cartcomm;
  Graphcomm: new (handle: number) => Graphcomm;
  Distgraphcomm: new (handle: number) => Distgraphcomm;
  Intercomm: new (handle: number) => Intercomm;
};

/**
 * The (source, tag, status[, timeout]) of a receive or probe, positional or with
 * options in place of the trailing ones. Positional calls skip the normalizer:
 * receives and polled probes are on hot paths.
 */
function envelope<T extends typeof PROBE>(call: string, defaults: T, source: unknown, tag: unknown, status: unknown): T {
  if (A.isOptions(source) || A.isOptions(tag) || A.isOptions(status)) return A.trailing(call, defaults, [source, tag, status]);
  // One literal shape for both kinds (no spread of the defaults: an allocation per call is enough).
  return { source: source === undefined ? ANY_SOURCE : source, tag: tag === undefined ? ANY_TAG : tag, status, timeout: undefined } as unknown as T;
}
/** A rank or tag in its positional form: a number (A.dest, A.source, … check it) or absent. */
function positional(x: unknown): boolean {
  return x === undefined || typeof x === 'number';
}

// The fast paths (issue 16): the common form of a call — a typed array of a
// built-in kind (or a Buffer), number ranks and tags, an MPI.Op — goes straight
// to the addon with what the general path would resolve it to, building no
// Msg; every other form takes the general path (the methods' private …Any).
// Each native call stays in its own method: one function per call site, which
// V8 calls directly.

/** The datatype of a send's fast form (a typed array, a number dest, a number or absent tag); else undefined. */
function fastSend(buf: unknown, dest: unknown, tag: unknown): Datatype | undefined {
  return typeof dest === 'number' && positional(tag) ? typedDatatype(buf) : undefined;
}

/** The datatype of a receive's fast form (a typed array, positional source and tag); else undefined. */
function fastRecv(buf: unknown, source: unknown, tag: unknown): Datatype | undefined {
  return positional(source) && positional(tag) ? typedDatatype(buf) : undefined;
}

/**
 * The datatype of a reduction's fast form (typed arrays of one datatype and
 * length on both sides, an MPI.Op); else undefined. `recvbuf` is not read
 * where it is not significant (undefined).
 */
function fastReduction(sendbuf: unknown, recvbuf: unknown, op: unknown, recvSignificant: boolean): Datatype | undefined {
  if (!(op instanceof Op)) return undefined;
  const t = reducedDatatype(sendbuf);
  if (!recvSignificant || t === undefined) return t;
  return reducedDatatype(recvbuf) === t && (recvbuf as Uint8Array).length === (sendbuf as Uint8Array).length ? t : undefined;
}

/** The addon's op of a buffer reduction on datatype: predefined or user (lib/op.ts). */
function mpiOp(call: string, op: OpLike, datatype: Datatype): number {
  return bufferOp(call, op, datatype);
}

/** The send and receive sides of a reduction must agree, as mpi4py checks. */
function sameShape(call: string, s: Msg, r: Msg): void {
  if (s.view === IN_PLACE || r.view === null) return;
  if (s.count !== r.count) throw new RangeError(`${call}: mismatch in send count ${s.count} and receive count ${r.count}`);
  if (s.datatype !== r.datatype) throw new TypeError(`${call}: mismatch in send and receive MPI datatypes (${s.datatype} and ${r.datatype})`);
}

function v(m: MsgV): [MsgV['view'], Int32Array | null, Int32Array | null, number] {
  return [m.view, m.counts, m.displs, m.datatype.handle];
}

// --- send modes and collectives (issue 12, WP3)
function w(m: MsgW): [MsgW['view'], Int32Array | null, Int32Array | null] {
  return [m.view, m.ints, m.types];
}

// --- largecount
/**
 * @internal Resolves the v-side(s) of Gatherv, Scatterv or Alltoallv (or an
 * I-form), whose counts some ranks cannot see (a non-root never reads the
 * root's): counts or displacements MPI cannot take here (lib/buffer.ts
 * `inexpressible`) come back as `error`, for an agreement of every rank; other
 * errors are thrown at once, as in every call.
 */
export function vSides<T>(resolve: () => T): { value?: T; error?: RangeError } {
  try {
    return { value: resolve() };
  } catch (e) {
    if (!(e instanceof RangeError) || !inexpressible.has(e)) throw e;
    return { error: e };
  }
}

/**
 * @internal The blocking agreement: a RangeError on EVERY rank when any rank's v-counts do
 * not fit, through one MPI_Allreduce of an int flag before the call, so no rank
 * is left waiting in the collective. The v-variants have no `_c` route yet, so
 * this runs on every build. The I-forms agree in two stages (msgpickle's agreedV).
 */
export function agreedV<T>(handle: number, call: string, resolve: () => T): T {
  const { value, error } = vSides(resolve);
  let flag = error === undefined ? 0 : 1;
  // On an intercommunicator each group gets the other's maximum: a first round, folded into the second, reaches every process.
  if (C.testInter(handle)) flag = Math.max(flag, C.agreeMax(handle, flag));
  if (C.agreeMax(handle, flag) === 0) return value as T;
  throw error ?? P.anotherRanksCounts(call);
}

/**
 * mpi4py: `MPI.Comm`. Lowercase calls that receive take the type of what
 * arrives as a type parameter, unknown unless given: `comm.bcast<Config>(…)`,
 * `comm.recv<string>(…)`, `comm.gather<number>(…)` (a `number[]` at the root,
 * undefined elsewhere), `comm.irecv<string>(…)` (a `Request<string>`, so
 * `await` gives a string). It is the caller's claim about what the other
 * ranks send, as with `JSON.parse`: nothing checks it at run time. It is
 * never inferred from where the value goes (NoInfer): `const n: number =
 * comm.recv()` is a compile error, so every such claim is written at its call.
 */
export class Comm {
  /** @internal id in the addon's communicator table */
  handle: number;
  private cachedRank?: number;
  private cachedSize?: number;

  /** @internal */
  constructor(handle: number) {
    this.handle = handle;
    // Dropped, it is freed later (lib/comm/collect.ts).
    adopt(this, handle);
  }

  /**
   * @internal This communicator's id, for `call` to use: COMM_NULL (a freed
   * communicator too) is MPI's ERR_COMM naming the call, as mpi4py raises.
   */
  protected live(call: string): number {
    if (this.handle === COMM_NULL_ID) throw argumentError(ERR_COMM, call, 'the communicator is MPI.COMM_NULL (or a freed communicator)');
    return this.handle;
  }

  /** @internal this process's rank, for `call` (cached: it never changes) */
  protected rankIn(call: string): number {
    return (this.cachedRank ??= C.rank(this.live(call)));
  }

  /** @internal the number of processes, for `call` (cached) */
  protected sizeIn(call: string): number {
    return (this.cachedSize ??= C.size(this.live(call)));
  }

  /** This process's rank (mpi4py: `comm.rank`); on COMM_NULL, MPI.Exception ERR_COMM. */
  get rank(): number {
    return this.rankIn('Comm.rank');
  }

  /** The number of processes (mpi4py: `comm.size`); on COMM_NULL, MPI.Exception ERR_COMM. */
  get size(): number {
    return this.sizeIn('Comm.size');
  }

  /**
   * @internal the size of this process's own group, for `call`: Reduce_scatter's
   * counts are per process of it (sizeIn counts the processes that ranks and
   * per-process blocks address, which on an Intercomm is the remote group).
   */
  protected groupSizeIn(call: string): number {
    return C.size(this.live(call));
  }

  /** @internal a new communicator object of this one's kind */
  protected wrap(handle: number): Comm {
    return handle === COMM_NULL_ID ? COMM_NULL : new kinds.Intracomm(handle);
  }

  // ---- queries -------------------------------------------------------------

  /** mpi4py: `Get_rank()`. */
  Get_rank(): number {
    return this.rankIn('Get_rank');
  }

  /** mpi4py: `Get_size()`. */
  Get_size(): number {
    return this.sizeIn('Get_size');
  }

  /** mpi4py: `Get_group()`. */
  Get_group(): Group {
    return new Group(C.Get_group(this.live('Get_group')));
  }

  get group(): Group {
    return new Group(C.Get_group(this.live('Comm.group')));
  }

  /** The print name; COMM_NULL's is 'MPI_COMM_NULL' (mpi4py 4). mpi4py: `Get_name()`. */
  Get_name(): string {
    return this.handle === COMM_NULL_ID ? 'MPI_COMM_NULL' : C.getName(this.handle);
  }

  /**
   * Sets the print name: a string of fewer than MPI.MAX_OBJECT_NAME bytes
   * without NUL (MPI would cut it short). mpi4py: `Set_name(name)`.
   */
  Set_name(name: string): void {
    C.setName(this.live('Set_name'), objectName('Set_name', name));
  }

  /** mpi4py: `comm.name` (get and set). */
  get name(): string {
    return this.Get_name();
  }

  set name(name: string) {
    C.setName(this.live('Comm.name'), objectName('Comm.name', name));
  }

  /** Whether this is an intercommunicator (MPI_Comm_test_inter). mpi4py: `Is_inter()`. */
  Is_inter(): boolean {
    return C.testInter(this.live('Is_inter'));
  }

  /** mpi4py: `Is_intra()`. */
  Is_intra(): boolean {
    return !C.testInter(this.live('Is_intra'));
  }

  /** mpi4py: `comm.is_inter`. */
  get is_inter(): boolean {
    return C.testInter(this.live('Comm.is_inter'));
  }

  /** mpi4py: `comm.is_intra`. */
  get is_intra(): boolean {
    return !C.testInter(this.live('Comm.is_intra'));
  }

  /** MPI.CART, MPI.GRAPH, MPI.DIST_GRAPH or MPI.UNDEFINED. mpi4py: `comm.topology`. */
  get topology(): number {
    return C.topoTest(this.live('Comm.topology'));
  }

  /** Whether a topology is attached. mpi4py: `comm.is_topo`. */
  get is_topo(): boolean {
    return C.topoTest(this.live('Comm.is_topo')) !== UNDEFINED;
  }

  /** MPI.CART, MPI.GRAPH, MPI.DIST_GRAPH or MPI.UNDEFINED. mpi4py: `Get_topology()`. */
  Get_topology(): number {
    return C.topoTest(this.live('Get_topology'));
  }

  // ---- management ----------------------------------------------------------

  /**
   * A duplicate, of the same class (a Cartcomm's keeps its topology); with
   * info, MPI_Comm_dup_with_info's hints instead of this one's.
   * mpi4py: `Dup(info=None)`.
   */
  Dup(info?: Info | null | { info?: Info | null }): this {
    const o = A.trailing('Dup', DUP, [info]);
    if (o.info !== undefined && o.info !== null) return this.Dup_with_info(o.info);
    P.flush(this.handle);
    Attr.takeCallbackError(); // none left over from a call that does not take them (MPI.Finalize)
    const h = C.Dup(this.live('Dup'));
    return this.same(this.copied(h));
  }

  /** @internal h, or what a copy_fn threw while MPI duplicated (lib/attributes.ts): then no duplicate, the error instead. */
  private copied(h: number): number {
    const failed = Attr.takeCallbackError();
    if (failed) {
      if (h !== COMM_NULL_ID) C.Free(h);
      Attr.takeCallbackError();
      throw failed.error;
    }
    return h;
  }

  /** @internal a new object of this one's class for handle h (MPI_Comm_dup copies a topology) */
  private same(h: number): this {
    return (h === COMM_NULL_ID ? COMM_NULL : new (this.constructor as new (handle: number) => Comm)(h)) as this;
  }

  /** A duplicate with the hints of info. mpi4py: `Dup_with_info(info)`. */
  Dup_with_info(info: Info | { info: Info }): this {
    const o = A.trailing('Dup_with_info', DUP_WITH_INFO, [info]);
    const i = infoArg('Dup_with_info', 'info', o.info);
    P.flush(this.handle);
    Attr.takeCallbackError();
    return this.same(this.copied(C.Dup_with_info(this.live('Dup_with_info'), i)));
  }

  /**
   * Starts duplicating: `[newcomm, request]`, as mpi4py. newcomm is usable
   * once the request completed (await it, or Wait); before, it is COMM_NULL's
   * kind (MPI may give its handle only at completion). With info (MPI-4.0:
   * MPI_Comm_idup_with_info), its hints. mpi4py: `Idup(info=None)`.
   */
  Idup(info?: Info | null | { info?: Info | null }): [this, Request] {
    const o = A.trailing('Idup', DUP, [info]);
    const withInfo = o.info !== undefined && o.info !== null;
    const i = withInfo ? infoArg('Idup', 'info', o.info) : undefined;
    if (withInfo && !native.environment.features.mpi4) throw notProvided('Idup', '4.0');
    const h = this.live('Idup');
    // Ordered with the nonblocking collectives queued on this communicator: they post first.
    P.flush(h);
    const comm = new (this.constructor as new (handle: number) => Comm)(COMM_NULL_ID) as this;
    let cell: ArrayBuffer | undefined;
    const next = (): { value: undefined } => {
      if (cell && comm.handle === COMM_NULL_ID) {
        comm.handle = C.idupResult(cell);
        cell = undefined;
        adopt(comm, comm.handle);
      }
      return { value: undefined };
    };
    const [id, c] = i === undefined ? C.Idup(h) : C.Idup(h, i);
    cell = c;
    return [comm, new Request(id, next, true)];
  }

  /** Idup with the hints of info (MPI-4.0). mpi4py: `Idup_with_info(info)`. */
  Idup_with_info(info: Info | { info: Info }): [this, Request] {
    const o = A.trailing('Idup_with_info', DUP_WITH_INFO, [info]);
    infoArg('Idup_with_info', 'info', o.info);
    if (!native.environment.features.mpi4) throw notProvided('Idup_with_info', '4.0');
    this.live('Idup_with_info'); // refused under its own name, before Idup's
    return this.Idup(o.info);
  }

  /** Replaces hints with those of info. mpi4py: `Set_info(info)`. */
  Set_info(info: Info): void {
    C.Set_info(this.live('Set_info'), infoArg('Set_info', 'info', info));
  }

  /** The hints in use, as a new Info (the library may drop ones it ignores). mpi4py: `Get_info()`. */
  Get_info(): Info {
    return new Info(C.Get_info(this.live('Get_info')));
  }

  /** mpi4py: `comm.info` (get: Get_info(); set: Set_info()). */
  get info(): Info {
    return this.Get_info();
  }

  set info(info: Info) {
    this.Set_info(info);
  }

  /** mpi4py: `Clone()`. */
  Clone(): this {
    return this.Dup();
  }

  /** mpi4py: `Free()`. */
  Free(): void {
    this.release(this.handle, (h) => C.Free(h));
  }

  /** Free's and Disconnect's one path around the MPI call that ends the communicator. */
  private release(h: number, end: (h: number) => void): void {
    Eh.refuseInHandler('Comm', h, 'Free'); // inside its own error handler, MPI still uses it
    // Held nonblocking collectives post first: MPI completes what is pending on a freed communicator, but nothing can be posted to it.
    P.flush(h);
    T.release(h);
    Attr.takeCallbackError();
    end(h);
    forget(this, h);
    // Now COMM_NULL (mpi4py): nothing cached from the freed communicator answers.
    this.handle = COMM_NULL_ID;
    this.cachedRank = undefined;
    this.cachedSize = undefined;
    // What an attribute's delete_fn threw, once the communicator is freed (lib/attributes.ts).
    const failed = Attr.takeCallbackError();
    if (failed) throw failed.error;
  }

  // --- dynamic processes (issue 15): lib/spawn.ts reads the arguments

  /**
   * Waits for the pending communication on this communicator, then frees it
   * (collective); it becomes COMM_NULL. mpi4py: `Disconnect()`.
   */
  Disconnect(): void {
    this.release(this.live('Disconnect'), (h) => Spawn.S.Disconnect(h));
  }

  /**
   * The intercommunicator to the processes that spawned this one; a null
   * Intercomm (equal to COMM_NULL's handle) when none did, or once it was
   * disconnected or freed. One object per parent. mpi4py: `Comm.Get_parent()`.
   */
  static Get_parent(): Intercomm {
    if (parent !== undefined && parent.handle !== COMM_NULL_ID) return parent;
    return (parent = new kinds.Intercomm(Spawn.S.Get_parent()));
  }

  /** The intercommunicator of two processes joined by a connected socket fd. mpi4py: `Comm.Join(fd)`. */
  static Join(fd: number): Intercomm {
    return new kinds.Intercomm(Spawn.join(fd));
  }

  /** MPI.IDENT, CONGRUENT, SIMILAR or UNEQUAL. mpi4py: `Compare(comm)`. */
  Compare(comm: Comm): number {
    return C.Compare(this.live('Compare'), A.ofKind('Compare', 'comm', comm, Comm, 'MPI.Comm').handle);
  }

  /** Ends every process of the job with errorcode. mpi4py: `Abort(errorcode=0)`. */
  Abort(errorcode?: number | { errorcode?: number }): never {
    const code = A.int('Abort', 'errorcode', A.trailing('Abort', { errorcode: 0 }, [errorcode]).errorcode);
    C.Abort(this.handle, code);
    process.exit(code);
  }

  // ---- attributes and error handlers (issue 13 part 3b: lib/attributes.ts, lib/errhandler.ts)

  /**
   * A new attribute key: `copy_fn(comm, keyval, value)` gives a duplicate's value
   * on Dup (`MPI.NotImplemented`: none), `delete_fn(comm, keyval, value)` runs
   * when a value goes (Delete_attr, Set_attr over it, Free). Positional or
   * `{copy_fn, delete_fn, nopython}`. mpi4py: `Comm.Create_keyval(copy_fn=None, delete_fn=None, nopython=False)`.
   */
  static Create_keyval(copy_fn?: KeyvalOptions['copy_fn'] | KeyvalOptions, delete_fn?: KeyvalOptions['delete_fn'], nopython?: boolean): number {
    return Attr.createKeyval(A.trailing('Create_keyval', { copy_fn: null, delete_fn: null, nopython: false } as Required<KeyvalOptions>, [copy_fn, delete_fn, nopython]));
  }

  /** Frees a key (attached values stay, with their functions): MPI.KEYVAL_INVALID. mpi4py: `Comm.Free_keyval(keyval)`. */
  static Free_keyval(keyval: number): number {
    return Attr.freeKeyval(A.int('Free_keyval', 'keyval', keyval));
  }

  /** Attaches any JavaScript value (an integer for a nopython or predefined key). mpi4py: `Set_attr(keyval, attrval)`. */
  Set_attr(keyval: number, attrval: unknown): void {
    Attr.setAttr(this.live('Set_attr'), A.int('Set_attr', 'keyval', keyval), attrval);
  }

  /** The value attached, or undefined (mpi4py: None); a predefined key's integer (MPI.TAG_UB, …). mpi4py: `Get_attr(keyval)`. */
  Get_attr(keyval: number): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    return Attr.getAttr(this.live('Get_attr'), A.int('Get_attr', 'keyval', keyval));
  }

  /** Removes the value attached (its delete_fn runs). mpi4py: `Delete_attr(keyval)`. */
  Delete_attr(keyval: number): void {
    Attr.deleteAttr(this.live('Delete_attr'), A.int('Delete_attr', 'keyval', keyval));
  }

  /**
   * An error handler calling `errhandler_fn(comm, errorcode)` inside a failing
   * MPI call on a communicator that uses it; the call then throws MPI.Exception.
   * At most 32 per process, as in mpi4py. mpi4py: `Comm.Create_errhandler(errhandler_fn)`.
   */
  static Create_errhandler(errhandler_fn: (comm: Comm, errorcode: number) => void): Errhandler {
    return Eh.createErrhandler(errhandler_fn);
  }

  /** mpi4py: `Get_errhandler()`. */
  Get_errhandler(): Errhandler {
    return Eh.getErrhandler(this.live('Get_errhandler'));
  }

  /** MPI.ERRORS_RETURN (the default), ERRORS_ARE_FATAL, ERRORS_ABORT or a user handler. mpi4py: `Set_errhandler(errhandler)`. */
  Set_errhandler(errhandler: Errhandler): void {
    Eh.setErrhandler(this.live('Set_errhandler'), errhandler);
  }

  /** Runs this communicator's error handler on errorcode. mpi4py: `Call_errhandler(errorcode)`. */
  Call_errhandler(errorcode: number): void {
    Eh.callErrhandler(this.live('Call_errhandler'), A.int('Call_errhandler', 'errorcode', errorcode));
  }

  // ---- lowercase point-to-point: JavaScript values ----------------------------

  /** Sends a value. mpi4py: `send(obj, dest, tag=0)`. */
  send(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('send', SEND, [dest, tag]));
    P.send(this.handle, obj, A.dest('send', dest, this.sizeIn('send')), A.sendTag('send', (tag === undefined ? 0 : tag)), false);
  }

  /** Sends a value, returning once its receive has started. mpi4py: `ssend(obj, dest, tag=0)`. */
  ssend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('ssend', SEND, [dest, tag]));
    P.send(this.handle, obj, A.dest('ssend', dest, this.sizeIn('ssend')), A.sendTag('ssend', (tag === undefined ? 0 : tag)), true);
  }

  /** Starts sending a value. mpi4py: `isend(obj, dest, tag=0)`. */
  isend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('isend', SEND, [dest, tag]));
    return P.isend(this.handle, obj, A.dest('isend', dest, this.sizeIn('isend')), A.sendTag('isend', (tag === undefined ? 0 : tag)), false);
  }

  /** mpi4py: `issend(obj, dest, tag=0)`. */
  issend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('issend', SEND, [dest, tag]));
    return P.isend(this.handle, obj, A.dest('issend', dest, this.sizeIn('issend')), A.sendTag('issend', (tag === undefined ? 0 : tag)), true);
  }

  // --- send modes (issue 12, WP3)

  /** Sends a value through the attached buffer (MPI.Attach_buffer). mpi4py: `bsend(obj, dest, tag=0)`. */
  bsend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('bsend', SEND, [dest, tag]));
    P.send(this.handle, obj, A.dest('bsend', dest, this.sizeIn('bsend')), A.sendTag('bsend', (tag === undefined ? 0 : tag)), P.BUFFERED);
  }

  /** Starts sending a value through the attached buffer. mpi4py: `ibsend(obj, dest, tag=0)`. */
  ibsend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing('ibsend', SEND, [dest, tag]));
    return P.isend(this.handle, obj, A.dest('ibsend', dest, this.sizeIn('ibsend')), A.sendTag('ibsend', (tag === undefined ? 0 : tag)), P.BUFFERED);
  }

  /**
   * Receives a value of any size. mpi4py: `recv(buf=None, source=ANY_SOURCE,
   * tag=ANY_TAG, status=None)`, without the deprecated buf.
   */
  recv<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): NoInfer<T> {
    const o = envelope('recv', RECV, source, tag, status);
    const src = A.source('recv', o.source, this.sizeIn('recv'));
    const tg = A.recvTag('recv', o.tag);
    const value = P.recv(this.handle, src, tg, o.status, A.timeout('recv', o.timeout));
    if (value === P.TIMED_OUT) throw this.timedOut('recv', o.timeout, src, tg);
    return value as T;
  }

  /** @internal */
  private timedOut(call: string, timeout: number | undefined, source: number, tag: number): TimeoutError {
    return new TimeoutError(call, timeout ?? 0, { source, tag, comm: this.Get_name() });
  }

  /** @internal what a nonblocking receive's timeout reports */
  private waiting(call: string, source: number, tag: number): () => [string, { source: number; tag: number; comm: string }] {
    return () => [call, { source, tag, comm: this.Get_name() }];
  }

  /**
   * Starts receiving a value of any size (mpi4py's irecv is limited to 32 KiB);
   * `await` the Request or `wait()` it for the value. mpi4py: `irecv(buf=None, source, tag)`, without buf.
   */
  irecv<T = unknown>(source?: number | IrecvOptions, tag?: number | IrecvTagOptions): Request<NoInfer<T>> {
    if (!A.isOptions(source) && !A.isOptions(tag)) {
      return P.irecv(this.handle, A.source('irecv', (source === undefined ? ANY_SOURCE : source), this.sizeIn('irecv')), A.recvTag('irecv', (tag === undefined ? ANY_TAG : tag))) as Request<T>;
    }
    const o = A.trailing('irecv', IRECV, [source, tag]);
    const req = P.irecv(this.handle, A.source('irecv', o.source, this.sizeIn('irecv')), A.recvTag('irecv', o.tag));
    return req.bound(A.timeout('irecv', o.timeout), A.signal('irecv', o.signal), this.waiting('irecv', o.source, o.tag)) as Request<T>;
  }

  /**
   * Sends a value and receives one. mpi4py: `sendrecv(sendobj, dest, sendtag=0,
   * recvbuf=None, source=ANY_SOURCE, recvtag=ANY_TAG, status=None)`, without recvbuf.
   */
  sendrecv<T = unknown>(
    sendobj: unknown,
    dest: number | SendrecvOptions,
    sendtag?: number | Partial<SendrecvOptions>,
    source?: number | Partial<SendrecvOptions>,
    recvtag?: number | Partial<SendrecvOptions>,
    status?: Status | Partial<SendrecvOptions>,
  ): NoInfer<T> {
    const call = 'sendrecv';
    const o = sendrecvArgs(call, dest, sendtag, source, recvtag, status);
    return P.sendrecv(
      this.handle, sendobj, A.dest(call, o.dest, this.sizeIn(call)), A.sendTag(call, o.sendtag, undefined, 'sendtag'),
      A.source(call, o.source, this.sizeIn(call)), A.recvTag(call, o.recvtag, undefined, 'recvtag'), o.status,
    ) as T;
  }

  /** Waits for a matching message; fills status. mpi4py: `probe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  probe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): true {
    return this.Probe(source, tag, status);
  }

  /** Whether a matching message is waiting. mpi4py: `iprobe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  iprobe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): boolean {
    return this.Iprobe(source, tag, status);
  }

  /** Waits for a matching message and claims it. mpi4py: `mprobe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  mprobe<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<NoInfer<T>> {
    return this.Mprobe(source, tag, status) as Message<T>;
  }

  /** The matching message if one is waiting, else undefined. mpi4py: `improbe(…)`. */
  improbe<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<NoInfer<T>> | undefined {
    return this.Improbe(source, tag, status) as Message<T> | undefined;
  }

  // ---- lowercase collectives -------------------------------------------------

  /** mpi4py: `barrier()`. */
  barrier(): void {
    P.flush(this.handle);
    C.Barrier(this.live('barrier'));
  }

  /** The root's value, on every rank (each gets its own copy). mpi4py: `bcast(obj, root=0)`. */
  bcast<T = unknown>(obj: unknown, root: number | RootOptions = 0): NoInfer<T> {
    P.flush(this.handle);
    if (typeof root !== 'number') ({ root } = A.options('bcast', root, ROOT));
    return P.bcast(this.handle, obj, A.root('bcast', root, this.sizeIn('bcast')), this.rankIn('bcast')) as T;
  }

  /** The root's array, one item per rank. mpi4py: `scatter(sendobj, root=0)`. */
  scatter<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): NoInfer<T> {
    P.flush(this.handle);
    if (typeof root !== 'number') ({ root } = A.options('scatter', root, ROOT));
    return P.scatter(this.handle, sendobj, A.root('scatter', root, this.sizeIn('scatter')), this.rankIn('scatter'), this.sizeIn('scatter')) as T;
  }

  /** Every rank's value in rank order at the root; undefined elsewhere. mpi4py: `gather(sendobj, root=0)`. */
  gather<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): NoInfer<T>[] | undefined {
    P.flush(this.handle);
    if (typeof root !== 'number') ({ root } = A.options('gather', root, ROOT));
    return P.gather(this.handle, sendobj, A.root('gather', root, this.sizeIn('gather')), this.rankIn('gather'), this.sizeIn('gather')) as T[] | undefined;
  }

  /** Every rank's value in rank order, on every rank. mpi4py: `allgather(sendobj)`. */
  allgather<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    P.flush(this.handle);
    return P.allgather(this.handle, sendobj, this.sizeIn('allgather')) as T[];
  }

  /** Item i of every rank's array goes to rank i. mpi4py: `alltoall(sendobj)`. */
  alltoall<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    P.flush(this.handle);
    return P.alltoall(this.handle, sendobj, this.sizeIn('alltoall')) as T[];
  }

  /**
   * Every rank's value combined by op (MPI.SUM by default, or any (a, b) =>
   * result) at the root; undefined elsewhere. mpi4py: `reduce(sendobj, op=SUM, root=0)`.
   */
  reduce<T = unknown>(sendobj: unknown, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): NoInfer<T> | undefined {
    P.flush(this.handle);
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('reduce', REDUCE, [op, root]));
    return T.reductions().reduce(this.handle, sendobj, toCombine(op, 'reduce'), A.root('reduce', (root === undefined ? 0 : root), this.sizeIn('reduce')), this.rankIn('reduce'), this.sizeIn('reduce')) as T | undefined;
  }

  /** mpi4py: `allreduce(sendobj, op=SUM)`. */
  allreduce<T = unknown>(sendobj: unknown, op: OpLike | OpOptions = SUM): NoInfer<T> {
    P.flush(this.handle);
    if (!isOpLike(op)) ({ op } = A.options('allreduce', op, OP));
    return T.reductions().allreduce(this.handle, sendobj, toCombine(op, 'allreduce'), this.sizeIn('allreduce')) as T;
  }

  /** Inclusive prefix reduction: ranks 0…rank combined. mpi4py: `scan(sendobj, op=SUM)`. */
  scan<T = unknown>(sendobj: unknown, op: OpLike | OpOptions = SUM): NoInfer<T> {
    P.flush(this.handle);
    if (!isOpLike(op)) ({ op } = A.options('scan', op, OP));
    return T.reductions().scan(this.handle, sendobj, toCombine(op, 'scan'), this.rankIn('scan'), this.sizeIn('scan')) as T;
  }

  /** Exclusive prefix reduction: ranks 0…rank-1; undefined on rank 0. mpi4py: `exscan(sendobj, op=SUM)`. */
  exscan<T = unknown>(sendobj: unknown, op: OpLike | OpOptions = SUM): NoInfer<T> | undefined {
    P.flush(this.handle);
    if (!isOpLike(op)) ({ op } = A.options('exscan', op, OP));
    return T.reductions().exscan(this.handle, sendobj, toCombine(op, 'exscan'), this.rankIn('exscan'), this.sizeIn('exscan')) as T | undefined;
  }

  // ---- lowercase nonblocking collectives (mpi4py has none): await them -------

  /** `await comm.ibarrier()`. */
  ibarrier(): Request {
    return P.ibarrier(this.live('ibarrier'));
  }

  /** The root's value, on every rank, when the Request completes. */
  ibcast<T = unknown>(obj: unknown, root: number | RootOptions = 0): Request<NoInfer<T>> {
    if (typeof root !== 'number') ({ root } = A.options('ibcast', root, ROOT));
    return P.ibcast(this.handle, obj, A.root('ibcast', root, this.sizeIn('ibcast')), this.rankIn('ibcast')) as Request<T>;
  }

  /** Nonblocking scatter: item i of the root's array, on rank i. */
  iscatter<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): Request<NoInfer<T>> {
    if (typeof root !== 'number') ({ root } = A.options('iscatter', root, ROOT));
    return P.iscatter(this.handle, sendobj, A.root('iscatter', root, this.sizeIn('iscatter')), this.rankIn('iscatter'), this.sizeIn('iscatter')) as Request<T>;
  }

  /** Nonblocking gather: the array at the root, undefined elsewhere. */
  igather<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): Request<NoInfer<T>[] | undefined> {
    if (typeof root !== 'number') ({ root } = A.options('igather', root, ROOT));
    return P.igather(this.handle, sendobj, A.root('igather', root, this.sizeIn('igather')), this.rankIn('igather'), this.sizeIn('igather')) as Request<T[] | undefined>;
  }

  /** Nonblocking allgather. */
  iallgather<T = unknown>(sendobj: unknown): Request<NoInfer<T>[]> {
    return P.iallgather(this.handle, sendobj, this.sizeIn('iallgather')) as Request<T[]>;
  }

  /** Nonblocking alltoall. */
  ialltoall<T = unknown>(sendobj: unknown): Request<NoInfer<T>[]> {
    return P.ialltoall(this.handle, sendobj, this.sizeIn('ialltoall')) as Request<T[]>;
  }

  /** Nonblocking reduce: the combined value at the root, undefined elsewhere. */
  ireduce<T = unknown>(sendobj: unknown, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): Request<NoInfer<T> | undefined> {
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('ireduce', REDUCE, [op, root]));
    return P.ireduce(this.handle, sendobj, toCombine(op, 'ireduce'), A.root('ireduce', (root === undefined ? 0 : root), this.sizeIn('ireduce')), this.rankIn('ireduce'), this.sizeIn('ireduce')) as Request<T | undefined>;
  }

  /** Nonblocking allreduce. */
  iallreduce<T = unknown>(sendobj: unknown, op: OpLike | OpOptions = SUM): Request<NoInfer<T>> {
    if (!isOpLike(op)) ({ op } = A.options('iallreduce', op, OP));
    return P.iallreduce(this.handle, sendobj, toCombine(op, 'iallreduce'), this.sizeIn('iallreduce')) as Request<T>;
  }

  // ---- uppercase point-to-point: buffers -----------------------------------------

  /** mpi4py: `Send(buf, dest, tag=0)`. */
  Send(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): void {
    const t = fastSend(buf, dest, tag);
    if (t === undefined) return void this.sendAny('Send', buf, dest, tag);
    C.Send(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, A.dest('Send', dest, this.sizeIn('Send')), A.sendTag('Send', tag === undefined ? 0 : tag));
  }

  /** mpi4py: `Ssend(buf, dest, tag=0)`. */
  Ssend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): void {
    const t = fastSend(buf, dest, tag);
    if (t === undefined) return void this.sendAny('Ssend', buf, dest, tag);
    C.Ssend(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, A.dest('Ssend', dest, this.sizeIn('Ssend')), A.sendTag('Ssend', tag === undefined ? 0 : tag));
  }

  /** mpi4py: `Isend(buf, dest, tag=0)`. */
  Isend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Request {
    const t = fastSend(buf, dest, tag);
    if (t === undefined) return this.sendAny('Isend', buf, dest, tag) as Request;
    return new Request(C.Isend(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, A.dest('Isend', dest, this.sizeIn('Isend')), A.sendTag('Isend', tag === undefined ? 0 : tag)));
  }

  /** mpi4py: `Issend(buf, dest, tag=0)`. */
  Issend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Request {
    const t = fastSend(buf, dest, tag);
    if (t === undefined) return this.sendAny('Issend', buf, dest, tag) as Request;
    return new Request(C.Issend(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, A.dest('Issend', dest, this.sizeIn('Issend')), A.sendTag('Issend', tag === undefined ? 0 : tag)));
  }

  /**
   * @internal The general path of Send, Ssend, Isend and Issend: every buffer form,
   * options in place of dest or tag. What their fast paths must match (the test
   * that compares them calls this directly). A Request for Isend and Issend.
   */
  private sendAny(call: 'Send' | 'Ssend' | 'Isend' | 'Issend', buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Request | undefined {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing(call, SEND, [dest, tag]));
    const m = p2p(call, 'buf', buf);
    const id = C[call](this.handle, m.view, m.count, m.datatype.handle, A.dest(call, dest, this.sizeIn(call)), A.sendTag(call, (tag === undefined ? 0 : tag)));
    return call === 'Isend' || call === 'Issend' ? new Request(id as number) : undefined;
  }

  /** mpi4py: `Recv(buf, source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  Recv(buf: BufSpec, source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): void {
    const t = status === undefined ? fastRecv(buf, source, tag) : undefined;
    if (t === undefined) return this.recvAny(buf, source, tag, status);
    // No status and no timeout: the addon's last two arguments left out.
    const src = A.source('Recv', source === undefined ? ANY_SOURCE : source, this.sizeIn('Recv'));
    C.Recv(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, src, A.recvTag('Recv', tag === undefined ? ANY_TAG : tag));
  }

  /** @internal The general path of Recv (as sendAny is of the sends). */
  private recvAny(buf: BufSpec, source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): void {
    const o = envelope('Recv', RECV, source, tag, status);
    const m = p2p('Recv', 'buf', buf);
    const src = A.source('Recv', o.source, this.sizeIn('Recv'));
    const tg = A.recvTag('Recv', o.tag);
    const received = C.Recv(this.handle, m.view, m.count, m.datatype.handle, src, tg, statusBytes(o.status, 'Recv'), A.timeout('Recv', o.timeout));
    if (!received) throw this.timedOut('Recv', o.timeout, src, tg);
  }

  /**
   * mpi4py: `Sendrecv(sendbuf, dest, sendtag=0, recvbuf=None, source=ANY_SOURCE,
   * recvtag=ANY_TAG, status=None)`.
   */
  Sendrecv(
    sendbuf: BufSpec,
    dest: number | BufSendrecvOptions,
    sendtag?: number | Partial<BufSendrecvOptions>,
    recvbuf?: BufSpec | Partial<BufSendrecvOptions>,
    source?: number | Partial<BufSendrecvOptions>,
    recvtag?: number | Partial<BufSendrecvOptions>,
    status?: Status | Partial<BufSendrecvOptions>,
  ): void {
    const call = 'Sendrecv';
    const o = A.isOptions(dest) || A.isOptions(sendtag) || A.isOptions(recvbuf) || A.isOptions(source) || A.isOptions(recvtag) || A.isOptions(status)
      ? A.trailing(call, BUF_SENDRECV, [dest, sendtag, recvbuf, source, recvtag, status])
      : { dest, sendtag: (sendtag === undefined ? 0 : sendtag), recvbuf: recvbuf ?? null, source: (source === undefined ? ANY_SOURCE : source), recvtag: (recvtag === undefined ? ANY_TAG : recvtag), status };
    const s = p2p(call, 'sendbuf', sendbuf);
    const r = p2p(call, 'recvbuf', o.recvbuf);
    C.Sendrecv(
      this.handle, s.view, s.count, s.datatype.handle, A.dest(call, o.dest, this.sizeIn(call)), A.sendTag(call, o.sendtag, undefined, 'sendtag'),
      r.view, r.count, r.datatype.handle, A.source(call, o.source, this.sizeIn(call)), A.recvTag(call, o.recvtag, undefined, 'recvtag'), statusBytes(o.status, call),
    );
  }

  // --- send modes and Sendrecv variants (issue 12, WP3)

  /** Sends through the attached buffer (MPI.Attach_buffer): returns once buf is copied there. mpi4py: `Bsend(buf, dest, tag=0)`. */
  Bsend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): void {
    this.sendMode('Bsend', buf, dest, tag);
  }

  /** A ready send: the matching receive must already be posted. mpi4py: `Rsend(buf, dest, tag=0)`. */
  Rsend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): void {
    this.sendMode('Rsend', buf, dest, tag);
  }

  /** mpi4py: `Ibsend(buf, dest, tag=0)`. */
  Ibsend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Request {
    return new Request(this.sendMode('Ibsend', buf, dest, tag) as number);
  }

  /** mpi4py: `Irsend(buf, dest, tag=0)`. */
  Irsend(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Request {
    return new Request(this.sendMode('Irsend', buf, dest, tag) as number);
  }

  /** @internal Bsend, Rsend and their I-forms: every buffer form (sendAny's reading); a request id for the I-forms. */
  private sendMode(call: 'Bsend' | 'Rsend' | 'Ibsend' | 'Irsend', buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): number | void {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing(call, SEND, [dest, tag]));
    const m = p2p(call, 'buf', buf);
    return C[call](this.handle, m.view, m.count, m.datatype.handle, A.dest(call, dest, this.sizeIn(call)), A.sendTag(call, (tag === undefined ? 0 : tag)));
  }

  /**
   * Sends buf and receives into it. mpi4py: `Sendrecv_replace(buf, dest,
   * sendtag=0, source=ANY_SOURCE, recvtag=ANY_TAG, status=None)`.
   */
  Sendrecv_replace(
    buf: BufSpec,
    dest: number | SendrecvOptions,
    sendtag?: number | Partial<SendrecvOptions>,
    source?: number | Partial<SendrecvOptions>,
    recvtag?: number | Partial<SendrecvOptions>,
    status?: Status | Partial<SendrecvOptions>,
  ): void {
    const call = 'Sendrecv_replace';
    const o = A.trailing(call, SENDRECV, [dest, sendtag, source, recvtag, status]);
    const m = p2p(call, 'buf', buf);
    C.Sendrecv_replace(
      this.handle, m.view, m.count, m.datatype.handle, A.dest(call, o.dest, this.sizeIn(call)), A.sendTag(call, o.sendtag, undefined, 'sendtag'),
      A.source(call, o.source, this.sizeIn(call)), A.recvTag(call, o.recvtag, undefined, 'recvtag'), statusBytes(o.status, call),
    );
  }

  /**
   * Nonblocking Sendrecv (MPI-4.0: NotImplementedError on older libraries).
   * mpi4py: `Isendrecv(sendbuf, dest, sendtag=0, recvbuf=None, source=ANY_SOURCE, recvtag=ANY_TAG)`.
   */
  Isendrecv(
    sendbuf: BufSpec,
    dest: number | Omit<BufSendrecvOptions, 'status'>,
    sendtag?: number | Partial<Omit<BufSendrecvOptions, 'status'>>,
    recvbuf?: BufSpec | Partial<Omit<BufSendrecvOptions, 'status'>>,
    source?: number | Partial<Omit<BufSendrecvOptions, 'status'>>,
    recvtag?: number | Partial<Omit<BufSendrecvOptions, 'status'>>,
  ): Request {
    const call = 'Isendrecv';
    // Checked before anything is resolved, as mpi4py's missing symbol is.
    if (C.Isendrecv === undefined) throw notProvided(call, '4.0');
    const o = A.trailing(call, ISENDRECV, [dest, sendtag, recvbuf, source, recvtag]);
    const s = p2p(call, 'sendbuf', sendbuf);
    const r = p2p(call, 'recvbuf', o.recvbuf);
    return new Request(C.Isendrecv(
      this.handle, s.view, s.count, s.datatype.handle, A.dest(call, o.dest, this.sizeIn(call)), A.sendTag(call, o.sendtag, undefined, 'sendtag'),
      r.view, r.count, r.datatype.handle, A.source(call, o.source, this.sizeIn(call)), A.recvTag(call, o.recvtag, undefined, 'recvtag'),
    ));
  }

  /**
   * Nonblocking Sendrecv_replace (MPI-4.0: NotImplementedError on older libraries).
   * mpi4py: `Isendrecv_replace(buf, dest, sendtag=0, source=ANY_SOURCE, recvtag=ANY_TAG)`.
   */
  Isendrecv_replace(
    buf: BufSpec,
    dest: number | Omit<SendrecvOptions, 'status'>,
    sendtag?: number | Partial<Omit<SendrecvOptions, 'status'>>,
    source?: number | Partial<Omit<SendrecvOptions, 'status'>>,
    recvtag?: number | Partial<Omit<SendrecvOptions, 'status'>>,
  ): Request {
    const call = 'Isendrecv_replace';
    if (C.Isendrecv_replace === undefined) throw notProvided(call, '4.0');
    const o = A.trailing(call, ISENDRECV_REPLACE, [dest, sendtag, source, recvtag]);
    const m = p2p(call, 'buf', buf);
    return new Request(C.Isendrecv_replace(
      this.handle, m.view, m.count, m.datatype.handle, A.dest(call, o.dest, this.sizeIn(call)), A.sendTag(call, o.sendtag, undefined, 'sendtag'),
      A.source(call, o.source, this.sizeIn(call)), A.recvTag(call, o.recvtag, undefined, 'recvtag'),
    ));
  }

  /** A buffer of this communicator's own for buffered sends (MPI-4.1). mpi4py: `Comm.Attach_buffer(buf)`. */
  Attach_buffer(_buf: ArrayBufferView | ArrayBuffer | null | undefined): void {
    throw missing41('Comm.Attach_buffer', 'MPI_Comm_attach_buffer');
  }

  /** mpi4py: `Comm.Detach_buffer()` (MPI-4.1). */
  Detach_buffer(): never {
    throw missing41('Comm.Detach_buffer', 'MPI_Comm_detach_buffer');
  }

  /** mpi4py: `Comm.Flush_buffer()` (MPI-4.1). */
  Flush_buffer(): void {
    throw missing41('Comm.Flush_buffer', 'MPI_Comm_flush_buffer');
  }

  /** mpi4py: `Comm.Iflush_buffer()` (MPI-4.1). */
  Iflush_buffer(): never {
    throw missing41('Comm.Iflush_buffer', 'MPI_Comm_iflush_buffer');
  }

  /** mpi4py: `Irecv(buf, source=ANY_SOURCE, tag=ANY_TAG)`. */
  Irecv(buf: BufSpec, source?: number | IrecvOptions, tag?: number | IrecvTagOptions): Request {
    const t = fastRecv(buf, source, tag);
    if (t === undefined) return this.irecvAny(buf, source, tag);
    const src = A.source('Irecv', source === undefined ? ANY_SOURCE : source, this.sizeIn('Irecv'));
    return new Request(C.Irecv(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, src, A.recvTag('Irecv', tag === undefined ? ANY_TAG : tag)));
  }

  /** @internal The general path of Irecv (as sendAny is of the sends). */
  private irecvAny(buf: BufSpec, source?: number | IrecvOptions, tag?: number | IrecvTagOptions): Request {
    const m = p2p('Irecv', 'buf', buf);
    if (!A.isOptions(source) && !A.isOptions(tag)) {
      const src = A.source('Irecv', (source === undefined ? ANY_SOURCE : source), this.sizeIn('Irecv'));
      return new Request(C.Irecv(this.handle, m.view, m.count, m.datatype.handle, src, A.recvTag('Irecv', (tag === undefined ? ANY_TAG : tag))));
    }
    const o = A.trailing('Irecv', IRECV, [source, tag]);
    const id = C.Irecv(this.handle, m.view, m.count, m.datatype.handle, A.source('Irecv', o.source, this.sizeIn('Irecv')), A.recvTag('Irecv', o.tag));
    return new Request(id).bound(A.timeout('Irecv', o.timeout), A.signal('Irecv', o.signal), this.waiting('Irecv', o.source, o.tag));
  }

  /** mpi4py: `Probe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  Probe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): true {
    const o = envelope('Probe', RECV, source, tag, status);
    const src = A.source('Probe', o.source, this.sizeIn('Probe'));
    const tg = A.recvTag('Probe', o.tag);
    if (!C.Probe(this.handle, src, tg, statusBytes(o.status, 'Probe'), A.timeout('Probe', o.timeout))) throw this.timedOut('Probe', o.timeout, src, tg);
    return true;
  }

  /** mpi4py: `Iprobe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  Iprobe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): boolean {
    const o = envelope('Iprobe', PROBE, source, tag, status);
    return C.Iprobe(this.handle, A.source('Iprobe', o.source, this.sizeIn('Iprobe')), A.recvTag('Iprobe', o.tag), statusBytes(o.status, 'Iprobe'));
  }

  /** mpi4py: `Mprobe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  Mprobe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message {
    const o = envelope('Mprobe', RECV, source, tag, status);
    const src = A.source('Mprobe', o.source, this.sizeIn('Mprobe'));
    const tg = A.recvTag('Mprobe', o.tag);
    const msg = Message.probeOn(this.handle, src, tg, statusBytes(o.status, 'Mprobe'), true, A.timeout('Mprobe', o.timeout));
    if (!msg) throw this.timedOut('Mprobe', o.timeout, src, tg);
    return msg;
  }

  /** mpi4py: `Improbe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`; undefined when nothing matches. */
  Improbe(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message | undefined {
    const o = envelope('Improbe', PROBE, source, tag, status);
    return Message.probeOn(this.handle, A.source('Improbe', o.source, this.sizeIn('Improbe')), A.recvTag('Improbe', o.tag), statusBytes(o.status, 'Improbe'), false);
  }

  // ---- uppercase collectives ---------------------------------------------------------

  /** mpi4py: `Barrier()`. */
  Barrier(): void {
    P.flush(this.handle);
    C.Barrier(this.live('Barrier'));
  }

  /** mpi4py: `Bcast(buf, root=0)`. */
  Bcast(buf: BufSpec, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    const t = typeof root === 'number' ? typedDatatype(buf) : undefined;
    if (t === undefined) return this.bcastAny(buf, root);
    C.Bcast(this.handle, buf as Uint8Array, (buf as Uint8Array).length, t.handle, A.root('Bcast', root, this.sizeIn('Bcast')));
  }

  /** @internal The general path of Bcast, after the flush (as sendAny is of the sends). */
  private bcastAny(buf: BufSpec, root: number | RootOptions = 0): void {
    if (typeof root !== 'number') ({ root } = A.options('Bcast', root, ROOT));
    const m = message(buf, false, 'Bcast: buf');
    C.Bcast(this.handle, m.view, m.count, m.datatype.handle, A.root('Bcast', root, this.sizeIn('Bcast')));
  }

  /** @internal the arguments of Gather and Igather */
  private gatherArgs(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions) {
    if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
    root = A.root(call, root, this.sizeIn(call));
    const s = message(sendbuf, false, `${call}: sendbuf`);
    // The root's recvbuf holds one block per rank; its count is per rank (lib/buffer.ts).
    const r = this.rankIn(call) === root ? message(recvbuf, false, `${call}: recvbuf`, this.sizeIn(call)) : message(null);
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle, root] as const;
  }

  /** @internal the arguments of Scatter and Iscatter */
  private scatterArgs(call: string, sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions) {
    if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
    root = A.root(call, root, this.sizeIn(call));
    const s = this.rankIn(call) === root ? message(sendbuf, false, `${call}: sendbuf`, this.sizeIn(call)) : message(null);
    const r = message(recvbuf, false, `${call}: recvbuf`);
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle, root] as const;
  }

  /** @internal the arguments of Allgather(v)/Alltoall: per-rank blocks on the sides named */
  private blocksArgs(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, sendBlocks: boolean) {
    const s = message(sendbuf, false, `${call}: sendbuf`, sendBlocks ? this.sizeIn(call) : 1);
    const r = message(recvbuf, false, `${call}: recvbuf`, this.sizeIn(call));
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle] as const;
  }

  /** @internal the resolved sides of a reduction (no spread calls: they cost on the hot path) */
  private reduction(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec | InPlace, op: OpLike, recvSignificant: boolean) {
    const s = message(sendbuf, true, `${call}: sendbuf`);
    const r = recvSignificant ? message(recvbuf, true, `${call}: recvbuf`) : message(null);
    // No receive buffer where the result lands: refused here, naming the call (the addon would only see a short buffer).
    if (recvSignificant && r.view === null && s.view !== IN_PLACE && s.count > 0) {
      throw new RangeError(`${call}: recvbuf: no buffer (${A.describe(recvbuf)}) to receive the ${s.count} items of sendbuf`);
    }
    sameShape(call, s, r);
    const datatype = (s.view === IN_PLACE || !recvSignificant ? r : s).datatype;
    return { s, r, type: datatype.handle, op: mpiOp(call, op, datatype) };
  }

  /** Block i of the root's buffer to rank i. mpi4py: `Scatter(sendbuf, recvbuf, root=0)`. */
  Scatter(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    C.Scatter(this.handle, ...this.scatterArgs('Scatter', sendbuf, recvbuf, root));
  }

  /** Every rank's buffer into block i of the root's. mpi4py: `Gather(sendbuf, recvbuf, root=0)`. */
  Gather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    C.Gather(this.handle, ...this.gatherArgs('Gather', sendbuf, recvbuf, root));
  }

  /** mpi4py: `Scatterv(sendbuf, recvbuf, root=0)`; sendbuf as `[buf, counts, displs, datatype]`. */
  Scatterv(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    if (typeof root !== 'number') ({ root } = A.options('Scatterv', root, ROOT));
    root = A.root('Scatterv', root, this.sizeIn('Scatterv'));
    const r = message(recvbuf, false, 'Scatterv: recvbuf');
    const atRoot = this.rankIn('Scatterv') === root;
    const s = agreedV(this.handle, 'Scatterv', () => (atRoot ? messageV(sendbuf, this.sizeIn('Scatterv'), 'Scatterv') : NONE_V));
    C.Scatterv(this.handle, ...v(s), r.view, r.count, r.datatype.handle, root);
  }

  /** mpi4py: `Gatherv(sendbuf, recvbuf, root=0)`; recvbuf as `[buf, counts, displs, datatype]`. */
  Gatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    if (typeof root !== 'number') ({ root } = A.options('Gatherv', root, ROOT));
    root = A.root('Gatherv', root, this.sizeIn('Gatherv'));
    const s = message(sendbuf, false, 'Gatherv: sendbuf');
    const atRoot = this.rankIn('Gatherv') === root;
    const r = agreedV(this.handle, 'Gatherv', () => (atRoot ? messageV(recvbuf, this.sizeIn('Gatherv'), 'Gatherv') : NONE_V));
    C.Gatherv(this.handle, s.view, s.count, s.datatype.handle, ...v(r), root);
  }

  /** mpi4py: `Allgather(sendbuf, recvbuf)`. */
  Allgather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): void {
    P.flush(this.handle);
    C.Allgather(this.handle, ...this.blocksArgs('Allgather', sendbuf, recvbuf, false));
  }

  /** mpi4py: `Allgatherv(sendbuf, recvbuf)`. */
  Allgatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV): void {
    P.flush(this.handle);
    const s = message(sendbuf, false, 'Allgatherv: sendbuf');
    C.Allgatherv(this.handle, s.view, s.count, s.datatype.handle, ...v(messageV(recvbuf, this.sizeIn('Allgatherv'), 'Allgatherv')));
  }

  /** mpi4py: `Alltoall(sendbuf, recvbuf)`. */
  Alltoall(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): void {
    P.flush(this.handle);
    C.Alltoall(this.handle, ...this.blocksArgs('Alltoall', sendbuf, recvbuf, true));
  }

  /** mpi4py: `Alltoallv(sendbuf, recvbuf)`. */
  Alltoallv(sendbuf: BufSpecV | InPlace, recvbuf: BufSpecV): void {
    P.flush(this.handle);
    const size = this.sizeIn('Alltoallv');
    const [s, r] = agreedV(this.handle, 'Alltoallv', () => [messageV(sendbuf, size, 'Alltoallv'), messageV(recvbuf, size, 'Alltoallv')]);
    C.Alltoallv(this.handle, ...v(s), ...v(r));
  }

  /** mpi4py: `Reduce(sendbuf, recvbuf, op=SUM, root=0)`. */
  Reduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): void {
    P.flush(this.handle);
    if (op instanceof Op && positional(root)) {
      const at = A.root('Reduce', root === undefined ? 0 : root, this.sizeIn('Reduce'));
      const atRoot = this.rankIn('Reduce') === at;
      const t = fastReduction(sendbuf, recvbuf, op, atRoot);
      if (t !== undefined) {
        const n = (sendbuf as Uint8Array).length;
        const o = mpiOp('Reduce', op, t);
        // Off the root the receive side is not read (the general path's message(null)).
        return C.Reduce(this.handle, sendbuf as Uint8Array, n, t.handle, atRoot ? recvbuf as Uint8Array : null, atRoot ? n : 0, t.handle, o, at);
      }
    }
    this.reduceAny(sendbuf, recvbuf, op, root);
  }

  /** @internal The general path of Reduce, after the flush (as sendAny is of the sends). */
  private reduceAny(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): void {
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('Reduce', REDUCE, [op, root]));
    root = A.root('Reduce', (root === undefined ? 0 : root), this.sizeIn('Reduce'));
    const { s, r, type, op: o } = this.reduction('Reduce', sendbuf, recvbuf, op, this.rankIn('Reduce') === root);
    C.Reduce(this.handle, s.view, s.count, s.datatype.handle, r.view, r.count, type, o, root);
  }

  /** mpi4py: `Allreduce(sendbuf, recvbuf, op=SUM)`. */
  Allreduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    P.flush(this.handle);
    const t = fastReduction(sendbuf, recvbuf, op, true);
    if (t === undefined) return this.allreduceAny(sendbuf, recvbuf, op);
    const n = (sendbuf as Uint8Array).length;
    // The op before the communicator, as the general path checks them.
    const o = mpiOp('Allreduce', op as Op, t);
    C.Allreduce(this.live('Allreduce'), sendbuf as Uint8Array, n, t.handle, recvbuf as Uint8Array, n, t.handle, o);
  }

  /** @internal The general path of Allreduce, after the flush (as sendAny is of the sends). */
  private allreduceAny(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    if (!isOpLike(op)) ({ op } = A.options('Allreduce', op, OP));
    const { s, r, type, op: o } = this.reduction('Allreduce', sendbuf, recvbuf, op, true);
    C.Allreduce(this.live('Allreduce'), s.view, s.count, s.datatype.handle, r.view, r.count, type, o);
  }

  /** Reduces, then block i of the result goes to rank i. mpi4py: `Reduce_scatter_block(sendbuf, recvbuf, op=SUM)`. */
  Reduce_scatter_block(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    P.flush(this.handle);
    const a = this.reduceScatterBlockArgs('Reduce_scatter_block', sendbuf, recvbuf, op);
    C.Reduce_scatter_block(this.handle, ...a);
  }

  /**
   * Reduce_scatter_block's arguments as the addon takes them. As mpi4py reads them: sendbuf
   * holds one block per rank, and its count is per block; in place, recvbuf holds them all and
   * this rank keeps block `rank`. Explicit counts are per block, inferred ones the buffer's
   * items / size. The addon takes the send side's whole count (size blocks) and checks the
   * buffer holds it.
   */
  private reduceScatterBlockArgs(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions) {
    if (!isOpLike(op)) ({ op } = A.options(call, op, OP));
    const size = this.groupSizeIn(call);
    const inPlace = (sendbuf as unknown) === IN_PLACE;
    const r = message(recvbuf, true, `${call}: recvbuf`, inPlace ? size : 1);
    const s = message(sendbuf, true, `${call}: sendbuf`, size);
    if (!inPlace) {
      if (s.datatype !== r.datatype) throw new TypeError(`${call}: mismatch in send and receive MPI datatypes (${s.datatype} and ${r.datatype})`);
      if (s.count !== r.count) throw new RangeError(`${call}: mismatch in send count ${s.count} and receive count ${r.count} (per rank)`);
    }
    const o = mpiOp(call, op, r.datatype);
    return [s.view, s.count * size, s.datatype.handle, r.view, r.count, r.datatype.handle, o] as const;
  }

  /** mpi4py: `Scan(sendbuf, recvbuf, op=SUM)`. */
  Scan(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    P.flush(this.handle);
    if (!isOpLike(op)) ({ op } = A.options('Scan', op, OP));
    const { s, r, type, op: o } = this.reduction('Scan', sendbuf, recvbuf, op, true);
    C.Scan(this.live('Scan'), s.view, s.count, s.datatype.handle, r.view, r.count, type, o);
  }

  /** mpi4py: `Exscan(sendbuf, recvbuf, op=SUM)`; rank 0's recvbuf is left as it was. */
  Exscan(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    P.flush(this.handle);
    if (!isOpLike(op)) ({ op } = A.options('Exscan', op, OP));
    const { s, r, type, op: o } = this.reduction('Exscan', sendbuf, recvbuf, op, true);
    C.Exscan(this.live('Exscan'), s.view, s.count, s.datatype.handle, r.view, r.count, type, o);
  }

  // --- collectives (issue 12, WP3)

  /**
   * Reduces, then rank i gets recvcounts[i] items of the result. Without
   * recvcounts, each rank's receive count is gathered from the ranks (an
   * Allgather), as mpi4py does; in place they must be given.
   * mpi4py: `Reduce_scatter(sendbuf, recvbuf, recvcounts=None, op=SUM)`.
   */
  Reduce_scatter(
    sendbuf: BufSpec | InPlace,
    recvbuf: BufSpec,
    recvcounts?: ArrayLike<number> | null | ReduceScatterOptions,
    op?: OpLike | Pick<ReduceScatterOptions, 'op'>,
  ): void {
    P.flush(this.handle);
    const a = this.reduceScatterArgs('Reduce_scatter', sendbuf, recvbuf, recvcounts, op);
    C.Reduce_scatter(this.handle, ...a);
  }

  /** @internal the addon's arguments of Reduce_scatter and Ireduce_scatter (after the flush: it may gather the counts) */
  private reduceScatterArgs(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, recvcounts: unknown, op: unknown) {
    const o = A.trailing(call, REDUCE_SCATTER, [recvcounts, op]);
    const size = this.groupSizeIn(call);
    const rank = this.rankIn(call);
    const r = message(recvbuf, true, `${call}: recvbuf`);
    const o2 = mpiOp(call, o.op, r.datatype);
    const inPlace = (sendbuf as unknown) === IN_PLACE;
    const s = message(sendbuf, true, `${call}: sendbuf`);
    let counts: Int32Array;
    if (o.recvcounts === null || o.recvcounts === undefined) {
      if (inPlace) throw new TypeError(`${call}: recvcounts is required with MPI.IN_PLACE`);
      // Every rank's receive count, as mpi4py gathers them.
      counts = new Int32Array(size);
      C.Allgather(this.live(call), Int32Array.of(r.count), 1, INT32_T.handle, counts, 1, INT32_T.handle);
    } else {
      counts = A.ints(call, 'recvcounts', o.recvcounts);
      A.length(call, 'recvcounts', counts, size, 'one per rank');
      counts.forEach((c, i) => A.count(call, `recvcounts[${i}]`, c));
    }
    const sum = counts.reduce((x, y) => x + y, 0);
    if (!inPlace) {
      if (s.datatype !== r.datatype) throw new TypeError(`${call}: mismatch in send and receive MPI datatypes (${s.datatype} and ${r.datatype})`);
      if (s.count !== sum) throw new RangeError(`${call}: mismatch in send count ${s.count} and sum(recvcounts) ${sum}`);
      if (r.count !== counts[rank]) throw new RangeError(`${call}: mismatch in receive count ${r.count} and recvcounts[${rank}] ${counts[rank]}`);
    } else if (r.count !== sum) {
      throw new RangeError(`${call}: mismatch in receive count ${r.count} and sum(recvcounts) ${sum}`);
    }
    return [s.view, s.count, (inPlace ? r : s).datatype.handle, r.view, r.count, r.datatype.handle, counts, o2] as const;
  }

  /**
   * Each rank sends block i of its buffer to rank i, with a datatype, count
   * and byte displacement per rank on each side. mpi4py: `Alltoallw(sendbuf, recvbuf)`.
   */
  Alltoallw(sendbuf: BufSpecW | InPlace, recvbuf: BufSpecW): void {
    const call = 'Alltoallw';
    P.flush(this.handle);
    const size = this.sizeIn(call);
    const [s, r] = agreedV(this.live(call), call, () => [messageW(sendbuf, size, `${call}: sendbuf`), messageW(recvbuf, size, `${call}: recvbuf`)]);
    C.Alltoallw(this.handle, ...w(s), ...w(r));
  }

  // ---- nonblocking uppercase collectives -------------------------------------------------
  // Posted at once, or, behind a lowercase nonblocking collective still in its
  // first stage, held and posted in order (lib/msgpickle.ts): posting never blocks.

  /** mpi4py: `Ibarrier()`. */
  Ibarrier(): Request {
    const h = this.live('Ibarrier');
    return P.nonblocking(h, () => C.Ibarrier(h));
  }

  /** mpi4py: `Ibcast(buf, root=0)`. */
  Ibcast(buf: BufSpec, root: number | RootOptions = 0): Request {
    if (typeof root !== 'number') ({ root } = A.options('Ibcast', root, ROOT));
    const m = message(buf, false, 'Ibcast: buf');
    const [h, r] = [this.handle, A.root('Ibcast', root, this.sizeIn('Ibcast'))];
    return P.nonblocking(h, () => C.Ibcast(h, m.view, m.count, m.datatype.handle, r));
  }

  /** mpi4py: `Iscatter(sendbuf, recvbuf, root=0)`. */
  Iscatter(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): Request {
    const [h, args] = [this.handle, this.scatterArgs('Iscatter', sendbuf, recvbuf, root)];
    return P.nonblocking(h, () => C.Iscatter(h, ...args));
  }

  /** mpi4py: `Igather(sendbuf, recvbuf, root=0)`. */
  Igather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0): Request {
    const [h, args] = [this.handle, this.gatherArgs('Igather', sendbuf, recvbuf, root)];
    return P.nonblocking(h, () => C.Igather(h, ...args));
  }

  /** mpi4py: `Iallgather(sendbuf, recvbuf)`. */
  Iallgather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): Request {
    const [h, args] = [this.handle, this.blocksArgs('Iallgather', sendbuf, recvbuf, false)];
    return P.nonblocking(h, () => C.Iallgather(h, ...args));
  }

  /** mpi4py: `Ialltoall(sendbuf, recvbuf)`. */
  Ialltoall(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): Request {
    const [h, args] = [this.handle, this.blocksArgs('Ialltoall', sendbuf, recvbuf, true)];
    return P.nonblocking(h, () => C.Ialltoall(h, ...args));
  }

  /** mpi4py: `Ireduce(sendbuf, recvbuf, op=SUM, root=0)`. */
  Ireduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): Request {
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('Ireduce', REDUCE, [op, root]));
    root = A.root('Ireduce', (root === undefined ? 0 : root), this.sizeIn('Ireduce'));
    const { s, r, type, op: o } = this.reduction('Ireduce', sendbuf, recvbuf, op, this.rankIn('Ireduce') === root);
    const [h, at] = [this.handle, root];
    return P.nonblocking(h, () => C.Ireduce(h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o, at));
  }

  /** mpi4py: `Iallreduce(sendbuf, recvbuf, op=SUM)`. */
  Iallreduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    if (!isOpLike(op)) ({ op } = A.options('Iallreduce', op, OP));
    const { s, r, type, op: o } = this.reduction('Iallreduce', sendbuf, recvbuf, op, true);
    const h = this.live('Iallreduce');
    return P.nonblocking(h, () => C.Iallreduce(h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o));
  }

  // --- persistent requests (lib/prequest.ts): inactive until Start -------------------------

  /** mpi4py: `Send_init(buf, dest, tag=0)`. */
  Send_init(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Prequest {
    return this.sendInit('Send_init', buf, dest, tag);
  }

  /** mpi4py: `Bsend_init(buf, dest, tag=0)`: each round needs room in the attached buffer. */
  Bsend_init(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Prequest {
    return this.sendInit('Bsend_init', buf, dest, tag);
  }

  /** mpi4py: `Ssend_init(buf, dest, tag=0)`. */
  Ssend_init(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Prequest {
    return this.sendInit('Ssend_init', buf, dest, tag);
  }

  /** mpi4py: `Rsend_init(buf, dest, tag=0)`: each round's receive must already be posted. */
  Rsend_init(buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Prequest {
    return this.sendInit('Rsend_init', buf, dest, tag);
  }

  /** mpi4py: `Recv_init(buf, source=ANY_SOURCE, tag=ANY_TAG)`. */
  Recv_init(buf: BufSpec, source?: number | RecvOptions, tag?: number | RecvTagOptions): Prequest {
    const o = A.trailing('Recv_init', PROBE, [source, tag]);
    const m = p2p('Recv_init', 'buf', buf);
    return new Prequest(C.Recv_init(this.handle, m.view, m.count, m.datatype.handle, A.source('Recv_init', o.source, this.sizeIn('Recv_init')), A.recvTag('Recv_init', o.tag)));
  }

  private sendInit(call: 'Send_init' | 'Bsend_init' | 'Ssend_init' | 'Rsend_init', buf: BufSpec, dest: number | SendOptions, tag?: number | TagOptions): Prequest {
    if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing(call, SEND, [dest, tag]));
    const m = p2p(call, 'buf', buf);
    return new Prequest(C[call](this.handle, m.view, m.count, m.datatype.handle, A.dest(call, dest, this.sizeIn(call)), A.sendTag(call, tag === undefined ? 0 : tag)));
  }

  /**
   * A persistent collective (MPI-4.0): NotImplementedError where the library
   * lacks it, on every rank alike; else made after the held collectives post
   * (making one is collective), started in order with them (Prequest.Start).
   */
  /** @internal a persistent collective: MPI-4.0 (NotImplementedError before), info as hints, the request held. */
  protected collectiveInit(call: string, info: unknown, make: (h: number, info: number) => number): Prequest {
    if (!native.environment.features.mpi4) throw notProvided(`Comm.${call}`, '4.0');
    const i = infoArg(call, 'info', info ?? INFO_NULL);
    const h = this.live(call);
    P.flush(h);
    return new Prequest(make(h, i), h);
  }

  /** A user op's error is taken per request, which a persistent one does not do yet: refused, on every rank alike. */
  protected predefinedOp(call: string, op: unknown): void {
    if (op instanceof Op && op.user) throw new NotImplementedError(`Comm.${call}`, 'user-defined ops in persistent collectives are not supported yet (use the nonblocking form)');
  }

  /** mpi4py: `Barrier_init(info=INFO_NULL)`. */
  Barrier_init(info?: Info): Prequest {
    return this.collectiveInit('Barrier_init', info, (h, i) => C.Barrier_init(h, i));
  }

  /** mpi4py: `Bcast_init(buf, root=0, info=INFO_NULL)`. */
  Bcast_init(buf: BufSpec, root: number | RootOptions = 0, info?: Info): Prequest {
    return this.collectiveInit('Bcast_init', info, (h, i) => {
      if (typeof root !== 'number') ({ root } = A.options('Bcast_init', root, ROOT));
      const m = message(buf, false, 'Bcast_init: buf');
      return C.Bcast_init(h, m.view, m.count, m.datatype.handle, A.root('Bcast_init', root, this.sizeIn('Bcast_init')), i);
    });
  }

  /** mpi4py: `Gather_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  Gather_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0, info?: Info): Prequest {
    return this.collectiveInit('Gather_init', info, (h, i) => C.Gather_init(h, ...this.gatherArgs('Gather_init', sendbuf, recvbuf, root), i));
  }

  /** mpi4py: `Gatherv_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  Gatherv_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0, info?: Info): Prequest {
    const call = 'Gatherv_init';
    return this.collectiveInit(call, info, (h, i) => {
      if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
      root = A.root(call, root, this.sizeIn(call));
      const s = message(sendbuf, false, `${call}: sendbuf`);
      const atRoot = this.rankIn(call) === root;
      const r = agreedV(h, call, () => (atRoot ? messageV(recvbuf, this.sizeIn(call), call) : NONE_V));
      return C.Gatherv_init(h, s.view, s.count, s.datatype.handle, ...v(r), root, i);
    });
  }

  /** mpi4py: `Scatter_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  Scatter_init(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0, info?: Info): Prequest {
    return this.collectiveInit('Scatter_init', info, (h, i) => C.Scatter_init(h, ...this.scatterArgs('Scatter_init', sendbuf, recvbuf, root), i));
  }

  /** mpi4py: `Scatterv_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  Scatterv_init(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0, info?: Info): Prequest {
    const call = 'Scatterv_init';
    return this.collectiveInit(call, info, (h, i) => {
      if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
      root = A.root(call, root, this.sizeIn(call));
      const atRoot = this.rankIn(call) === root;
      const s = agreedV(h, call, () => (atRoot ? messageV(sendbuf, this.sizeIn(call), call) : NONE_V));
      const r = message(recvbuf, false, `${call}: recvbuf`);
      return C.Scatterv_init(h, ...v(s), r.view, r.count, r.datatype.handle, root, i);
    });
  }

  /** mpi4py: `Allgather_init(sendbuf, recvbuf, info=INFO_NULL)`. */
  Allgather_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, info?: Info): Prequest {
    return this.collectiveInit('Allgather_init', info, (h, i) => C.Allgather_init(h, ...this.blocksArgs('Allgather_init', sendbuf, recvbuf, false), i));
  }

  /** mpi4py: `Allgatherv_init(sendbuf, recvbuf, info=INFO_NULL)`. */
  Allgatherv_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, info?: Info): Prequest {
    const call = 'Allgatherv_init';
    return this.collectiveInit(call, info, (h, i) => {
      const s = message(sendbuf, false, `${call}: sendbuf`);
      return C.Allgatherv_init(h, s.view, s.count, s.datatype.handle, ...v(messageV(recvbuf, this.sizeIn(call), call)), i);
    });
  }

  /** mpi4py: `Alltoall_init(sendbuf, recvbuf, info=INFO_NULL)`. */
  Alltoall_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, info?: Info): Prequest {
    return this.collectiveInit('Alltoall_init', info, (h, i) => C.Alltoall_init(h, ...this.blocksArgs('Alltoall_init', sendbuf, recvbuf, true), i));
  }

  /** mpi4py: `Alltoallv_init(sendbuf, recvbuf, info=INFO_NULL)`. */
  Alltoallv_init(sendbuf: BufSpecV | InPlace, recvbuf: BufSpecV, info?: Info): Prequest {
    const call = 'Alltoallv_init';
    return this.collectiveInit(call, info, (h, i) => {
      const size = this.sizeIn(call);
      const [s, r] = agreedV(h, call, () => [messageV(sendbuf, size, call), messageV(recvbuf, size, call)]);
      return C.Alltoallv_init(h, ...v(s), ...v(r), i);
    });
  }

  /** mpi4py: `Reduce_init(sendbuf, recvbuf, op=SUM, root=0, info=INFO_NULL)`. */
  Reduce_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions, info?: Info): Prequest {
    const call = 'Reduce_init';
    return this.collectiveInit(call, info, (h, i) => {
      if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing(call, REDUCE, [op, root]));
      this.predefinedOp(call, op);
      const at = A.root(call, root === undefined ? 0 : root, this.sizeIn(call));
      const { s, r, type, op: o } = this.reduction(call, sendbuf, recvbuf, op, this.rankIn(call) === at);
      return C.Reduce_init(h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o, at, i);
    });
  }

  /** mpi4py: `Allreduce_init(sendbuf, recvbuf, op=SUM, info=INFO_NULL)`. */
  Allreduce_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM, info?: Info): Prequest {
    return this.reductionInit('Allreduce_init', sendbuf, recvbuf, op, info);
  }

  /** mpi4py: `Scan_init(sendbuf, recvbuf, op=SUM, info=INFO_NULL)`. */
  Scan_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM, info?: Info): Prequest {
    return this.reductionInit('Scan_init', sendbuf, recvbuf, op, info);
  }

  /** mpi4py: `Exscan_init(sendbuf, recvbuf, op=SUM, info=INFO_NULL)`. */
  Exscan_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM, info?: Info): Prequest {
    return this.reductionInit('Exscan_init', sendbuf, recvbuf, op, info);
  }

  private reductionInit(call: 'Allreduce_init' | 'Scan_init' | 'Exscan_init', sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions, info: unknown): Prequest {
    return this.collectiveInit(call, info, (h, i) => {
      if (!isOpLike(op)) ({ op } = A.options(call, op, OP));
      this.predefinedOp(call, op);
      const { s, r, type, op: o } = this.reduction(call, sendbuf, recvbuf, op, true);
      return C[call](h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o, i);
    });
  }

  /** mpi4py: `Alltoallw_init(sendbuf, recvbuf, info=INFO_NULL)`, read as Alltoallw. */
  Alltoallw_init(sendbuf: BufSpecW | InPlace, recvbuf: BufSpecW, info?: Info): Prequest {
    const call = 'Alltoallw_init';
    return this.collectiveInit(call, info, (h, i) => {
      const size = this.sizeIn(call);
      const [s, r] = agreedV(h, call, () => [messageW(sendbuf, size, `${call}: sendbuf`), messageW(recvbuf, size, `${call}: recvbuf`)]);
      return C.Alltoallw_init(h, ...w(s), ...w(r), i);
    });
  }

  /**
   * mpi4py: `Reduce_scatter_init(sendbuf, recvbuf, recvcounts=None, op=SUM, info=INFO_NULL)`, read as
   * Reduce_scatter (recvcounts left out are gathered once, here).
   */
  Reduce_scatter_init(
    sendbuf: BufSpec | InPlace,
    recvbuf: BufSpec,
    recvcounts?: ArrayLike<number> | null | ReduceScatterOptions,
    op?: OpLike | Pick<ReduceScatterOptions, 'op'>,
    info?: Info,
  ): Prequest {
    const call = 'Reduce_scatter_init';
    return this.collectiveInit(call, info, (h, i) => {
      this.predefinedOp(call, A.trailing(call, REDUCE_SCATTER, [recvcounts, op]).op);
      return C.Reduce_scatter_init(h, ...this.reduceScatterArgs(call, sendbuf, recvbuf, recvcounts, op), i);
    });
  }

  /** mpi4py: `Reduce_scatter_block_init(sendbuf, recvbuf, op=SUM, info=INFO_NULL)`, read as Reduce_scatter_block. */
  Reduce_scatter_block_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM, info?: Info): Prequest {
    const call = 'Reduce_scatter_block_init';
    return this.collectiveInit(call, info, (h, i) => {
      if (!isOpLike(op)) ({ op } = A.options(call, op, OP));
      this.predefinedOp(call, op);
      const size = this.groupSizeIn(call);
      const inPlace = (sendbuf as unknown) === IN_PLACE;
      const r = message(recvbuf, true, `${call}: recvbuf`, inPlace ? size : 1);
      const s = message(sendbuf, true, `${call}: sendbuf`, size);
      if (!inPlace) {
        if (s.datatype !== r.datatype) throw new TypeError(`${call}: mismatch in send and receive MPI datatypes (${s.datatype} and ${r.datatype})`);
        if (s.count !== r.count) throw new RangeError(`${call}: mismatch in send count ${s.count} and receive count ${r.count} (per rank)`);
      }
      return C.Reduce_scatter_block_init(h, s.view, s.count * size, s.datatype.handle, r.view, r.count, r.datatype.handle, mpiOp(call, op, r.datatype), i);
    });
  }

  // --- nonblocking collectives (issue 12, WP3): through the hold queue, as Ibcast

  /** mpi4py: `Igatherv(sendbuf, recvbuf, root=0)`; recvbuf as `[buf, counts, displs, datatype]`. */
  Igatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0): Request {
    const call = 'Igatherv';
    if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
    const at = A.root(call, root, this.sizeIn(call));
    const s = message(sendbuf, false, `${call}: sendbuf`);
    // Counts a C int cannot hold fail on every rank: the agreement is the request's first stage.
    const { value: r, error } = vSides(() => (this.rankIn(call) === at ? messageV(recvbuf, this.sizeIn(call), call) : NONE_V));
    const h = this.handle;
    return P.agreedV(h, call, error, () => C.Igatherv(h, s.view, s.count, s.datatype.handle, ...v(r!), at));
  }

  /** mpi4py: `Iscatterv(sendbuf, recvbuf, root=0)`; sendbuf as `[buf, counts, displs, datatype]`. */
  Iscatterv(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): Request {
    const call = 'Iscatterv';
    if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
    const at = A.root(call, root, this.sizeIn(call));
    const { value: s, error } = vSides(() => (this.rankIn(call) === at ? messageV(sendbuf, this.sizeIn(call), call) : NONE_V));
    const r = message(recvbuf, false, `${call}: recvbuf`);
    const h = this.handle;
    return P.agreedV(h, call, error, () => C.Iscatterv(h, ...v(s!), r.view, r.count, r.datatype.handle, at));
  }

  /** mpi4py: `Iallgatherv(sendbuf, recvbuf)`. */
  Iallgatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV): Request {
    const s = message(sendbuf, false, 'Iallgatherv: sendbuf');
    const r = messageV(recvbuf, this.sizeIn('Iallgatherv'), 'Iallgatherv');
    const h = this.handle;
    return P.nonblocking(h, () => C.Iallgatherv(h, s.view, s.count, s.datatype.handle, ...v(r)));
  }

  /** mpi4py: `Ialltoallv(sendbuf, recvbuf)`. */
  Ialltoallv(sendbuf: BufSpecV | InPlace, recvbuf: BufSpecV): Request {
    const size = this.sizeIn('Ialltoallv');
    const { value, error } = vSides(() => [messageV(sendbuf, size, 'Ialltoallv'), messageV(recvbuf, size, 'Ialltoallv')] as const);
    const h = this.handle;
    return P.agreedV(h, 'Ialltoallv', error, () => C.Ialltoallv(h, ...v(value![0]), ...v(value![1])));
  }

  /** mpi4py: `Ialltoallw(sendbuf, recvbuf)`. */
  Ialltoallw(sendbuf: BufSpecW | InPlace, recvbuf: BufSpecW): Request {
    const call = 'Ialltoallw';
    const size = this.sizeIn(call);
    const { value, error } = vSides(() => [messageW(sendbuf, size, `${call}: sendbuf`), messageW(recvbuf, size, `${call}: recvbuf`)] as const);
    const h = this.live(call);
    return P.agreedV(h, call, error, () => C.Ialltoallw(h, ...w(value![0]), ...w(value![1])));
  }

  /** mpi4py: `Iscan(sendbuf, recvbuf, op=SUM)`. */
  Iscan(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    if (!isOpLike(op)) ({ op } = A.options('Iscan', op, OP));
    const { s, r, type, op: o } = this.reduction('Iscan', sendbuf, recvbuf, op, true);
    const h = this.live('Iscan');
    return P.nonblocking(h, () => C.Iscan(h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o));
  }

  /** mpi4py: `Iexscan(sendbuf, recvbuf, op=SUM)`; rank 0's recvbuf is left as it was. */
  Iexscan(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    if (!isOpLike(op)) ({ op } = A.options('Iexscan', op, OP));
    const { s, r, type, op: o } = this.reduction('Iexscan', sendbuf, recvbuf, op, true);
    const h = this.live('Iexscan');
    return P.nonblocking(h, () => C.Iexscan(h, s.view, s.count, s.datatype.handle, r.view, r.count, type, o));
  }

  /**
   * Nonblocking Reduce_scatter. Without recvcounts the counts are gathered
   * first by a blocking Allgather (after the held collectives post), as mpi4py does.
   * mpi4py: `Ireduce_scatter(sendbuf, recvbuf, recvcounts=None, op=SUM)`.
   */
  Ireduce_scatter(
    sendbuf: BufSpec | InPlace,
    recvbuf: BufSpec,
    recvcounts?: ArrayLike<number> | null | ReduceScatterOptions,
    op?: OpLike | Pick<ReduceScatterOptions, 'op'>,
  ): Request {
    const gathers = !A.isOptions(recvcounts) ? recvcounts === undefined || recvcounts === null : (recvcounts as ReduceScatterOptions).recvcounts === undefined || (recvcounts as ReduceScatterOptions).recvcounts === null;
    if (gathers) P.flush(this.handle);
    const a = this.reduceScatterArgs('Ireduce_scatter', sendbuf, recvbuf, recvcounts, op);
    const h = this.handle;
    return P.nonblocking(h, () => C.Ireduce_scatter(h, ...a));
  }

  /** mpi4py: `Ireduce_scatter_block(sendbuf, recvbuf, op=SUM)`. */
  Ireduce_scatter_block(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    const a = this.reduceScatterBlockArgs('Ireduce_scatter_block', sendbuf, recvbuf, op);
    const h = this.live('Ireduce_scatter_block');
    return P.nonblocking(h, () => C.Ireduce_scatter_block(h, ...a));
  }
}

/** mpi4py: `MPI.COMM_NULL`. */
export const COMM_NULL = new Comm(COMM_NULL_ID);

// --- attributes and error handlers (issue 13 part 3b): the communicator MPI's
// callbacks name, as a new object of its kind (mpi4py alike); COMM_NULL when
// the addon has no id for it.
function callbackComm(id: number): Comm {
  if (id <= COMM_NULL_ID) return COMM_NULL;
  let topology: number | undefined;
  let inter = false;
  try {
    inter = C.testInter(id);
    topology = C.topoTest(id);
  } catch {
    // inside MPI.Finalize (COMM_SELF's delete functions), where MPI calls are refused
  }
  if (inter) return new kinds.Intercomm(id);
  if (topology === CART) return new kinds.Cartcomm(id);
  if (topology === GRAPH) return new kinds.Graphcomm(id);
  if (topology === DIST_GRAPH) return new kinds.Distgraphcomm(id);
  return new kinds.Intracomm(id);
}
Attr.setCommFactory(callbackComm);
Eh.setCommFactory(callbackComm);
// --- info objects and communicator creation (issue 13)
const DUP = { info: undefined as Info | null | undefined };
const DUP_WITH_INFO = { info: undefined as unknown as Info };

/** @internal A print name MPI stores whole: fewer than MAX_OBJECT_NAME bytes, no NUL (Win.Set_name too). */
export function objectName(call: string, name: unknown): string {
  const s = A.string(call, 'name', name);
  const n = Buffer.byteLength(s);
  if (n >= MAX_OBJECT_NAME) throw new RangeError(`${call}: name of ${n} bytes is longer than MPI.MAX_OBJECT_NAME - 1 (${MAX_OBJECT_NAME - 1})`);
  if (s.includes('\0')) throw new RangeError(`${call}: name must not contain NUL characters`);
  return s;
}
