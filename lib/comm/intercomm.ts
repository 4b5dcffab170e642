/**
 * mpi4py's `MPI.Intercomm`: a communicator joining two disjoint groups. Ranks
 * of point-to-point calls and the per-process blocks of collectives address the
 * remote group; a rooted collective's root is MPI.ROOT at the root, MPI.PROC_NULL
 * on the rest of its group, and the root's rank in its group on the other.
 */
import * as A from '../args';
import { BufSpec, BufSpecV, BufSpecW, IN_PLACE, InPlace, message, messageV, NONE_V } from '../buffer';
import { ERR_ARG, ERR_COMM, PROC_NULL, ROOT } from '../constants';
import { argumentError, NotImplementedError, notProvided } from '../errors';
import { Group } from '../group';
import type { Info } from '../info';
import * as P from '../msgpickle';
import { COMM_NULL_ID, native } from '../native';
import { INT32_T } from '../datatype';
import { bufferOp, isOpLike, OpLike, SUM, toCombine } from '../op';
import type { Prequest } from '../prequest';
import { Request } from '../request';
import { agreedV, C, Comm, COMM_NULL, kinds, vSides } from './comm';
import * as V from './intervalues';
import { OP, REDUCE, ROOT as ROOT_OPTIONS, SPLIT } from './options';
import type { OpOptions, ReduceOptions, ReduceScatterOptions, RootOptions, SplitOptions } from './options';
import type { Intracomm } from './intracomm';

/** Options of Intercomm.Create_from_groups after the groups and leaders. */
export interface CreateFromGroupsOptions {
  stringtag?: string;
}

/**
 * Open MPI 4.1's MPI_Ireduce returns at once, taking no turn in the
 * communicator's sequence of nonblocking collectives, when its count is 0,
 * even at MPI.PROC_NULL on an intercommunicator, where the count means nothing:
 * the next nonblocking collective there then never matches (the root's group
 * hangs in it; measured by test/programs/intercommunicators.ts). So at
 * MPI.PROC_NULL the count of the buffer given goes along (a 0-item Ireduce
 * wants 0-item buffers there too), and with no buffer a 1-item MPI_Ibcast from
 * MPI.PROC_NULL, which moves nothing and takes its turn, stands in.
 */
let skipsTurn: boolean | undefined;
function ireduceSkipsTurn(): boolean {
  return (skipsTurn ??= native.environment.libraryVersion().startsWith('Open MPI'));
}
/** The stand-in's buffer: never read or written (the root is MPI.PROC_NULL). */
const TURN = new Int32Array(1);

/** MPI.IN_PLACE has no meaning across two groups (MPI forbids it there): refused before MPI sees it. */
function noInPlace(call: string, ...bufs: unknown[]): void {
  if (bufs.some((b) => b === IN_PLACE)) throw argumentError(ERR_ARG, call, 'MPI.IN_PLACE is not allowed on an intercommunicator');
}

/** What an intercommunicator cannot do: a prefix over two groups has no order (MPI_ERR_COMM, as MPI reports it). */
function noPrefix(call: string): never {
  throw argumentError(ERR_COMM, call, 'not defined on an intercommunicator (a prefix reduction needs one group)');
}

/** mpi4py: `MPI.Intercomm`. */
export class Intercomm extends Comm {
  private cachedRemoteSize?: number;

  /**
   * An intercommunicator from two groups, with no communicator holding both
   * (MPI-4.0: NotImplementedError where the library lacks it). mpi4py:
   * `Intercomm.Create_from_groups(local_group, local_leader, remote_group,
   * remote_leader, stringtag="org.mpi4py", info=INFO_NULL, errhandler=None)`.
   */
  static Create_from_groups(
    local_group: Group,
    local_leader: number,
    remote_group: Group,
    remote_leader: number,
    stringtag: string | CreateFromGroupsOptions = 'org.mpi4py',
  ): Intercomm {
    const call = 'Intercomm.Create_from_groups';
    if (C.Intercomm_create_from_groups === undefined) throw notProvided(call, '4.0');
    if (typeof stringtag !== 'string') ({ stringtag } = A.options(call, stringtag, { stringtag: 'org.mpi4py' }));
    const local = A.ofKind(call, 'local_group', local_group, Group, 'MPI.Group').handle;
    const remote = A.ofKind(call, 'remote_group', remote_group, Group, 'MPI.Group').handle;
    const h = C.Intercomm_create_from_groups(local, A.int(call, 'local_leader', local_leader), remote, A.int(call, 'remote_leader', remote_leader), A.string(call, 'stringtag', stringtag));
    return new Intercomm(h);
  }

