/**
 * Communication of JavaScript values (the lowercase calls), as mpi4py's
 * msgpickle does it: each value is serialized once (lib/pickle.ts) and moves as
 * bytes; sizes travel first wherever the receiver cannot probe for them.
 */
import { describe, detached, INT_MAX } from './args';
import { PROC_NULL } from './constants';
import { BYTE, DOUBLE, INT32_T } from './datatype';
import { native } from './native';
import { MAX, OpFunction } from './op';
import { codecName, dumps, isFastPath, loads, Pickle, PickleError } from './pickle';
import { Next, nothing, Request, Stage } from './request';
import { Status, statusBytes } from './status';

const C = native.comm;
const B = BYTE.handle;
const I32 = INT32_T.handle;

/** One length, the payload of every size exchange. */
const one = new Int32Array(1);

export function prefix(counts: Int32Array): { displs: Int32Array; total: number } {
  const displs = new Int32Array(counts.length);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    displs[i] = total;
    total += counts[i];
  }
  return { displs, total };
}

/**
 * The value of a message that source sent to this rank of communicator h
 * through call; a PickleError naming them all when it does not decode.
 */
export function loadsFrom(bytes: Uint8Array | undefined, call: string, h: number, source: number, p?: Pickle): unknown {
  try {
    return loads(bytes, p);
  } catch (e) {
    throw new PickleError({ call, source, rank: C.rank(h), comm: C.getName(h) }, (bytes as Uint8Array)[0], codecName(p), e);
  }
}

/** An object receive's last stage: the value, decoded as loadsFrom does (the sender from the status when source is a wildcard). */
export function objectFrom(call: string, h: number, source: number): Next {
  return (bytes, status) => ({ value: loadsFrom(bytes, call, h, source >= 0 ? source : (status?.source ?? source)) });
}

/** Where a receive from a wildcard source without a status learns the sender, should decoding fail. */
const scratch = new Status();

/** The status to give a receive: the caller's, else scratch when only it can tell the sender. */
function senderStatus(status: Status | undefined, source: number, call: string): Uint8Array | undefined {
  return statusBytes(status, call) ?? (source < 0 ? scratch.bytes : undefined);
}

function sender(status: Status | undefined, source: number): number {
  return source >= 0 ? source : (status ?? scratch).source;
}

/** Each rank's value out of the gathered bytes: rank i's are counts[i] bytes at displs[i]. */
export function split(bytes: Uint8Array, counts: Int32Array, displs: Int32Array, call: string, h: number): unknown[] {
  return Array.from(counts, (n, i) => loadsFrom(bytes.subarray(displs[i], displs[i] + n), call, h, i));
}

/** The items' bytes in one payload, for the nonblocking collectives (whose counts are C ints). */
export function serializeAll(call: string, items: unknown[]): { payload: Buffer; counts: Int32Array; displs: Int32Array } {
  const parts = items.map((v) => dumps(v, call));
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (total > INT_MAX) throw overTwoGiB(call, total);
  const counts = Int32Array.from(parts, (p) => p.length);
  return { payload: Buffer.concat(parts), counts, displs: prefix(counts).displs };
}

/** A value's bytes, for the nonblocking collectives (whose counts are C ints). */
export function dumpsSmall(call: string, value: unknown): Uint8Array {
  const bytes = dumps(value, call);
  if (bytes.length > INT_MAX) throw overTwoGiB(call, bytes.length);
  return bytes;
}

function overTwoGiB(call: string, n: number): RangeError {
  return new RangeError(`${call}: ${n} bytes of values are more than the nonblocking collectives of values take (2 GiB); use the blocking ${call.slice(1)}, which takes any size`);
}

/**
 * The size items of a scatter or alltoall, from an array or any other iterable
 * (as mpi4py takes `list(sendobj)`). null or undefined at a scatter's root sends
 * undefined to every rank, as mpi4py's None does.
 */
