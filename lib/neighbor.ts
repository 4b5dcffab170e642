/**
 * The neighbour collectives of JavaScript values (Topocomm's lowercase
 * neighbor_allgather and neighbor_alltoall), as lib/msgpickle.ts moves values:
 * each is serialized once and moves as bytes, its size first (a
 * Neighbor_allgather or Neighbor_alltoall of one double per neighbour), then
 * the bytes (Neighbor_allgatherv or Neighbor_alltoallv).
 *
 * Between the two, one agreement over the whole communicator (a MAX of one int
 * flag): a value that cannot be serialized, or more bytes than a C int counts,
 * throws on EVERY rank rather than leaving the others in the second call —
 * neighbours alone would not tell ranks farther away.
 */
import { describe, detached, INT_MAX } from './args';
import { PROC_NULL } from './constants';
import { BYTE, DOUBLE } from './datatype';
import { loadsFrom } from './msgpickle';
import { native } from './native';
import { dumps } from './pickle';

const C = native.comm;
const B = BYTE.handle;
const D = DOUBLE.handle;

/** The agreement's flags, the largest wins: everything fits; too many bytes; a value could not be serialized. */
const OK = 0;
const TOO_LARGE = 1;
const FAILED = 2;

/** Counts and displacements of byte sizes, and their total. */
function layout(sizes: ArrayLike<number>): { counts: Int32Array; displs: Int32Array; total: number } {
  const counts = new Int32Array(sizes.length);
  const displs = new Int32Array(sizes.length);
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    displs[i] = Math.min(total, INT_MAX);
    counts[i] = Math.min(sizes[i], INT_MAX);
    total += sizes[i];
  }
  return { counts, displs, total };
}

/** Throws on every rank unless every rank's flag is OK. */
function agree(h: number, call: string, flag: number, own: unknown, failed: boolean): void {
  const any = C.agreeMax(h, flag);
  if (any === OK) return;
  if (failed) throw own;
  if (any === FAILED) throw new Error(`${call}: a rank could not send its value (it raised the error there); the ${call} is abandoned on every rank`);
  throw new RangeError(`${call}: more than 2 GiB of values on one side of a rank's neighbour exchange; the ${call} is abandoned on every rank`);
}

/** The values received, one per in-neighbour: undefined from PROC_NULL (nothing arrives from there). */
function decode(call: string, h: number, bytes: Uint8Array, counts: Int32Array, displs: Int32Array, inedges: number[]): unknown[] {
  return inedges.map((source, i) => (source === PROC_NULL ? undefined : loadsFrom(bytes.subarray(displs[i], displs[i] + counts[i]), call, h, source)));
}

export function allgather(h: number, value: unknown, inedges: number[]): unknown[] {
  const call = 'neighbor_allgather';
  let bytes: Uint8Array = new Uint8Array(0);
  let error: unknown;
  let failed = false;
  try {
    bytes = dumps(value, call);
  } catch (e) {
    [error, failed] = [e, true];
  }
  const sizes = new Float64Array(inedges.length);
  C.Neighbor_allgather(h, new Float64Array([failed ? -1 : bytes.length]), 1, D, sizes, 1, D);
  const { counts, displs, total } = layout(sizes);
  const flag = failed || sizes.some((n) => n < 0) ? FAILED : total > INT_MAX ? TOO_LARGE : OK;
  agree(h, call, flag, error, failed);
  const out = Buffer.allocUnsafe(total);
  C.Neighbor_allgatherv(h, bytes, bytes.length, B, out, counts, displs, B);
  return decode(call, h, out, counts, displs, inedges);
}

/** The outdegree items of sendobj, from an array or any other iterable (as mpi4py takes `list(sendobj)`). */
function items(call: string, values: unknown, outdegree: number): unknown[] {
  const iterable = values !== null && typeof values === 'object' && Symbol.iterator in values;
  if (!iterable) throw new TypeError(`${call}: expecting an array of ${outdegree} items (one per out-neighbour), got ${describe(values)}`);
  if (ArrayBuffer.isView(values) && values.byteLength === 0 && detached(values.buffer)) throw new TypeError(`${call}: sendobj is a detached ${describe(values)}`);
  const list = Array.isArray(values) ? values : Array.from(values as Iterable<unknown>);
  if (list.length !== outdegree) throw new RangeError(`${call}: expecting ${outdegree} items (one per out-neighbour), got ${list.length}`);
  return list;
}

export function alltoall(h: number, values: unknown, inedges: number[], outdegree: number): unknown[] {
  const call = 'neighbor_alltoall';
  let parts: Uint8Array[] = [];
  let error: unknown;
  let failed = false;
  // A wrong sendobj fails like a value that cannot be serialized: on every rank, after the size exchange.
  try {
    parts = items(call, values, outdegree).map((v) => dumps(v, call));
  } catch (e) {
    [error, failed] = [e, true];
  }
  const sent = Float64Array.from({ length: outdegree }, (_, i) => (failed ? -1 : parts[i].length));
  const sizes = new Float64Array(inedges.length);
  C.Neighbor_alltoall(h, sent, 1, D, sizes, 1, D);
  const s = layout(failed ? new Float64Array(outdegree) : sent);
  const r = layout(sizes);
  const flag = failed || sizes.some((n) => n < 0) ? FAILED : s.total > INT_MAX || r.total > INT_MAX ? TOO_LARGE : OK;
  agree(h, call, flag, error, failed);
  const out = Buffer.allocUnsafe(r.total);
  C.Neighbor_alltoallv(h, Buffer.concat(parts), s.counts, s.displs, B, out, r.counts, r.displs, B);
  return decode(call, h, out, r.counts, r.displs, inedges);
}
