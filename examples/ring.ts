// A ring: each rank passes its number to the right and receives from the left
// with Sendrecv, size times, so every number goes all the way round.
//   mpirun -n 4 node .build/examples/ring.js
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const right = (comm.rank + 1) % comm.size;
const left = (comm.rank - 1 + comm.size) % comm.size;

const token = new Int32Array([comm.rank]);
const incoming = new Int32Array(1);
let sum = 0;
for (let step = 0; step < comm.size; step++) {
  comm.Sendrecv(token, right, 0, incoming, left, 0);
  token.set(incoming);
  sum += incoming[0];
}
console.log(`rank ${comm.rank}: the ring carried ${comm.size} numbers, sum ${sum}`);
