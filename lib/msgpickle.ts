/**
 * Communication of JavaScript values (the lowercase calls), as mpi4py's
 * msgpickle does it: each value is serialized once (lib/pickle.ts) and moves as
 * bytes; sizes travel first wherever the receiver cannot probe for them.
 */
import { PROC_NULL } from './constants';
import { BYTE, INT32_T } from './datatype';
import { native } from './native';
import { OpFunction } from './op';
import { codecName, dumps, isFastPath, loads, PickleError } from './pickle';
import { Next, nothing, Request, Stage } from './request';
import { Status, statusBytes } from './status';

const C = native.comm;
const B = BYTE.handle;
const I32 = INT32_T.handle;

/** One length, the payload of every size exchange. */
const one = new Int32Array(1);

function prefix(counts: Int32Array): { displs: Int32Array; total: number } {
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
export function loadsFrom(bytes: Uint8Array | undefined, call: string, h: number, source: number): unknown {
  try {
    return loads(bytes);
  } catch (e) {
    throw new PickleError({ call, source, rank: C.rank(h), comm: C.getName(h) }, (bytes as Uint8Array)[0], codecName(), e);
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
function split(bytes: Uint8Array, counts: Int32Array, displs: Int32Array, call: string, h: number): unknown[] {
  return Array.from(counts, (n, i) => loadsFrom(bytes.subarray(displs[i], displs[i] + n), call, h, i));
}

function serializeAll(items: unknown[]): { payload: Buffer; counts: Int32Array; displs: Int32Array } {
  const parts = items.map(dumps);
  const counts = Int32Array.from(parts, (p) => p.length);
  return { payload: Buffer.concat(parts), counts, displs: prefix(counts).displs };
}

/**
 * The size items of a scatter or alltoall, from an array or any other iterable
 * (as mpi4py takes `list(sendobj)`). null or undefined at a scatter's root sends
 * undefined to every rank, as mpi4py's None does.
 */
export function items(call: string, values: unknown, size: number, nullable: boolean): unknown[] {
  if ((values === null || values === undefined) && nullable) return new Array(size).fill(undefined);
  const iterable = values !== null && typeof values === 'object' && Symbol.iterator in values;
  if (!iterable) throw new TypeError(`${call}: expecting an array of ${size} items, got ${values === null ? 'null' : typeof values}`);
  const list = Array.isArray(values) ? values : Array.from(values as Iterable<unknown>);
  if (list.length !== size) throw new RangeError(`${call}: expecting ${size} items (the communicator size), got ${list.length}`);
  return list;
}

// A value is serialized even for PROC_NULL, as mpi4py pickles before sending:
// a value that cannot be sent is refused whatever the destination.
export function send(h: number, value: unknown, dest: number, tag: number, sync: boolean): void {
  const bytes = dest === PROC_NULL ? (dumps(value), null) : dumps(value);
  (sync ? C.Ssend : C.Send)(h, bytes, bytes ? bytes.length : 0, B, dest, tag);
}

export function isend(h: number, value: unknown, dest: number, tag: number, sync: boolean): Request {
  const bytes = dest === PROC_NULL ? (dumps(value), null) : dumps(value);
  return new Request((sync ? C.Issend : C.Isend)(h, bytes, bytes ? bytes.length : 0, B, dest, tag));
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
  const sent = isend(h, value, dest, sendtag, false);
  const r = C.recvBytes(h, source, recvtag, senderStatus(status, source, 'sendrecv'), undefined, pool) as Buffer | number;
  const got = loadsFrom(received(r), 'sendrecv', h, sender(status, source));
  sent.wait();
  return got;
}

export function bcast(h: number, value: unknown, root: number, rank: number): unknown {
  let bytes = rank === root ? dumps(value) : undefined;
  one[0] = bytes ? bytes.length : 0;
  C.Bcast(h, one, 1, I32, root);
  bytes ??= Buffer.allocUnsafe(one[0]);
  C.Bcast(h, bytes, one[0], B, root);
  return loadsFrom(bytes, 'bcast', h, root);
}

export function gather(h: number, value: unknown, root: number, rank: number, size: number, call = 'gather'): unknown[] | undefined {
  const bytes = dumps(value);
  one[0] = bytes.length;
  const atRoot = rank === root;
  const counts = atRoot ? new Int32Array(size) : null;
  C.Gather(h, one, 1, I32, counts, 1, I32, root);
  if (!atRoot || !counts) {
    C.Gatherv(h, bytes, bytes.length, B, null, null, null, B, root);
    return undefined;
  }
  const { displs, total } = prefix(counts);
  const out = Buffer.allocUnsafe(total);
  C.Gatherv(h, bytes, bytes.length, B, out, counts, displs, B, root);
  return split(out, counts, displs, call, h);
}

export function scatter(h: number, values: unknown, root: number, rank: number, size: number): unknown {
  const atRoot = rank === root;
  const send = atRoot ? serializeAll(items('scatter', values, size, true)) : null;
  C.Scatter(h, send ? send.counts : null, 1, I32, one, 1, I32, root);
  const out = Buffer.allocUnsafe(one[0]);
  C.Scatterv(h, send ? send.payload : null, send?.counts ?? null, send?.displs ?? null, B, out, one[0], B, root);
  return loadsFrom(out, 'scatter', h, root);
}

export function allgather(h: number, value: unknown, size: number, call = 'allgather'): unknown[] {
  const bytes = dumps(value);
  one[0] = bytes.length;
  const counts = new Int32Array(size);
  C.Allgather(h, one, 1, I32, counts, 1, I32);
  const { displs, total } = prefix(counts);
  const out = Buffer.allocUnsafe(total);
  C.Allgatherv(h, bytes, bytes.length, B, out, counts, displs, B);
  return split(out, counts, displs, call, h);
}

export function alltoall(h: number, values: unknown, size: number): unknown[] {
  const send = serializeAll(items('alltoall', values, size, false));
  const counts = new Int32Array(size);
  C.Alltoall(h, send.counts, 1, I32, counts, 1, I32);
  const { displs, total } = prefix(counts);
  const out = Buffer.allocUnsafe(total);
  C.Alltoallv(h, send.payload, send.counts, send.displs, B, out, counts, displs, B);
  return split(out, counts, displs, 'alltoall', h);
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
// every rank to post collectives on a communicator in one order, but a second
// stage is posted when its first completes, which differs between ranks. So
// second stages are posted in the order their collectives began, and before
// any other collective on the communicator (flush).

/** Per communicator: two-stage collectives whose first stage is in flight, oldest first. */
const stageOne = new Map<number, Request[]>();

function twoStage(h: number, first: number, second: () => Stage): Request {
  let list = stageOne.get(h);
  if (!list) stageOne.set(h, (list = []));
  const queue = list;
  const req: Request = new Request(
    first,
    () => {
      while (queue[0] !== req) queue[0].advance(); // older ones post their second stage first
      queue.shift();
      if (queue.length === 0) stageOne.delete(h);
      return second();
    },
    true,
  );
  queue.push(req);
  return req;
}

/** Before any other collective on communicator h: post the pending second stages. */
export function flush(h: number): void {
  if (stageOne.size === 0) return;
  const queue = stageOne.get(h);
  while (queue && queue.length) queue[0].advance();
}

export function ibarrier(h: number): Request {
  return new Request(C.Ibarrier(h), nothing, true);
}

export function ibcast(h: number, value: unknown, root: number, rank: number): Request {
  const bytes = rank === root ? dumps(value) : undefined;
  const size = Int32Array.of(bytes ? bytes.length : 0);
  return twoStage(h, C.Ibcast(h, size, 1, I32, root), () => {
    const payload = bytes ?? Buffer.allocUnsafe(size[0]);
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
  const bytes = dumps(value);
  const mine = Int32Array.of(bytes.length);
  const counts = rank === root ? new Int32Array(size) : null;
  return twoStage(h, C.Igather(h, mine, 1, I32, counts, 1, I32, root), () => gathered(h, bytes, counts, root, call, then));
}

export function iscatter(h: number, values: unknown, root: number, rank: number, size: number): Request {
  const send = rank === root ? serializeAll(items('iscatter', values, size, true)) : null;
  const mine = new Int32Array(1);
  return twoStage(h, C.Iscatter(h, send ? send.counts : null, 1, I32, mine, 1, I32, root), () => {
    const out = Buffer.allocUnsafe(mine[0]);
    const id = C.Iscatterv(h, send ? send.payload : null, send?.counts ?? null, send?.displs ?? null, B, out, mine[0], B, root);
    return { id, next: () => ({ value: loadsFrom(out, 'iscatter', h, root) }) };
  });
}

export function iallgather(h: number, value: unknown, size: number, then = (v: unknown[]): unknown => v, call = 'iallgather'): Request {
  const bytes = dumps(value);
  const mine = Int32Array.of(bytes.length);
  const counts = new Int32Array(size);
  return twoStage(h, C.Iallgather(h, mine, 1, I32, counts, 1, I32), () => {
    const { displs, total } = prefix(counts);
    const out = Buffer.allocUnsafe(total);
    const id = C.Iallgatherv(h, bytes, bytes.length, B, out, counts, displs, B);
    return { id, next: () => ({ value: then(split(out, counts, displs, call, h)) }) };
  });
}

export function ialltoall(h: number, values: unknown, size: number): Request {
  const send = serializeAll(items('ialltoall', values, size, false));
  const counts = new Int32Array(size);
  return twoStage(h, C.Ialltoall(h, send.counts, 1, I32, counts, 1, I32), () => {
    const { displs, total } = prefix(counts);
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
