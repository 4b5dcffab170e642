/**
 * The lowercase collectives of an intercommunicator (lib/comm/intercomm.ts): as
 * lib/msgpickle.ts moves values within one group, but across two, as mpi4py's
 * msgpickle does: MPI.ROOT sends or receives for its group, the root's other
 * processes pass MPI.PROC_NULL and take no part, the other group names the
 * root's rank. Each is three steps: the sizes travel (a buffer collective);
 * every process of both groups agrees whether anything failed (a value that
 * cannot be serialized, or a total over the byte limit), so all throw or none
 * does; then the bytes travel (a v-variant).
 */
import { INT_MAX } from '../args';
import { PROC_NULL, ROOT } from '../constants';
import { BYTE, DOUBLE, INT32_T } from '../datatype';
import * as P from '../msgpickle';
import { items, loadsFrom } from '../msgpickle';
import { native } from '../native';
import type { OpFunction } from '../op';
import { dumps } from '../pickle';
import type { Request } from '../request';

const C = native.comm;
const B = BYTE.handle;
const D = DOUBLE.handle;
/** A size that stands for a value its process could not serialize. */
const FAILED = -1;
/** What a process found wrong, agreed as the largest: nothing, a failed value, too many bytes. */
const OK = 0;
const BAD_VALUE = 1;
const TOO_BIG = 2;

/** Serialization, or the error it threw. */
type Packed<T> = { ok: true; value: T } | { ok: false; error: unknown };
function pack<T>(f: () => T): Packed<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The largest flag of every process of both groups. MPI_Allreduce on an
 * intercommunicator gives each group the other's: a second round, with the
 * first folded in, gives every process both (lib/comm/comm.ts agreedV alike).
 */
function agree(h: number, flag: number): number {
  return C.agreeMax(h, Math.max(flag, C.agreeMax(h, flag)));
}

/** After the agreement: throws on every process when any found something wrong. */
function settle(h: number, call: string, mine: number, own: Packed<unknown> | undefined): void {
  const worst = agree(h, mine);
  if (worst === OK) return;
  if (own && !own.ok) throw own.error;
  if (worst === TOO_BIG) throw new RangeError(`${call}: the values together pass ${C.bytesLimit} bytes, more than an intercommunicator's ${call} moves in one call; the ${call} is abandoned on every process`);
  throw new Error(`${call}: a process could not send its value (it raised the error there); the ${call} is abandoned on every process`);
}

/** What a process that receives sizes finds in them. */
function check(sizes: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] < 0) return BAD_VALUE;
    total += sizes[i];
  }
  return total > Math.min(C.bytesLimit, INT_MAX) ? TOO_BIG : OK;
}

function prefix(counts: Float64Array): { counts: Int32Array; displs: Int32Array; total: number } {
  const c = Int32Array.from(counts);
  const displs = new Int32Array(c.length);
  let total = 0;
  for (let i = 0; i < c.length; i++) {
    displs[i] = total;
    total += c[i];
  }
  return { counts: c, displs, total };
}

function split(bytes: Uint8Array, counts: Int32Array, displs: Int32Array, call: string, h: number): unknown[] {
  return Array.from(counts, (n, i) => loadsFrom(bytes.subarray(displs[i], displs[i] + n), call, h, i));
}

/** The root's value on the other group; undefined at MPI.ROOT and MPI.PROC_NULL (mpi4py's None). */
export function bcast(h: number, value: unknown, root: number): unknown {
  const own = root === ROOT ? pack(() => dumps(value, 'bcast')) : undefined;
  const n = Float64Array.of(own ? (own.ok ? own.value.length : FAILED) : 0);
  C.Bcast(h, n, 1, D, root);
  const receives = root !== ROOT && root !== PROC_NULL;
  // Any size: bcastBytes moves it in pieces.
  settle(h, 'bcast', (own && !own.ok) || n[0] < 0 ? BAD_VALUE : OK, own);
  const bytes = own?.ok ? own.value : Buffer.allocUnsafe(receives ? n[0] : 0);
  C.bcastBytes(h, bytes, root);
  return receives ? loadsFrom(bytes, 'bcast', h, root) : undefined;
}

