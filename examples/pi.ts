// pi by numerical integration of 4/(1+x²) over [0, 1]: each rank sums a share
// of the intervals, Allreduce on a Float64Array adds the shares.
//   mpirun -n 4 node .build/examples/pi.js [intervals]
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const n = Number(process.argv[2] ?? 10_000_000);
const h = 1 / n;

const start = MPI.Wtime();
let sum = 0;
for (let i = comm.rank; i < n; i += comm.size) {
  const x = h * (i + 0.5);
  sum += 4 / (1 + x * x);
}
const mine = new Float64Array([sum * h]);
const pi = new Float64Array(1);
comm.Allreduce(mine, pi, MPI.SUM);
const elapsed = MPI.Wtime() - start;

if (comm.rank === 0) {
  console.log(`pi ≈ ${pi[0].toFixed(15)}, error ${Math.abs(pi[0] - Math.PI).toExponential(2)}, ${n} intervals on ${comm.size} ranks in ${elapsed.toFixed(3)} s`);
}
