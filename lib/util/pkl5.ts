/**
 * `mpi4js/util`'s pkl5: mpi4py's `mpi4py.util.pkl5`, communication of values
 * of any size (over 2 GiB too). `new pkl5.Comm(comm)`, `new pkl5.Intracomm(comm)`
 * and `new pkl5.Intercomm(comm)` are comm (the same MPI communicator) whose
 * lowercase point-to-point calls and bcast, gather, scatter, allgather and
 * alltoall (in one group, or across the two groups of an intercommunicator,
 * as mpi4py's) move a value as a header message of int64
 * part sizes followed by each part on the same tag (lib/util/pkl5-wire.ts),
 * received through matched probes; a part beyond a block goes as one item of
 * a contiguous datatype (mpi4py's `_BigMPI`). Values are serialized by mpi4js's
 * codec (lib/pickle.ts; `pkl5.pickle` is this module's own instance, as in
 * mpi4py), which writes no out-of-band buffers: every value is one part.
 *
 * The collectives other than bcast in one group travel point to point on the
 * communicator's private duplicate (lib/tree.ts's, as mpi4py's `_commctx_intra`
 * and `_commctx_inter`), so they never match the program's own receives; bcast
 * across two groups goes from MPI.ROOT to the other group's rank 0 there, then
 * by MPI_Bcast on that group's private local communicator. As the other lowercase
 * collectives of mpi4js, a rank whose value cannot be sent still takes part:
 * it sends a failure header, and the ranks that would have received its value
 * throw an Error naming it (it throws its own) instead of waiting for ever.
 */
import * as A from '../args';
import { Comm as MPIComm, Intercomm as MPIIntercomm, Intracomm as MPIIntracomm } from '../comm';
import { interRoot } from '../comm/intercomm';
import { C } from '../comm/comm';
import { RECV, ROOT, SEND, sendrecvArgs } from '../comm/options';
import type { RecvOptions, RecvTagOptions, RootOptions, SendOptions, SendrecvOptions, StatusOptions, TagOptions } from '../comm/options';
import { ANY_SOURCE, ANY_TAG, ERR_COMM, PROC_NULL, ROOT as MPI_ROOT } from '../constants';
import { BYTE, Datatype, INT64_T } from '../datatype';
import { argumentError, NotImplementedError, TimeoutError } from '../errors';
import { Info } from '../info';
import { Message as MPIMessage } from '../message';
import * as P from '../msgpickle';
import { COMM_NULL_ID, native } from '../native';
import { dumps, envCodec, Pickle } from '../pickle';
import { Request as MPIRequest } from '../request';
import { Status, statusBytes } from '../status';
import * as T from '../tree';
import * as W from './pkl5-wire';

/** mpi4py: `pkl5.pickle`: the codec pkl5 serializes with (MPI4JS_PICKLE's, as `MPI.pickle`); assign its dumps and loads to change it. */
export const pickle: Pickle = envCodec === 'msgpack' ? Pickle.msgpack() : new Pickle();

const INT_MAX = 2 ** 31 - 1;

/**
 * mpi4py: `pkl5._BigMPI`: how a part is counted. Up to `blocksize` bytes it
 * goes as that many MPI.BYTEs; beyond, as one item of a contiguous datatype of
 * its size, made once per size and freed once the operation is posted.
 * `blocksize` defaults to INT_MAX (2**53-1 where the library has MPI-4's large
 * counts); tests lower it to take the datatype path with small values.
 */
export class BigMPI {
  private size?: number;
  private readonly cache = new Map<number, Datatype>();

  /** The largest part sent as plain bytes. */
  get blocksize(): number {
    return this.size ?? (native.environment.features.mpi4 ? Number.MAX_SAFE_INTEGER : INT_MAX);
  }

  set blocksize(n: number) {
    const v = A.count('BigMPI.blocksize', 'blocksize', n, true);
    if (v < 1) throw new RangeError(`BigMPI.blocksize: blocksize must be at least 1, got ${v}`);
    this.size = v;
  }

  /** @internal A part as a buffer specification: [buf, bytes, BYTE], or [buf, 1, a contiguous type of its bytes]. */
  spec(buf: Uint8Array): [Uint8Array, number, Datatype] {
    const n = buf.byteLength;
    if (!W.blocked(n, this.blocksize)) return [buf, n, BYTE];
    let t = this.cache.get(n);
    if (!t) {
      t = BYTE.Create_contiguous(n).Commit();
      this.cache.set(n, t);
    }
    return [buf, 1, t];
  }

  /** @internal A part as the addon takes it: view, count, datatype handle. */
  part(buf: Uint8Array): [Uint8Array, number, number] {
    const [view, count, type] = this.spec(buf);
    return [view, count, type.handle];
  }

  /** @internal Frees the datatypes made (MPI lets a posted operation keep using a freed one). */
  free(): void {
    for (const t of this.cache.values()) t.Free();
    this.cache.clear();
  }
}

/** mpi4py: `pkl5._bigmpi`, the one every call uses (a test may set its blocksize). */
export const _bigmpi = new BigMPI();

/** pkl5's collectives' tag on the private duplicate (lib/tree.ts's reductions use 1 and 2 there, with their own sources). */
const TAG = 3;
const I64 = (): number => INT64_T.handle;

/** A communicator's handle for call: COMM_NULL (or a freed one) is MPI's ERR_COMM, as every call's. */
function live(call: string, comm: { handle: number }): number {
  if (comm.handle === COMM_NULL_ID) throw argumentError(ERR_COMM, call, 'the communicator is MPI.COMM_NULL (or a freed communicator)');
  return comm.handle;
}

/** How one message of a value is posted: the addon's view, count and datatype, to dest with tag. */
type Post = (view: Uint8Array | BigInt64Array | null, count: number, type: number, dest: number, tag: number) => void;

/** The header, then each part on the same tag. */
function sendRaw(post: Post, parts: readonly Uint8Array[], dest: number, tag: number): void {
  const info = W.header(parts);
  post(info, info.length, I64(), dest, tag);
  try {
    for (const p of parts) post(...(_bigmpi.part(p)), dest, tag);
  } finally {
    _bigmpi.free();
  }
}

/** A value's one part, in pkl5's codec; a refusal is its TypeError or RangeError named for call. */
function dumps5(obj: unknown, call: string): Uint8Array {
  return dumps(obj, call, pickle);
}