/** The other group's values in rank order at MPI.ROOT; undefined elsewhere. */
export function gather(h: number, value: unknown, root: number, remote: number, call = 'gather'): unknown[] | undefined {
  const sends = root !== ROOT && root !== PROC_NULL;
  const own = sends ? pack(() => dumps(value, call)) : undefined;
  const mine = Float64Array.of(own ? (own.ok ? own.value.length : FAILED) : 0);
  const sizes = root === ROOT ? new Float64Array(remote) : null;
  C.Gather(h, sends ? mine : null, sends ? 1 : 0, D, sizes, sizes ? 1 : 0, D, root);
  settle(h, call, own ? (own.ok ? OK : BAD_VALUE) : sizes ? check(sizes) : OK, own);
  const bytes = own?.ok ? own.value : null;
  if (!sizes) {
    C.Gatherv(h, bytes, bytes ? bytes.length : 0, B, null, null, null, B, root);
    return undefined;
  }
  const { counts, displs, total } = prefix(sizes);
  const out = Buffer.allocUnsafe(total);
  C.Gatherv(h, null, 0, B, out, counts, displs, B, root);
  return split(out, counts, displs, call, h);
}

/** Item i of MPI.ROOT's array on process i of the other group; undefined at MPI.ROOT and MPI.PROC_NULL. */
export function scatter(h: number, values: unknown, root: number, remote: number): unknown {
  const own = root === ROOT ? pack(() => items('scatter', values, remote, true).map((v) => dumps(v, 'scatter'))) : undefined;
  const receives = root !== ROOT && root !== PROC_NULL;
  const sizes = own ? Float64Array.from(own.ok ? own.value.map((p) => p.length) : new Array(remote).fill(FAILED)) : null;
  const mine = new Float64Array(1);
  C.Scatter(h, sizes, sizes ? 1 : 0, D, receives ? mine : null, receives ? 1 : 0, D, root);
  settle(h, 'scatter', own ? (own.ok ? check(sizes as Float64Array) : BAD_VALUE) : receives ? check(mine) : OK, own);
  if (own?.ok) {
    const { counts, displs } = prefix(sizes as Float64Array);
    C.Scatterv(h, Buffer.concat(own.value), counts, displs, B, null, 0, B, root);
    return undefined;
  }
  const out = Buffer.allocUnsafe(receives ? mine[0] : 0);
  C.Scatterv(h, null, null, null, B, out, out.length, B, root);
  return receives ? loadsFrom(out, 'scatter', h, root) : undefined;
}

/** The other group's values in rank order, on every process. */
export function allgather(h: number, value: unknown, remote: number, call = 'allgather'): unknown[] {
  const own = pack(() => dumps(value, call));
  const mine = Float64Array.of(own.ok ? own.value.length : FAILED);
  const sizes = new Float64Array(remote);
  C.Allgather(h, mine, 1, D, sizes, 1, D);
  settle(h, call, own.ok ? check(sizes) : BAD_VALUE, own);
  const bytes = (own as { value: Uint8Array }).value;
  const { counts, displs, total } = prefix(sizes);
  const out = Buffer.allocUnsafe(total);
  C.Allgatherv(h, bytes, bytes.length, B, out, counts, displs, B);
  return split(out, counts, displs, call, h);
}

/** Item i of every process's array goes to process i of the other group. */
export function alltoall(h: number, values: unknown, remote: number): unknown[] {
  const own = pack(() => items('alltoall', values, remote, false).map((v) => dumps(v, 'alltoall')));
  const sent = own.ok ? Float64Array.from(own.value, (p) => p.length) : new Float64Array(remote).fill(FAILED);
  const sizes = new Float64Array(remote);
  C.Alltoall(h, sent, 1, D, sizes, 1, D);
  settle(h, 'alltoall', own.ok ? Math.max(check(sizes), check(sent)) : BAD_VALUE, own);
  const parts = (own as { value: Uint8Array[] }).value;
  const s = prefix(sent);
  const r = prefix(sizes);
  const out = Buffer.allocUnsafe(r.total);
  C.Alltoallv(h, Buffer.concat(parts), s.counts, s.displs, B, out, r.counts, r.displs, B);
  return split(out, r.counts, r.displs, 'alltoall', h);
}

/** Combines left to right in rank order, so non-commutative ops see ranks in order. */
function fold(values: unknown[], combine: OpFunction): unknown {
  let acc = values[0];
  for (let i = 1; i < values.length; i++) acc = combine(acc, values[i]);
  return acc;
}

