// A halo exchange on a 2-D grid: the ranks form a Cartesian grid, each owns an
// ny×nx block of cells with a one-cell border of ghost cells, and swaps its
// edges with its four neighbours. Each face is a Create_subarray datatype over
// the whole local array, so rows and columns go straight from and into place.
//   mpirun -n 4 node .build/examples/halo.js
import { MPI } from 'mpi4js';

const world = MPI.COMM_WORLD;
const dims = MPI.Compute_dims(world.size, 2);
// Every rank is in the grid (Compute_dims uses them all), so this is a Cartcomm, never COMM_NULL.
const grid = world.Create_cart(dims, { periods: [false, false] }) as MPI.Cartcomm;
const [y, x] = grid.coords;

const ny = 4;
const nx = 5;
const sizes = [ny + 2, nx + 2]; // with the ghost border
const cells = new Float64Array(sizes[0] * sizes[1]).fill(-1);
for (let i = 1; i <= ny; i++) for (let j = 1; j <= nx; j++) cells[i * sizes[1] + j] = grid.rank;

// A face of the local array: `sub` cells starting at `start`.
const face = (sub: number[], start: number[]) => MPI.DOUBLE.Create_subarray(sizes, sub, start, MPI.ORDER_C).Commit();
const row = [1, nx];
const col = [ny, 1];
const faces = [
  // direction, displacement, the edge sent, the ghost cells received into
  { dir: 0, disp: 1, send: face(row, [ny, 1]), recv: face(row, [0, 1]) }, // send south, receive from north
  { dir: 0, disp: -1, send: face(row, [1, 1]), recv: face(row, [ny + 1, 1]) }, // send north, receive from south
  { dir: 1, disp: 1, send: face(col, [1, nx]), recv: face(col, [1, 0]) }, // send east, receive from west
  { dir: 1, disp: -1, send: face(col, [1, 1]), recv: face(col, [1, nx + 1]) }, // send west, receive from east
];
for (const f of faces) {
  const [source, dest] = grid.Shift(f.dir, f.disp);
  grid.Sendrecv([cells, 1, f.send], dest, 0, [cells, 1, f.recv], source, 0);
}

// What each ghost border now holds: the neighbour's rank, or -1 at the grid's edge.
const at = (i: number, j: number) => cells[i * sizes[1] + j];
const north = at(0, 1);
const south = at(ny + 1, 1);
const west = at(1, 0);
const east = at(1, nx + 1);
console.log(`rank ${grid.rank} at (${y}, ${x}) of ${dims[0]}×${dims[1]}: north ${north}, south ${south}, west ${west}, east ${east}`);
for (const f of faces) {
  f.send.Free();
  f.recv.Free();
}
grid.Free();