/** The value of received parts (data, then out-of-band buffers), decoded as mpi4js decodes every value. */
function loads5(parts: Uint8Array[], call: string, h: number, source: number): unknown {
  if (parts.length > 1) {
    throw new RangeError(`${call}: the message from rank ${source} carries ${parts.length - 1} out-of-band buffers; mpi4js's codecs write none (was it written by another implementation?)`);
  }
  return P.loadsFrom(parts[0], call, h, source, pickle);
}

/** Memory for a part of n bytes (MPI fills all of it). */
function alloc(n: number): Buffer {
  return Buffer.allocUnsafe(n);
}

/** What recvRaw returns when its timeout passed first. */
const TIMED_OUT = Symbol('timed out');

/**
 * Probes for a header from source with tag (status learns the sender), then
 * receives it and each part from that sender on that tag. The parts, or null
 * when a collective's sender could not send its value (failures).
 */
function recvRaw(call: string, h: number, source: number, tag: number, status: Status, timeout?: number, failures = false): Buffer[] | null | typeof TIMED_OUT {
  if (!C.Probe(h, source, tag, status.bytes, timeout)) return TIMED_OUT;
  const src = status.source;
  const tg = status.tag;
  const info = new BigInt64Array(W.headerLength(status.Get_elements(INT64_T), call, src));
  C.Recv(h, info, info.length, I64(), src, tg, status.bytes);
  const sizes = W.sizesOf(info, call, src, failures);
  if (sizes === null) return null;
  const parts = sizes.map(alloc);
  try {
    for (const p of parts) C.Recv(h, ...(_bigmpi.part(p)), src, tg, undefined);
  } finally {
    _bigmpi.free();
  }
  status.Set_elements(BYTE, W.total(sizes));
  return parts;
}

// ---- the point-to-point forms ---------------------------------------------------

/** The addon's send of mode on h, as a Post; the nonblocking ones add their request to reqs. */
function poster(h: number, mode: 'Send' | 'Ssend' | 'Bsend' | 'Isend' | 'Issend' | 'Ibsend', reqs: MPIRequest[]): Post {
  if (mode === 'Isend' || mode === 'Issend' || mode === 'Ibsend') {
    const post = C[mode] as (h: number, v: unknown, c: number, t: number, d: number, tag: number) => number;
    return (v, c, t, d, tag) => void reqs.push(new MPIRequest(post(h, v, c, t, d, tag)));
  }
  const post = C[mode] as (h: number, v: unknown, c: number, t: number, d: number, tag: number) => void;
  return (v, c, t, d, tag) => post(h, v, c, t, d, tag);
}

/**
 * mpi4py's `_send`: to PROC_NULL an empty message (the value is not
 * serialized, as in mpi4py's pkl5), else the header and the parts.
 */
function sendValue(call: string, post: Post, obj: unknown, dest: number, tag: number): void {
  if (dest === PROC_NULL) {
    post(null, 0, BYTE.handle, dest, tag);
    return;
  }
  sendRaw(post, [dumps5(obj, call)], dest, tag);
}

/** A send's (dest, tag), positional or as options, checked for call on h. */
function sendArgs(call: string, h: number, dest: unknown, tag: unknown): [number, number] {
  if (typeof dest !== 'number' || A.isOptions(tag)) ({ dest, tag } = A.trailing(call, SEND, [dest, tag]));
  return [A.dest(call, dest, peers(h)), A.sendTag(call, tag === undefined ? 0 : tag)];
}

/** A receive's (source, tag, status, timeout), positional or as options, checked for call on h. */
function recvArgs(call: string, h: number, source: unknown, tag: unknown, status: unknown): { source: number; tag: number; status?: Status; timeout?: number } {
  const o = A.isOptions(source) || A.isOptions(tag) || A.isOptions(status)
    ? A.trailing(call, RECV, [source, tag, status])
    : { source: source === undefined ? ANY_SOURCE : source, tag: tag === undefined ? ANY_TAG : tag, status: status as Status | undefined, timeout: undefined };
  const src = A.source(call, o.source, peers(h));
  const tg = A.recvTag(call, o.tag);
  statusBytes(o.status, call);
  return { source: src, tag: tg, status: o.status ?? undefined, timeout: A.timeout(call, o.timeout) };
}

/** mpi4py's `_recv`: from PROC_NULL an empty receive (undefined), else a value of any size. */
function recvValue(call: string, h: number, source: number, tag: number, status: Status | undefined, timeout?: number): unknown {
  if (source === PROC_NULL) {
    C.Recv(h, null, 0, BYTE.handle, source, tag, status?.bytes);
    return undefined;
  }
  const st = status ?? new Status();
  const parts = recvRaw(call, h, source, tag, st, timeout);
  if (parts === TIMED_OUT) throw new TimeoutError(call, timeout as number, { source, tag, comm: C.getName(h) });
  return loads5(parts as Buffer[], call, h, st.source);
}

/** mpi4py's `_isend`: the header's and the parts' requests, as one pkl5.Request. */
function isendValue(call: string, h: number, mode: 'Isend' | 'Issend' | 'Ibsend', obj: unknown, dest: number, tag: number): Request<undefined> {
  const reqs: MPIRequest[] = [];
  sendValue(call, poster(h, mode, reqs), obj, dest, tag);
  return new Request(reqs);
}

/**
 * mpi4py's `_mprobe`: claims the header (blocking, or undefined when none is
 * waiting), then each part it announces, from its sender on its tag. status
 * reports the sender, the tag and the parts' bytes.
 */
function mprobeValue(call: string, h: number, source: number, tag: number, status: Status | undefined, blocking: boolean, timeout?: number): Message | undefined {
  if (source === PROC_NULL) return Message.of([MPIMessage.probeOn(h, source, tag, status?.bytes, true) as MPIMessage], h);
  const st = status ?? new Status();
  const first = MPIMessage.probeOn(h, source, tag, st.bytes, blocking, timeout);
  if (!first) {
    if (blocking) throw new TimeoutError(call, timeout as number, { source, tag, comm: C.getName(h) });
    return undefined;
  }
  const src = st.source;
  const tg = st.tag;
  const n = W.headerLength(st.Get_elements(INT64_T), call, src);
  const messages = [first];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    messages.push(MPIMessage.probeOn(h, src, tg, st.bytes, true) as MPIMessage);
    bytes += st.Get_elements(BYTE);
  }
  st.Set_elements(BYTE, bytes);
  return Message.of(messages, h);
}

// ---- Request -----------------------------------------------------------------------

