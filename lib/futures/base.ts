/**
 * mpi4py.futures' `Executor` (concurrent.futures.Executor): what every
 * executor of this package offers. MPIPoolExecutor and its subclasses
 * (ProcessPoolExecutor, ThreadPoolExecutor) extend it; a class of one's own
 * may too (utilities such as mpi4js/util's pool take any executor).
 */
import type { Future } from './future';
import type { TaskRef } from './task';

/** Options of map and starmap. */
export interface MapOptions {
  /** Tasks sent to a worker at once (default 1). */
  chunksize?: number;
  /** Yield values as they complete, not in order. */
  unordered?: boolean;
  /** Milliseconds from the call after which the iteration throws TimeoutError (and cancels what is left). */
  timeout?: number;
  /** Aborting cancels the tasks not yet started. */
  signal?: AbortSignal;
  /** mpi4js's own: a progress bar while the tasks run, on stderr or stdout where one is a terminal (else nothing; lib/futures/progress.ts). */
  progress?: boolean;
}

/** Options of shutdown. */
export interface ShutdownOptions {
  /** Wait for the pending tasks and the workers' end (default true). */
  wait?: boolean;
  /** Cancel the tasks no worker has started (default false). */
  cancel_futures?: boolean;
}

/** mpi4py.futures (concurrent.futures): `Executor`, the base class of the executors. */
export abstract class Executor {
  /** task(...args) on a worker: a Future of its value. mpi4py: `submit(fn, /, *args, **kwargs)`. */
  abstract submit<T = unknown>(task: TaskRef, ...args: unknown[]): Future<T>;

  /** task over the iterables' items taken together: an async iterable of the values. mpi4py: `map(fn, *iterables, timeout=None, chunksize=1)`. */
  abstract map<T = unknown>(task: TaskRef, ...iterables: (Iterable<unknown> | MapOptions)[]): AsyncIterableIterator<T>;

  /** task(...args) for each args of the iterable. mpi4py: `starmap(fn, iterable, timeout=None, chunksize=1, unordered=False)`. */
  abstract starmap<T = unknown>(task: TaskRef, iterable: Iterable<readonly unknown[]>, options?: MapOptions): AsyncIterableIterator<T>;

  /**
   * No new tasks; with wait (default), resolves once the executor's work is
   * done and its resources freed. The base class has none: it resolves at once.
   * mpi4py: `shutdown(wait=True, *, cancel_futures=False)`.
   */
  shutdown(_options: ShutdownOptions | boolean = {}): Promise<void> {
    return Promise.resolve();
  }

  /** `await using executor = …`: shutdown() at the end of the block. mpi4py: `__exit__`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }
}
