/** mpi4py's `MPI.Distgraphcomm`: a communicator with a distributed graph topology. */
import { C, kinds } from './comm';
import { Topocomm } from './topocomm';

/**
 * mpi4py: `MPI.Distgraphcomm`: a communicator with a distributed graph
 * topology (Intracomm.Create_dist_graph, Create_dist_graph_adjacent).
 */
export class Distgraphcomm extends Topocomm {
  /** `[indegree, outdegree, weighted]`. mpi4py: `Get_dist_neighbors_count()`. */
  Get_dist_neighbors_count(): [number, number, boolean] {
    return C.Dist_graph_neighbors_count(this.live('Get_dist_neighbors_count'));
  }

  /**
   * `[sources, destinations, weights]`, weights `[sourceweights, destweights]`
   * for a weighted graph, else undefined (mpi4py: None). mpi4py: `Get_dist_neighbors()`.
   */
  Get_dist_neighbors(): [number[], number[], [number[], number[]] | undefined] {
    const [sources, destinations, sw, dw] = C.Dist_graph_neighbors(this.live('Get_dist_neighbors'));
    return [sources, destinations, sw === null || dw === null ? undefined : [sw, dw]];
  }
}

kinds.Distgraphcomm = Distgraphcomm;