  /** @internal the remote group's size: point-to-point ranks and collective blocks address it */
  protected override sizeIn(call: string): number {
    return (this.cachedRemoteSize ??= C.remoteSize(this.live(call)));
  }

  /** The local group's size. mpi4py: `comm.size`. */
  override get size(): number {
    return this.groupSizeIn('Comm.size');
  }

  /** The local group's size. mpi4py: `Get_size()`. */
  override Get_size(): number {
    return this.groupSizeIn('Get_size');
  }

  /** mpi4py: `Get_remote_size()`. */
  Get_remote_size(): number {
    return this.sizeIn('Get_remote_size');
  }

  /** mpi4py: `comm.remote_size`. */
  get remote_size(): number {
    return this.sizeIn('Intercomm.remote_size');
  }

  /** mpi4py: `Get_remote_group()`. */
  Get_remote_group(): Group {
    return new Group(C.remoteGroup(this.live('Get_remote_group')));
  }

  /** mpi4py: `comm.remote_group`. */
  get remote_group(): Group {
    return new Group(C.remoteGroup(this.live('Intercomm.remote_group')));
  }

  override Free(): void {
    super.Free();
    this.cachedRemoteSize = undefined;
  }

  override Disconnect(): void {
    super.Disconnect();
    this.cachedRemoteSize = undefined;
  }

  /**
   * One intracommunicator of both groups: the group passing high = true is
   * ordered after the other (each group's order kept). mpi4py: `Merge(high=False)`.
   */
  Merge(high: boolean | { high?: boolean } = false): Intracomm {
    if (A.isOptions(high)) ({ high } = A.options('Merge', high, { high: false }));
    P.flush(this.handle);
    return new kinds.Intracomm(C.Intercomm_merge(this.live('Merge'), Boolean(high)));
  }

  /** Splits each group by color: an Intercomm per color present in both. mpi4py: `Split(color=0, key=0)`. */
  Split(color?: number | SplitOptions, key?: number | Pick<SplitOptions, 'key'>): Intercomm | Comm {
    const o = A.trailing('Split', SPLIT, [color, key]);
    P.flush(this.handle);
    return this.wrap(C.Split(this.live('Split'), A.color('Split', o.color), A.int('Split', 'key', o.key)));
  }

  /** The Intercomm of a subgroup of the local group; COMM_NULL outside it. mpi4py: `Create(group)`. */
  Create(group: Group): Intercomm | Comm {
    P.flush(this.handle);
    return this.wrap(C.Create(this.live('Create'), A.ofKind('Create', 'group', group, Group, 'MPI.Group').handle));
  }

  protected override wrap(handle: number): Comm {
    return handle === COMM_NULL_ID ? COMM_NULL : new Intercomm(handle);
  }

  // ---- rooted collectives: the root's side at MPI.ROOT, the other side in the other group

  /** mpi4py: `Bcast(buf, root=0)`: MPI.ROOT's buf to every process of the other group. */
  override Bcast(buf: BufSpec, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    const at = rootOf(this, 'Bcast', root);
    const m = message(buf, false, 'Bcast: buf');
    C.Bcast(this.live('Bcast'), m.view, m.count, m.datatype.handle, at);
  }

  /** mpi4py: `Ibcast(buf, root=0)`. */
  override Ibcast(buf: BufSpec, root: number | RootOptions = 0): Request {
    const at = rootOf(this, 'Ibcast', root);
    const m = message(buf, false, 'Ibcast: buf');
    const h = this.live('Ibcast');
    return P.nonblocking(h, () => C.Ibcast(h, m.view, m.count, m.datatype.handle, at));
  }

