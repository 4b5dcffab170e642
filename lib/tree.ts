/**
 * The lowercase reductions on a tree, as mpi4py's default `fast_reduce` path
 * (msgpickle.pxi's PyMPI_reduce_p2p, PyMPI_scan_p2p, PyMPI_exscan_p2p): every
 * rank receives O(log p) values instead of the root receiving p (the
 * gather-then-fold path of lib/msgpickle.ts, kept for `MPI.rc.fast_reduce =
 * false`). Every combination joins two adjacent runs of ranks, lower run first,
 * so an associative op that does not commute gives the serial left fold's result.
 *
 * The messages travel point to point on a private duplicate of the
 * communicator (made at its first tree reduction, freed with it), so they never
 * match a user's receive, whatever its source or tag. Values are serialized as
 * every lowercase message is (lib/pickle.ts).
 *
 * Failures never leave a rank waiting: a value that cannot be serialized fails
 * the call on every rank, as on the gather path (one agreement, an int
 * MPI_Allreduce, before the tree); an op, a decode or a re-serialization that
 * throws mid-tree sends a failure mark along the edge it should have sent a value
 * on, so every rank still sends and receives exactly its schedule's messages. The
 * rank that raised throws its own error; the ranks whose result depended on it
 * an Error naming it; the others return.
 */
import { ANY_TAG } from './constants';
import { INT32_T } from './datatype';
import type * as Environment from './environment';
import { native } from './native';
import * as P from './msgpickle';
import { OpFunction } from './op';
import { bcastSteps, reduceSteps, scanPartners } from './tree-schedule';
import { dumps, loads } from './pickle';
import { Request } from './request';
import { Status } from './status';

const C = native.comm;

// ---- the private communicators ----------------------------------------------

/** Per communicator id: its private duplicate, where the tree's messages go. */
const privates = new Map<number, number>();

/**
 * @internal The private duplicate of communicator h, made at its first use
 * (MPI_Comm_dup: collective, as the reduction calling it is).
 */
export function privateComm(h: number): number {
  let d = privates.get(h);
  if (d === undefined) {
    d = C.Dup(h);
    privates.set(h, d);
  }
  return d;
}

/** Per intercommunicator id: an intracommunicator of its local group (pkl5's bcast across groups). */
const locals = new Map<number, number>();

/**
 * @internal An intracommunicator of intercommunicator h's local group (as
 * mpi4py's `_commctx_inter` localcomm), made at its first use from h's private
 * duplicate (collective over both groups, as the call needing it is): merged,
 * then split by group. MPI orders a merge of equal `high`s as it likes, so
 * each group learns which one holds the merged rank 0 from the other group
 * (an intercommunicator's allreduce gives the remote group's result).
 */
export function localComm(h: number): number {
  let l = locals.get(h);
  if (l === undefined) {
    const d = privateComm(h);
    const merged = C.Intercomm_merge(d, false);
    const first = C.agreeMax(d, C.rank(merged) === 0 ? 1 : 0) === 0;
    l = C.Split(merged, first ? 0 : 1, C.rank(d));
    C.Free(merged);
    locals.set(h, l);
  }
  return l;
}

/** @internal Frees h's private duplicate and local communicator, if it has them: Comm.Free calls this first. */
export function release(h: number): void {
  const l = locals.get(h);
  if (l !== undefined) {
    locals.delete(h);
    C.Free(l);
  }
  const d = privates.get(h);
  if (d === undefined) return;
  privates.delete(h);
  C.Free(d);
}

/** @internal Values this process received through the tree (bench/tree.ts reads it: O(log p) a call). */
export const stats = { received: 0 };

// ---- the messages -------------------------------------------------------------

/** A value's tag on the private communicator; FAIL marks a failure mark (a Failure, as a value). */
const VALUE = 1;
const FAIL = 2;

/**
 * What a rank holds and sends: a value (decoded from its bytes at most once,
 * serialized at most once), or the ranks that raised upstream of it.
 */
interface Part {
  has: boolean;
  value?: unknown;
  bytes?: Uint8Array;
  raised?: Failure;
}

/**
 * The ranks that raised upstream, and the first error's class and message:
 * the ranks depending on them throw an error of that class (a TypeError from
 * MPI.SUM of operands it cannot add is a TypeError on every rank, as when
 * every rank folded for itself).
 */