export function items(call: string, values: unknown, size: number, nullable: boolean): unknown[] {
  if ((values === null || values === undefined) && nullable) return new Array(size).fill(undefined);
  const iterable = values !== null && typeof values === 'object' && Symbol.iterator in values;
  if (!iterable) throw new TypeError(`${call}: expecting an array of ${size} items, got ${describe(values)}`);
  // A detached typed array cannot be read (V8 would say so without naming the call).
  if (ArrayBuffer.isView(values) && values.byteLength === 0 && detached(values.buffer)) throw new TypeError(`${call}: sendobj is a detached ${describe(values)}`);
  const list = Array.isArray(values) ? values : Array.from(values as Iterable<unknown>);
  if (list.length !== size) throw new RangeError(`${call}: expecting ${size} items (the communicator size), got ${list.length}`);
  return list;
}

// A value is serialized even for PROC_NULL, as mpi4py pickles before sending:
// a value that cannot be sent is refused whatever the destination.
/**
 * How a value is sent: false (or 0) standard, true (or 1) synchronous,
 * BUFFERED through the attached buffer (bsend; issue 12, WP3). The addon takes it as is.
 */
export type SendMode = boolean | typeof BUFFERED;
/** @internal bsend's and ibsend's mode */
export const BUFFERED = 2;

export function send(h: number, value: unknown, dest: number, tag: number, sync: SendMode): void {
  const call = sync === BUFFERED ? 'bsend' : sync ? 'ssend' : 'send';
  C.sendBytes(h, dest === PROC_NULL ? (dumps(value, call), null) : dumps(value, call), dest, tag, sync);
}

export function isend(h: number, value: unknown, dest: number, tag: number, sync: SendMode, call = sync === BUFFERED ? 'ibsend' : sync ? 'issend' : 'isend'): Request {
  return new Request(C.isendBytes(h, dest === PROC_NULL ? (dumps(value, call), null) : dumps(value, call), dest, tag, sync));
}

/**
 * Where small messages are received: decoding copies everything out before the
 * next receive, so one buffer serves every receive and none is allocated.
 */
const pool = new Uint8Array(64 * 1024);

/**
 * A received message as bytes: its own Buffer, or the pool. The fast paths
 * copy what they decode; anything else (v8, msgpack) may return views into its
 * input, so it gets a copy of the pool's bytes, not the pool.
 */
function received(r: Buffer | number): Uint8Array {
  if (typeof r !== 'number') return r;
  return isFastPath(pool[0]) ? pool.subarray(0, r) : pool.slice(0, r);
}

/** The received value, or TIMED_OUT when the timeout passed first. */
export function recv(h: number, source: number, tag: number, status: Status | undefined, timeout?: number): unknown {
  const r = C.recvBytes(h, source, tag, senderStatus(status, source, 'recv'), timeout, pool);
  return r === null ? TIMED_OUT : loadsFrom(received(r), 'recv', h, sender(status, source));
}

/** @internal what recv returns when its timeout passed */
export const TIMED_OUT = Symbol('timed out');

export function irecv(h: number, source: number, tag: number): Request {
  return new Request(C.irecvBytes(h, source, tag), objectFrom('irecv', h, source), false, source < 0);
}

export function sendrecv(
  h: number,
  value: unknown,
  dest: number,
  sendtag: number,
  source: number,
  recvtag: number,
  status: Status | undefined,
): unknown {
  const sent = isend(h, value, dest, sendtag, false, 'sendrecv');
  const r = C.recvBytes(h, source, recvtag, senderStatus(status, source, 'sendrecv'), undefined, pool) as Buffer | number;
  const got = loadsFrom(received(r), 'sendrecv', h, sender(status, source));
  sent.wait();
  return got;
}

// ---- blocking collectives of values ------------------------------------------
//
// Sizes travel first, as doubles (exact to 2**53: a value's bytes may pass
// 2 GiB), then the bytes: in one MPI collective while every count and offset
// fits its C int (LIMIT), else in rounds of at most ROUND bytes per rank pair,
// staged, so each value lands in a Buffer of its own. A rank whose value cannot
// be sent (not serializable, too large, not an array for scatter/alltoall)
// still takes part: it sends FAILED as its size, and then every rank throws —
// that rank its own error, the others an Error naming it — instead of the
// others blocking in a collective it never joins.

/** The size a rank sends when its value cannot be sent. */
const FAILED = -1;