/** The received parts of a Message.irecv, decoded once its requests complete. */
interface Pending {
  parts: Buffer[] | null;
  h: number;
  source: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A Request's status argument: a Status, `{status}`, or nothing. */
function statusArg(call: string, status: unknown): Status | undefined {
  const st = A.isOptions(status) && !(status instanceof Status) ? A.trailing(call, { status: undefined as Status | undefined }, [status]).status : status;
  statusBytes(st as Status | undefined, call);
  return (st ?? undefined) as Status | undefined;
}

/**
 * mpi4py: `pkl5.Request`, a tuple of MPI requests (a value's header and
 * parts) that completes as one. `active` is mpi4py's `bool(request)`,
 * `equals` its `==`. Awaitable as every mpi4js request: `await` gives what
 * wait() returns (the received value of a `Message.irecv`, else undefined),
 * every time; wait and test give it once, as MPI.Request's do.
 */
export class Request<T = unknown> implements PromiseLike<T> {
  /** The MPI requests, header first (mpi4py: the tuple's items). */
  readonly requests: readonly MPIRequest[];
  private pending?: Pending;
  private outcome?: Outcome;
  private seen = false;

  /** mpi4py: `pkl5.Request(request=None)`: of MPI requests; none is a null request (MPI.REQUEST_NULL). */
  constructor(request?: MPIRequest | readonly MPIRequest[] | null) {
    const list = request === undefined || request === null ? [new MPIRequest()] : request instanceof MPIRequest ? [request] : request;
    if (!Array.isArray(list)) throw new TypeError(`pkl5.Request: request must be an MPI.Request or an array of them, got ${A.describe(request)}`);
    list.forEach((r, i) => {
      if (!(r instanceof MPIRequest)) throw new TypeError(`pkl5.Request: request[${i}] must be an MPI.Request, got ${A.describe(r)}`);
    });
    this.requests = Object.freeze([...list]);
  }

  /** @internal A Message.irecv's request: its parts decode once all complete. */
  static receiving(reqs: MPIRequest[], pending: Pending): Request {
    const r = new Request(reqs);
    r.pending = pending;
    return r;
  }

  /** The number of MPI requests (mpi4py: `len(request)`). */
  get length(): number {
    return this.requests.length;
  }

  /** Its MPI requests in order (mpi4py: iterating the tuple). */
  [Symbol.iterator](): Iterator<MPIRequest> {
    return this.requests[Symbol.iterator]();
  }

  /** Whether any of its MPI requests is pending (mpi4py: `bool(request)`). */
  get active(): boolean {
    return this.requests.some((r) => r.active);
  }

  /**
   * mpi4py's `==`: a pkl5.Request with the same MPI requests, or an MPI
   * request every one of its own equals (two inactive requests are both
   * MPI.REQUEST_NULL); anything else is not equal.
   */
  equals(other: unknown): boolean {
    if (other instanceof Request) return other.requests.length === this.requests.length && this.requests.every((r, i) => same(r, other.requests[i]));
    if (other instanceof MPIRequest) return this.requests.every((r) => same(r, other));
    return false;
  }

  /** Lets the MPI requests go; MPI finishes them in the background. mpi4py: `Free()`. */
  Free(): void {
    for (const r of this.requests) r.Free();
  }

  /** mpi4py: `free()`, as Free. */
  free(): void {
    this.Free();
  }

  /** Asks MPI to cancel every part; then wait or test. mpi4py: `cancel()`. */
  cancel(): void {
    for (const r of this.requests) r.Cancel();
  }

  /**
   * Whether every part has completed, completing none (status: the first
   * part's, the header's). mpi4py: `get_status(status=None)`.
   */
  get_status(status?: Status | { status?: Status }): boolean {
    const st = statusArg('pkl5.Request.get_status', status);
    return this.requests.every((r, i) => r.Get_status(i === 0 ? st : undefined));
  }

  /**
   * `[done, value]` without blocking: `[true, value]` once every part has
   * completed (the value of a Message.irecv, else undefined), `[false,
   * undefined]` before. mpi4py: `test(status=None)`.
   */
  test(status?: Status | { status?: Status }): [true, T] | [false, undefined] {
    const st = statusArg('pkl5.Request.test', status);
    if (!MPIRequest.Testall(this.requests as MPIRequest[], st ? [st] : undefined)) return [false, undefined];
    return [true, this.take() as T];
  }

  /** Blocks until every part completes; the value of a Message.irecv, else undefined. mpi4py: `wait(status=None)`. */
  wait(status?: Status | { status?: Status }): T {
    const st = statusArg('pkl5.Request.wait', status);
    MPIRequest.Waitall(this.requests as MPIRequest[], st ? [st] : undefined);
    return this.take() as T;
  }

  /** As wait, returning true (MPI.Request's form; mpi4py's pkl5.Request, a tuple, has only wait). */
  Wait(status?: Status | { status?: Status }): true {
    this.wait(status);
    return true;
  }

  /** As test, the flag only (MPI.Request's form; mpi4py's pkl5.Request, a tuple, has only test). */
  Test(status?: Status | { status?: Status }): boolean {
    return this.test(status)[0];
  }

