/**
 * `mpi4js/util`: mpi4py's `mpi4py.util` for Node. `pkl5` moves values of any
 * size (over 2 GiB too) with mpi4py's pkl5 protocol: `new pkl5.Intracomm(comm)`.
 * Loading this module does not initialise MPI.
 *
 * ```ts
 * import { pkl5 } from 'mpi4js/util';
 * const comm = new pkl5.Intracomm(MPI.COMM_WORLD);
 * const big = comm.bcast(comm.rank === 0 ? new Uint8Array(3 * 2 ** 30) : undefined);
 * ```
 */
export * as pkl5 from './pkl5';
