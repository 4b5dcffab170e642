// The 2-D heat equation on a Cartesian grid of ranks, written with parallel I/O.
// Each rank owns a block of a GY×GX grid with a border of ghost cells; every
// step the ghosts come from the four neighbours in ONE neighbour collective
// (Neighbor_alltoallw on the Cartcomm, one subarray datatype per face), then
// each cell moves towards the mean of its neighbours (explicit Euler, fixed
// zero temperature outside the grid). Every `every` steps the whole grid is
// written with ONE collective Write_at_all through a subarray file view: the
// file holds the snapshots one after the other, each GY×GX doubles in C order,
// whatever the number of ranks.
//   mpirun -n 4 node .build/examples/heat.js heat.bin [steps=60] [every=20]
//   node .build/examples/heat.js --serial heat.bin [steps] [every]   (one array, node:fs: the reference)
import * as fs from 'node:fs';

import { MPI } from 'mpi4js';

const args = process.argv.slice(2).filter((a) => a !== '--serial');
const serial = process.argv.includes('--serial');
const out = args[0] ?? 'heat.bin';
const steps = Number(args[1] ?? 60);
const every = Number(args[2] ?? 20);
const [GY, GX] = [24, 30];
const ALPHA = 0.1;

/** The starting temperature at global cell (i, j): a warm spot off the centre. */
const initial = (i: number, j: number): number => 100 * Math.exp(-((i - GY / 3) ** 2 + (j - GX / 2) ** 2) / 20);

/**
 * One step over the interior of u (rows 1..ny, columns 1..nx, ghosts around)
 * into v: the same arithmetic, in the same order, for every decomposition, so
 * the results are the same bits.
 */
function step(u: Float64Array, v: Float64Array, ny: number, nx: number): void {
  const w = nx + 2;
  for (let i = 1; i <= ny; i++) {
    for (let j = 1; j <= nx; j++) {
      const c = u[i * w + j];
      v[i * w + j] = c + ALPHA * (u[(i - 1) * w + j] + u[(i + 1) * w + j] + (u[i * w + j - 1] + u[i * w + j + 1]) - 4 * c);
    }
  }
}

/** A block of the grid with its ghost border, filled from the global initial state. */
function block(y0: number, x0: number, ny: number, nx: number): [Float64Array, Float64Array] {
  const u = new Float64Array((ny + 2) * (nx + 2));
  for (let i = 0; i < ny; i++) for (let j = 0; j < nx; j++) u[(i + 1) * (nx + 2) + j + 1] = initial(y0 + i, x0 + j);
  return [u, new Float64Array(u.length)];
}

if (serial) {
  // The reference: the whole grid in one array, snapshots appended with node:fs.
  let [u, v] = block(0, 0, GY, GX);
  fs.writeFileSync(out, new Uint8Array(0));
  for (let s = 0; s <= steps; s++) {
    if (s % every === 0) {
      const snap = new Float64Array(GY * GX);
      for (let i = 0; i < GY; i++) snap.set(u.subarray((i + 1) * (GX + 2) + 1, (i + 1) * (GX + 2) + 1 + GX), i * GX);
      fs.appendFileSync(out, new Uint8Array(snap.buffer));
    }
    if (s === steps) break;
    step(u, v, GY, GX);
    [u, v] = [v, u];
  }
  console.log(`heat: ${GY}×${GX}, serial, ${Math.floor(steps / every) + 1} snapshots in ${out}`);
} else {
  const world = MPI.COMM_WORLD;
  const dims = MPI.Compute_dims(world.size, 2);
  // Every rank is in the grid (Compute_dims uses them all): a Cartcomm, never COMM_NULL.
  const grid = world.Create_cart(dims, { periods: [false, false] }) as MPI.Cartcomm;
  const [cy, cx] = grid.coords;
  // This rank's rows and columns: as even a split as the grid allows.
  const part = (n: number, d: number, c: number) => [Math.floor((c * n) / d), Math.floor(((c + 1) * n) / d)];
  const [y0, y1] = part(GY, dims[0], cy);
  const [x0, x1] = part(GX, dims[1], cx);
  const [ny, nx] = [y1 - y0, x1 - x0];
  let [u, v] = block(y0, x0, ny, nx);

  // The faces, as subarrays of the local array; Neighbor_alltoallw's order on a
  // Cartcomm: for each dimension, the lower neighbour then the upper one.
  const local = [ny + 2, nx + 2];
  const sub = (size: number[], start: number[]) => MPI.DOUBLE.Create_subarray(local, size, start).Commit();
  const [row, col] = [[1, nx], [ny, 1]];
  const sends = [sub(row, [1, 1]), sub(row, [ny, 1]), sub(col, [1, 1]), sub(col, [1, nx])];
  const recvs = [sub(row, [0, 1]), sub(row, [ny + 1, 1]), sub(col, [1, 0]), sub(col, [1, nx + 1])];
  const ones = [1, 1, 1, 1];
  const zeros = [0, 0, 0, 0];
  // Outside the grid a neighbour is PROC_NULL: those ghosts keep their zeros.
  const exchange = (a: Float64Array) => grid.Neighbor_alltoallw([a, [ones, zeros], sends], [a, [ones, zeros], recvs]);

  // The file view: this rank's block of each GY×GX snapshot; the memory side: the interior.
  const filetype = MPI.DOUBLE.Create_subarray([GY, GX], [ny, nx], [y0, x0]).Commit();
  const interior = sub([ny, nx], [1, 1]);
  const f = MPI.File.Open(grid, out, MPI.MODE_CREATE | MPI.MODE_WRONLY);
  f.Set_size(0); // a file from an earlier run is overwritten, not merged
  f.Set_view(0, MPI.DOUBLE, filetype);
  let snapshots = 0;
  for (let s = 0; s <= steps; s++) {
    if (s % every === 0) {
      // Offsets count etypes of the view: snapshot k starts after k blocks of this rank's ny·nx cells.
      f.Write_at_all(snapshots * ny * nx, [u, 1, interior]);
      snapshots++;
    }
    if (s === steps) break;
    exchange(u);
    step(u, v, ny, nx);
    [u, v] = [v, u];
  }
  f.Close();
  if (grid.rank === 0) console.log(`heat: ${GY}×${GX} on ${dims[0]}×${dims[1]} ranks, ${snapshots} snapshots in ${out}`);
  for (const t of [...sends, ...recvs, filetype, interior]) t.Free();
  grid.Free();
}
