// Each line marked `error TS…` must fail to compile with that code, and no other line.
import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const received: number = comm.recv(); // error TS2322 (unknown unless a type is given)
const cast = comm.bcast<number>(1, 0) as string; // error TS2352
const reduced: number = comm.reduce<number>(1); // error TS2322 (undefined away from the root)
const waited: string = comm.irecv<number>(0, 1).wait(); // error TS2322
const all: string[] = comm.allgather<number>(1); // error TS2322
const message: number = comm.mprobe<string>().recv(); // error TS2322
const blocks = MPI.INT.Create_indexed([1], ['0']); // error TS2322
const fine: unknown = comm.recv();
export { received, cast, reduced, waited, all, message, blocks, fine };
