// The transpose of a matrix with a column datatype: rank 0 holds a rows×cols
// matrix in row-major order, scatters it by columns (each rank gets `k` whole
// columns, each arriving as a contiguous row) and gathers them back: what
// arrives on rank 0 is the transpose, with no copying loop anywhere.
//   mpirun -n 4 node .build/examples/transpose.js
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rows = 3;
const k = 2; // columns per rank
const cols = k * comm.size;

// One column: `rows` doubles, `cols` apart. Resized to the extent of one
// double, so the next column starts one element to the right.
const column = MPI.DOUBLE.Create_vector(rows, 1, cols).Create_resized(0, Float64Array.BYTES_PER_ELEMENT).Commit();

let a: Float64Array | null = null;
if (comm.rank === 0) {
  a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = 10 * i + j;
}

// k columns per rank, received as k contiguous rows of the transpose.
const mine = new Float64Array(k * rows);
comm.Scatter(comm.rank === 0 ? [a!, k, column] : null, mine, 0);

const sums = mine.reduce((s, x) => s + x, 0);
console.log(`rank ${comm.rank}: columns ${comm.rank * k}..${comm.rank * k + k - 1}, sum ${sums}`);

const t = comm.rank === 0 ? new Float64Array(cols * rows) : null;
comm.Gather(mine, t, 0);
if (t) {
  console.log(`the transpose (${cols}×${rows}):`);
  for (let j = 0; j < cols; j++) console.log(Array.from(t.subarray(j * rows, (j + 1) * rows), (x) => String(x).padStart(4)).join(''));
}
column.Free();