  /** @internal Gather's and Igather's arguments: one block per remote process at MPI.ROOT */
  private gatherSides(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions) {
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const s = at >= 0 ? message(sendbuf, false, `${call}: sendbuf`) : message(null);
    const r = at === ROOT ? message(recvbuf, false, `${call}: recvbuf`, this.sizeIn(call)) : message(null);
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle, at] as const;
  }

  /** @internal Scatter's and Iscatter's arguments */
  private scatterSides(call: string, sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions) {
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const s = at === ROOT ? message(sendbuf, false, `${call}: sendbuf`, this.sizeIn(call)) : message(null);
    const r = at >= 0 ? message(recvbuf, false, `${call}: recvbuf`) : message(null);
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle, at] as const;
  }

  /** mpi4py: `Gather(sendbuf, recvbuf, root=0)`: the other group's buffers into MPI.ROOT's recvbuf. */
  override Gather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    C.Gather(this.live('Gather'), ...this.gatherSides('Gather', sendbuf, recvbuf, root));
  }

  /** mpi4py: `Igather(sendbuf, recvbuf, root=0)`. */
  override Igather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0): Request {
    const args = this.gatherSides('Igather', sendbuf, recvbuf, root);
    const h = this.live('Igather');
    return P.nonblocking(h, () => C.Igather(h, ...args));
  }

  /** mpi4py: `Scatter(sendbuf, recvbuf, root=0)`: block i of MPI.ROOT's sendbuf to process i of the other group. */
  override Scatter(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): void {
    P.flush(this.handle);
    C.Scatter(this.live('Scatter'), ...this.scatterSides('Scatter', sendbuf, recvbuf, root));
  }

  /** mpi4py: `Iscatter(sendbuf, recvbuf, root=0)`. */
  override Iscatter(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): Request {
    const args = this.scatterSides('Iscatter', sendbuf, recvbuf, root);
    const h = this.live('Iscatter');
    return P.nonblocking(h, () => C.Iscatter(h, ...args));
  }

  /** mpi4py: `Gatherv(sendbuf, recvbuf, root=0)`; MPI.ROOT's recvbuf as `[buf, counts, displs, datatype]`, one count per remote process. */
  override Gatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0): void {
    const call = 'Gatherv';
    P.flush(this.handle);
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const s = at >= 0 ? message(sendbuf, false, `${call}: sendbuf`) : message(null);
    const h = this.live(call);
    const r = agreedV(h, call, () => (at === ROOT ? messageV(recvbuf, this.sizeIn(call), call) : NONE_V));
    C.Gatherv(h, s.view, s.count, s.datatype.handle, r.view, r.counts, r.displs, r.datatype.handle, at);
  }

  /**
   * mpi4py: `Igatherv(sendbuf, recvbuf, root=0)`. Counts that do not fit a C int
   * fail at MPI.ROOT and on the other group; the root's own group is not told.
   */
  override Igatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0): Request {
    const call = 'Igatherv';
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const s = at >= 0 ? message(sendbuf, false, `${call}: sendbuf`) : message(null);
    const { value: r, error } = vSides(() => (at === ROOT ? messageV(recvbuf, this.sizeIn(call), call) : NONE_V));
    const h = this.live(call);
    return P.agreedV(h, call, error, () => C.Igatherv(h, s.view, s.count, s.datatype.handle, r!.view, r!.counts, r!.displs, r!.datatype.handle, at));
  }

  /** mpi4py: `Scatterv(sendbuf, recvbuf, root=0)`; MPI.ROOT's sendbuf as `[buf, counts, displs, datatype]`. */
  override Scatterv(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): void {
    const call = 'Scatterv';
    P.flush(this.handle);
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const r = at >= 0 ? message(recvbuf, false, `${call}: recvbuf`) : message(null);
    const h = this.live(call);
    const s = agreedV(h, call, () => (at === ROOT ? messageV(sendbuf, this.sizeIn(call), call) : NONE_V));
    C.Scatterv(h, s.view, s.counts, s.displs, s.datatype.handle, r.view, r.count, r.datatype.handle, at);
  }

  /** mpi4py: `Iscatterv(sendbuf, recvbuf, root=0)` (counts agreed as Igatherv's). */
  override Iscatterv(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0): Request {
    const call = 'Iscatterv';
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    const r = at >= 0 ? message(recvbuf, false, `${call}: recvbuf`) : message(null);
    const { value: s, error } = vSides(() => (at === ROOT ? messageV(sendbuf, this.sizeIn(call), call) : NONE_V));
    const h = this.live(call);
    return P.agreedV(h, call, error, () => C.Iscatterv(h, s!.view, s!.counts, s!.displs, s!.datatype.handle, r.view, r.count, r.datatype.handle, at));
  }

  /**
   * @internal Reduce's and Ireduce's arguments: at MPI.ROOT only recvbuf, on
   * the other group only sendbuf, elsewhere nothing (mpi4py's for_reduce).
   */
  private reduceSides(call: string, sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions, root: number | RootOptions | undefined) {
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing(call, REDUCE, [op, root]));
    noInPlace(call, sendbuf, recvbuf);
    const at = rootOf(this, call, root);
    // At MPI.PROC_NULL MPI reads neither buffer, but Open MPI 4.1 takes a count of 0 there
    // as a call to skip (see ireduceSkipsTurn): the count of a buffer given goes along.
    // MPI.ROOT has no send side (the addon takes the count from recvbuf).
    const s = at === ROOT ? message(null) : at >= 0 ? message(sendbuf, true, `${call}: sendbuf`) : message(recvbuf ?? sendbuf, true, `${call}: ${recvbuf == null ? 'sendbuf' : 'recvbuf'}`);
    const r = at === ROOT ? message(recvbuf, true, `${call}: recvbuf`) : message(null);
    const t = at === ROOT ? r.datatype : s.datatype;
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle, bufferOp(call, op, t), at] as const;
  }

  /** mpi4py: `Reduce(sendbuf, recvbuf, op=SUM, root=0)`: the other group's buffers combined into MPI.ROOT's recvbuf. */
  override Reduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): void {
    P.flush(this.handle);
    C.Reduce(this.live('Reduce'), ...this.reduceSides('Reduce', sendbuf, recvbuf, op, root));
  }

  /** mpi4py: `Ireduce(sendbuf, recvbuf, op=SUM, root=0)`. */
  override Ireduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions): Request {
    const args = this.reduceSides('Ireduce', sendbuf, recvbuf, op, root);
    const h = this.live('Ireduce');
    if (args[7] === PROC_NULL && args[0] === null && ireduceSkipsTurn()) return P.nonblocking(h, () => C.Ibcast(h, TURN, 1, INT32_T.handle, PROC_NULL));
    return P.nonblocking(h, () => C.Ireduce(h, ...args));
  }

  // ---- collectives of every process: Comm's, blocks counted over the remote group; no MPI.IN_PLACE

  /** mpi4py: `Allgather(sendbuf, recvbuf)`: every process gets the other group's blocks. */
  override Allgather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): void {
    noInPlace('Allgather', sendbuf, recvbuf);
    super.Allgather(sendbuf, recvbuf);
  }

  /** mpi4py: `Iallgather(sendbuf, recvbuf)`. */
  override Iallgather(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): Request {
    noInPlace('Iallgather', sendbuf, recvbuf);
    return super.Iallgather(sendbuf, recvbuf);
  }

  /** mpi4py: `Allgatherv(sendbuf, recvbuf)`. */
  override Allgatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV): void {
    noInPlace('Allgatherv', sendbuf, recvbuf);
    super.Allgatherv(sendbuf, recvbuf);
  }

  /** mpi4py: `Iallgatherv(sendbuf, recvbuf)`. */
  override Iallgatherv(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV): Request {
    noInPlace('Iallgatherv', sendbuf, recvbuf);
    return super.Iallgatherv(sendbuf, recvbuf);
  }

  /** mpi4py: `Alltoall(sendbuf, recvbuf)`: block i to process i of the other group. */
  override Alltoall(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): void {
    noInPlace('Alltoall', sendbuf, recvbuf);
    super.Alltoall(sendbuf, recvbuf);
  }

  /** mpi4py: `Ialltoall(sendbuf, recvbuf)`. */
  override Ialltoall(sendbuf: BufSpec | InPlace, recvbuf: BufSpec): Request {
    noInPlace('Ialltoall', sendbuf, recvbuf);
    return super.Ialltoall(sendbuf, recvbuf);
  }

  /** mpi4py: `Alltoallv(sendbuf, recvbuf)`. */
  override Alltoallv(sendbuf: BufSpecV | InPlace, recvbuf: BufSpecV): void {
    noInPlace('Alltoallv', sendbuf, recvbuf);
    super.Alltoallv(sendbuf, recvbuf);
  }

  /** mpi4py: `Ialltoallv(sendbuf, recvbuf)`. */
  override Ialltoallv(sendbuf: BufSpecV | InPlace, recvbuf: BufSpecV): Request {
    noInPlace('Ialltoallv', sendbuf, recvbuf);
    return super.Ialltoallv(sendbuf, recvbuf);
  }

  /** mpi4py: `Alltoallw(sendbuf, recvbuf)`. */
  override Alltoallw(sendbuf: BufSpecW | InPlace, recvbuf: BufSpecW): void {
    noInPlace('Alltoallw', sendbuf, recvbuf);
    super.Alltoallw(sendbuf, recvbuf);
  }

  /** mpi4py: `Ialltoallw(sendbuf, recvbuf)`. */
  override Ialltoallw(sendbuf: BufSpecW | InPlace, recvbuf: BufSpecW): Request {
    noInPlace('Ialltoallw', sendbuf, recvbuf);
    return super.Ialltoallw(sendbuf, recvbuf);
  }

  /** mpi4py: `Allreduce(sendbuf, recvbuf, op=SUM)`: each group gets the other group's buffers combined. */
  override Allreduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    noInPlace('Allreduce', sendbuf, recvbuf);
    super.Allreduce(sendbuf, recvbuf, op);
  }

  /** mpi4py: `Iallreduce(sendbuf, recvbuf, op=SUM)`. */
  override Iallreduce(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    noInPlace('Iallreduce', sendbuf, recvbuf);
    return super.Iallreduce(sendbuf, recvbuf, op);
  }

  /**
   * mpi4py: `Reduce_scatter_block(sendbuf, recvbuf, op=SUM)`: the other group's
   * buffers combined, block i to process i of this group; sendbuf holds one block
   * per process of this group.
   */
  override Reduce_scatter_block(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): void {
    noInPlace('Reduce_scatter_block', sendbuf, recvbuf);
    super.Reduce_scatter_block(sendbuf, recvbuf, op);
  }

  /** mpi4py: `Ireduce_scatter_block(sendbuf, recvbuf, op=SUM)`. */
  override Ireduce_scatter_block(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | OpOptions = SUM): Request {
    noInPlace('Ireduce_scatter_block', sendbuf, recvbuf);
    return super.Ireduce_scatter_block(sendbuf, recvbuf, op);
  }

  /**
   * mpi4py: `Reduce_scatter(sendbuf, recvbuf, recvcounts, op=SUM)`: recvcounts,
   * one per process of this group, are required (as mpi4py: no group can gather its own).
   */
  override Reduce_scatter(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, recvcounts?: ArrayLike<number> | null | ReduceScatterOptions, op?: OpLike | Pick<ReduceScatterOptions, 'op'>): void {
    this.reduceScatterChecks('Reduce_scatter', sendbuf, recvbuf, recvcounts, op);
    super.Reduce_scatter(sendbuf, recvbuf, recvcounts, op);
  }

  /** mpi4py: `Ireduce_scatter(sendbuf, recvbuf, recvcounts, op=SUM)`. */
  override Ireduce_scatter(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, recvcounts?: ArrayLike<number> | null | ReduceScatterOptions, op?: OpLike | Pick<ReduceScatterOptions, 'op'>): Request {
    this.reduceScatterChecks('Ireduce_scatter', sendbuf, recvbuf, recvcounts, op);
    return super.Ireduce_scatter(sendbuf, recvbuf, recvcounts, op);
  }

  private reduceScatterChecks(call: string, sendbuf: unknown, recvbuf: unknown, recvcounts: unknown, op: unknown): void {
    noInPlace(call, sendbuf, recvbuf);
    const counts = A.trailing(call, { recvcounts: null as unknown, op: SUM as unknown }, [recvcounts, op]).recvcounts;
    if (counts === null || counts === undefined) throw new TypeError(`${call}: recvcounts is required on an intercommunicator`);
  }

  // ---- refused: a prefix has no order across two groups

  /** Refused (MPI.Exception ERR_COMM), as MPI_Scan on an intercommunicator. */
  override Scan(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions): never {
    return noPrefix('Scan');
  }

  /** Refused (MPI.Exception ERR_COMM), as MPI_Exscan on an intercommunicator. */
  override Exscan(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions): never {
    return noPrefix('Exscan');
  }

  /** Refused (MPI.Exception ERR_COMM). */
  override Iscan(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions): never {
    return noPrefix('Iscan');
  }

  /** Refused (MPI.Exception ERR_COMM). */
  override Iexscan(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions): never {
    return noPrefix('Iexscan');
  }

  /** Refused (MPI.Exception ERR_COMM). */
  override Scan_init(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions, _info?: Info): never {
    return noPrefix('Scan_init');
  }

  /** Refused (MPI.Exception ERR_COMM). */
  override Exscan_init(_sendbuf: BufSpec | InPlace, _recvbuf: BufSpec, _op?: OpLike | OpOptions, _info?: Info): never {
    return noPrefix('Exscan_init');
  }

  // ---- persistent collectives with a root: the sides of their blocking forms, made once (MPI-4.0)

  /** mpi4py: `Bcast_init(buf, root=0, info=INFO_NULL)`: MPI.ROOT's buf to the other group, each round. */
  override Bcast_init(buf: BufSpec, root: number | RootOptions = 0, info?: Info): Prequest {
    const call = 'Bcast_init';
    return this.collectiveInit(call, info, (h, i) => {
      const at = rootOf(this, call, root);
      const m = message(buf, false, `${call}: buf`);
      return C.Bcast_init(h, m.view, m.count, m.datatype.handle, at, i);
    });
  }

  /** mpi4py: `Gather_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  override Gather_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, root: number | RootOptions = 0, info?: Info): Prequest {
    return this.collectiveInit('Gather_init', info, (h, i) => C.Gather_init(h, ...this.gatherSides('Gather_init', sendbuf, recvbuf, root), i));
  }

  /** mpi4py: `Gatherv_init(sendbuf, recvbuf, root=0, info=INFO_NULL)` (counts agreed as Gatherv's). */
  override Gatherv_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpecV, root: number | RootOptions = 0, info?: Info): Prequest {
    const call = 'Gatherv_init';
    return this.collectiveInit(call, info, (h, i) => {
      noInPlace(call, sendbuf, recvbuf);
      const at = rootOf(this, call, root);
      const s = at >= 0 ? message(sendbuf, false, `${call}: sendbuf`) : message(null);
      const r = agreedV(h, call, () => (at === ROOT ? messageV(recvbuf, this.sizeIn(call), call) : NONE_V));
      return C.Gatherv_init(h, s.view, s.count, s.datatype.handle, r.view, r.counts, r.displs, r.datatype.handle, at, i);
    });
  }

  /** mpi4py: `Scatter_init(sendbuf, recvbuf, root=0, info=INFO_NULL)`. */
  override Scatter_init(sendbuf: BufSpec, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0, info?: Info): Prequest {
    return this.collectiveInit('Scatter_init', info, (h, i) => C.Scatter_init(h, ...this.scatterSides('Scatter_init', sendbuf, recvbuf, root), i));
  }

  /** mpi4py: `Scatterv_init(sendbuf, recvbuf, root=0, info=INFO_NULL)` (counts agreed as Scatterv's). */
  override Scatterv_init(sendbuf: BufSpecV, recvbuf: BufSpec | InPlace, root: number | RootOptions = 0, info?: Info): Prequest {
    const call = 'Scatterv_init';
    return this.collectiveInit(call, info, (h, i) => {
      noInPlace(call, sendbuf, recvbuf);
      const at = rootOf(this, call, root);
      const r = at >= 0 ? message(recvbuf, false, `${call}: recvbuf`) : message(null);
      const s = agreedV(h, call, () => (at === ROOT ? messageV(sendbuf, this.sizeIn(call), call) : NONE_V));
      return C.Scatterv_init(h, s.view, s.counts, s.displs, s.datatype.handle, r.view, r.count, r.datatype.handle, at, i);
    });
  }

  /** mpi4py: `Reduce_init(sendbuf, recvbuf, op=SUM, root=0, info=INFO_NULL)`: predefined ops, as Comm's. */
  override Reduce_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions, info?: Info): Prequest {
    const call = 'Reduce_init';
    return this.collectiveInit(call, info, (h, i) => {
      if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing(call, REDUCE, [op, root]));
      this.predefinedOp(call, op);
      return C.Reduce_init(h, ...this.reduceSides(call, sendbuf, recvbuf, op, root), i);
    });
  }

  /** mpi4py: `Reduce_scatter_init(sendbuf, recvbuf, recvcounts, op=SUM, info=INFO_NULL)`: recvcounts required, as Reduce_scatter's. */
  override Reduce_scatter_init(sendbuf: BufSpec | InPlace, recvbuf: BufSpec, recvcounts?: ArrayLike<number> | null | ReduceScatterOptions, op?: OpLike | Pick<ReduceScatterOptions, 'op'>, info?: Info): Prequest {
    this.reduceScatterChecks('Reduce_scatter_init', sendbuf, recvbuf, recvcounts, op);
    return super.Reduce_scatter_init(sendbuf, recvbuf, recvcounts, op, info);
  }
}

