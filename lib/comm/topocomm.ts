/**
 * mpi4py's `MPI.Topocomm`: what every communicator with a topology has — its
 * neighbours and the neighbour collectives. Cartcomm, Graphcomm and
 * Distgraphcomm extend it. A side has one block per in-neighbour (receive)
 * or out-neighbour (send); the addon reads the degrees from MPI itself and
 * checks every buffer against them (src-native/neighbor.cc).
 */
import { BufSpec, BufSpecV, BufSpecW, IN_PLACE, InPlace, message, messageV, messageW, MsgV, MsgW } from '../buffer';
import { UNDEFINED, CART, GRAPH, DIST_GRAPH } from '../constants';
import { NotImplementedError } from '../errors';
import * as P from '../msgpickle';
import { COMM_NULL_ID, native } from '../native';
import * as N from '../neighbor';
import { Request } from '../request';
import { agreedV, C, Comm, COMM_NULL, kinds, vSides } from './comm';
import { Intracomm } from './intracomm';

function v(m: MsgV): [MsgV['view'], Int32Array | null, Int32Array | null, number] {
  return [m.view, m.counts, m.displs, m.datatype.handle];
}

function w(m: MsgW): [MsgW['view'], Int32Array | null, Int32Array | null] {
  return [m.view, m.ints, m.types];
}

/** MPI has no in-place neighbour collective: refused here, naming the call and side. */
function notInPlace(call: string, side: string, buf: unknown): void {
  if (buf === IN_PLACE) throw new TypeError(`${call}: ${side} cannot be MPI.IN_PLACE (the neighbour collectives have no in-place form)`);
}

/**
 * Open MPI 4's nonblocking neighbour alltoalls (libnbc) deliver the two blocks
 * of a periodic Cartesian dimension whose two neighbours are one process (a
 * dimension of 1 or 2) each into the other's slot (measured; its blocking
 * forms are right): refused there, on every rank alike (every rank has the
 * same grid), rather than delivered wrong.
 */
function swapsBlocks(h: number): boolean {
  if (C.topoTest(h) !== CART) return false;
  // The library that answers (not lib/environment.ts's get_vendor: loading that initialises MPI).
  const openmpi = /^Open MPI v(\d+)/.exec(native.environment.libraryVersion());
  if (!openmpi || Number(openmpi[1]) >= 5) return false;
  const [dims, periods] = C.Cart_get(h);
  return dims.some((n, d) => periods[d] !== 0 && n <= 2);
}

function refuseSwapped(call: string, h: number): void {
  if (swapsBlocks(h)) {
    throw new NotImplementedError(`Topocomm.${call}`, 'Open MPI 4 delivers the blocks of a periodic dimension of 1 or 2 processes to the wrong neighbour slots in its nonblocking neighbour alltoalls; use the blocking form');
  }
}

/** mpi4py: `MPI.Topocomm`: an intracommunicator with a topology. */
export class Topocomm extends Intracomm {
  /** `[indegree, outdegree]`. mpi4py: `degrees`. */
  get degrees(): [number, number] {
    return C.degrees(this.live('Topocomm.degrees'));
  }

  /** mpi4py: `indegree`. */
  get indegree(): number {
    return this.degrees[0];
  }

  /** mpi4py: `outdegree`. */
  get outdegree(): number {
    return this.degrees[1];
  }

  /**
   * `[inedges, outedges]`: the ranks the neighbour collectives receive from and
   * send to, in their block order (PROC_NULL where a grid ends). mpi4py: `inoutedges`.
   */
  get inoutedges(): [number[], number[]] {
    const h = this.live('Topocomm.inoutedges');
    const topo = C.topoTest(h);
    if (topo === CART) {
      const ndim = C.Cart_get(h)[0].length;
      const edges: number[] = [];
      for (let d = 0; d < ndim; d++) edges.push(...C.Cart_shift(h, d, 1));
      return [edges, edges.slice()];
    }
    if (topo === GRAPH) {
      const edges = C.Graph_neighbors(h, C.rank(h));
      return [edges, edges.slice()];
    }
    if (topo === DIST_GRAPH) {
      const [sources, destinations] = C.Dist_graph_neighbors(h);
      return [sources, destinations];
    }
    throw new TypeError(`Topocomm.inoutedges: not a topology communicator (topology ${topo === UNDEFINED ? 'UNDEFINED' : topo})`);
  }

  /** mpi4py: `inedges`. */
  get inedges(): number[] {
    return this.inoutedges[0];
  }