interface Failure {
  ranks: number[];
  name: string;
  message: string;
}
const ofBytes = (bytes: Uint8Array): Part => ({ has: false, bytes });
const ofValue = (value: unknown): Part => ({ has: true, value });
const failure = (raised: Failure): Part => ({ has: false, raised });

/** One tree reduction's state on this rank: its call, the private communicator, and its own error, if it raised. */
class Run {
  own?: { error: unknown };
  private readonly status = new Status();
  constructor(readonly call: string, readonly d: number, readonly rank: number, private readonly combine: OpFunction) {}

  /** The value of p, decoded at most once (a decode that throws fails p at this rank). */
  value(p: Part): Part {
    if (p.raised || p.has) return p;
    try {
      p.value = P.loadsFrom(p.bytes, this.call, this.d, this.rank);
      p.has = true;
      return p;
    } catch (e) {
      return this.raise(e);
    }
  }

  /** p's bytes, serialized at most once (a serialization that throws fails p at this rank). */
  bytes(p: Part): { tag: number; bytes: Uint8Array } {
    if (p.raised) return { tag: FAIL, bytes: dumps(p.raised, this.call) };
    if (p.bytes === undefined) {
      try {
        p.bytes = dumps(p.value, this.call);
      } catch (e) {
        return this.bytes(this.raise(e));
      }
    }
    return { tag: VALUE, bytes: p.bytes };
  }

  /** This rank raised e: it keeps the first error to throw, and sends a failure mark from here on. */
  raise(e: unknown): Part {
    this.own ??= { error: e };
    const err = e as Error | undefined;
    return failure({ ranks: [this.rank], name: err instanceof TypeError ? 'TypeError' : err instanceof RangeError ? 'RangeError' : 'Error', message: String(err?.message ?? e) });
  }

  /** a then b (a's run before b's), through the op; a failure on either side, or in the op, is a failure. */
  join(a: Part, b: Part): Part {
    if (a.raised || b.raised) return failure({ ...(a.raised ?? b.raised as Failure), ranks: union(a.raised?.ranks, b.raised?.ranks) });
    a = this.value(a);
    b = this.value(b);
    if (a.raised || b.raised) return this.join(a, b);
    try {
      return ofValue(this.combine(a.value, b.value));
    } catch (e) {
      return this.raise(e);
    }
  }

  send(p: Part, peer: number): void {
    const m = this.bytes(p);
    C.sendBytes(this.d, m.bytes, peer, m.tag, false);
  }

  /** Posts p's send to peer (for an exchange), to be waited for after the receive. */
  isend(p: Part, peer: number): Request {
    const m = this.bytes(p);
    return new Request(C.isendBytes(this.d, m.bytes, peer, m.tag, false));
  }

  recv(peer: number): Part {
    const bytes = C.recvBytes(this.d, peer, ANY_TAG, this.status.bytes) as Buffer;
    stats.received++;
    if (this.status.tag !== FAIL) return ofBytes(bytes);
    return failure(P.loadsFrom(bytes, this.call, this.d, peer) as Failure);
  }

  /** The result: this rank's own error, an Error naming the ranks that raised upstream, or the value. */
  result(p: Part): unknown {
    if (this.own) throw this.own.error;
    p = this.value(p);
    if (this.own) throw (this.own as { error: unknown }).error;
    if (p.raised) {
      const { ranks: r, name, message } = p.raised;
      const who = r.length === 1 ? `rank ${r[0]}` : `ranks ${r.join(', ')}`;
      const Class = name === 'TypeError' ? TypeError : name === 'RangeError' ? RangeError : Error;
      const what = message.startsWith(`${this.call}: `) ? message.slice(this.call.length + 2) : message;
      throw new Class(`${this.call}: the reduction raised an error on ${who}, which this rank's result depends on: ${what}`);
    }
    return p.value;
  }
}

/** A received part once more, to be decoded apart. */
function again(p: Part): Part {
  return p.raised ? p : ofBytes(p.bytes as Uint8Array);
}

function union(a: number[] = [], b: number[] = []): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * This rank's value serialized; throws on every rank when some rank's value
 * cannot be (as the gather path does): its own error there, an Error naming
 * it elsewhere. One int MPI_Allreduce on the private communicator; an
 * allgather of flags only when something failed, to name the ranks.
 */
