/**
 * mpi4py.util.pool: Python's `multiprocessing.Pool` interface over
 * mpi4js/futures. A task names code as futures' tasks do (`'./tasks.js#square'`:
 * a module and an export the workers load); its arguments and values travel
 * as values. Every wait returns a promise (the event loop runs the pool):
 * `await pool.map(task, xs)`, `await pool.apply_async(task, [x]).get()`.
 * Loading this module does not initialise MPI: the pool's first task does.
 *
 * ```ts
 * import { util } from 'mpi4js';
 * await using pool = new util.pool.Pool(4);
 * console.log(await pool.map('./tasks.js#square', [1, 2, 3]));
 * ```
 *
 * Python's keyword arguments (`kwds`) have no JavaScript counterpart: tasks
 * take positional arguments. mpi4py's `ThreadPool` is not provided: a task
 * cannot run in this process's threads with its MPI (Node's worker threads
 * share neither MPI nor module state with the main thread).
 */
import * as A from '../args';
import { MPIPoolExecutor, PoolOptions } from '../futures/executor';
import { CancelledError, Future, TimeoutError } from '../futures/future';
import { resolveTask, TaskRef } from '../futures/task';
import { ValueError } from './errors';
import { keywords } from './sync';

export { TimeoutError, ValueError };

/** What Pool needs of an executor (MPIPoolExecutor's methods; a user's executor may stand in, as mpi4py's `Pool.Executor`). */
export interface PoolExecutor {
  readonly num_workers: number;
  bootup(wait?: boolean): Promise<unknown>;
  submit<T = unknown>(task: TaskRef, ...args: unknown[]): Future<T>;
  map<T = unknown>(task: TaskRef, ...iterables: (Iterable<unknown> | { chunksize?: number; unordered?: boolean })[]): AsyncIterableIterator<T>;
  starmap<T = unknown>(task: TaskRef, iterable: Iterable<readonly unknown[]>, options?: { chunksize?: number; unordered?: boolean }): AsyncIterableIterator<T>;
  shutdown(options?: { wait?: boolean; cancel_futures?: boolean }): Promise<void>;
}

/** Options of Pool: mpi4py's keywords passed to the executor, and multiprocessing's two it does not support. */
export interface PoolCreateOptions extends Omit<PoolOptions, 'max_workers' | 'initializer' | 'initargs'> {
  processes?: number | null;
  initializer?: TaskRef | null;
  initargs?: readonly unknown[];
  /** multiprocessing's; not supported: a value other than null warns (mpi4py: UserWarning). */
  maxtasksperchild?: number | null;
  /** multiprocessing's; not supported: a value other than null warns (mpi4py: UserWarning). */
  context?: unknown;
}

/** The done callbacks of apply_async, map_async and starmap_async. */
export interface AsyncCallbacks<T> {
  callback?: ((value: T) => unknown) | null;
  error_callback?: ((error: unknown) => unknown) | null;
}

const CREATE = {
  processes: undefined as unknown, initializer: null as unknown, initargs: [] as unknown, maxtasksperchild: undefined as unknown, context: undefined as unknown,
  path: undefined as unknown, env: undefined as unknown, wdir: undefined as unknown, mpi_info: undefined as unknown, execPath: undefined as unknown, execArgv: undefined as unknown,
};

function fn(call: string, what: string, v: unknown): ((x: any) => unknown) | null { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (v === undefined || v === null) return null;
  if (typeof v !== 'function') throw new TypeError(`${call}: ${what} must be a function or null, got ${A.describe(v)}`);
  return v as (x: unknown) => unknown;
}

function argsOf(call: string, v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new TypeError(`${call}: args must be an array of arguments, got ${A.describe(v)}`);
  return [...v];
}

/** The task, checked here so that a bad one names the Pool's call. */
function taskOf(call: string, v: unknown): TaskRef {
  resolveTask(call, v);
  return v as TaskRef;
}

/** starmap's argument lists: each an array. */
function rowsOf(call: string, v: unknown): unknown[][] {
  const items = iterableOf(call, v);
  items.forEach((r, k) => {
    if (!Array.isArray(r)) throw new TypeError(`${call}: item ${k} of iterable is not an array of arguments (got ${A.describe(r)})`);
  });
  return items as unknown[][];
}