/** Largest byte count or offset MPI takes as one C int (lower under MPI4JS_TEST_CHUNK, so tests reach the rounds cheaply). */
const LIMIT: number = C.bytesLimit;
/** Bytes per rank pair and round when a collective goes in rounds (bounds the staging memory). */
const ROUND = Math.min(LIMIT, 1 << 28);

const D = DOUBLE.handle;
/** This rank's size, the payload of every size exchange. */
const mine64 = new Float64Array(1);

/** Serialization, or the error it threw. */
/** @internal */
export type Packed<T> = { ok: true; value: T } | { ok: false; error: unknown };
/** @internal */
export function pack<T>(f: () => T): Packed<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Throws on every rank when some rank sent FAILED (sizes[i] < 0 for the ranks
 * in failed): this rank's own error if it failed, else an Error naming them.
 */
/** @internal (lib/tree.ts too) */
export function abandonIfFailed(call: string, failed: number[], own: Packed<unknown> | undefined): void {
  if (failed.length === 0) return;
  if (own && !own.ok) throw own.error;
  const who = failed.length === 1 ? `rank ${failed[0]} could not send its value` : `ranks ${failed.join(', ')} could not send their values`;
  throw new Error(`${call}: ${who} (it raised the error there); the ${call} is abandoned on every rank`);
}

function failedRanks(sizes: Float64Array): number[] {
  const out: number[] = [];
  sizes.forEach((n, i) => n < 0 && out.push(i));
  return out;
}

/** Int32 counts and displacements for one MPI call, or undefined when they do not fit a C int. */
function fitting(sizes: ArrayLike<number>): { counts: Int32Array; displs: Int32Array } | undefined {
  const counts = new Int32Array(sizes.length);
  const displs = new Int32Array(sizes.length);
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (total + sizes[i] > LIMIT) return undefined;
    displs[i] = total;
    counts[i] = sizes[i];
    total += sizes[i];
  }
  return { counts, displs };
}

/** Rounds that move at most `each` bytes of every size in sizes. */
function roundsFor(sizes: ArrayLike<number>, each: number): number {
  let most = 0;
  for (let i = 0; i < sizes.length; i++) most = Math.max(most, sizes[i]);
  return Math.ceil(most / each);
}

/** Copies src into dst at offset (nothing when src is empty: the offset may then be past dst's end). */
function place(dst: Uint8Array, src: Uint8Array, offset: number): void {
  if (src.length > 0) dst.set(src, offset);
}

/** Where a round starts and how many bytes of a value of n bytes it moves. */
function piece(n: number, round: number, each: number): number {
  return Math.max(0, Math.min(each, n - round * each));
}

export function bcast(h: number, value: unknown, root: number, rank: number): unknown {
  const own = rank === root ? pack(() => dumps(value, 'bcast')) : undefined;
  mine64[0] = own ? (own.ok ? own.value.length : FAILED) : 0;
  C.Bcast(h, mine64, 1, D, root);
  const n = mine64[0];
  abandonIfFailed('bcast', n < 0 ? [root] : [], own);
  const bytes = own?.ok ? own.value : Buffer.allocUnsafe(n);
  C.bcastBytes(h, bytes, root);
  return loadsFrom(bytes, 'bcast', h, root);
}

/** Every rank's size, on every rank; throws everywhere if one failed. */
function allSizes(h: number, call: string, own: Packed<Uint8Array>, size: number): Float64Array {
  mine64[0] = own.ok ? own.value.length : FAILED;
  const sizes = new Float64Array(size);
  C.Allgather(h, mine64, 1, D, sizes, 1, D);
  abandonIfFailed(call, failedRanks(sizes), own);
  return sizes;
}

