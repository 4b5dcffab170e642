/**
 * mpi4js: MPI for Node.js, mirroring mpi4py.
 *
 * ```ts
 * import { MPI } from 'mpi4js';
 * const comm = MPI.COMM_WORLD;
 * const data = comm.bcast(comm.rank === 0 ? { hello: 'world' } : undefined, 0);
 * ```
 */
import * as MPI from './mpi';

export { MPI };
export default MPI;
