// Create_cart with Compute_dims; coordinates, ranks, shifts and sub-grids.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  const dims = MPI.Compute_dims(size, 2);
  strictEqual(dims[0] * dims[1], size);
  deepStrictEqual(MPI.Compute_dims(6, [0, 3]), [2, 3]);
  deepStrictEqual(MPI.Compute_dims(3, 2), [3, 1]);
  const cart = comm.Create_cart(dims, [true, false], false) as InstanceType<typeof MPI.Cartcomm>;
  ok(cart instanceof MPI.Cartcomm);
  strictEqual(cart.Get_topology(), MPI.CART);
  strictEqual(cart.ndim, 2);
  deepStrictEqual(cart.dims, dims);
  deepStrictEqual(cart.periods, [true, false]);
  const coords = cart.Get_coords(cart.rank);
  deepStrictEqual(cart.coords, coords);
  strictEqual(cart.Get_cart_rank(coords), cart.rank);
  // Periodic in dimension 0: the neighbours wrap around.
  const [src, dst] = cart.Shift(0, 1);
  strictEqual(dst, cart.Get_cart_rank([(coords[0] + 1) % dims[0], coords[1]]));
  strictEqual(src, cart.Get_cart_rank([(coords[0] - 1 + dims[0]) % dims[0], coords[1]]));
  // Not periodic in dimension 1: PROC_NULL at the edges.
  const [, up] = cart.Shift(1, 1);
  strictEqual(up, coords[1] === dims[1] - 1 ? MPI.PROC_NULL : cart.Get_cart_rank([coords[0], coords[1] + 1]));
  const row = cart.Sub([false, true]);
  strictEqual(row.size, dims[1]);
  strictEqual(row.allreduce(1), dims[1]);
  // A grid smaller than the world leaves ranks out.
  const small = comm.Create_cart([1]);
  strictEqual(small === MPI.COMM_NULL, rank !== 0);
});