export function gather(h: number, value: unknown, root: number, rank: number, size: number, call = 'gather'): unknown[] | undefined {
  const own = pack(() => dumps(value, call));
  const sizes = allSizes(h, call, own, size); // every rank learns of a failure
  const bytes = (own as { value: Uint8Array }).value;
  const atRoot = rank === root;
  const fit = fitting(sizes);
  if (fit) {
    if (!atRoot) {
      C.Gatherv(h, bytes, bytes.length, B, null, null, null, B, root);
      return undefined;
    }
    const out = Buffer.allocUnsafe(fit.displs[size - 1] + fit.counts[size - 1]);
    C.Gatherv(h, bytes, bytes.length, B, out, fit.counts, fit.displs, B, root);
    return split(out, fit.counts, fit.displs, call, h);
  }
  // In rounds: each rank sends the next piece of its bytes, the root stages them.
  const each = Math.floor(ROUND / size);
  const parts = atRoot ? Array.from(sizes, (n) => Buffer.allocUnsafe(n)) : [];
  const stage = atRoot ? Buffer.allocUnsafe(each * size) : null;
  const counts = new Int32Array(size);
  const displs = Int32Array.from({ length: size }, (_, i) => i * each);
  for (let r = 0, rounds = roundsFor(sizes, each); r < rounds; r++) {
    sizes.forEach((n, i) => (counts[i] = piece(n, r, each)));
    const send = bytes.subarray(r * each, r * each + counts[rank]);
    C.Gatherv(h, send, send.length, B, stage, atRoot ? counts : null, atRoot ? displs : null, B, root);
    if (stage) parts.forEach((p, i) => place(p, stage.subarray(displs[i], displs[i] + counts[i]), r * each));
  }
  return atRoot ? parts.map((p, i) => loadsFrom(p, call, h, i)) : undefined;
}

export function scatter(h: number, values: unknown, root: number, rank: number, size: number): unknown {
  const atRoot = rank === root;
  const own = atRoot ? pack(() => items('scatter', values, size, true).map((v) => dumps(v, 'scatter'))) : undefined;
  // Every size to every rank (a failure at the root reaches all; all agree on the rounds).
  const sizes = new Float64Array(size);
  if (own) own.ok ? own.value.forEach((p, i) => (sizes[i] = p.length)) : sizes.fill(FAILED);
  C.Bcast(h, sizes, size, D, root);
  abandonIfFailed('scatter', sizes[0] < 0 ? [root] : [], own);
  const parts = (own as { value: Uint8Array[] } | undefined)?.value;
  const out = Buffer.allocUnsafe(sizes[rank]);
  const fit = fitting(sizes);
  if (fit) {
    const payload = parts ? Buffer.concat(parts) : null;
    C.Scatterv(h, payload, payload ? fit.counts : null, payload ? fit.displs : null, B, out, out.length, B, root);
    return loadsFrom(out, 'scatter', h, root);
  }
  const each = Math.floor(ROUND / size);
  const stage = parts ? Buffer.allocUnsafe(each * size) : null;
  const counts = new Int32Array(size);
  const displs = Int32Array.from({ length: size }, (_, i) => i * each);
  for (let r = 0, rounds = roundsFor(sizes, each); r < rounds; r++) {
    sizes.forEach((n, i) => (counts[i] = piece(n, r, each)));
    if (stage && parts) parts.forEach((p, i) => place(stage, p.subarray(r * each, r * each + counts[i]), displs[i]));
    const into = out.subarray(r * each, r * each + counts[rank]);
    C.Scatterv(h, stage, stage ? counts : null, stage ? displs : null, B, into, into.length, B, root);
  }
  return loadsFrom(out, 'scatter', h, root);
}

export function allgather(h: number, value: unknown, size: number, call = 'allgather'): unknown[] {
  const own = pack(() => dumps(value, call));
  const sizes = allSizes(h, call, own, size);
  const bytes = (own as { value: Uint8Array }).value;
  const fit = fitting(sizes);
  if (fit) {
    const out = Buffer.allocUnsafe(fit.displs[size - 1] + fit.counts[size - 1]);
    C.Allgatherv(h, bytes, bytes.length, B, out, fit.counts, fit.displs, B);
    return split(out, fit.counts, fit.displs, call, h);
  }
  const each = Math.floor(ROUND / size);
  const parts = Array.from(sizes, (n) => Buffer.allocUnsafe(n));
  const stage = Buffer.allocUnsafe(each * size);
  const counts = new Int32Array(size);
  const displs = Int32Array.from({ length: size }, (_, i) => i * each);
  const rank = C.rank(h);
  for (let r = 0, rounds = roundsFor(sizes, each); r < rounds; r++) {
    sizes.forEach((n, i) => (counts[i] = piece(n, r, each)));
    const send = bytes.subarray(r * each, r * each + counts[rank]);
    C.Allgatherv(h, send, send.length, B, stage, counts, displs, B);
    parts.forEach((p, i) => place(p, stage.subarray(displs[i], displs[i] + counts[i]), r * each));
  }
  return parts.map((p, i) => loadsFrom(p, call, h, i));
}

