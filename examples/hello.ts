// Hello world: every rank says who it is.
//   npm run build:dev && mpirun -n 4 node .build/examples/hello.js
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
console.log(`Hello, World! I am process ${comm.rank} of ${comm.size} on ${MPI.Get_processor_name()}.`);