  /** Makes `await request` work: resolves with the value (every time), rejects if it fails. */
  then<A = T, B = never>(onfulfilled?: ((value: T) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.toPromise().then(onfulfilled, onrejected);
  }

  /** A promise of the value, settled by the progress engine. */
  toPromise(): Promise<T> {
    return Promise.all(this.requests.map((r) => r.toPromise())).then(() => {
      const o = this.settle();
      if (!o.ok) throw o.error;
      return o.value as T;
    });
  }

  /** The outcome once every part has completed: the received value decoded (once), else undefined. */
  private settle(): Outcome {
    if (this.outcome) return this.outcome;
    const p = this.pending;
    this.pending = undefined;
    try {
      this.outcome = { ok: true, value: p && p.parts ? loads5(p.parts, 'pkl5.Message.irecv', p.h, p.source) : undefined };
    } catch (error) {
      this.outcome = { ok: false, error };
    }
    return this.outcome;
  }

  /** What wait and test give: the value the first time, then undefined (an inactive request's), as MPI.Request. */
  private take(): unknown {
    const o = this.settle();
    if (this.seen) return undefined;
    this.seen = true;
    if (!o.ok) throw o.error;
    return o.value;
  }

  /**
   * Whether all have completed, completing none; statuses (extended to one
   * per request) get each one's header status. mpi4py: `Request.get_status_all(requests, statuses=None)`.
   */
  static get_status_all(requests: readonly Request[], statuses?: Status[] | null): boolean {
    const sts = requestsArg('get_status_all', requests, statuses);
    return requests.every((r, i) => r.get_status(sts?.[i]));
  }

  /**
   * `[done, values]`: `[true, values]` once every part of every request has
   * completed, else `[false, undefined]`; statuses (extended to one per
   * request) get each request's parts' statuses. mpi4py: `Request.testall(requests, statuses=None)`.
   */
  static testall<T = unknown>(requests: readonly Request<T>[], statuses?: Status[] | null): [true, T[]] | [false, undefined] {
    const sts = requestsArg('testall', requests, statuses);
    const [flat, flatStatuses] = flatten(requests, sts);
    if (!MPIRequest.Testall(flat, flatStatuses)) return [false, undefined];
    return [true, requests.map((r) => r.take() as T)];
  }

  /** Waits for every request; their values. mpi4py: `Request.waitall(requests, statuses=None)`. */
  static waitall<T = unknown>(requests: readonly Request<T>[], statuses?: Status[] | null): T[] {
    const sts = requestsArg('waitall', requests, statuses);
    const [flat, flatStatuses] = flatten(requests, sts);
    MPIRequest.Waitall(flat, flatStatuses);
    return requests.map((r) => r.take() as T);
  }
}

/** Two MPI requests are equal when they are one, or both inactive (MPI.REQUEST_NULL). */
function same(a: MPIRequest, b: MPIRequest): boolean {
  return a === b || (!a.active && !b.active);
}

/** The statics' arguments, checked; statuses extended with one Status per request, as mpi4py does. */
function requestsArg(call: string, requests: unknown, statuses: unknown): Status[] | undefined {
  const name = `pkl5.Request.${call}`;
  if (!Array.isArray(requests)) throw new TypeError(`${name}: requests must be an array of pkl5.Request, got ${A.describe(requests)}`);
  requests.forEach((r, i) => {
    if (!(r instanceof Request)) throw new TypeError(`${name}: requests[${i}] must be a pkl5.Request, got ${A.describe(r)}`);
  });
  if (statuses === undefined || statuses === null) return undefined;
  if (!Array.isArray(statuses)) throw new TypeError(`${name}: statuses must be an array of MPI.Status, got ${A.describe(statuses)}`);
  statuses.forEach((s, i) => {
    if (!(s instanceof Status)) throw new TypeError(`${name}: statuses[${i}] must be an MPI.Status, got ${A.describe(s)}`);
  });
  for (let i = statuses.length; i < requests.length; i++) statuses.push(new Status());
  return statuses as Status[];
}

/** Every request's MPI requests in one list, each with its request's status. */
function flatten(requests: readonly Request[], statuses: Status[] | undefined): [MPIRequest[], Status[] | undefined] {
  const flat: MPIRequest[] = [];
  const sts: Status[] | undefined = statuses ? [] : undefined;
  requests.forEach((r, i) => {
    for (const q of r.requests) {
      flat.push(q);
      sts?.push(statuses![i]);
    }
  });
  return [flat, sts];
}

// ---- Message -------------------------------------------------------------------------

/**
 * mpi4py: `pkl5.Message`, a tuple of matched MPI messages (a value's header
 * and parts) that a matched probe claimed, so only its own receive takes
 * them. `active` is mpi4py's `bool(message)`, `equals` its `==`.
 */
export class Message<T = unknown> {
  /** The MPI messages, header first (mpi4py: the tuple's items). */
  readonly messages: readonly MPIMessage[];
  /** @internal the communicator's handle, for the errors that name it */
  private h = COMM_NULL_ID;

  /** mpi4py: `pkl5.Message(message=None)`: of MPI messages; none is a null message (MPI.MESSAGE_NULL). */
  constructor(message?: MPIMessage | readonly MPIMessage[] | null) {
    const list = message === undefined || message === null ? [] : message instanceof MPIMessage ? [message] : message;
    if (!Array.isArray(list)) throw new TypeError(`pkl5.Message: message must be an MPI.Message or an array of them, got ${A.describe(message)}`);
    list.forEach((m, i) => {
      if (!(m instanceof MPIMessage)) throw new TypeError(`pkl5.Message: message[${i}] must be an MPI.Message, got ${A.describe(m)}`);
    });
    this.messages = Object.freeze([...list]);
    // The communicator of a message mpi4js made (for naming it in a decode error).
    if (list.length > 0) this.h = (list[0] as unknown as { comm: number }).comm;
  }

  /** @internal */
  static of(messages: MPIMessage[], h: number): Message {
    const m = new Message(messages);
    m.h = h;
    return m;
  }

  /** The number of MPI messages (mpi4py: `len(message)`). */
  get length(): number {
    return this.messages.length;
  }

  /** Its MPI messages in order (mpi4py: iterating the tuple). */
  [Symbol.iterator](): Iterator<MPIMessage> {
    return this.messages[Symbol.iterator]();
  }

  /** Whether it has not been received yet (mpi4py: `bool(message)`). */
  get active(): boolean {
    return this.messages.some((m) => m.active);
  }

  /** mpi4py's `==`: a pkl5.Message of the same MPI messages, or an MPI message each of its own is (a received or null one is MESSAGE_NULL). */
  equals(other: unknown): boolean {
    if (other instanceof Message) {
      if (!this.active && !other.active) return true;
      return other.messages.length === this.messages.length && this.messages.every((m, i) => sameMessage(m, other.messages[i]));
    }
    if (other instanceof MPIMessage) return this.messages.length === 0 ? !other.active : this.messages.every((m) => sameMessage(m, other));
    return false;
  }

  /** mpi4py: `free()`: does nothing (a matched message is freed by its receive). */
  free(): void {
    // nothing to free: MPI frees a matched message when it is received
  }

  /** The header, received (blocking: it has arrived); the sender in status, or undefined from PROC_NULL. */
  private header(call: string, status: Status): number[] | undefined {
    if (!this.active) throw new TypeError(`${call}: the message is null or has already been received`);
    const info = new BigInt64Array(this.messages.length - 1);
    this.messages[0].Recv([info, info.length, INT64_T], status);
    if (status.source === PROC_NULL) return undefined;
    const sizes = W.sizesOf(info, call, status.source);
    if (sizes?.length !== this.messages.length - 1) throw W.notPkl5(call, status.source, 'a header that does not match the parts probed');
    return sizes;
  }