export function alltoall(h: number, values: unknown, size: number): unknown[] {
  const own = pack(() => items('alltoall', values, size, false).map((v) => dumps(v, 'alltoall')));
  // Per pair: [the size for that rank, the largest size this rank sends]; the
  // second tells every rank the largest pair anywhere, so all agree on rounds.
  const parts = own.ok ? own.value : [];
  const most = own.ok ? Math.max(0, ...parts.map((p) => p.length)) : FAILED;
  const sent = new Float64Array(2 * size);
  for (let i = 0; i < size; i++) sent.set([own.ok ? parts[i].length : FAILED, most], 2 * i);
  const got = new Float64Array(2 * size);
  C.Alltoall(h, sent, 2, D, got, 2, D);
  const sizes = Float64Array.from({ length: size }, (_, i) => got[2 * i]);
  abandonIfFailed('alltoall', failedRanks(sizes), own);
  const largest = Math.max(...Array.from({ length: size }, (_, i) => got[2 * i + 1]));
  if (largest * size <= LIMIT) {
    const s = fitting(parts.map((p) => p.length)) as { counts: Int32Array; displs: Int32Array };
    const r = fitting(sizes) as { counts: Int32Array; displs: Int32Array };
    const out = Buffer.allocUnsafe(r.displs[size - 1] + r.counts[size - 1]);
    C.Alltoallv(h, Buffer.concat(parts), s.counts, s.displs, B, out, r.counts, r.displs, B);
    return split(out, r.counts, r.displs, 'alltoall', h);
  }
  const each = Math.floor(ROUND / size);
  const outs = Array.from(sizes, (n) => Buffer.allocUnsafe(n));
  const sendStage = Buffer.allocUnsafe(each * size);
  const recvStage = Buffer.allocUnsafe(each * size);
  const sc = new Int32Array(size);
  const rc = new Int32Array(size);
  const displs = Int32Array.from({ length: size }, (_, i) => i * each);
  for (let r = 0, rounds = Math.ceil(largest / each); r < rounds; r++) {
    parts.forEach((p, i) => {
      sc[i] = piece(p.length, r, each);
      place(sendStage, p.subarray(r * each, r * each + sc[i]), displs[i]);
    });
    sizes.forEach((n, i) => (rc[i] = piece(n, r, each)));
    C.Alltoallv(h, sendStage, sc, displs, B, recvStage, rc, displs, B);
    outs.forEach((o, i) => place(o, recvStage.subarray(displs[i], displs[i] + rc[i]), r * each));
  }
  return outs.map((o, i) => loadsFrom(o, 'alltoall', h, i));
}

/** Combines left to right in rank order, so non-commutative ops see ranks in order. */
function fold(values: unknown[], combine: OpFunction): unknown {
  let acc = values[0];
  for (let i = 1; i < values.length; i++) acc = combine(acc, values[i]);
  return acc;
}

export function reduce(h: number, value: unknown, combine: OpFunction, root: number, rank: number, size: number): unknown {
  const values = gather(h, value, root, rank, size, 'reduce');
  return values ? fold(values, combine) : undefined;
}

export function allreduce(h: number, value: unknown, combine: OpFunction, size: number): unknown {
  return fold(allgather(h, value, size, 'allreduce'), combine);
}

export function scan(h: number, value: unknown, combine: OpFunction, rank: number, size: number): unknown {
  return fold(allgather(h, value, size, 'scan').slice(0, rank + 1), combine);
}

export function exscan(h: number, value: unknown, combine: OpFunction, rank: number, size: number): unknown {
  const values = allgather(h, value, size, 'exscan');
  return rank === 0 ? undefined : fold(values.slice(0, rank), combine);
}



