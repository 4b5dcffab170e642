/** mpi4py's `MPI.Cartcomm`: a communicator with a Cartesian topology. */
import * as A from '../args';
import { COMM_NULL_ID } from '../native';
import { C, Comm, COMM_NULL, kinds } from './comm';
import { Topocomm } from './topocomm';

/** mpi4py: `MPI.Cartcomm`: a communicator with a Cartesian topology. */
export class Cartcomm extends Topocomm {
  /** mpi4py: `Get_dim()`. */
  Get_dim(): number {
    return C.Cart_get(this.handle)[0].length;
  }

  /** `[dims, periods, coords]`. mpi4py: `Get_topo()`. */
  Get_topo(): [number[], boolean[], number[]] {
    const [dims, periods, coords] = C.Cart_get(this.handle);
    return [dims, periods.map(Boolean), coords];
  }

  get dims(): number[] {
    return this.Get_topo()[0];
  }

  get periods(): boolean[] {
    return this.Get_topo()[1];
  }

  get coords(): number[] {
    return this.Get_topo()[2];
  }

  get ndim(): number {
    return this.Get_dim();
  }

  /** mpi4py: `dim`. */
  get dim(): number {
    return this.Get_dim();
  }

  /** `[dims, periods, coords]`. mpi4py: `topo`. */
  get topo(): [number[], boolean[], number[]] {
    return this.Get_topo();
  }

  /** mpi4py: `Get_cart_rank(coords)`. */
  Get_cart_rank(coords: ArrayLike<number>): number {
    const c = A.ints('Get_cart_rank', 'coords', coords);
    A.length('Get_cart_rank', 'coords', c, this.Get_dim(), 'one per dimension of the grid');
    return C.Cart_rank(this.handle, c);
  }

  /** mpi4py: `Get_coords(rank)`. */
  Get_coords(rank: number): number[] {
    return C.Cart_coords(this.handle, A.int('Get_coords', 'rank', rank));
  }

  /** `[source, dest]` for a shift by disp along direction. mpi4py: `Shift(direction, disp)`. */
  Shift(direction: number, disp: number): [number, number] {
    return C.Cart_shift(this.handle, A.int('Shift', 'direction', direction), A.int('Shift', 'disp', disp));
  }

  /** The sub-grid keeping the dimensions flagged true. mpi4py: `Sub(remain_dims)`. */
  Sub(remain_dims: ArrayLike<boolean | number>): Cartcomm {
    const r = A.flags('Sub', 'remain_dims', remain_dims);
    A.length('Sub', 'remain_dims', r, this.Get_dim(), 'one per dimension of the grid');
    return new Cartcomm(C.Cart_sub(this.handle, r));
  }

  protected override wrap(handle: number): Comm {
    return handle === COMM_NULL_ID ? COMM_NULL : new kinds.Intracomm(handle);
  }
}

kinds.Cartcomm = Cartcomm;