  /** mpi4py: `outedges`. */
  get outedges(): number[] {
    return this.inoutedges[1];
  }

  // ---- neighbour collectives: buffers --------------------------------------------

  /** @internal the arguments of (I)Neighbor_allgather and (I)Neighbor_alltoall */
  private neighborBlocks(call: string, sendbuf: BufSpec, recvbuf: BufSpec, sendBlocks: boolean) {
    const [indegree, outdegree] = C.degrees(this.live(call));
    notInPlace(call, 'sendbuf', sendbuf);
    notInPlace(call, 'recvbuf', recvbuf);
    const s = message(sendbuf, false, `${call}: sendbuf`, sendBlocks ? outdegree : 1);
    const r = message(recvbuf, false, `${call}: recvbuf`, indegree);
    return [s.view, s.count, s.datatype.handle, r.view, r.count, r.datatype.handle] as const;
  }

  /** This process's sendbuf to every out-neighbour; block i of recvbuf from in-neighbour i. mpi4py: `Neighbor_allgather(sendbuf, recvbuf)`. */
  Neighbor_allgather(sendbuf: BufSpec, recvbuf: BufSpec): void {
    P.flush(this.handle);
    C.Neighbor_allgather(this.handle, ...this.neighborBlocks('Neighbor_allgather', sendbuf, recvbuf, false));
  }

  /** recvbuf as `[buf, counts, displs, datatype]`, one count per in-neighbour. mpi4py: `Neighbor_allgatherv(sendbuf, recvbuf)`. */
  Neighbor_allgatherv(sendbuf: BufSpec, recvbuf: BufSpecV): void {
    const call = 'Neighbor_allgatherv';
    P.flush(this.handle);
    const [indegree] = C.degrees(this.live(call));
    notInPlace(call, 'sendbuf', sendbuf);
    notInPlace(call, 'recvbuf', recvbuf);
    const s = message(sendbuf, false, `${call}: sendbuf`);
    const r = agreedV(this.handle, call, () => messageV(recvbuf, indegree, call));
    C.Neighbor_allgatherv(this.handle, s.view, s.count, s.datatype.handle, ...v(r));
  }

  /** Block i of sendbuf to out-neighbour i; block j of recvbuf from in-neighbour j. mpi4py: `Neighbor_alltoall(sendbuf, recvbuf)`. */
  Neighbor_alltoall(sendbuf: BufSpec, recvbuf: BufSpec): void {
    P.flush(this.handle);
    C.Neighbor_alltoall(this.handle, ...this.neighborBlocks('Neighbor_alltoall', sendbuf, recvbuf, true));
  }

  /** @internal the resolved sides of (I)Neighbor_alltoallv, or the error all ranks agree on */
  private alltoallvSides(call: string, sendbuf: BufSpecV, recvbuf: BufSpecV) {
    const [indegree, outdegree] = C.degrees(this.live(call));
    notInPlace(call, 'sendbuf', sendbuf);
    notInPlace(call, 'recvbuf', recvbuf);
    return () => [messageV(sendbuf, outdegree, call), messageV(recvbuf, indegree, call)] as const;
  }

  /** Counts and displacements per out-neighbour (send) and in-neighbour (receive). mpi4py: `Neighbor_alltoallv(sendbuf, recvbuf)`. */
  Neighbor_alltoallv(sendbuf: BufSpecV, recvbuf: BufSpecV): void {
    const call = 'Neighbor_alltoallv';
    P.flush(this.handle);
    const [s, r] = agreedV(this.handle, call, this.alltoallvSides(call, sendbuf, recvbuf));
    C.Neighbor_alltoallv(this.handle, ...v(s), ...v(r));
  }

  /** @internal the resolved sides of (I)Neighbor_alltoallw */
  private alltoallwSides(call: string, sendbuf: BufSpecW, recvbuf: BufSpecW) {
    const [indegree, outdegree] = C.degrees(this.live(call));
    notInPlace(call, 'sendbuf', sendbuf);
    notInPlace(call, 'recvbuf', recvbuf);
    return () => [messageW(sendbuf, outdegree, `${call}: sendbuf`), messageW(recvbuf, indegree, `${call}: recvbuf`)] as const;
  }

