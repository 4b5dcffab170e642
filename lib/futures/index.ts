/**
 * `mpi4js/futures`: mpi4py.futures for Node. `MPIPoolExecutor` spawns workers
 * (or, under `mpirun -n N npx mpi4js futures app.js`, uses ranks 1…N-1);
 * `MPICommExecutor` makes a pool of a communicator's processes. A task names
 * a module and an export the workers load (`'./tasks.js#square'`); its
 * arguments and value travel as values. Loading this module does not
 * initialise MPI: the first executor does. `ProcessPoolExecutor` always
 * spawns; `ThreadPoolExecutor` runs tasks in worker threads (no MPI); `wait`
 * and `as_completed` wait on futures; `get_comm_workers()` in a task is the
 * communicator of the pool's workers.
 *
 * ```ts
 * import { MPIPoolExecutor } from 'mpi4js/futures';
 * await using executor = new MPIPoolExecutor({ max_workers: 4 });
 * for await (const y of executor.map('./tasks.js#square', [1, 2, 3])) console.log(y);
 * ```
 */
export { MPIPoolExecutor, MPICommExecutor } from './executor';
export type { PoolOptions, MapOptions, ShutdownOptions, CommExecutorOptions } from './executor';
export { Future, CancelledError, TimeoutError, InvalidStateError, BrokenExecutor } from './future';
export type { TaskRef, TaskObject } from './task';
export { collect, compose } from './util';
export { Executor } from './base';
export { wait, as_completed, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED } from './wait';
export type { WaitOptions, AsCompletedOptions, ReturnWhen } from './wait';
export { ProcessPoolExecutor } from './process-pool-executor';
export { ThreadPoolExecutor } from './thread-pool-executor';
export type { ThreadPoolOptions } from './thread-pool-executor';
export { get_comm_workers } from './workers';
