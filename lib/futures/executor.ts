/**
 * mpi4py.futures' executors. MPIPoolExecutor spawns its workers (Node
 * processes running lib/futures/server.js) or, under `mpi4js futures app.js`
 * on several ranks, uses the ranks other than 0 (mpi4py's static mode);
 * MPICommExecutor turns the processes of a communicator into a pool served
 * from its root. Each pool talks over a communicator of its own (the spawned
 * intercommunicator, or a Dup), so no message of the program can match its own.
 */
import * as path from 'node:path';

import * as A from '../args';
import type { Comm, Intracomm } from '../comm';
import type { Info } from '../info';
import { Executor, MapOptions, ShutdownOptions } from './base';
import { Future, TimeoutError } from './future';
import { Item, Pool } from './pool';
import { progressBar } from './progress';
import { serve } from './server';
import { resolveTask, TaskRef } from './task';
import type { TaskPool } from './task-pool';
import { asWorkers } from './workers';

/** Options of MPIPoolExecutor (mpi4py's keywords; Node's names for the program that runs a worker). */
export interface PoolOptions {
  /** How many workers to spawn (default: $MPI4JS_FUTURES_MAX_WORKERS, else UNIVERSE_SIZE minus the world's size, else 1). */
  max_workers?: number;
  /** A task every worker runs once before any other (its failure breaks the pool). */
  initializer?: TaskRef | null;
  initargs?: readonly unknown[];
  /** Directories where workers resolve bare module names of tasks. */
  path?: readonly string[];
  /** Environment variables set in every worker before the initializer. */
  env?: Record<string, string>;
  /** The workers' working directory (MPI info `wdir`). */
  wdir?: string;
  /** More hints for MPI_Comm_spawn, e.g. `{ host: 'pi2,pi3' }`. */
  mpi_info?: Record<string, string>;
  /** The program that runs a worker (default: this Node, process.execPath). */
  execPath?: string;
  /** Node's options for the workers (default: none). */
  execArgv?: readonly string[];
}

export type { MapOptions, ShutdownOptions };

/** MPI, read at call time: loading this module must not initialise MPI. */
function mpi(): typeof import('../mpi') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('../mpi') as typeof import('../mpi');
}

/** The pool of `mpi4js futures app.js` (static mode), set on rank 0 by the command. */
let shared: Pool | undefined;

/** @internal the command's pool of the world's other ranks */
export function setSharedPool(pool: Pool | undefined): void {
  shared = pool;
}

/** Executors not yet shut down: shut down when the event loop empties, so their workers never wait forever. */
const live = new Set<MPIPoolExecutor>();
let hooked = false;
function track(ex: MPIPoolExecutor): void {
  live.add(ex);
  if (hooked) return;
  hooked = true;
  process.on('beforeExit', () => {
    for (const e of [...live]) void e.shutdown();
  });
}

function defaultWorkers(): number {
  const env = process.env.MPI4JS_FUTURES_MAX_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`MPI4JS_FUTURES_MAX_WORKERS=${env}: expected a whole number of 1 or more`);
    return n;
  }
  const MPI = mpi();
  const universe = MPI.COMM_WORLD.Get_attr(MPI.UNIVERSE_SIZE) as number | undefined;
  const n = typeof universe === 'number' ? universe - MPI.COMM_WORLD.size : 0;
  return n > 0 ? n : 1;
}

const OPTION_NAMES: (keyof PoolOptions)[] = ['max_workers', 'initializer', 'initargs', 'path', 'env', 'wdir', 'mpi_info', 'execPath', 'execArgv'];

/** mpi4py: `mpi4py.futures.MPIPoolExecutor(max_workers=None, initializer=None, initargs=(), **kwargs)`. */
export class MPIPoolExecutor extends Executor {
  private pool?: TaskPool;
  protected readonly options: PoolOptions;
  private readonly own = new Set<Future<unknown>>();
  private shut = false;
  private ending?: Promise<void>;
  /** @internal a pool given by MPICommExecutor (not spawned, not shared) */
  private given?: Pool;

  constructor(options: PoolOptions = {}) {
    super();
    // A subclass's errors name it (ThreadPoolExecutor, ProcessPoolExecutor).
    const call = new.target.name;
    if (!A.isOptions(options)) throw new TypeError(`${call}: options must be an object`);
    for (const k of Object.keys(options)) {
      if (!OPTION_NAMES.includes(k as keyof PoolOptions)) throw new TypeError(`${call}: unexpected option '${k}' (expected ${OPTION_NAMES.join(', ')})`);
    }
    if (options.max_workers !== undefined) {
      const n = A.int(call, 'max_workers', options.max_workers);
      if (n < 1) throw new RangeError(`${call}: max_workers ${n} must be 1 or more`);
    }
    if (options.initializer != null) resolveTask(call, options.initializer);
    if (options.initargs !== undefined && !Array.isArray(options.initargs)) throw new TypeError(`${call}: initargs must be an array`);
    this.options = { ...options };
    track(this);
  }