  /**
   * A datatype, count and byte displacement per neighbour on each side.
   * mpi4py: `Neighbor_alltoallw(sendbuf, recvbuf)`.
   */
  Neighbor_alltoallw(sendbuf: BufSpecW, recvbuf: BufSpecW): void {
    const call = 'Neighbor_alltoallw';
    P.flush(this.handle);
    const [s, r] = agreedV(this.handle, call, this.alltoallwSides(call, sendbuf, recvbuf));
    C.Neighbor_alltoallw(this.handle, ...w(s), ...w(r));
  }

  // ---- nonblocking neighbour collectives: posted at once, or held behind a lowercase nonblocking collective (lib/msgpickle.ts)

  /** mpi4py: `Ineighbor_allgather(sendbuf, recvbuf)`. */
  Ineighbor_allgather(sendbuf: BufSpec, recvbuf: BufSpec): Request {
    const [h, args] = [this.handle, this.neighborBlocks('Ineighbor_allgather', sendbuf, recvbuf, false)];
    return P.nonblocking(h, () => C.Ineighbor_allgather(h, ...args));
  }

  /** mpi4py: `Ineighbor_allgatherv(sendbuf, recvbuf)`. */
  Ineighbor_allgatherv(sendbuf: BufSpec, recvbuf: BufSpecV): Request {
    const call = 'Ineighbor_allgatherv';
    const [indegree] = C.degrees(this.live(call));
    notInPlace(call, 'sendbuf', sendbuf);
    notInPlace(call, 'recvbuf', recvbuf);
    const s = message(sendbuf, false, `${call}: sendbuf`);
    const { value: r, error } = vSides(() => messageV(recvbuf, indegree, call));
    const h = this.handle;
    return P.agreedV(h, call, error, () => C.Ineighbor_allgatherv(h, s.view, s.count, s.datatype.handle, ...v(r!)));
  }

  /** mpi4py: `Ineighbor_alltoall(sendbuf, recvbuf)`. */
  Ineighbor_alltoall(sendbuf: BufSpec, recvbuf: BufSpec): Request {
    const [h, args] = [this.handle, this.neighborBlocks('Ineighbor_alltoall', sendbuf, recvbuf, true)];
    refuseSwapped('Ineighbor_alltoall', h);
    return P.nonblocking(h, () => C.Ineighbor_alltoall(h, ...args));
  }

  /** mpi4py: `Ineighbor_alltoallv(sendbuf, recvbuf)`. */
  Ineighbor_alltoallv(sendbuf: BufSpecV, recvbuf: BufSpecV): Request {
    const call = 'Ineighbor_alltoallv';
    const { value, error } = vSides(this.alltoallvSides(call, sendbuf, recvbuf));
    const h = this.handle;
    refuseSwapped(call, h);
    return P.agreedV(h, call, error, () => C.Ineighbor_alltoallv(h, ...v(value![0]), ...v(value![1])));
  }

  /** mpi4py: `Ineighbor_alltoallw(sendbuf, recvbuf)`. */
  Ineighbor_alltoallw(sendbuf: BufSpecW, recvbuf: BufSpecW): Request {
    const call = 'Ineighbor_alltoallw';
    const { value, error } = vSides(this.alltoallwSides(call, sendbuf, recvbuf));
    const h = this.handle;
    refuseSwapped(call, h);
    return P.agreedV(h, call, error, () => C.Ineighbor_alltoallw(h, ...w(value![0]), ...w(value![1])));
  }

  // ---- neighbour collectives: values -------------------------------------------

  /**
   * This process's value to every out-neighbour; one value per in-neighbour,
   * in inedges order (undefined from PROC_NULL). mpi4py: `neighbor_allgather(sendobj)`.
   */
  neighbor_allgather<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    const h = this.live('neighbor_allgather');
    P.flush(h);
    return N.allgather(h, sendobj, this.inedges) as T[];
  }

  /**
   * Item i of sendobj (one per out-neighbour) to out-neighbour i; one value
   * per in-neighbour, in inedges order (undefined from PROC_NULL).
   * mpi4py: `neighbor_alltoall(sendobj)`.
   */
  neighbor_alltoall<T = unknown>(sendobj: unknown): NoInfer<T>[] {
    const h = this.live('neighbor_alltoall');
    P.flush(h);
    const [inedges, outedges] = this.inoutedges;
    return N.alltoall(h, sendobj, inedges, outedges.length) as T[];
  }

  protected override wrap(handle: number): Comm {
    // A communicator made from this one (Split, Create, …) has no topology.
    return handle === COMM_NULL_ID ? COMM_NULL : new kinds.Intracomm(handle);
  }
}