function agreed(call: string, d: number, value: unknown, size: number): Uint8Array {
  const own = P.pack(() => dumps(value, call));
  if (size > 1 && C.agreeMax(d, own.ok ? 0 : 1) !== 0) {
    const flags = new Int32Array(size);
    C.Allgather(d, Int32Array.of(own.ok ? 0 : -1), 1, INT32_T.handle, flags, 1, INT32_T.handle);
    P.abandonIfFailed(call, Array.from(flags.keys()).filter((i) => flags[i] < 0), own);
  }
  if (!own.ok) throw own.error;
  return own.value;
}

/** Walks the reduction tree to root: the combined value at root (a Part), undefined elsewhere. */
function toRoot(run: Run, mine: Part, rank: number, size: number, root: number): Part | undefined {
  let acc = mine;
  for (const s of reduceSteps(rank, size, root)) {
    if (s.send) {
      run.send(acc, s.peer);
      return undefined;
    }
    const got = run.recv(s.peer);
    acc = s.left ? run.join(got, acc) : run.join(acc, got);
  }
  return acc;
}

// ---- the reductions (lib/msgpickle.ts's signatures, h the user's communicator) ----

export function reduce(h: number, value: unknown, combine: OpFunction, root: number, rank: number, size: number): unknown {
  const d = privateComm(h);
  const run = new Run('reduce', d, rank, combine);
  const acc = toRoot(run, ofBytes(agreed('reduce', d, value, size)), rank, size, root);
  if (acc === undefined) {
    if (run.own) throw run.own.error;
    return undefined;
  }
  return run.result(acc);
}

export function allreduce(h: number, value: unknown, combine: OpFunction, size: number): unknown {
  const d = privateComm(h);
  const rank = C.rank(d);
  const run = new Run('allreduce', d, rank, combine);
  // Reduce to rank 0, then broadcast its bytes down the same tree (forwarded as they came, never re-serialized).
  let acc = toRoot(run, ofBytes(agreed('allreduce', d, value, size)), rank, size, 0);
  for (const s of bcastSteps(rank, size, 0)) {
    if (s.send) run.send(acc as Part, s.peer);
    else acc = run.recv(s.peer);
  }
  return run.result(acc as Part);
}

export function scan(h: number, value: unknown, combine: OpFunction, rank: number, size: number): unknown {
  return prefix('scan', h, value, combine, rank, size, true);
}

export function exscan(h: number, value: unknown, combine: OpFunction, rank: number, size: number): unknown {
  return prefix('exscan', h, value, combine, rank, size, false);
}

/**
 * Recursive doubling: with partner rank ^ 2^k, exchange the combined value of
 * this rank's block of 2^k ranks (`block`); the higher rank prepends the lower
 * block to its block and to its prefix. inclusive: the prefix starts with this
 * rank's own value (scan), else empty (exscan: rank 0 gets undefined).
 */
function prefix(call: string, h: number, value: unknown, combine: OpFunction, rank: number, size: number, inclusive: boolean): unknown {
  const d = privateComm(h);
  const run = new Run(call, d, rank, combine);
  const own = agreed(call, d, value, size);
  // The block and the prefix are decoded apart, as is a received value used in both: an op may modify its arguments.
  let block = ofBytes(own);
  let result: Part | undefined = inclusive ? ofBytes(own) : undefined;
  for (const peer of scanPartners(rank, size)) {
    const sent = run.isend(block, peer);
    const got = run.recv(peer);
    sent.wait();
    if (rank > peer) {
      result = result === undefined ? again(got) : run.join(again(got), result);
      block = run.join(got, block);
    } else {
      block = run.join(block, got);
    }
  }
  if (result === undefined) {
    if (run.own) throw run.own.error;
    return undefined;
  }
  return run.result(result);
}

/** @internal The reductions rc.fast_reduce selects: this tree, or lib/msgpickle.ts's gather-then-fold. */
export function reductions(): Pick<typeof P, 'reduce' | 'allreduce' | 'scan' | 'exscan'> {
  // Read at call time: loading lib/environment.ts initialises MPI, which loading
  // the communicator classes must not do (in-process unit tests load them).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { rc } = require('./environment') as typeof Environment;
  return rc.fast_reduce ? tree : P;
}

const tree = { reduce, allreduce, scan, exscan };