/** The other group's values combined, at MPI.ROOT; undefined elsewhere. */
export function reduce(h: number, value: unknown, combine: OpFunction, root: number, remote: number): unknown {
  const values = gather(h, value, root, remote, 'reduce');
  return values ? fold(values, combine) : undefined;
}

/** The other group's values combined, on every process (mpi4py's allreduce across groups). */
export function allreduce(h: number, value: unknown, combine: OpFunction, remote: number): unknown {
  return fold(allgather(h, value, remote, 'allreduce'), combine);
}

// ---- nonblocking: the same across two groups, in two stages (lib/msgpickle.ts's queue) ----
//
// Within one group every rank learns every failure in the first stage, and all
// skip the second. Across two, a process learns only what the other group sent
// it, so every process posts the second stage (a process whose value failed,
// with no bytes) and the failure shows where it matters: at the processes that
// receive from the failed one, whose requests reject. The one that failed throws
// at the call, as within a group. Open MPI skips an MPI_Ibcast of count 0 at the
// call, without taking its turn on the communicator, so every MPI_Ibcast here
// moves at least one byte: at MPI.PROC_NULL, and when the root's value failed.

const I32 = INT32_T.handle;
/** The byte posted where an MPI_Ibcast has nothing to move. */
const filler = (): Uint8Array => new Uint8Array(1);

/** Throws at a receiver when the processes in failed (of the other group) could not send. */
function rejectIfFailed(call: string, failed: number[]): void {
  if (failed.length === 0) return;
  const who = failed.length === 1 ? `process ${failed[0]} of the other group could not send its value` : `processes ${failed.join(', ')} of the other group could not send their values`;
  throw new Error(`${call}: ${who} (it raised the error there)`);
}

function failedIn(counts: Int32Array): number[] {
  return Array.from(counts.keys()).filter((i) => counts[i] < 0);
}

/** The counts to receive with: a failed process's are 0; all 0 past 2 GiB (MPI then reports the truncation, nothing is written). */
function receivable(counts: Int32Array): Int32Array {
  const c = counts.map((n) => Math.max(n, 0));
  return c.reduce((n, x) => n + x, 0) > INT_MAX ? new Int32Array(c.length) : c;
}

/** ibcast across groups: MPI.ROOT's value on the other group; undefined at MPI.ROOT and MPI.PROC_NULL. */
export function ibcast(h: number, value: unknown, root: number): Request {
  const own = root === ROOT ? P.pack(() => P.dumpsSmall('ibcast', value)) : undefined;
  const size = Int32Array.of(own ? (own.ok ? own.value.length : FAILED) : 0);
  const receives = root !== ROOT && root !== PROC_NULL;
  return P.twoStage(h, own, () => C.Ibcast(h, size, 1, I32, root), () => {
    const n = size[0];
    const payload = own?.ok ? own.value : receives && n > 0 ? Buffer.allocUnsafe(n) : filler();
    const id = C.Ibcast(h, payload, payload.length, B, root);
    return { id, next: () => {
      if (!receives) return { value: undefined };
      rejectIfFailed('ibcast', n < 0 ? [root] : []);
      return { value: loadsFrom(payload, 'ibcast', h, root) };
    } };
  }, true);
}

/** igather across groups: the other group's values at MPI.ROOT (then(values)); then(undefined) elsewhere. */
export function igather(h: number, value: unknown, root: number, remote: number, then = (v: unknown[] | undefined): unknown => v, call = 'igather'): Request {
  const sends = root !== ROOT && root !== PROC_NULL;
  const own = sends ? P.pack(() => P.dumpsSmall(call, value)) : undefined;
  const mine = Int32Array.of(own ? (own.ok ? own.value.length : FAILED) : 0);
  const sizes = root === ROOT ? new Int32Array(remote) : null;
  return P.twoStage(h, own, () => C.Igather(h, sends ? mine : null, sends ? 1 : 0, I32, sizes, sizes ? 1 : 0, I32, root), () => {
    const bytes = own?.ok ? own.value : new Uint8Array(0);
    if (!sizes) return { id: C.Igatherv(h, sends ? bytes : null, bytes.length, B, null, null, null, B, root), next: () => ({ value: then(undefined) }) };
    const counts = receivable(sizes);
    const { displs, total } = P.prefix(counts);
    const out = Buffer.allocUnsafe(total);
    return { id: C.Igatherv(h, null, 0, B, out, counts, displs, B, root), next: () => {
      rejectIfFailed(call, failedIn(sizes));
      return { value: then(P.split(out, counts, displs, call, h)) };
    } };
  }, true);
}