  /** Receives the value. mpi4py: `Message.recv(status=None)`. */
  recv<U = T>(status?: Status | { status?: Status }): NoInfer<U> {
    const call = 'pkl5.Message.recv';
    const st = statusArg(call, status) ?? new Status();
    const sizes = this.header(call, st);
    if (sizes === undefined) return undefined as U;
    const parts = sizes.map(alloc);
    try {
      parts.forEach((p, i) => this.messages[i + 1].Recv(_bigmpi.spec(p)));
    } finally {
      _bigmpi.free();
    }
    st.Set_elements(BYTE, W.total(sizes));
    return loads5(parts, call, this.h, st.source) as U;
  }

  /**
   * Receives the value without blocking: the header now (it has arrived),
   * the parts through the Request, whose wait (or await) gives the value.
   * mpi4py: `Message.irecv()`.
   */
  irecv<U = T>(): Request<NoInfer<U>> {
    const call = 'pkl5.Message.irecv';
    const st = new Status();
    const sizes = this.header(call, st);
    if (sizes === undefined) {
      // From PROC_NULL: an empty receive's request, active until waited, as mpi4py's.
      return Request.receiving([new MPIRequest(C.Irecv(this.h, null, 0, BYTE.handle, PROC_NULL, 0))], { parts: null, h: this.h, source: PROC_NULL }) as Request<U>;
    }
    const parts = sizes.map(alloc);
    let reqs: MPIRequest[];
    try {
      reqs = parts.map((p, i) => this.messages[i + 1].Irecv(_bigmpi.spec(p)));
    } finally {
      _bigmpi.free();
    }
    return Request.receiving(reqs, { parts, h: this.h, source: st.source }) as Request<U>;
  }

  /** Waits for a value and claims it. mpi4py: `Message.probe(comm, source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  static probe<T = unknown>(comm: AnyComm, source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<T> {
    const call = 'pkl5.Message.probe';
    const h = live(call, A.ofKind(call, 'comm', comm, MPIComm, 'MPI.Comm'));
    const o = recvArgs(call, h, source, tag, status);
    return mprobeValue(call, h, o.source, o.tag, o.status, true, o.timeout) as Message<T>;
  }

  /** The value's Message if one is waiting, else undefined. mpi4py: `Message.iprobe(comm, source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  static iprobe<T = unknown>(comm: AnyComm, source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<T> | undefined {
    const call = 'pkl5.Message.iprobe';
    const h = live(call, A.ofKind(call, 'comm', comm, MPIComm, 'MPI.Comm'));
    const o = recvArgs(call, h, source, tag, status);
    if (o.timeout !== undefined) throw new TypeError(`${call}: a nonblocking probe takes no timeout`);
    return mprobeValue(call, h, o.source, o.tag, o.status, false) as Message<T> | undefined;
  }
}

/** Two MPI messages are equal when they are one, or both received or null (MPI.MESSAGE_NULL). */
function sameMessage(a: MPIMessage, b: MPIMessage): boolean {
  return a === b || (!a.active && !b.active);
}

// ---- the communicators: Comm, Intracomm, Intercomm ---------------------------------------

/** The calls pkl5 redefines, with its own Request and Message (and Dup's kin, typed as their own class). */
type Redefined = 'send' | 'ssend' | 'bsend' | 'isend' | 'ibsend' | 'issend' | 'recv' | 'irecv' | 'sendrecv' | 'mprobe' | 'improbe'
  | 'bcast' | 'gather' | 'scatter' | 'allgather' | 'alltoall' | 'Dup' | 'Clone' | 'Dup_with_info' | 'Idup' | 'Idup_with_info';

/**
 * An MPI communicator class as a pkl5 class's base: the same class at run
 * time (a pkl5.Intracomm is an MPI.Intracomm), typed without the calls pkl5
 * redefines, whose results are pkl5's Request and Message rather than MPI's.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Base<K> = new (...args: any[]) => Omit<K, Redefined>;

/** Any communicator pkl5 takes: MPI's or pkl5's (typed as what they share, not by name: the classes' types refer to Message). */
export type AnyComm = MPIComm | Omit<MPIComm, Redefined>;

/**
 * Dup and its kin, typed as the class they make: each class names itself
 * (a `this` type here would leave TypeScript's control flow unable to tell a
 * call on an inferred pkl5 communicator from an assertion, TS7022).
 */
interface Duplicates<K> {
  /** A duplicate, of its own class. mpi4py: `Dup(info=None)`. */
  Dup(info?: Info | null | { info?: Info | null }): K;
  /** mpi4py: `Clone()`, as Dup. */
  Clone(): K;
  /** mpi4py: `Dup_with_info(info)`; of its own class. */
  Dup_with_info(info: Info | { info: Info }): K;
  /** mpi4py: `Idup(info=None)`: `[comm, request]`, comm of its own class. */
  Idup(info?: Info | null | { info?: Info | null }): [K, MPIRequest];
  /** mpi4py: `Idup_with_info(info)`: `[comm, request]`, comm of its own class. */
  Idup_with_info(info: Info | { info: Info }): [K, MPIRequest];
}

/** Dup and its kin: MPI.Comm's, which make a communicator of the receiver's class. */
const duplicates: Duplicates<unknown> & ThisType<MPIComm> = {
  Dup(info) {
    return MPIComm.prototype.Dup.call(this, info);
  },
  Clone() {
    return MPIComm.prototype.Dup.call(this);
  },
  Dup_with_info(info) {
    return MPIComm.prototype.Dup_with_info.call(this, info);
  },
  Idup(info) {
    return MPIComm.prototype.Idup.call(this, info);
  },
  Idup_with_info(info) {
    return MPIComm.prototype.Idup_with_info.call(this, info);
  },
};

/**
 * pkl5's calls, written once: mpi4py's `pkl5.Comm` (the point-to-point
 * calls, and the collectives, which take the path of an intracommunicator or
 * of an intercommunicator as the communicator is one or the other, as
 * mpi4py's do). mpi4py's Intracomm and Intercomm are `Comm` mixed with
 * MPI.Intracomm and MPI.Intercomm; here these calls are set on the
 * prototypes of three classes over MPI.Comm, MPI.Intracomm and MPI.Intercomm
 * (`instanceof pkl5.Comm` holds for all three), and each class's type takes
 * them by declaration merging. Never constructed itself.
 */
abstract class Calls {
  /** @internal id in the addon's communicator table */
  declare handle: number;

  /** Sends a value of any size. mpi4py: `send(obj, dest, tag=0)`. */
  send(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    const h = live('send', this);
    const [d, t] = sendArgs('send', h, dest, tag);
    sendValue('send', poster(h, 'Send', []), obj, d, t);
  }