// ---- nonblocking collectives of values (beyond mpi4py) ----------------------
//
// Each is a Request of two stages: the sizes travel, then the bytes. MPI needs
// every rank to post collectives on a communicator in one order, but a first
// stage completes at a different moment on each rank. So on each communicator
// they form a queue, oldest first: only its head has posted (its first stage);
// the others are held, nothing posted. When the head's first stage completes it
// posts its second stage and leaves, and the next one posts its first. Every
// rank thus posts first, second, first, second … in the order the calls were
// made, and nothing in that waits: a stage completes from the progress engine
// (or a test), and posting never blocks. The uppercase nonblocking collectives
// (one MPI call each) queue alike. Only blocking calls block: wait() of a held
// request drives the older ones in order, waitall/waitsome/waitany wait for
// them along with the rest, and a blocking collective on the communicator (or
// Free) first drives the whole queue (flush).

interface Queued {
  req: Request;
  /** Posts the first MPI operation; cleared once posted. */
  start?: () => Stage;
  /** Whether a second stage follows, which must be posted before anything newer. */
  staged: boolean;
}

/** Per communicator: its queue of nonblocking collectives of values (never empty: deleted instead). */
const queues = new Map<number, Queued[]>();

/** Posts the collective now, or holds it behind the older ones on h. */
function enqueue(h: number, start: () => Stage, staged: boolean): Request {
  const queue = queues.get(h);
  if (!queue) {
    const stage = start() as { id: number; next: Next };
    const req = new Request(stage.id, stage.next, true);
    if (staged) {
      queues.set(h, [{ req, staged }]);
      req.onFinish = () => leave(h, req);
    }
    return req;
  }
  const req: Request = new Request(-1, nothing, true).holding({
    drive: (deadline) => drive(h, req, deadline),
    poke: () => poke(h, req),
    blocker: () => queues.get(h)?.[0].req,
  });
  req.onFinish = () => leave(h, req);
  queue.push({ req, start, staged });
  // Someone may await only this one: the head's first stage must move on without being waited for.
  queue[0].req.watchStage();
  return req;
}

/**
 * A collective of two stages. Its first stage's completion posts the second,
 * then lets the next collective on h post its first: the one place where
 * stages move on, and it never waits. own: this rank's packed value, whose
 * error the call throws (after posting FAILED, which fails the others).
 * across: an intercommunicator's, where no process learns every failure in one
 * stage, so every process posts the second stage (a failed one with no bytes):
 * this process's request, whose error the call throws, then completes unseen.
 */
/** @internal (lib/comm/intervalues.ts too) */
export function twoStage(h: number, own: Packed<unknown> | undefined, first: () => number, second: () => Stage, across = false): Request {
  let req: Request | undefined;
  const then: Next = () => {
    try {
      return second();
    } finally {
      leave(h, req as Request);
    }
  };
  req = enqueue(h, () => ({ id: first(), next: then }), true);
  if (own && !own.ok) {
    // Awaited, it moves through its stages with the progress engine, and is never reported as dropped.
    if (across) req.then(undefined, () => undefined);
    throw own.error;
  }
  return req;
}

/** req no longer orders what follows it (its second stage is posted, or it failed): the next one posts. */
function leave(h: number, req: Request): void {
  const queue = queues.get(h);
  const at = queue ? queue.findIndex((q) => q.req === req) : -1;
  if (!queue || at < 0) return;
  queue.splice(at, 1);
  if (at === 0) startHead(queue);
  if (queue.length === 0) queues.delete(h);
}

/** The new head posts its first stage; a collective of one stage (ibarrier) posts and leaves at once. */
function startHead(queue: Queued[]): void {
  while (queue.length > 0) {
    const head = queue[0];
    const start = head.start;
    if (!start) break; // posted already (a failure's leave() got here first)
    head.start = undefined;
    head.req.release(start);
    if (queue[0] !== head) continue; // it failed to post, and left
    if (head.staged) break;
    queue.shift();
  }
  if (queue.length > 1) queue[0].req.watchStage();
}

/** Blocks until req is posted (true): the older collectives on h complete their first stages in order; false once the deadline passes. */
function drive(h: number, req: Request, deadline?: number): boolean {
  while (req.held) if (!advanceHead(h, deadline)) return false;
  return true;
}

/** Without blocking: the older collectives on h move on as far as their first stages have completed. */
function poke(h: number, req: Request): void {
  while (req.held) {
    const head = (queues.get(h) as Queued[])[0].req;
    if (!head.stepIfDone()) return;
  }
}

