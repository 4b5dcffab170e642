/**
 * The options objects of the communicator methods: mpi4py's keywords, one object
 * in place of the trailing arguments (lib/args.ts reads them), and the defaults
 * each call fills in, as mpi4py's signatures give them.
 */
import * as A from '../args';
import type { BufSpec } from '../buffer';
import { ANY_SOURCE, ANY_TAG } from '../constants';
import { OpLike, SUM } from '../op';
import type { Status } from '../status';
import type { Group } from '../group';
import { Info, INFO_NULL } from '../info';

/** Options of calls that send: `{dest, tag}`. */
export interface SendOptions {
  dest: number;
  tag?: number;
}

/** Options of calls that receive or probe: `{source, tag, status, timeout}`. */
export interface RecvOptions {
  source?: number;
  tag?: number;
  status?: Status;
  /** Milliseconds to wait before throwing MPI.TimeoutError; nothing is half-received. */
  timeout?: number;
}

/** Options of nonblocking receives: `{source, tag, timeout, signal}`. */
export interface IrecvOptions {
  source?: number;
  tag?: number;
  /** Milliseconds until the receive is cancelled and the Request rejects with MPI.TimeoutError. */
  timeout?: number;
  /** Aborting cancels the receive; the Request rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options of sendrecv and Sendrecv. */
export interface SendrecvOptions {
  dest: number;
  sendtag?: number;
  source?: number;
  recvtag?: number;
  status?: Status;
}

/** The options that may stand in place of a send's tag: `comm.send(x, 1, {tag: 5})`. */
export interface TagOptions {
  tag?: number;
}

/** The options that may stand in place of a receive's tag: `comm.recv(0, {tag: 5, status})`. */
export type RecvTagOptions = Omit<RecvOptions, 'source'>;

/** The options that may stand in place of a receive's status: `comm.recv(0, 5, {status, timeout})`. */
export type StatusOptions = Pick<RecvOptions, 'status' | 'timeout'>;

/** The options that may stand in place of an irecv's tag: `comm.irecv(0, {tag: 5, timeout})`. */
export type IrecvTagOptions = Omit<IrecvOptions, 'source'>;

/** Options of Sendrecv: sendrecv's and the buffer to receive into. */
export interface BufSendrecvOptions extends SendrecvOptions {
  recvbuf?: BufSpec;
}

/** Options of Split: `{color, key}`. */
export interface SplitOptions {
  color?: number;
  key?: number;
}

/** Options of Split_type: `{split_type, key, info}`. */
export interface SplitTypeOptions {
  split_type: number;
  key?: number;
  info?: Info;
}

/** Options of Create_cart: `{dims, periods, reorder}`. */
export interface CartOptions {
  dims: ArrayLike<number>;
  periods?: ArrayLike<boolean | number> | boolean | null;
  reorder?: boolean;
}

/** Options of rooted collectives: `{root}`. */
export interface RootOptions {
  root?: number;
}

/** Options of reductions: `{op, root}`. */
export interface ReduceOptions {
  op?: OpLike;
  root?: number;
}

/** Options of Reduce_scatter: `{recvcounts, op}`. */
export interface ReduceScatterOptions {
  recvcounts?: ArrayLike<number> | null;
  op?: OpLike;
}

/** Options of reductions without a root: `{op}`. */
export interface OpOptions {
  op?: OpLike;
}

// --- the defaults (@internal). dest has no default: undefined here, typed as the
// number it must become, so that a missing dest is a TypeError (A.options,
// A.dest), as in mpi4py.

/** @internal */
export const SEND = { dest: undefined as unknown as number, tag: 0 };
/** @internal */
export const RECV = { source: ANY_SOURCE, tag: ANY_TAG, status: undefined as Status | undefined, timeout: undefined as number | undefined };
/** @internal */
export const IRECV = { source: ANY_SOURCE, tag: ANY_TAG, timeout: undefined as number | undefined, signal: undefined as AbortSignal | undefined };
/** @internal */
export const SENDRECV = { dest: undefined as unknown as number, sendtag: 0, source: ANY_SOURCE, recvtag: ANY_TAG, status: undefined as Status | undefined };

/**
 * @internal The lowercase sendrecv's arguments, positional or options, with
 * their defaults (Comm.sendrecv, pkl5's). Positional calls skip the normalizer
 * (about 0.35 µs a call).
 */
export function sendrecvArgs(call: string, dest: unknown, sendtag: unknown, source: unknown, recvtag: unknown, status: unknown): { dest: number; sendtag: number; source: number; recvtag: number; status: Status | undefined } {
  return A.isOptions(dest) || A.isOptions(sendtag) || A.isOptions(source) || A.isOptions(recvtag) || A.isOptions(status)
    ? A.trailing(call, SENDRECV, [dest, sendtag, source, recvtag, status])
    : { dest: dest as number, sendtag: (sendtag === undefined ? 0 : sendtag) as number, source: (source === undefined ? ANY_SOURCE : source) as number, recvtag: (recvtag === undefined ? ANY_TAG : recvtag) as number, status: status as Status | undefined };
}
/** @internal */
export const PROBE = { source: ANY_SOURCE, tag: ANY_TAG, status: undefined as Status | undefined };
/** @internal */
export const BUF_SENDRECV = {
  dest: undefined as unknown as number, sendtag: 0, recvbuf: null as BufSpec, source: ANY_SOURCE, recvtag: ANY_TAG, status: undefined as Status | undefined,
};
/** @internal */
export const ROOT = { root: 0 };
/** @internal */
export const ISENDRECV = { dest: undefined as unknown as number, sendtag: 0, recvbuf: null as BufSpec, source: ANY_SOURCE, recvtag: ANY_TAG };
/** @internal */
export const ISENDRECV_REPLACE = { dest: undefined as unknown as number, sendtag: 0, source: ANY_SOURCE, recvtag: ANY_TAG };
/** @internal */
export const REDUCE_SCATTER = { recvcounts: null as ArrayLike<number> | null, op: SUM as OpLike };
/** @internal */
export const SPLIT = { color: 0, key: 0 };
/** @internal */
export const SPLIT_TYPE = { split_type: undefined as unknown as number, key: 0, info: INFO_NULL as Info };
/** @internal */
export const CART = { dims: undefined as unknown as ArrayLike<number>, periods: undefined as ArrayLike<boolean | number> | boolean | null | undefined, reorder: false };
/** @internal */
export const REDUCE = { op: SUM as OpLike, root: 0 };
/** @internal */
export const OP = { op: SUM as OpLike };
// --- info objects and communicator creation (issue 13)
/** Options of Create_group: `{group, tag}`. */
export interface CreateGroupOptions {
  group: Group;
  tag?: number;
}
/** @internal */
export const CREATE_GROUP = { group: undefined as unknown as Group, tag: 0 };