  /** Sends a value through the attached buffer (MPI.Attach_buffer). mpi4py: `bsend(obj, dest, tag=0)`. */
  bsend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    const h = live('bsend', this);
    const [d, t] = sendArgs('bsend', h, dest, tag);
    sendValue('bsend', poster(h, 'Bsend', []), obj, d, t);
  }

  /** Sends a value, returning once its receive has started (every part synchronous). mpi4py: `ssend(obj, dest, tag=0)`. */
  ssend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): void {
    const h = live('ssend', this);
    const [d, t] = sendArgs('ssend', h, dest, tag);
    isendValue('ssend', h, 'Issend', obj, d, t).wait();
  }

  /** Starts sending a value. mpi4py: `isend(obj, dest, tag=0)`. */
  isend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request<undefined> {
    const h = live('isend', this);
    const [d, t] = sendArgs('isend', h, dest, tag);
    return isendValue('isend', h, 'Isend', obj, d, t);
  }

  /** Starts sending a value through the attached buffer. mpi4py: `ibsend(obj, dest, tag=0)`. */
  ibsend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request<undefined> {
    const h = live('ibsend', this);
    const [d, t] = sendArgs('ibsend', h, dest, tag);
    return isendValue('ibsend', h, 'Ibsend', obj, d, t);
  }

  /** Starts sending a value in synchronous mode. mpi4py: `issend(obj, dest, tag=0)`. */
  issend(obj: unknown, dest: number | SendOptions, tag?: number | TagOptions): Request<undefined> {
    const h = live('issend', this);
    const [d, t] = sendArgs('issend', h, dest, tag);
    return isendValue('issend', h, 'Issend', obj, d, t);
  }

  /**
   * Receives a value of any size; status reports the sender, the tag and the
   * parts' bytes; `{timeout}` as MPI.Comm.recv's. mpi4py: `recv(buf=None,
   * source=ANY_SOURCE, tag=ANY_TAG, status=None)`, without buf (as MPI.Comm.recv here).
   */
  recv<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): NoInfer<T> {
    const h = live('recv', this);
    const o = recvArgs('recv', h, source, tag, status);
    return recvValue('recv', h, o.source, o.tag, o.status, o.timeout) as T;
  }

  /**
   * Refused, as mpi4py's pkl5 refuses it (RuntimeError "unsupported"): the
   * size of what arrives is known only once it has. Use mprobe(…).irecv()
   * instead. mpi4py: `irecv(buf=None, source=ANY_SOURCE, tag=ANY_TAG)`.
   */
  irecv(_source?: unknown, _tag?: unknown): never {
    throw new NotImplementedError(`pkl5.${this.constructor.name}.irecv`, 'unsupported (as in mpi4py\'s pkl5): use mprobe(source, tag).irecv()');
  }

  /**
   * Sends a value and receives one (the send posted first, so a ring
   * cannot deadlock). mpi4py: `sendrecv(sendobj, dest, sendtag=0,
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
    const h = live(call, this);
    const o = sendrecvArgs(call, dest, sendtag, source, recvtag, status);
    const size = peers(h);
    const d = A.dest(call, o.dest, size);
    const st = A.sendTag(call, o.sendtag, undefined, 'sendtag');
    const src = A.source(call, o.source, size);
    const rt = A.recvTag(call, o.recvtag, undefined, 'recvtag');
    statusBytes(o.status, call);
    const sent = isendValue(call, h, 'Isend', sendobj, d, st);
    const got = recvValue(call, h, src, rt, o.status ?? undefined);
    sent.wait();
    return got as T;
  }

  /**
   * Waits for a value and claims it (its header and parts); status reports
   * the sender, the tag and the parts' bytes. mpi4py: `mprobe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`.
   */
  mprobe<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<NoInfer<T>> {
    const h = live('mprobe', this);
    const o = recvArgs('mprobe', h, source, tag, status);
    return mprobeValue('mprobe', h, o.source, o.tag, o.status, true, o.timeout) as Message<T>;
  }

  /** The value's Message if its header is waiting, else undefined. mpi4py: `improbe(source=ANY_SOURCE, tag=ANY_TAG, status=None)`. */
  improbe<T = unknown>(source?: number | RecvOptions, tag?: number | RecvTagOptions, status?: Status | StatusOptions): Message<NoInfer<T>> | undefined {
    const h = live('improbe', this);
    const o = recvArgs('improbe', h, source, tag, status);
    if (o.timeout !== undefined) throw new TypeError('improbe: a nonblocking probe takes no timeout');
    return mprobeValue('improbe', h, o.source, o.tag, o.status, false) as Message<T> | undefined;
  }

  /**
   * The root's value. In one group, on every rank (each decodes its own
   * copy), by MPI_Bcast of the header's length, the header and each part.
   * Across two groups, MPI.ROOT sends it to the other group's rank 0, which
   * broadcasts it in its group; undefined at MPI.ROOT and MPI.PROC_NULL. A
   * root whose value cannot be sent throws its error, the receivers an Error
   * naming it. mpi4py: `bcast(obj, root=0)`.
   */
  bcast<T = unknown>(obj: unknown, root: number | RootOptions = 0): NoInfer<T> {
    const call = 'bcast';
    const h = live(call, this);
    const inter = C.testInter(h);
    const r = rootArg(call, h, inter, root);
    return (inter ? bcastInter(call, h, obj, r) : bcastIntra(call, h, obj, r)) as T;
  }