  /** @internal an executor over a pool made by MPICommExecutor */
  static over(pool: Pool, options: PoolOptions): MPIPoolExecutor {
    const ex = new MPIPoolExecutor(options);
    ex.given = pool;
    return ex;
  }

  /** The number of workers (0 before spawned ones start; a pool of one process runs its tasks itself). mpi4py: `num_workers`. */
  get num_workers(): number {
    return (this.pool ?? this.given ?? this.sharedPool())?.size ?? 0;
  }

  /**
   * Starts the workers now rather than at the first task; resolves once they
   * run (and the initializer ran). mpi4py: `bootup(wait=True)`.
   */
  async bootup(wait = true): Promise<this> {
    const ready = this.start('bootup');
    if (wait) await ready.initialized;
    return this;
  }

  private initialized?: Promise<void>;

  private start(call: string): { pool: TaskPool; initialized: Promise<void> } {
    if (this.shut) throw new Error(`${call}: cannot schedule new futures after shutdown`);
    if (!this.pool) {
      this.pool = this.given ?? this.makePool();
      const o = this.options;
      // Workers always answer an initialization (which links them to the client: lib/futures/liveness.ts); the shared pool's was done.
      if (o.initializer != null || o.env !== undefined || o.path !== undefined || this.pool !== shared) {
        const init = o.initializer != null ? resolveTask(call, o.initializer) : null;
        const paths = o.path ? o.path.map((p) => path.resolve(p)) : null;
        this.initialized = this.pool.initialize(init?.filename ?? null, init?.name ?? 'default', [...(o.initargs ?? [])], o.env ?? null, paths);
      } else this.initialized = Promise.resolve();
    }
    return { pool: this.pool, initialized: this.initialized as Promise<void> };
  }

  /** The pool this executor's tasks go to when it starts: static mode's shared one, else spawned workers. mpi4py: `_make_pool` (WorkerPool). */
  protected makePool(): TaskPool {
    return shared ?? this.spawn();
  }

  /** The pool num_workers counts before this executor starts (static mode's shared one). */
  protected sharedPool(): TaskPool | undefined {
    return shared;
  }

  /** Spawns max_workers workers (mpi4py: SpawnPool). */
  protected spawn(): Pool {
    const MPI = mpi();
    const o = this.options;
    const n = o.max_workers ?? defaultWorkers();
    const info = MPI.Info.Create(o.mpi_info ?? {});
    if (o.wdir !== undefined) info.Set('wdir', path.resolve(o.wdir));
    const server = path.join(__dirname, 'server.js');
    let inter: InstanceType<typeof MPI.Intercomm>;
    try {
      inter = MPI.COMM_SELF.Spawn(o.execPath ?? process.execPath, [...(o.execArgv ?? []), server], n, { info });
    } finally {
      info.Free();
    }
    const workers = Array.from({ length: inter.remote_size }, (_, i) => i);
    // Disconnect waits for every worker: with one gone, the intercommunicator is only freed.
    return new Pool(inter, workers, (someDied) => (someDied ? inter.Free() : inter.Disconnect()));
  }

  /**
   * Runs task(...args) on a worker: a Future of its value. The task names a
   * module and an export (lib/futures/task.ts); a signal in its object form
   * cancels it while it waits. mpi4py: `submit(fn, *args, **kwargs)`.
   */
  override submit<T = unknown>(task: TaskRef, ...args: unknown[]): Future<T> {
    const t = resolveTask('submit', task);
    const future = new Future<T>();
    this.enqueue(future as Future<unknown>, (pool) => ['call', pool.id(), t.filename, t.name, args], t.signal);
    return future;
  }

  private enqueue(future: Future<unknown>, order: (pool: TaskPool) => Item['order'], signal: AbortSignal | undefined): void {
    const { pool } = this.start('submit');
    this.own.add(future);
    future.add_done_callback(() => this.own.delete(future));
    if (signal) {
      if (signal.aborted) future.cancel();
      else {
        const onAbort = () => future.cancel();
        signal.addEventListener('abort', onAbort, { once: true });
        future.add_done_callback(() => signal.removeEventListener('abort', onAbort));
      }
    }
    if (future.cancelled()) return;
    pool.push({ future, order: order(pool) });
  }

