/** mpi4py's `MPI.Intracomm`: a communicator within one group; COMM_WORLD and COMM_SELF. */
import * as A from '../args';
import { Group } from '../group';
import * as P from '../msgpickle';
import { COMM_NULL_ID, COMM_SELF_ID, COMM_WORLD_ID } from '../native';
import { C, Comm, COMM_NULL, kinds } from './comm';
import { CART, SPLIT, SPLIT_TYPE } from './options';
import type { CartOptions, SplitOptions, SplitTypeOptions } from './options';
import type { Cartcomm } from './cartcomm';

/** mpi4py: `MPI.Intracomm`: a communicator within one group of processes. */
export class Intracomm extends Comm {
  /** Splits into one communicator per color, ordered by key. mpi4py: `Split(color=0, key=0)`. */
  Split(color?: number | SplitOptions, key?: number | Pick<SplitOptions, 'key'>): Intracomm {
    const o = A.trailing('Split', SPLIT, [color, key]);
    P.flush(this.handle);
    return this.wrap(C.Split(this.live('Split'), A.int('Split', 'color', o.color), A.int('Split', 'key', o.key))) as Intracomm;
  }

  /** E.g. `Split_type(MPI.COMM_TYPE_SHARED)`: one communicator per node. mpi4py: `Split_type(split_type, key=0)`. */
  Split_type(split_type: number | SplitTypeOptions, key?: number | Pick<SplitTypeOptions, 'key'>): Intracomm {
    const o = A.trailing('Split_type', SPLIT_TYPE, [split_type, key]);
    P.flush(this.handle);
    return this.wrap(C.Split_type(this.live('Split_type'), A.int('Split_type', 'split_type', o.split_type), A.int('Split_type', 'key', o.key))) as Intracomm;
  }

  /** The communicator of a subgroup; COMM_NULL outside it. mpi4py: `Create(group)`. */
  Create(group: Group): Intracomm {
    P.flush(this.handle);
    return this.wrap(C.Create(this.live('Create'), A.ofKind('Create', 'group', group, Group, 'MPI.Group').handle)) as Intracomm;
  }

  /**
   * A Cartesian grid, COMM_NULL for ranks left out.
   * mpi4py: `Create_cart(dims, periods=None, reorder=False)`.
   */
  Create_cart(
    dims: ArrayLike<number> | CartOptions,
    periods?: ArrayLike<boolean | number> | null | Omit<CartOptions, 'dims'>,
    reorder?: boolean | Pick<CartOptions, 'reorder'>,
  ): Cartcomm | Comm {
    const o = A.trailing('Create_cart', CART, [dims, periods, reorder]);
    P.flush(this.handle);
    const d = A.ints('Create_cart', 'dims', o.dims);
    // null or undefined: no periodic dimension (mpi4py: None); anything else must be a list of flags.
    const p = o.periods === undefined || o.periods === null ? new Int32Array(d.length) : A.flags('Create_cart', 'periods', o.periods);
    if (p.length !== d.length) throw new RangeError(`Create_cart: ${d.length} dims but ${p.length} periods`);
    const h = C.Create_cart(this.live('Create_cart'), d, p, Boolean(o.reorder));
    return h === COMM_NULL_ID ? COMM_NULL : new kinds.Cartcomm(h);
  }
}

kinds.Intracomm = Intracomm;

/** mpi4py: `MPI.COMM_WORLD`: every process of the job. */
export const COMM_WORLD = new Intracomm(COMM_WORLD_ID);

/** mpi4py: `MPI.COMM_SELF`: this process alone. */
export const COMM_SELF = new Intracomm(COMM_SELF_ID);