  /**
   * The values of every rank of the group at the root, in rank order;
   * across two groups, the other group's values at MPI.ROOT. undefined
   * elsewhere. mpi4py: `gather(sendobj, root=0)`.
   */
  gather<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): NoInfer<T>[] | undefined {
    const call = 'gather';
    const h = live(call, this);
    const inter = C.testInter(h);
    const r = rootArg(call, h, inter, root);
    const size = peers(h, inter);
    const sends = !inter || (r !== MPI_ROOT && r !== PROC_NULL);
    const receives = inter ? r === MPI_ROOT : C.rank(h) === r;
    const own = sends ? P.pack(() => dumps5(sendobj, call)) : undefined;
    return exchange(call, h, inter, (send) => own && send(r, own), receives ? range(size) : []) as T[] | undefined;
  }

  /**
   * The root's array (or iterable) of one value per rank, item i to rank i;
   * across two groups MPI.ROOT's, item i to process i of the other group
   * (undefined at MPI.ROOT and MPI.PROC_NULL). null or undefined at the root
   * sends undefined to every rank. mpi4py: `scatter(sendobj, root=0)`.
   */
  scatter<T = unknown>(sendobj: unknown, root: number | RootOptions = 0): NoInfer<T> {
    const call = 'scatter';
    const h = live(call, this);
    const inter = C.testInter(h);
    const r = rootArg(call, h, inter, root);
    const size = peers(h, inter);
    const sends = inter ? r === MPI_ROOT : C.rank(h) === r;
    const receives = !inter || (r !== MPI_ROOT && r !== PROC_NULL);
    const own = sends ? P.pack(() => P.items(call, sendobj, size, true).map((v) => dumps5(v, call))) : undefined;
    const got = exchange(call, h, inter, (send) => {
      if (!own) return;
      for (let i = 0; i < size; i++) send(i, own.ok ? { ok: true, value: own.value[i] } : own);
    }, receives ? [r] : [], own);
    return got?.[0] as T;
  }

  /** Every rank's value, on every rank; across two groups, the other group's. mpi4py: `allgather(sendobj)`. */
  allgather<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    const call = 'allgather';
    const h = live(call, this);
    const inter = C.testInter(h);
    const size = peers(h, inter);
    const own = P.pack(() => dumps5(sendobj, call));
    return exchange(call, h, inter, (send) => range(size).forEach((i) => send(i, own)), range(size)) as T[];
  }

  /**
   * Item i of this rank's array (or iterable) to rank i (across two groups,
   * to process i of the other group); from each its item for this one. null
   * or undefined sends undefined to every rank (as mpi4py's pkl5 takes None).
   * mpi4py: `alltoall(sendobj)`.
   */
  alltoall<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    const call = 'alltoall';
    const h = live(call, this);
    const inter = C.testInter(h);
    const size = peers(h, inter);
    const own = P.pack(() => P.items(call, sendobj, size, true).map((v) => dumps5(v, call)));
    return exchange(call, h, inter, (send) => {
      for (let i = 0; i < size; i++) send(i, own.ok ? { ok: true, value: own.value[i] } : own);
    }, range(size), own) as T[];
  }
}

/**
 * mpi4py: `pkl5.Comm(comm=None)`: comm's communicator (the same MPI
 * communicator, not a copy: Free either and both are freed), an intra- or an
 * intercommunicator, whose lowercase point-to-point calls and collectives
 * bcast, gather, scatter, allgather and alltoall move values of any size with
 * pkl5's protocol (the collectives across two groups on an
 * intercommunicator). Every rank must use pkl5's calls for the messages they
 * exchange. The other calls are MPI.Comm's (probe and iprobe see a value's
 * header message; reduce and the nonblocking collectives move values as
 * MPI.Comm does). `x instanceof pkl5.Comm` holds for pkl5's Intracomm and
 * Intercomm too, as in mpi4py.
 */
export interface Comm extends Calls, Duplicates<Comm> {}
export class Comm extends (MPIComm as unknown as Base<MPIComm>) {
  /** mpi4py: `pkl5.Comm(comm=None)`: comm's communicator; none is COMM_NULL. */
  constructor(comm?: AnyComm | null);
  /** @internal a new communicator's handle (Dup) */
  constructor(comm: number);
  constructor(comm?: AnyComm | number | null) {
    super(handleOf('Comm', comm));
  }

  /** pkl5's Intracomm and Intercomm are pkl5.Comms (mpi4py's classes derive from pkl5.Comm). */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, instance)) return true;
    return this === Comm && (instance instanceof Intracomm || instance instanceof Intercomm);
  }
}

/**
 * mpi4py: `pkl5.Intracomm(comm)`: an intracommunicator's communicator (the
 * same MPI communicator), an MPI.Intracomm with pkl5.Comm's calls.
 */
export interface Intracomm extends Calls, Duplicates<Intracomm> {}
export class Intracomm extends (MPIIntracomm as unknown as Base<MPIIntracomm>) {
  /** mpi4py: `pkl5.Intracomm(comm=None)`: comm's communicator, an intracommunicator (else TypeError); none is COMM_NULL. */
  constructor(comm?: AnyComm | null);
  /** @internal a new communicator's handle (Dup) */
  constructor(comm: number);
  constructor(comm?: AnyComm | number | null) {
    super(handleOf('Intracomm', comm));
  }
}

/**
 * mpi4py: `pkl5.Intercomm(comm)`: an intercommunicator's communicator (the
 * same MPI communicator), an MPI.Intercomm with pkl5.Comm's calls: point to
 * point to the remote group's ranks, and the collectives across the two
 * groups (a rooted one's root is MPI.ROOT at the root, MPI.PROC_NULL on the
 * rest of its group, the root's rank on the other group).
 */
export interface Intercomm extends Calls, Duplicates<Intercomm> {}
export class Intercomm extends (MPIIntercomm as unknown as Base<MPIIntercomm>) {
  /** mpi4py: `pkl5.Intercomm(comm=None)`: comm's communicator, an intercommunicator (else TypeError); none is COMM_NULL. */
  constructor(comm?: AnyComm | null);
  /** @internal a new communicator's handle (Dup) */
  constructor(comm: number);
  constructor(comm?: AnyComm | number | null) {
    super(handleOf('Intercomm', comm));
  }
}

