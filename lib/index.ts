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

/**
 * mpi4py.util (also `mpi4js/util`): each submodule loads at its first use, so
 * a program that never touches it loads neither it nor mpi4js/futures.
 */
export const util = {
  /** mpi4py.util.pkl5: values of any size with mpi4py's pkl5 protocol (pkl5.Comm, pkl5.Intracomm, pkl5.Intercomm, …). */
  get pkl5(): typeof import('./util/pkl5') {
    return require('./util/pkl5') as typeof import('./util/pkl5');
  },
  /** mpi4py.util.sync: Sequential, Counter, Mutex, Condition, Semaphore. */
  get sync(): typeof import('./util/sync') {
    return require('./util/sync') as typeof import('./util/sync');
  },
  /** mpi4py.util.pool: Pool, AsyncResult (over mpi4js/futures). */
  get pool(): typeof import('./util/pool') {
    return require('./util/pool') as typeof import('./util/pool');
  },
};
