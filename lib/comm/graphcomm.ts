/** mpi4py's `MPI.Graphcomm`: a communicator with a (general) graph topology. */
import * as A from '../args';
import { ERR_RANK } from '../constants';
import { argumentError } from '../errors';
import { C, kinds } from './comm';
import { Topocomm } from './topocomm';

/** mpi4py: `MPI.Graphcomm`: a communicator with a graph topology (Intracomm.Create_graph). */
export class Graphcomm extends Topocomm {
  /** `[nnodes, nedges]`. mpi4py: `Get_dims()`. */
  Get_dims(): [number, number] {
    const [index, edges] = C.Graph_get(this.live('Get_dims'));
    return [index.length, edges.length];
  }

  /** mpi4py: `dims`. */
  get dims(): [number, number] {
    return this.Get_dims();
  }

  /** mpi4py: `nnodes`. */
  get nnodes(): number {
    return this.Get_dims()[0];
  }

  /** mpi4py: `nedges`. */
  get nedges(): number {
    return this.Get_dims()[1];
  }

  /** `[index, edges]` as MPI_Graph_create took them. mpi4py: `Get_topo()`. */
  Get_topo(): [number[], number[]] {
    return C.Graph_get(this.live('Get_topo'));
  }

  /** mpi4py: `topo`. */
  get topo(): [number[], number[]] {
    return this.Get_topo();
  }

  /** mpi4py: `index`. */
  get index(): number[] {
    return this.Get_topo()[0];
  }

  /** mpi4py: `edges`. */
  get edges(): number[] {
    return this.Get_topo()[1];
  }

  /** @internal rank checked against the graph (Open MPI reads its tables at rank without a bound) */
  private node(call: string, rank: unknown): number {
    const r = A.int(call, 'rank', rank);
    const size = this.sizeIn(call);
    if (r < 0 || r >= size) throw argumentError(ERR_RANK, call, `rank ${r} is out of range for a graph of ${size} nodes`);
    return r;
  }

  /** mpi4py: `Get_neighbors_count(rank)`. */
  Get_neighbors_count(rank: number): number {
    return C.Graph_neighbors(this.handle, this.node('Get_neighbors_count', rank)).length;
  }

  /** This process's neighbour count. mpi4py: `nneighbors`. */
  get nneighbors(): number {
    return this.Get_neighbors_count(this.rankIn('Graphcomm.nneighbors'));
  }

  /** mpi4py: `Get_neighbors(rank)`. */
  Get_neighbors(rank: number): number[] {
    return C.Graph_neighbors(this.handle, this.node('Get_neighbors', rank));
  }

  /** This process's neighbours. mpi4py: `neighbors`. */
  get neighbors(): number[] {
    return this.Get_neighbors(this.rankIn('Graphcomm.neighbors'));
  }
}

kinds.Graphcomm = Graphcomm;