/**
 * The head's first stage, waited for (until the deadline, if any: false when
 * it passes); its completion posts its second stage and the next one's first.
 */
function advanceHead(h: number, deadline?: number): boolean {
  const queue = queues.get(h) as Queued[];
  const head = queue[0];
  if (!head.req.advanceBy(deadline)) return false;
  // Moved past its first stage or finished: either way it left the queue.
  if (queue[0] === head) throw new Error('mpi4js: internal error: a nonblocking collective stayed at the head of its queue');
  return true;
}

/** Before any other collective on communicator h: the queued ones post all their stages, in order. */
export function flush(h: number): void {
  while (queues.has(h)) advanceHead(h);
}

/** A nonblocking collective of one MPI call (Ibarrier, Ibcast …), posted in order with the queued ones. */
export function nonblocking(h: number, post: () => number): Request {
  return enqueue(h, () => ({ id: post(), next: nothing }), false);
}

export function ibarrier(h: number): Request {
  return nonblocking(h, () => C.Ibarrier(h));
}

// As the blocking ones, a rank whose value cannot be sent still posts the first
// stage, with FAILED as its size, so every other rank's request fails; it throws
// its own error at the call (twoStage).

export function ibcast(h: number, value: unknown, root: number, rank: number): Request {
  const own = rank === root ? pack(() => dumpsSmall('ibcast', value)) : undefined;
  const size = Int32Array.of(own ? (own.ok ? own.value.length : FAILED) : 0);
  return twoStage(h, own, () => C.Ibcast(h, size, 1, I32, root), () => {
    abandonIfFailed('ibcast', size[0] < 0 ? [root] : [], own);
    const payload = own?.ok ? own.value : Buffer.allocUnsafe(size[0]);
    return { id: C.Ibcast(h, payload, size[0], B, root), next: () => ({ value: loadsFrom(payload, 'ibcast', h, root) }) };
  });
}

/** Stage two of igather: the bytes, then the values (at the root). */
function gathered(h: number, bytes: Uint8Array, counts: Int32Array | null, root: number, call: string, then: (values: unknown[] | undefined) => unknown): Stage {
  if (!counts) return { id: C.Igatherv(h, bytes, bytes.length, B, null, null, null, B, root), next: () => ({ value: then(undefined) }) };
  const { displs, total } = prefix(counts);
  const out = Buffer.allocUnsafe(total);
  return { id: C.Igatherv(h, bytes, bytes.length, B, out, counts, displs, B, root), next: () => ({ value: then(split(out, counts, displs, call, h)) }) };
}

export function igather(h: number, value: unknown, root: number, rank: number, size: number, then = (v: unknown[] | undefined): unknown => v, call = 'igather'): Request {
  const own = pack(() => dumpsSmall(call, value));
  const mine = Int32Array.of(own.ok ? own.value.length : FAILED);
  // Every rank learns every size (an allgather, not a gather): a failure, or a total over 2 GiB at the root, fails everywhere.
  const counts = new Int32Array(size);
  return twoStage(h, own, () => C.Iallgather(h, mine, 1, I32, counts, 1, I32), () => {
    checkGathered(call, counts, own);
    return gathered(h, (own as { value: Uint8Array }).value, rank === root ? counts : null, root, call, then);
  });
}

/** Throws on every rank when a rank failed, or when the values together pass 2 GiB. */
function checkGathered(call: string, counts: Int32Array, own: Packed<Uint8Array>): void {
  abandonIfFailed(call, Array.from(counts.keys()).filter((i) => counts[i] < 0), own);
  const total = counts.reduce((n, c) => n + c, 0);
  if (total > INT_MAX) throw overTwoGiB(call, total);
}

export function iscatter(h: number, values: unknown, root: number, rank: number, size: number): Request {
  const own = rank === root ? pack(() => serializeAll('iscatter', items('iscatter', values, size, true))) : undefined;
  const send = own?.ok ? own.value : null;
  const mine = new Int32Array(1);
  const counts = own ? (own.ok ? own.value.counts : new Int32Array(size).fill(FAILED)) : null;
  return twoStage(h, own, () => C.Iscatter(h, counts, 1, I32, mine, 1, I32, root), () => {
    abandonIfFailed('iscatter', mine[0] < 0 ? [root] : [], own);
    const out = Buffer.allocUnsafe(mine[0]);
    const id = C.Iscatterv(h, send ? send.payload : null, send?.counts ?? null, send?.displs ?? null, B, out, mine[0], B, root);
    return { id, next: () => ({ value: loadsFrom(out, 'iscatter', h, root) }) };
  });
}