/** iscatter across groups: item i of MPI.ROOT's array on process i of the other group; undefined at MPI.ROOT and MPI.PROC_NULL. */
export function iscatter(h: number, values: unknown, root: number, remote: number): Request {
  const own = root === ROOT ? P.pack(() => P.serializeAll('iscatter', items('iscatter', values, remote, true))) : undefined;
  const receives = root !== ROOT && root !== PROC_NULL;
  const counts = own ? (own.ok ? own.value.counts : new Int32Array(remote).fill(FAILED)) : null;
  const mine = new Int32Array(1);
  return P.twoStage(h, own, () => C.Iscatter(h, counts, counts ? 1 : 0, I32, receives ? mine : null, receives ? 1 : 0, I32, root), () => {
    if (own) {
      const send = own.ok ? own.value : { payload: Buffer.alloc(0), counts: new Int32Array(remote), displs: new Int32Array(remote) };
      return { id: C.Iscatterv(h, send.payload, send.counts, send.displs, B, null, 0, B, root), next: () => ({ value: undefined }) };
    }
    const out = Buffer.allocUnsafe(Math.max(mine[0], 0));
    return { id: C.Iscatterv(h, null, null, null, B, out, out.length, B, root), next: () => {
      if (!receives) return { value: undefined };
      rejectIfFailed('iscatter', mine[0] < 0 ? [root] : []);
      return { value: loadsFrom(out, 'iscatter', h, root) };
    } };
  }, true);
}

/** iallgather across groups: the other group's values in rank order, on every process (then(values)). */
export function iallgather(h: number, value: unknown, remote: number, then = (v: unknown[]): unknown => v, call = 'iallgather'): Request {
  const own = P.pack(() => P.dumpsSmall(call, value));
  const mine = Int32Array.of(own.ok ? own.value.length : FAILED);
  const sizes = new Int32Array(remote);
  return P.twoStage(h, own, () => C.Iallgather(h, mine, 1, I32, sizes, 1, I32), () => {
    const bytes = own.ok ? own.value : new Uint8Array(0);
    const counts = receivable(sizes);
    const { displs, total } = P.prefix(counts);
    const out = Buffer.allocUnsafe(total);
    return { id: C.Iallgatherv(h, bytes, bytes.length, B, out, counts, displs, B), next: () => {
      rejectIfFailed(call, failedIn(sizes));
      return { value: then(P.split(out, counts, displs, call, h)) };
    } };
  }, true);
}

/** ialltoall across groups: item i of every process's array goes to process i of the other group. */
export function ialltoall(h: number, values: unknown, remote: number): Request {
  const own = P.pack(() => P.serializeAll('ialltoall', items('ialltoall', values, remote, false)));
  const sent = own.ok ? own.value.counts : new Int32Array(remote).fill(FAILED);
  const sizes = new Int32Array(remote);
  return P.twoStage(h, own, () => C.Ialltoall(h, sent, 1, I32, sizes, 1, I32), () => {
    const send = own.ok ? own.value : { payload: Buffer.alloc(0), counts: new Int32Array(remote), displs: new Int32Array(remote) };
    const counts = receivable(sizes);
    const { displs, total } = P.prefix(counts);
    const out = Buffer.allocUnsafe(total);
    return { id: C.Ialltoallv(h, send.payload, send.counts, send.displs, B, out, counts, displs, B), next: () => {
      rejectIfFailed('ialltoall', failedIn(sizes));
      return { value: P.split(out, counts, displs, 'ialltoall', h) };
    } };
  }, true);
}

/** ireduce across groups: the other group's values combined at MPI.ROOT; undefined elsewhere. */
export function ireduce(h: number, value: unknown, combine: OpFunction, root: number, remote: number): Request {
  return igather(h, value, root, remote, (values) => (values ? fold(values, combine) : undefined), 'ireduce');
}

/** iallreduce across groups: the other group's values combined, on every process. */
export function iallreduce(h: number, value: unknown, combine: OpFunction, remote: number): Request {
  return iallgather(h, value, remote, (values) => fold(values, combine), 'iallreduce');
}
