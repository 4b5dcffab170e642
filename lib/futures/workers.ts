/**
 * mpi4py.futures' `get_comm_workers()`: inside a task running on an MPI
 * worker, an intracommunicator of all the pool's workers, so tasks can run
 * collectives among themselves. mpi4py keeps it in a thread-local set around
 * the server's loop (_core.py's set_comm_server); here an AsyncLocalStorage
 * carries it into the tasks the worker runs (and whatever they await), and
 * nowhere else: outside a task it throws, as mpi4py's RuntimeError.
 *
 * Which communicator (as mpi4py's _core.py gives it):
 * - spawned workers (MPIPoolExecutor, ProcessPoolExecutor): the children's COMM_WORLD;
 * - `mpi4js futures app.js` (static mode): the world's ranks other than 0;
 * - MPICommExecutor: the processes of its communicator other than the root;
 * - a pool of no workers (a communicator of one process runs its tasks in the client): COMM_SELF.
 * ThreadPoolExecutor's threads are no MPI workers: there it throws.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { Intracomm } from '../comm';

const current = new AsyncLocalStorage<Intracomm>();

/** @internal runs fn (a worker's serving loop, or a task run in the client) with comm as the workers' communicator of every task it runs */
export function asWorkers<T>(comm: Intracomm, fn: () => T): T {
  return current.run(comm, fn);
}

/** @internal runs fn (a task of a pool of no workers, run in the client) with COMM_SELF as the workers' communicator, as mpi4py's thread manager */
export function inClient<T>(fn: () => T): T {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const MPI = require('../mpi') as typeof import('../mpi'); // a pool exists: MPI runs already
  return current.run(MPI.COMM_SELF, fn);
}

/**
 * The intracommunicator of the pool's worker processes, inside a task run by
 * one of them; elsewhere an Error "communicator is not accessible".
 * mpi4py: `mpi4py.futures.get_comm_workers()`.
 */
export function get_comm_workers(): Intracomm {
  const comm = current.getStore();
  if (comm === undefined) throw new Error('get_comm_workers: communicator is not accessible (call it inside a task running on an MPI worker)');
  return comm;
}