export function iallgather(h: number, value: unknown, size: number, then = (v: unknown[]): unknown => v, call = 'iallgather'): Request {
  const own = pack(() => dumpsSmall(call, value));
  const mine = Int32Array.of(own.ok ? own.value.length : FAILED);
  const counts = new Int32Array(size);
  return twoStage(h, own, () => C.Iallgather(h, mine, 1, I32, counts, 1, I32), () => {
    checkGathered(call, counts, own);
    const bytes = (own as { value: Uint8Array }).value;
    const { displs, total } = prefix(counts);
    const out = Buffer.allocUnsafe(total);
    const id = C.Iallgatherv(h, bytes, bytes.length, B, out, counts, displs, B);
    return { id, next: () => ({ value: then(split(out, counts, displs, call, h)) }) };
  });
}

export function ialltoall(h: number, values: unknown, size: number): Request {
  const own = pack(() => serializeAll('ialltoall', items('ialltoall', values, size, false)));
  const counts = new Int32Array(size);
  // A rank that failed sends FAILED to every rank, so every rank learns it.
  const sendCounts = own.ok ? own.value.counts : new Int32Array(size).fill(FAILED);
  return twoStage(h, own, () => C.Ialltoall(h, sendCounts, 1, I32, counts, 1, I32), () => {
    abandonIfFailed('ialltoall', Array.from(counts.keys()).filter((i) => counts[i] < 0), own);
    const send = (own as { value: { payload: Buffer; counts: Int32Array; displs: Int32Array } }).value;
    const { displs, total } = prefix(counts);
    if (total > INT_MAX) throw overTwoGiB('ialltoall', total);
    const out = Buffer.allocUnsafe(total);
    const id = C.Ialltoallv(h, send.payload, send.counts, send.displs, B, out, counts, displs, B);
    return { id, next: () => ({ value: split(out, counts, displs, 'ialltoall', h) }) };
  });
}

export function ireduce(h: number, value: unknown, combine: OpFunction, root: number, rank: number, size: number): Request {
  return igather(h, value, root, rank, size, (values) => (values ? fold(values, combine) : undefined), 'ireduce');
}

export function iallreduce(h: number, value: unknown, combine: OpFunction, size: number): Request {
  return iallgather(h, value, size, (values) => fold(values, combine), 'iallreduce');
}

// --- largecount
/**
 * The I-form of a buffer v-variant whose counts some ranks cannot see (Igatherv,
 * Iscatterv, Ialltoallv), agreed as lib/comm/comm.ts's agreedV agrees the blocking
 * ones, in two stages through the hold queue: stage one an MPI_Iallreduce(MAX)
 * of this rank's flag (set when its counts or displacements do not fit: `error`,
 * from lib/comm/comm.ts's `vSides`); stage two `post()` (the collective itself), or,
 * when any rank set its flag, the RangeError on every rank's request. This
 * rank's own error is also thrown at the call, once stage one is posted so the
 * others learn of it (as a lowercase collective whose value cannot be sent).
 */
export function agreedV(h: number, call: string, error: RangeError | undefined, post: () => number): Request {
  const flag = Int32Array.of(error === undefined ? 0 : 1);
  const any = new Int32Array(1);
  const own: Packed<unknown> | undefined = error === undefined ? undefined : { ok: false, error };
  return twoStage(h, own, () => C.Iallreduce(h, flag, 1, I32, any, 1, I32, MAX.handle), () => {
    // Own error too: on an intercommunicator `any` is the other group's flag only.
    if (any[0] !== 0 || error !== undefined) throw error ?? anotherRanksCounts(call);
    return { id: post(), next: nothing };
  });
}

/** @internal The RangeError of a rank whose own v-variant counts fit, when another rank's do not. */
export function anotherRanksCounts(call: string): RangeError {
  return new RangeError(`${call}: another rank's counts or displacements do not fit in a C int (the v-variants take int counts and displacements here)`);
}