/** A rooted lowercase collective's root on c, as Intercomm's rooted buffer calls read it. */
function rootOf(c: Intercomm, call: string, root: number | RootOptions | undefined): number {
  return interRoot(call, root, () => c.Get_remote_size());
}

/** @internal A root across two groups (also pkl5's): MPI.ROOT, MPI.PROC_NULL, or a rank of the remote group (else ERR_ROOT). */
export function interRoot(call: string, root: unknown, remoteSize: () => number): number {
  if (root === undefined) root = 0;
  if (typeof root !== 'number') ({ root } = A.options(call, root, ROOT_OPTIONS));
  const r = A.int(call, 'root', root);
  return r === ROOT || r === PROC_NULL ? r : A.root(call, r, remoteSize());
}

/** c's id for call, after its held nonblocking collectives post; COMM_NULL is ERR_COMM. */
function flushed(c: Intercomm, call: string): number {
  const h = open(c, call);
  P.flush(h);
  return h;
}

/** c's id for a nonblocking call (queued behind its held ones, not flushed); COMM_NULL is ERR_COMM. */
function open(c: Intercomm, call: string): number {
  if (c.handle === COMM_NULL_ID) throw argumentError(ERR_COMM, call, 'the communicator is MPI.COMM_NULL (or a freed communicator)');
  return c.handle;
}

