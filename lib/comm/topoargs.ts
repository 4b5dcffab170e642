/**
 * The arguments of the topology constructors and maps (Intracomm's
 * Create_graph, Create_dist_graph(_adjacent), Cart_map, Graph_map), read as
 * mpi4py reads them and checked before MPI sees them: MPI reads these arrays
 * by lengths it computes from them (Graph_create reads index[nnodes-1]
 * edges), so an inconsistent one would be read past its end.
 */
import * as A from '../args';
import { ERR_RANK, UNDEFINED } from '../constants';
import { argumentError } from '../errors';
import { Info, infoArg, INFO_NULL } from '../info';

/** mpi4py: `MPI.UNWEIGHTED`: a graph's edges carry no weights (as leaving them out). */
export const UNWEIGHTED: unique symbol = Symbol('MPI.UNWEIGHTED');
/** mpi4py: `MPI.WEIGHTS_EMPTY`: weights given, for a process that has no edges on that side. */
export const WEIGHTS_EMPTY: unique symbol = Symbol('MPI.WEIGHTS_EMPTY');

/** Edge weights: a list of non-negative integers, or null/undefined/UNWEIGHTED, or WEIGHTS_EMPTY. */
export type Weights = ArrayLike<number> | null | typeof UNWEIGHTED | typeof WEIGHTS_EMPTY;

/**
 * A graph's (index, edges) as MPI_Graph_create takes them. As mpi4py, index
 * may also be the "standard" adjacency form with a leading 0 (nnodes + 1
 * items, the last equal to the number of edges).
 */
export function graph(call: string, index: unknown, edges: unknown): { index: Int32Array; edges: Int32Array } {
  let i = A.ints(call, 'index', index);
  const e = A.ints(call, 'edges', edges);
  if (i.length > 0 && i[0] === 0 && i[i.length - 1] === e.length) i = i.subarray(1);
  let previous = 0;
  for (let k = 0; k < i.length; k++) {
    if (i[k] < previous) throw new RangeError(`${call}: index[${k}] = ${i[k]} is smaller than the index before it (index counts edges cumulatively)`);
    previous = i[k];
  }
  if (previous !== e.length) throw new RangeError(`${call}: index ends at ${previous} edges but edges has ${e.length} items`);
  for (let k = 0; k < e.length; k++) {
    if (e[k] < 0 || e[k] >= i.length) throw new RangeError(`${call}: edges[${k}] = ${e[k]} is not a node of a graph of ${i.length} nodes`);
  }
  return { index: i, edges: e };
}

/** Ranks of a communicator of `size` processes, each 0…size-1: MPI's ERR_RANK otherwise, as mpi4py raises. */
export function ranks(call: string, what: string, v: unknown, size: number): Int32Array {
  const r = A.ints(call, what, v);
  for (let k = 0; k < r.length; k++) {
    if (r[k] < 0 || r[k] >= size) throw argumentError(ERR_RANK, call, `${what}[${k}] = ${r[k]} is not a rank of a communicator of size ${size}`);
  }
  return r;
}

/** Weights for the addon: n non-negative ints, or 0 (MPI_UNWEIGHTED), 1 (MPI_WEIGHTS_EMPTY). */
export function weights(call: string, what: string, w: unknown, n: number): Int32Array | 0 | 1 {
  if (w === undefined || w === null || w === UNWEIGHTED) return 0;
  if (w === WEIGHTS_EMPTY) return 1;
  const out = A.ints(call, what, w);
  if (out.length !== n) throw new RangeError(`${call}: ${what} has ${out.length} items, expected ${n} (one per edge)`);
  for (let k = 0; k < n; k++) if (out[k] < 0) throw new RangeError(`${call}: ${what}[${k}] = ${out[k]} is negative`);
  return out;
}

/** Cartesian periods: a list of flags, or one boolean for every dimension (mpi4py), or null/undefined (none). */
export function periods(call: string, p: unknown, ndims: number): Int32Array {
  if (p === undefined || p === null || typeof p === 'boolean') return new Int32Array(ndims).fill(p === true ? 1 : 0);
  const out = A.flags(call, 'periods', p);
  if (out.length !== ndims) throw new RangeError(`${call}: ${ndims} dims but ${out.length} periods`);
  return out;
}

/** The id of a constructor's hints: an MPI.Info, or INFO_NULL when left out (mpi4py: None too). */
export function hints(call: string, info: unknown): number {
  return infoArg(call, 'info', info ?? INFO_NULL);
}

/** Options of `Create_graph(index, edges, {reorder})`. */
export interface GraphOptions {
  index: ArrayLike<number>;
  edges: ArrayLike<number>;
  reorder?: boolean;
}
/** @internal */
export const GRAPH_ARGS = { index: undefined as unknown as ArrayLike<number>, edges: undefined as unknown as ArrayLike<number>, reorder: false };

/** Options of `Create_dist_graph_adjacent(sources, destinations, {sourceweights, destweights, info, reorder})`. */
export interface DistGraphAdjacentOptions {
  sources: ArrayLike<number>;
  destinations: ArrayLike<number>;
  sourceweights?: Weights;
  destweights?: Weights;
  info?: Info | null;
  reorder?: boolean;
}
/** @internal */
export const DIST_GRAPH_ADJACENT = {
  sources: undefined as unknown as ArrayLike<number>,
  destinations: undefined as unknown as ArrayLike<number>,
  sourceweights: null as Weights | undefined,
  destweights: null as Weights | undefined,
  info: undefined as unknown,
  reorder: false,
};

/** Options of `Create_dist_graph(sources, degrees, destinations, {weights, info, reorder})`. */
export interface DistGraphOptions {
  sources: ArrayLike<number>;
  degrees: ArrayLike<number>;
  destinations: ArrayLike<number>;
  weights?: Weights;
  info?: Info | null;
  reorder?: boolean;
}
/** @internal */
export const DIST_GRAPH = {
  sources: undefined as unknown as ArrayLike<number>,
  degrees: undefined as unknown as ArrayLike<number>,
  destinations: undefined as unknown as ArrayLike<number>,
  weights: null as Weights | undefined,
  info: undefined as unknown,
  reorder: false,
};

/**
 * A rank Cart_map or Graph_map returned, for a topology of `nodes` processes:
 * UNDEFINED for a process outside it, as MPI specifies. Open MPI 4.1 returns
 * the caller's own rank there (measured: Cart_map([1]) is 1 on rank 1).
 */
export function inside(rank: number, nodes: number): number {
  return rank >= 0 && rank < nodes ? rank : UNDEFINED;
}
