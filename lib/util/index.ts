/**
 * `mpi4js/util`: mpi4py's `mpi4py.util` for Node. `pkl5` moves values of any
 * size (over 2 GiB too) with mpi4py's pkl5 protocol: `new pkl5.Intracomm(comm)`
 * (`pkl5.Comm` over any communicator, `pkl5.Intercomm` across two groups);
 * `sync` has synchronization across the processes of a communicator over
 * one-sided communication (Sequential, Counter, Mutex, Condition, Semaphore);
 * `pool` is Python's multiprocessing.Pool interface over mpi4js/futures
 * (Pool, AsyncResult). Loading this module does not initialise MPI.
 *
 * ```ts
 * import { pkl5, sync, pool } from 'mpi4js/util';   // or: require('mpi4js').util.sync
 * const comm = new pkl5.Intracomm(MPI.COMM_WORLD);
 * const big = comm.bcast(comm.rank === 0 ? new Uint8Array(3 * 2 ** 30) : undefined);
 * const counter = new sync.Counter(0, 1, { comm: MPI.COMM_WORLD });
 * const ticket = counter.next();
 * ```
 */
export * as pkl5 from './pkl5';
export * as sync from './sync';
export * as pool from './pool';
