// Each line marked `error TS…` must fail to compile with that code, and no other line.
import mpi from 'mpi4js';
import { MPI } from 'mpi4js';
import { Future, ThreadPoolExecutor, wait } from 'mpi4js/futures';
import { pkl5 } from 'mpi4js/util';

const comm = MPI.COMM_WORLD;
const received: number = comm.recv(); // error TS2322 (unknown unless a type is given)
const cast = comm.bcast<number>(1, 0) as string; // error TS2352
const wrong: string = await comm.irecv<number>(0, 1); // error TS2322
const waited: string = comm.irecv<number>(0, 1).wait(); // error TS2322
const gathered: number[] = comm.gather<number>(1, 0); // error TS2322 (undefined away from the root)
const [a, b]: [string, string] = MPI.Request.waitall([comm.irecv<string>(), comm.irecv<number>()]); // error TS2322
const old = mpi.MPI.COMM_WORLD; // error TS2339 (the default export is the MPI namespace itself)
const fine: unknown = comm.recv();
const completed: number = MPI.Grequest.Start<string>().wait(); // error TS2322
const when = await wait([new Future<number>()], { return_when: 'SOMETIME' }); // error TS2322
const threads = new ThreadPoolExecutor({ wdir: '/tmp' }); // error TS2353 (a thread has no working directory)
const doneOnes: Set<Future<string>> = (await wait([new Future<number>()]))[0]; // error TS2322
export { when, threads, doneOnes, received, cast, wrong, waited, gathered, a, b, old, fine, completed };
const p5 = new pkl5.Intercomm();
const p5req: MPI.Request = p5.isend(1, 0); // error TS2740 (a pkl5.Request is not an MPI.Request)
const p5got: number = p5.recv(); // error TS2322 (unknown unless a type is given)
const p5intra: pkl5.Intracomm = p5; // error TS2740 (an Intercomm is not an Intracomm)
export { p5req, p5got, p5intra };