  /**
   * task over the iterables' items taken together (as Array.prototype.map over
   * zipped lists, stopping at the shortest): an async iterable of the values,
   * in order or as they complete. Every task is submitted at the call; leaving
   * the loop early cancels those not started.
   * mpi4py: `map(fn, *iterables, timeout=None, chunksize=1, unordered=False)`.
   */
  override map<T = unknown>(task: TaskRef, ...iterables: (Iterable<unknown> | MapOptions)[]): AsyncIterableIterator<T> {
    const last = iterables[iterables.length - 1];
    const options = A.isOptions(last) ? (iterables.pop() as MapOptions) : {};
    if (iterables.length === 0) throw new TypeError('map: at least one iterable is required');
    const lists = iterables.map((it, k) => {
      if (it == null || typeof (it as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new TypeError(`map: iterables[${k}] is not iterable`);
      return iterated('map', `iterables[${k}]`, () => (it as Iterable<unknown>)[Symbol.iterator]());
    });
    const rows: unknown[][] = [];
    for (;;) {
      const row: unknown[] = [];
      for (const [k, l] of lists.entries()) {
        const r = iterated('map', `iterables[${k}]`, () => l.next());
        if (r.done) return this.mapRows<T>('map', task, rows, options);
        row.push(r.value);
      }
      rows.push(row);
    }
  }

  /** task(...args) for each args of the iterable. mpi4py: `starmap(fn, iterable, timeout=None, chunksize=1, unordered=False)`. */
  override starmap<T = unknown>(task: TaskRef, iterable: Iterable<readonly unknown[]>, options: MapOptions = {}): AsyncIterableIterator<T> {
    if (iterable === null || typeof (iterable as Iterable<unknown>)?.[Symbol.iterator] !== 'function') throw new TypeError('starmap: iterable is not iterable');
    const rows = iterated('starmap', 'iterable', () => [...iterable]).map((r, k) => {
      if (r === null || typeof (r as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new TypeError(`starmap: item ${k} is not an array of arguments`);
      return iterated('starmap', `item ${k}`, () => [...r]);
    });
    return this.mapRows<T>('starmap', task, rows, options);
  }

  private mapRows<T>(call: string, task: TaskRef, rows: unknown[][], options: MapOptions): AsyncIterableIterator<T> {
    const o = A.options(call, options, { chunksize: 1, unordered: false, timeout: undefined as number | undefined, signal: undefined as AbortSignal | undefined, progress: false });
    if (typeof o.progress !== 'boolean') throw new TypeError(`${call}: progress must be a boolean, got ${typeof o.progress}`);
    const chunksize = A.int(call, 'chunksize', o.chunksize);
    if (chunksize < 1) throw new RangeError(`${call}: chunksize ${chunksize} must be 1 or more`);
    const timeout = A.timeout(call, o.timeout);
    const signal = A.signal(call, o.signal);
    const t = resolveTask(call, task);
    const futures: Future<unknown>[] = [];
    for (let k = 0; k < rows.length; k += chunksize) {
      const f = new Future<unknown>();
      const chunk = rows.slice(k, k + chunksize);
      if (chunksize === 1) this.enqueue(f, (pool) => ['call', pool.id(), t.filename, t.name, chunk[0]], signal);
      else this.enqueue(f, (pool) => ['chunk', pool.id(), t.filename, t.name, chunk], signal);
      futures.push(f);
    }
    if (o.progress) {
      const bar = progressBar(call, rows.length);
      if (bar) futures.forEach((f, k) => f.add_done_callback(() => bar.add(Math.min(chunksize, rows.length - k * chunksize))));
    }
    const deadline = timeout === undefined ? undefined : Date.now() + timeout;
    const chunked = chunksize > 1;
    return (o.unordered ? unordered<T>(call, futures, deadline, timeout, chunked) : ordered<T>(call, futures, deadline, timeout, chunked));
  }

  /**
   * No new tasks; with wait (default), resolves once this executor's tasks
   * are done and, for a pool of its own, its workers ended. cancel_futures
   * cancels the tasks no worker has started. mpi4py:
   * `shutdown(wait=True, *, cancel_futures=False)`.
   */
  override shutdown(options: ShutdownOptions | boolean = {}): Promise<void> {
    const o = typeof options === 'boolean' ? { wait: options, cancel_futures: false } : A.options('shutdown', options, { wait: true, cancel_futures: false });
    this.shut = true;
    live.delete(this);
    if (o.cancel_futures) for (const f of this.own) f.cancel();
    if (!this.ending) {
      const pool = this.pool;
      // A bootup(false) still initializing the workers is waited for too: stopping them under it would free the communicator it receives on.
      const starting = this.initialized?.catch(() => undefined);
      const own = () => Promise.all([starting, ...[...this.own].map((f) => f.exception().catch(() => undefined))]).then(() => undefined);
      // A shared pool (static mode) lives on for other executors: only this executor's tasks are waited for.
      this.ending = pool === undefined ? Promise.resolve() : pool === shared ? own() : own().then(() => pool.stop());
    }
    return o.wait ? this.ending : Promise.resolve();
  }

  /** `await using executor = new MPIPoolExecutor()`: shutdown() at the end of the block. */
  override [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }
}

/** An iteration that fails (a detached typed array) as a TypeError naming the call. */
function iterated<T>(call: string, what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw new TypeError(`${call}: ${what} could not be iterated: ${(e as Error)?.message ?? e}`);
  }
}

async function waitFor<T>(call: string, f: Future<T>, deadline: number | undefined, timeout: number | undefined): Promise<T> {
  if (deadline === undefined) return f.result();
  try {
    return await f.result(Math.max(0, deadline - Date.now()));
  } catch (e) {
    if (e instanceof TimeoutError) throw new TimeoutError(`${call}: not every result was ready after ${timeout} ms`);
    throw e;
  }
}

async function* ordered<T>(call: string, futures: Future<unknown>[], deadline: number | undefined, timeout: number | undefined, chunked: boolean): AsyncIterableIterator<T> {
  try {
    for (const f of futures) {
      const v = await waitFor(call, f, deadline, timeout);
      if (chunked) yield* v as T[];
      else yield v as T;
    }
  } finally {
    for (const f of futures) f.cancel();
  }
}

async function* unordered<T>(call: string, futures: Future<unknown>[], deadline: number | undefined, timeout: number | undefined, chunked: boolean): AsyncIterableIterator<T> {
  const done: Future<unknown>[] = [];
  let wake: (() => void) | undefined;
  for (const f of futures) {
    f.add_done_callback(() => {
      done.push(f);
      wake?.();
    });
  }
  try {
    for (let n = 0; n < futures.length; n++) {
      if (done.length <= n) {
        await new Promise<void>((resolve, reject) => {
          let timer: NodeJS.Timeout | undefined;
          wake = () => {
            if (timer) clearTimeout(timer);
            wake = undefined;
            resolve();
          };
          if (deadline !== undefined) timer = setTimeout(() => reject(new TimeoutError(`${call}: not every result was ready after ${timeout} ms`)), Math.max(0, deadline - Date.now()));
        });
      }
      const v = await done[n].result();
      if (chunked) yield* v as T[];
      else yield v as T;
    }
  } finally {
    for (const f of futures) f.cancel();
  }
}

/** Options of MPICommExecutor: the pool's initializer, env and path. */
export type CommExecutorOptions = Pick<PoolOptions, 'initializer' | 'initargs' | 'env' | 'path'>;

/**
 * The processes of comm as a pool served from root (collective): at the root
 * `enter()` resolves to an executor, elsewhere the process serves tasks
 * until the root shuts it down, then resolves to null. mpi4py:
 * `with MPICommExecutor(comm=None, root=0, **kwargs) as executor: if executor is not None: …`;
 * here `await using pool = new MPICommExecutor(comm, root); const executor = await pool.enter(); if (executor) …`.
 */
export class MPICommExecutor {
  private readonly comm?: Intracomm;
  private readonly root: number;
  private executor?: MPIPoolExecutor | null;

  constructor(comm?: Intracomm | null, root = 0, options: CommExecutorOptions = {}) {
    const MPI = mpi();
    this.comm = A.ofKind('MPICommExecutor', 'comm', comm ?? MPI.COMM_WORLD, MPI.Intracomm, 'MPI.Intracomm');
    this.root = A.int('MPICommExecutor', 'root', root);
    if (this.root < 0 || this.root >= this.comm.size) throw new RangeError(`MPICommExecutor: root ${this.root} is out of range for a communicator of size ${this.comm.size}`);
    this.options = { ...options };
  }

  private readonly options: CommExecutorOptions;

  /** The root's executor; elsewhere serves until the root is done, then null. mpi4py: `__enter__`. */
  async enter(): Promise<MPIPoolExecutor | null> {
    if (this.executor !== undefined) throw new Error('MPICommExecutor: enter() was called already');
    const comm = this.comm as Intracomm;
    const own: Comm = comm.Dup();
    // The non-root processes (get_comm_workers in their tasks; mpi4py's comm_split): collective, the root gets none.
    const MPI = mpi();
    const workersComm = comm.Split(comm.rank === this.root ? MPI.UNDEFINED : 0, comm.rank);
    if (comm.rank !== this.root) {
      this.executor = null;
      await asWorkers(workersComm, () => serve(own, this.root));
      workersComm.Free();
      own.Free();
      return null;
    }
    const workers = Array.from({ length: comm.size }, (_, i) => i).filter((r) => r !== this.root);
    const pool = new Pool(own, workers, () => own.Free());
    this.executor = MPIPoolExecutor.over(pool, this.options);
    return this.executor;
  }

  /** At the root, shuts the executor down (waiting for its tasks); elsewhere nothing. mpi4py: `__exit__`. */
  async exit(): Promise<void> {
    if (this.executor) await this.executor.shutdown();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.exit();
  }
}

export type { Item };
