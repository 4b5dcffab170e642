// Cartesian grids as topologies: periods as one boolean (mpi4py), the
// neighbours of inoutedges (PROC_NULL at a non-periodic edge) computed by hand
// from the row-major layout, every neighbour collective; Cart_map.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { cartSenderBlocks, checkNeighborCollectives } from './neighbor-checks';

type Cartcomm = InstanceType<typeof MPI.Cartcomm>;

/** Coordinates of rank r in a row-major grid (reorder=false). */
function coordsOf(r: number, dims: number[]): number[] {
  const out: number[] = [];
  for (let d = dims.length - 1; d >= 0; d--) {
    out.unshift(r % dims[d]);
    r = Math.floor(r / dims[d]);
  }
  return out;
}

function rankOf(c: number[], dims: number[]): number {
  return c.reduce((acc, x, d) => acc * dims[d] + x, 0);
}

/** [below, above] in every dimension, in MPI's order. */
function edgesOf(r: number, dims: number[], periodic: boolean): number[] {
  const c = coordsOf(r, dims);
  return dims.flatMap((n, d) =>
    [-1, 1].map((delta) => {
      const x = c[d] + delta;
      if (!periodic && (x < 0 || x >= n)) return MPI.PROC_NULL;
      const moved = [...c];
      moved[d] = (x + n) % n;
      return rankOf(moved, dims);
    }),
  );
}

program(async () => {
  const grids = [MPI.Compute_dims(size, 2), [size], [1, size, 1]];
  for (const dims of grids) {
    for (const periodic of [true, false]) {
      const cart = comm.Create_cart(dims, periodic) as Cartcomm;
      ok(cart instanceof MPI.Cartcomm && cart instanceof MPI.Topocomm);
      strictEqual(cart.topology, MPI.CART);
      deepStrictEqual(cart.periods, dims.map(() => periodic));
      strictEqual(cart.dim, dims.length);
      deepStrictEqual(cart.topo, [dims, dims.map(() => periodic), coordsOf(rank, dims)]);
      const edges = edgesOf(rank, dims, periodic);
      // Open MPI 4's nonblocking alltoalls swap the blocks of a periodic dimension of 1 or 2 processes: refused there.
      const [family, [major]] = MPI.get_vendor();
      const refused = family === 'Open MPI' && major < 5 && periodic && dims.some((n) => n <= 2);
      await checkNeighborCollectives(cart, edges, edges, cartSenderBlocks, refused);
      cart.Free();
    }
  }
  // Periods as options, and one boolean through the options object.
  const ring = comm.Create_cart({ dims: [size], periods: true }) as Cartcomm;
  deepStrictEqual(ring.inedges, [(rank - 1 + size) % size, (rank + 1) % size]);
  ring.Free();
  // Cart_map: a grid as large as the communicator places every process once; a grid of one, one process.
  const dims = MPI.Compute_dims(size, 2);
  const mapped = comm.Cart_map(dims, true);
  deepStrictEqual([...comm.allgather<number>(mapped)].sort((a, b) => a - b), Array.from({ length: size }, (_, k) => k));
  const one = comm.Cart_map([1]);
  ok(one === MPI.UNDEFINED || one === 0);
  strictEqual(comm.allgather<number>(one).filter((m) => m === 0).length, 1);
  strictEqual(comm.Cart_map([1], [false]), one);
});
