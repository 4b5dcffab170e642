/**
 * mpi4py.futures' ThreadPoolExecutor: MPIPoolExecutor's interface, its tasks
 * run by threads of this process (node:worker_threads, lib/futures/threads.ts)
 * instead of MPI workers. It needs no MPI (and initialises none).
 */
import * as A from '../args';
import { MPIPoolExecutor, PoolOptions } from './executor';
import type { TaskPool } from './task-pool';
import { ThreadPool } from './threads';

/** Options of ThreadPoolExecutor: MPIPoolExecutor's that mean something for threads. */
export type ThreadPoolOptions = Pick<PoolOptions, 'initializer' | 'initargs' | 'path' | 'env' | 'execArgv'> & {
  /** How many threads (default 1, as mpi4py's). */
  max_workers?: number;
};

/** The options a thread has no use for: a thread has no working directory, host or program of its own. */
const NOT_FOR_THREADS = ['wdir', 'mpi_info', 'execPath'];

/**
 * An executor whose tasks run in `max_workers` threads of this process, each
 * loading the named task modules (as MPI workers do); the initializer runs
 * in every thread, env sets each thread's copy of process.env, execArgv goes
 * to the threads. Arguments and values travel by structured clone.
 * mpi4py: `mpi4py.futures.ThreadPoolExecutor(max_workers=None, initializer=None, initargs=(), **kwargs)`.
 */
export class ThreadPoolExecutor extends MPIPoolExecutor {
  constructor(options: ThreadPoolOptions = {}) {
    if (A.isOptions(options)) {
      for (const k of NOT_FOR_THREADS) {
        if (k in options) throw new TypeError(`ThreadPoolExecutor: option '${k}' has no meaning for threads (it is MPIPoolExecutor's)`);
      }
    }
    super(options);
  }

  protected override makePool(): TaskPool {
    return new ThreadPool(this.options.max_workers ?? 1, this.options.execArgv);
  }

  protected override sharedPool(): TaskPool | undefined {
    return undefined;
  }
}