function iterableOf(call: string, v: unknown): unknown[] {
  if (v === null || v === undefined || typeof v === 'string' || typeof (v as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new TypeError(`${call}: iterable is not iterable (got ${A.describe(v)})`);
  try {
    return [...(v as Iterable<unknown>)];
  } catch (e) {
    // A detached typed array, an iterator that throws: named here.
    throw new TypeError(`${call}: iterable cannot be iterated: ${(e as Error)?.message ?? e}`);
  }
}

function chunksizeArg(call: string, v: unknown, dflt: number | null): number | null {
  if (v === undefined || v === null) return dflt;
  const n = A.int(call, 'chunksize', v);
  if (n < 1) throw new RangeError(`${call}: chunksize ${n} must be 1 or more`);
  return n;
}

/**
 * @internal mpi4py's chunk size for map, starmap and their async forms: about
 * four chunks per worker (1 with no worker known).
 */
export function defaultChunksize(tasks: number, workers: number): number {
  if (workers <= 0 || tasks <= 0) return 1;
  return Math.ceil(tasks / (workers * 4));
}

/** A Future already done with that outcome. */
function settled<T>(p: Promise<T>): Future<T> {
  const f = new Future<T>();
  f.set_running_or_notify_cancel();
  p.then((v) => f.set_result(v), (e) => f.set_exception(e));
  return f;
}

async function toArray<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * A pool of MPI processes as workers: an MPIPoolExecutor (its workers spawned,
 * or the other ranks under `mpi4js futures app.js`). mpi4py:
 * `Pool(processes=None, initializer=None, initargs=(), **kwargs)`; kwargs are
 * the executor's options (path, env, wdir, mpi_info, execPath, execArgv).
 */
export class Pool {
  /** The executor class a Pool makes (a subclass may set its own). mpi4py: `Pool.Executor`. */
  static Executor: new (options: PoolOptions) => PoolExecutor = MPIPoolExecutor;

  /** The executor running the tasks. mpi4py: `executor`. */
  readonly executor: PoolExecutor;
  private readonly processes?: number;
  /** map_async and starmap_async collecting their values: join() waits for them. */
  private readonly collecting = new Set<Promise<unknown>>();

  constructor(processes?: number | null | PoolCreateOptions, initializer?: TaskRef | null | PoolCreateOptions, initargs?: readonly unknown[] | PoolCreateOptions, options?: PoolCreateOptions) {
    const call = 'Pool';
    keywords(call, options);
    const o = A.trailing(call, CREATE, [processes, initializer, initargs, options]);
    if (o.processes !== undefined && o.processes !== null) {
      const n = A.int(call, 'processes', o.processes);
      if (n < 1) throw new RangeError(`${call}: number of processes ${n} must be at least 1`);
      this.processes = n;
    }
    if (o.initializer !== null && o.initializer !== undefined) resolveTask(call, o.initializer);
    if (!Array.isArray(o.initargs)) throw new TypeError(`${call}: initargs must be an array, got ${A.describe(o.initargs)}`);
    for (const name of ['maxtasksperchild', 'context'] as const) {
      if (o[name] !== undefined && o[name] !== null) process.emitWarning(`${call}: argument '${name}' is not supported`, 'UserWarning');
    }
    const exec: PoolOptions = { initializer: o.initializer as TaskRef | null, initargs: o.initargs as unknown[] };
    if (this.processes !== undefined) exec.max_workers = this.processes;
    for (const k of ['path', 'env', 'wdir', 'mpi_info', 'execPath', 'execArgv'] as const) {
      if (o[k] !== undefined) (exec as Record<string, unknown>)[k] = o[k];
    }
    this.executor = new (this.constructor as typeof Pool).Executor(exec);
  }

  /** The chunk size for n tasks: given, else about four per worker (the workers start now if not yet). */
  private chunksize(n: number, given: number | null): number {
    if (given !== null) return given;
    if (n === 0) return 1;
    // Starting the workers now tells how many there are; a closed pool refuses the tasks themselves.
    this.executor.bootup(false).catch(() => undefined);
    return defaultChunksize(n, this.executor.num_workers || this.processes || 1);
  }

  /** task(...args) on a worker: a promise of its value. mpi4py: `apply(func, args=(), kwds={})`. */
  apply<T = unknown>(func: TaskRef, args?: readonly unknown[]): Promise<T> {
    return this.executor.submit<T>(taskOf('Pool.apply', func), ...argsOf('Pool.apply', args)).result();
  }

  /**
   * As apply, returning an ApplyResult at once; callback(value) or
   * error_callback(error) runs when it is done.
   * mpi4py: `apply_async(func, args=(), kwds={}, callback=None, error_callback=None)`.
   */
  apply_async<T = unknown>(func: TaskRef, args?: readonly unknown[] | AsyncCallbacks<T>, callback?: AsyncCallbacks<T>['callback'] | AsyncCallbacks<T>, error_callback?: AsyncCallbacks<T>['error_callback'] | AsyncCallbacks<T>): ApplyResult<T> {
    const call = 'Pool.apply_async';
    const o = A.trailing(call, { args: [] as unknown, callback: null as unknown, error_callback: null as unknown }, [args, callback, error_callback]);
    const cb = fn(call, 'callback', o.callback);
    const eb = fn(call, 'error_callback', o.error_callback);
    const future = this.executor.submit<T>(taskOf(call, func), ...argsOf(call, o.args));
    return new ApplyResult<T>(future, cb, eb);
  }

  /** task over iterable's items: a promise of the values, in order. mpi4py: `map(func, iterable, chunksize=None)`. */
  map<T = unknown>(func: TaskRef, iterable: Iterable<unknown>, chunksize?: number | null): Promise<T[]> {
    const task = taskOf('Pool.map', func);
    const items = iterableOf('Pool.map', iterable);
    const size = this.chunksize(items.length, chunksizeArg('Pool.map', chunksize, null));
    return toArray(this.executor.map<T>(task, items, { chunksize: size }));
  }

  /**
   * As map, returning a MapResult at once.
   * mpi4py: `map_async(func, iterable, chunksize=None, callback=None, error_callback=None)`.
   */
  map_async<T = unknown>(func: TaskRef, iterable: Iterable<unknown>, chunksize?: number | null | AsyncCallbacks<T[]>, callback?: AsyncCallbacks<T[]>['callback'] | AsyncCallbacks<T[]>, error_callback?: AsyncCallbacks<T[]>['error_callback'] | AsyncCallbacks<T[]>): MapResult<T[]> {
    return this.mapAsync<T>('Pool.map_async', false, func, iterable, [chunksize, callback, error_callback]);
  }

  /** task over iterable's items: an async iterator of the values, in order. mpi4py: `imap(func, iterable, chunksize=1)`. */
  imap<T = unknown>(func: TaskRef, iterable: Iterable<unknown>, chunksize?: number): AsyncIterableIterator<T> {
    const items = iterableOf('Pool.imap', iterable);
    return this.executor.map<T>(taskOf('Pool.imap', func), items, { chunksize: chunksizeArg('Pool.imap', chunksize, 1) as number });
  }

  /** As imap, the values as they complete. mpi4py: `imap_unordered(func, iterable, chunksize=1)`. */
  imap_unordered<T = unknown>(func: TaskRef, iterable: Iterable<unknown>, chunksize?: number): AsyncIterableIterator<T> {
    const items = iterableOf('Pool.imap_unordered', iterable);
    return this.executor.map<T>(taskOf('Pool.imap_unordered', func), items, { chunksize: chunksizeArg('Pool.imap_unordered', chunksize, 1) as number, unordered: true });
  }

  /** task(...args) for each args of iterable: a promise of the values, in order. mpi4py: `starmap(func, iterable, chunksize=None)`. */
  starmap<T = unknown>(func: TaskRef, iterable: Iterable<readonly unknown[]>, chunksize?: number | null): Promise<T[]> {
    const task = taskOf('Pool.starmap', func);
    const items = rowsOf('Pool.starmap', iterable);
    const size = this.chunksize(items.length, chunksizeArg('Pool.starmap', chunksize, null));
    return toArray(this.executor.starmap<T>(task, items, { chunksize: size }));
  }

  /**
   * As starmap, returning a MapResult at once.
   * mpi4py: `starmap_async(func, iterable, chunksize=None, callback=None, error_callback=None)`.
   */
  starmap_async<T = unknown>(func: TaskRef, iterable: Iterable<readonly unknown[]>, chunksize?: number | null | AsyncCallbacks<T[]>, callback?: AsyncCallbacks<T[]>['callback'] | AsyncCallbacks<T[]>, error_callback?: AsyncCallbacks<T[]>['error_callback'] | AsyncCallbacks<T[]>): MapResult<T[]> {
    return this.mapAsync<T>('Pool.starmap_async', true, func, iterable, [chunksize, callback, error_callback]);
  }

  /** As starmap, an async iterator of the values, in order. mpi4py: `istarmap(func, iterable, chunksize=1)`. */
  istarmap<T = unknown>(func: TaskRef, iterable: Iterable<readonly unknown[]>, chunksize?: number): AsyncIterableIterator<T> {
    const items = rowsOf('Pool.istarmap', iterable);
    return this.executor.starmap<T>(taskOf('Pool.istarmap', func), items, { chunksize: chunksizeArg('Pool.istarmap', chunksize, 1) as number });
  }

  /** As istarmap, the values as they complete. mpi4py: `istarmap_unordered(func, iterable, chunksize=1)`. */
  istarmap_unordered<T = unknown>(func: TaskRef, iterable: Iterable<readonly unknown[]>, chunksize?: number): AsyncIterableIterator<T> {
    const items = rowsOf('Pool.istarmap_unordered', iterable);
    return this.executor.starmap<T>(taskOf('Pool.istarmap_unordered', func), items, { chunksize: chunksizeArg('Pool.istarmap_unordered', chunksize, 1) as number, unordered: true });
  }

  private mapAsync<T>(call: string, star: boolean, func: TaskRef, iterable: unknown, rest: unknown[]): MapResult<T[]> {
    const o = A.trailing(call, { chunksize: null as unknown, callback: null as unknown, error_callback: null as unknown }, rest);
    const cb = fn(call, 'callback', o.callback);
    const eb = fn(call, 'error_callback', o.error_callback);
    const task = taskOf(call, func);
    const items = star ? rowsOf(call, iterable) : iterableOf(call, iterable);
    const size = this.chunksize(items.length, chunksizeArg(call, o.chunksize, null));
    // The tasks are submitted now (terminate() cancels them); their values are collected meanwhile.
    const it = star ? this.executor.starmap<T>(task, items as unknown[][], { chunksize: size }) : this.executor.map<T>(task, items, { chunksize: size });
    const values = toArray(it);
    const done = values.then(() => undefined, () => undefined);
    this.collecting.add(done);
    void done.then(() => this.collecting.delete(done));
    return new MapResult<T[]>(settled(values), cb, eb);
  }

  /** No more tasks; the workers end once the pending ones are done. mpi4py: `close()`. */
  close(): void {
    void this.executor.shutdown({ wait: false });
  }

  /** No more tasks; the pending ones that no worker started are cancelled. mpi4py: `terminate()`. */
  terminate(): void {
    void this.executor.shutdown({ wait: false, cancel_futures: true });
  }

  /** Resolves once the tasks are done and the workers ended (after close or terminate). mpi4py: `join()`. */
  async join(): Promise<void> {
    await this.executor.shutdown({ wait: true });
    await Promise.all([...this.collecting]);
  }

  /**
   * `await using pool = new Pool()`: close() and join() at the end of the
   * block (mpi4py's `with` only closes; a JavaScript block may as well wait).
   */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.join();
  }
}

/**
 * The result of an asynchronous call: ready() and successful() at once, get()
 * and wait() as promises. A task cancelled (terminate) reads as a TimeoutError,
 * as in mpi4py. mpi4py: `AsyncResult`.
 */
export class AsyncResult<T = unknown> {
  /** The future of the call. mpi4py: `future`. */
  readonly future: Future<T>;
  private isReady = false;
  private readonly waiters: (() => void)[] = [];

  constructor(future: Future<T>, callback: ((value: T) => unknown) | null = null, error_callback: ((error: unknown) => unknown) | null = null) {
    if (!(future instanceof Future)) throw new TypeError(`AsyncResult: future must be a Future, got ${A.describe(future)}`);
    this.future = future;
    const cb = fn('AsyncResult', 'callback', callback);
    const eb = fn('AsyncResult', 'error_callback', error_callback);
    future.add_done_callback((f) => {
      try {
        const o = f.outcome();
        if (o.cancelled) eb?.(new TimeoutError('the task was cancelled') as never);
        else if (o.failed) eb?.(o.error as never);
        else cb?.(o.value as never);
      } finally {
        this.isReady = true;
        for (const w of this.waiters.splice(0)) w();
      }
    });
  }

  /**
   * The value once it arrives; rejects with the task's error, or TimeoutError
   * if it is not there after timeout milliseconds (or was cancelled).
   * mpi4py: `get(timeout=None)`.
   */
  get(timeout?: number): Promise<T> {
    const t = A.timeout('AsyncResult.get', timeout);
    return this.waitFor(t).then(() => {
      if (!this.isReady) throw new TimeoutError(`AsyncResult.get: the result was not ready after ${t} ms`);
      return this.future.result().catch((e) => {
        throw e instanceof CancelledError ? new TimeoutError('AsyncResult.get: the task was cancelled') : e;
      });
    });
  }

  /** Resolves once the result is there, or after timeout milliseconds. mpi4py: `wait(timeout=None)`. */
  wait(timeout?: number): Promise<void> {
    return this.waitFor(A.timeout('AsyncResult.wait', timeout));
  }

  private waitFor(timeout: number | undefined): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
      if (timeout !== undefined) {
        timer = setTimeout(() => {
          const k = this.waiters.indexOf(waiter);
          if (k >= 0) this.waiters.splice(k, 1);
          resolve();
        }, timeout);
      }
    });
  }

  /** Whether the call completed. mpi4py: `ready()`. */
  ready(): boolean {
    return this.isReady;
  }

  /** Whether it completed without error (cancelled: false); not ready: ValueError. mpi4py: `successful()`. */
  successful(): boolean {
    if (!this.isReady) throw new ValueError('AsyncResult.successful: the result is not ready');
    const o = this.future.outcome();
    if (o.cancelled) return false;
    if (o.failed) return false;
    return true;
  }
}

/** The result of apply_async. mpi4py: `ApplyResult`. */
export class ApplyResult<T = unknown> extends AsyncResult<T> {}

/** The result of map_async and starmap_async. mpi4py: `MapResult`. */
export class MapResult<T = unknown> extends AsyncResult<T> {}