// The calls, once, on each class's prototype.
for (const cls of [Comm, Intracomm, Intercomm]) {
  for (const name of Object.getOwnPropertyNames(Calls.prototype)) {
    if (name !== 'constructor') Object.defineProperty(cls.prototype, name, Object.getOwnPropertyDescriptor(Calls.prototype, name) as PropertyDescriptor);
  }
  Object.assign(cls.prototype, duplicates);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The handle of a pkl5 class's argument: a communicator's (shared, not
 * duplicated), COMM_NULL's for none. Intracomm takes only an
 * intracommunicator, Intercomm only an intercommunicator (TypeError, as
 * mpi4py's "expecting an intra/intercommunicator"), Comm either.
 */
function handleOf(kind: 'Comm' | 'Intracomm' | 'Intercomm', comm: unknown): number {
  const call = `pkl5.${kind}`;
  const expected = kind === 'Comm' ? 'an MPI.Comm' : `an MPI.${kind}`;
  if (comm === undefined || comm === null) return COMM_NULL_ID;
  if (typeof comm === 'number') {
    // A handle the library just made (Dup and its kin construct through the class, as MPI.Comm's):
    // one the addon knows (COMM_NULL's 0 included), else a TypeError here rather than at a later call.
    if (!Number.isSafeInteger(comm) || comm < 0) throw new TypeError(`${call}: comm must be ${expected}, got ${A.describe(comm)}`);
    if (comm === COMM_NULL_ID) return comm;
    try {
      C.testInter(comm);
    } catch {
      throw new TypeError(`${call}: comm must be ${expected}, got ${A.describe(comm)} (no communicator has that handle)`);
    }
    return comm;
  }
  if (!(comm instanceof MPIComm)) throw new TypeError(`${call}: comm must be ${expected}, got ${A.describe(comm)}`);
  if (kind === 'Comm' || comm.handle === COMM_NULL_ID) return comm.handle;
  const inter = C.testInter(comm.handle);
  if (kind === 'Intracomm' && inter) throw new TypeError(`${call}: comm must be an intracommunicator, got an intercommunicator`);
  if (kind === 'Intercomm' && !inter) throw new TypeError(`${call}: comm must be an intercommunicator, got an intracommunicator`);
  return comm.handle;
}

/** The processes h's point-to-point ranks and collective blocks address: its group's, or across an intercommunicator the remote group's. */
function peers(h: number, inter = C.testInter(h)): number {
  return inter ? C.remoteSize(h) : C.size(h);
}

/** A rooted collective's root on h: a rank of the group; across two groups MPI.ROOT, MPI.PROC_NULL or a remote rank (else ERR_ROOT). */
function rootArg(call: string, h: number, inter: boolean, root: unknown): number {
  if (inter) return interRoot(call, root, () => C.remoteSize(h));
  if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT));
  return A.root(call, root, C.size(h));
}

/** One rank's serialized value(s), or the error serializing raised. */
type Packed<V = Uint8Array> = { ok: true; value: V } | { ok: false; error: unknown };

/** The Error of a rank whose collective needed values the processes in failed could not send. */
function abandoned(call: string, failed: number[], inter: boolean): Error {
  const one = failed.length === 1;
  const who = inter ? `process${one ? '' : 'es'} ${failed.join(', ')} of the other group` : `rank${one ? '' : 's'} ${failed.join(', ')}`;
  return new Error(`${call}: ${who} could not send ${one ? 'its value' : 'their values'} (it raised the error there); the ${call} is abandoned`);
}

/**
 * The root's parts on every rank of intracommunicator h, by MPI_Bcast: the
 * header's length (FAILED when the root has no value: it throws own's error,
 * the others failed()), the header, each part.
 */
function bcastParts(call: string, h: number, r: number, own: Packed<Uint8Array[]> | undefined, failed: () => Error): Uint8Array[] {
  const n = BigInt64Array.of(own ? (own.ok ? BigInt(own.value.length) : BigInt(W.FAILED)) : 0n);
  C.Bcast(h, n, 1, I64(), r);
  if (own && !own.ok) throw own.error;
  if (n[0] < 0n) throw failed();
  const data = own?.value;
  const info = data ? W.header(data) : new BigInt64Array(Number(n[0]));
  C.Bcast(h, info, info.length, I64(), r);
  const parts = data ?? (W.sizesOf(info, call, r) as number[]).map(alloc);
  try {
    for (const p of parts) C.Bcast(h, ...(_bigmpi.part(p)), r);
  } finally {
    _bigmpi.free();
  }
  return parts;
}

/** bcast in one group: root r's value on every rank. */
function bcastIntra(call: string, h: number, obj: unknown, r: number): unknown {
  P.flush(h);
  const own = C.rank(h) === r ? P.pack(() => [dumps5(obj, call)]) : undefined;
  return loads5(bcastParts(call, h, r, own, () => abandoned(call, [r], false)), call, h, r);
}

/**
 * bcast across two groups, as mpi4py's pkl5: MPI.ROOT sends its value (a
 * failure header when it has none) to the other group's rank 0 on the private
 * duplicate, which broadcasts it on its group's local communicator. Every
 * process of both groups takes the private communicators first (made at the
 * first use, collectively).
 */
function bcastInter(call: string, h: number, obj: unknown, root: number): unknown {
  P.flush(h);
  const d = T.privateComm(h);
  const local = T.localComm(h);
  if (root === PROC_NULL) return undefined;
  if (root === MPI_ROOT) {
    const own = P.pack(() => dumps5(obj, call));
    const post = poster(d, 'Send', []);
    if (!own.ok) {
      post(W.failedHeader(), 1, I64(), 0, TAG);
      throw own.error;
    }
    sendRaw(post, [own.value], 0, TAG);
    return undefined;
  }
  let own: Packed<Uint8Array[]> | undefined;
  if (C.rank(local) === 0) {
    const parts = recvRaw(call, d, root, TAG, new Status(), undefined, true) as Buffer[] | null;
    own = parts === null ? { ok: false, error: abandoned(call, [root], true) } : { ok: true, value: parts };
  }
  return loads5(bcastParts(call, local, 0, own, () => abandoned(call, [root], true)), call, h, root);
}

/**
 * A collective as point-to-point messages on h's private duplicate, as
 * mpi4py's pkl5 runs them (in one group or across two): sends(send) posts
 * this rank's values (a failed one as a failure header), then the values of
 * the ranks in from (of the remote group, across two) are received in order,
 * the sends completed, and they are decoded. A sender that failed makes this
 * rank throw an Error naming it (the failing rank its own error, once every
 * message it takes part in has gone). undefined when from is empty.
 */
function exchange(call: string, h: number, inter: boolean, sends: (send: (dest: number, value: Packed) => void) => void, from: number[], own?: { ok: boolean; error?: unknown }): unknown[] | undefined {
  P.flush(h);
  const d = T.privateComm(h);
  const reqs: MPIRequest[] = [];
  const post = poster(d, 'Isend', reqs);
  let mine: Packed | undefined;
  sends((dest, value) => {
    if (!value.ok) mine = value;
    if (value.ok) sendRaw(post, [value.value], dest, TAG);
    else post(W.failedHeader(), 1, I64(), dest, TAG);
  });
  const status = new Status();
  const received = from.map((source) => recvRaw(call, d, source, TAG, status, undefined, true) as Buffer[] | null);
  MPIRequest.Waitall(reqs);
  if (own && !own.ok) throw own.error;
  if (mine && !mine.ok) throw mine.error;
  const failed = from.filter((_, i) => received[i] === null);
  if (failed.length > 0) throw abandoned(call, failed, inter);
  if (from.length === 0) return undefined;
  return received.map((parts, i) => loads5(parts as Buffer[], call, h, from[i]));
}