/**
 * The lowercase collectives of an Intercomm: values across the two groups
 * (lib/comm/intervalues.ts), mpi4py's semantics. Set on the prototype rather
 * than written as overrides in the class: TypeScript refuses an override of a
 * generic method returning NoInfer<T> (it cannot relate the two Ts), and this
 * way callers keep Comm's declared types. Each returns `as never`, which fits
 * those generic returns.
 */
const lowercase: Pick<Comm, 'bcast' | 'scatter' | 'gather' | 'allgather' | 'alltoall' | 'reduce' | 'allreduce' | 'scan' | 'exscan' | 'ibcast' | 'iscatter' | 'igather' | 'iallgather' | 'ialltoall' | 'ireduce' | 'iallreduce'> & ThisType<Intercomm> = {
  /** MPI.ROOT's value on every process of the other group; undefined at MPI.ROOT and MPI.PROC_NULL. mpi4py: `bcast(obj, root=0)`. */
  bcast(obj: unknown, root: number | RootOptions = 0) {
    const h = flushed(this, 'bcast');
    return V.bcast(h, obj, rootOf(this, 'bcast', root)) as never;
  },
  /** Item i of MPI.ROOT's array on process i of the other group. mpi4py: `scatter(sendobj, root=0)`. */
  scatter(sendobj: unknown, root: number | RootOptions = 0) {
    const h = flushed(this, 'scatter');
    return V.scatter(h, sendobj, rootOf(this, 'scatter', root), this.Get_remote_size()) as never;
  },
  /** The other group's values in rank order at MPI.ROOT; undefined elsewhere. mpi4py: `gather(sendobj, root=0)`. */
  gather(sendobj: unknown, root: number | RootOptions = 0) {
    const h = flushed(this, 'gather');
    return V.gather(h, sendobj, rootOf(this, 'gather', root), this.Get_remote_size()) as never;
  },
  /** The other group's values in rank order, on every process. mpi4py: `allgather(sendobj)`. */
  allgather(sendobj: unknown) {
    const h = flushed(this, 'allgather');
    return V.allgather(h, sendobj, this.Get_remote_size()) as never;
  },
  /** Item i of every process's array to process i of the other group. mpi4py: `alltoall(sendobj)`. */
  alltoall(sendobj: unknown) {
    const h = flushed(this, 'alltoall');
    return V.alltoall(h, sendobj, this.Get_remote_size()) as never;
  },
  /** The other group's values combined by op at MPI.ROOT; undefined elsewhere. mpi4py: `reduce(sendobj, op=SUM, root=0)`. */
  reduce(sendobj: unknown, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions) {
    const h = flushed(this, 'reduce');
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('reduce', REDUCE, [op, root]));
    return V.reduce(h, sendobj, toCombine(op, 'reduce'), rootOf(this, 'reduce', root), this.Get_remote_size()) as never;
  },
  /** The other group's values combined by op, on every process. mpi4py: `allreduce(sendobj, op=SUM)`. */
  allreduce(sendobj: unknown, op: OpLike | OpOptions = SUM) {
    const h = flushed(this, 'allreduce');
    if (!isOpLike(op)) ({ op } = A.options('allreduce', op, OP));
    return V.allreduce(h, sendobj, toCombine(op, 'allreduce'), this.Get_remote_size()) as never;
  },
  /** Refused (MPI.Exception ERR_COMM), as mpi4py's scan on an intercommunicator. */
  scan() {
    return noPrefix('scan');
  },
  /** Refused (MPI.Exception ERR_COMM). */
  exscan() {
    return noPrefix('exscan');
  },
  // Lowercase nonblocking collectives (beyond mpi4py), across the two groups as the blocking ones.
  /** bcast's request: MPI.ROOT's value on the other group; undefined at MPI.ROOT and MPI.PROC_NULL. */
  ibcast(obj: unknown, root: number | RootOptions = 0) {
    return V.ibcast(open(this, 'ibcast'), obj, rootOf(this, 'ibcast', root)) as never;
  },
  /** scatter's request. */
  iscatter(sendobj: unknown, root: number | RootOptions = 0) {
    const h = open(this, 'iscatter');
    return V.iscatter(h, sendobj, rootOf(this, 'iscatter', root), this.Get_remote_size()) as never;
  },
  /** gather's request: the other group's values at MPI.ROOT; undefined elsewhere. */
  igather(sendobj: unknown, root: number | RootOptions = 0) {
    const h = open(this, 'igather');
    return V.igather(h, sendobj, rootOf(this, 'igather', root), this.Get_remote_size()) as never;
  },
  /** allgather's request. */
  iallgather(sendobj: unknown) {
    const h = open(this, 'iallgather');
    return V.iallgather(h, sendobj, this.Get_remote_size()) as never;
  },
  /** alltoall's request. */
  ialltoall(sendobj: unknown) {
    const h = open(this, 'ialltoall');
    return V.ialltoall(h, sendobj, this.Get_remote_size()) as never;
  },
  /** reduce's request: the other group's values combined at MPI.ROOT; undefined elsewhere. */
  ireduce(sendobj: unknown, op: OpLike | ReduceOptions = SUM, root?: number | RootOptions) {
    const h = open(this, 'ireduce');
    if (!isOpLike(op) || A.isOptions(root)) ({ op, root } = A.trailing('ireduce', REDUCE, [op, root]));
    return V.ireduce(h, sendobj, toCombine(op, 'ireduce'), rootOf(this, 'ireduce', root), this.Get_remote_size()) as never;
  },
  /** allreduce's request. */
  iallreduce(sendobj: unknown, op: OpLike | OpOptions = SUM) {
    const h = open(this, 'iallreduce');
    if (!isOpLike(op)) ({ op } = A.options('iallreduce', op, OP));
    return V.iallreduce(h, sendobj, toCombine(op, 'iallreduce'), this.Get_remote_size()) as never;
  },
};
Object.assign(Intercomm.prototype, lowercase);

kinds.Intercomm = Intercomm;
