/**
 * MPI's lifetime, as `from mpi4py import MPI` runs it: MPI is initialised when
 * this module loads and finalised when the process exits; a rank that dies of an
 * uncaught exception aborts the whole job instead of leaving its peers waiting.
 */
import * as os from 'node:os';

import * as A from './args';
import { defaultOsc } from './osc';
import { ERR_DIMS, ERR_OTHER, THREAD_FUNNELED, THREAD_MULTIPLE, THREAD_SERIALIZED, THREAD_SINGLE } from './constants';
import { argumentError, MPIException, setWorldRank } from './errors';
import { COMM_WORLD_ID, native } from './native';
import { envCodec } from './pickle';
import { failAwaited } from './request';
import { runBeforeFinalize } from './teardown';

const E = native.environment;

export type ThreadLevel = 'single' | 'funneled' | 'serialized' | 'multiple';

const LEVELS: Record<ThreadLevel, number> = {
  single: THREAD_SINGLE,
  funneled: THREAD_FUNNELED,
  serialized: THREAD_SERIALIZED,
  multiple: THREAD_MULTIPLE,
};

function envFlag(name: string, fallback: boolean): boolean {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new TypeError(`${name}=${v}: expected 0 or 1`);
}

function envChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const v = (process.env[name] || fallback).toLowerCase();
  if (!choices.includes(v as T)) throw new TypeError(`${name}=${v}: expected one of ${choices.join(', ')}`);
  return v as T;
}

function envLevel(name: string, fallback: ThreadLevel): ThreadLevel {
  return envChoice(name, Object.keys(LEVELS) as ThreadLevel[], fallback);
}

/**
 * More ranks on this host than cores, as the launcher tells them (Open MPI's
 * OMPI_COMM_WORLD_LOCAL_SIZE, MPICH's MPI_LOCALNRANKS): a spinning rank there
 * holds a core another rank needs (Open MPI then yields in its own progress too).
 */
function oversubscribed(): boolean {
  const local = Number(process.env.OMPI_COMM_WORLD_LOCAL_SIZE ?? process.env.MPI_LOCALNRANKS ?? 1);
  return local > os.cpus().length; // the host's cores, not this rank's binding (mpirun binds each rank to one)
}

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new TypeError(`${name}=${v}: expected a number of 0 or more`);
  return n;
}

/**
 * Runtime configuration, read from the environment when mpi4js is first loaded:
 * every run-time `MPI4JS_*` setting, with its effective value (the default when
 * unset). mpi4py: `mpi4py.rc`. Set the variables before the first
 * `require('mpi4js')`; under mpirun on several hosts, pass them with `-x VAR`.
 * (`MPI4JS_MPICC` is read by the build only.) A value that is not one of a
 * setting's accepted ones is a TypeError naming the variable.
 */
export const rc = {
  /** `MPI4JS_INITIALIZE` (default 1): initialise MPI at load; else call `MPI.Init()` yourself. */
  initialize: envFlag('MPI4JS_INITIALIZE', true),
  /** `MPI4JS_THREAD_LEVEL` (default `multiple`): the thread support to ask for. */
  thread_level: envLevel('MPI4JS_THREAD_LEVEL', 'multiple'),
  /** `MPI4JS_FINALIZE` (default 1): finalise MPI when the process exits. */
  finalize: envFlag('MPI4JS_FINALIZE', true),
  /**
   * `MPI4JS_ABORT_ON_ERROR` (default 1): an uncaught exception or unhandled
   * rejection prints the error with the rank and calls MPI_Abort, so mpirun ends
   * the whole job at once rather than leaving the other ranks waiting forever.
   * May also be changed at run time.
   */
  abort_on_error: envFlag('MPI4JS_ABORT_ON_ERROR', true),
  /**
   * `MPI4JS_PROGRESS` (default `adaptive`): how awaited requests are completed.
   * `adaptive` spins for `MPI4JS_SPIN_US` microseconds after any activity, then
   * backs off for `MPI4JS_BACKOFF_US` (polls with short pauses that leave the
   * core to others), then polls once a millisecond (a few % of a core while idle);
   * `spin` never stops polling while anything is awaited: lowest latency, one core busy.
   */
  progress: envChoice('MPI4JS_PROGRESS', ['adaptive', 'spin'] as const, 'adaptive'),
  /**
   * `MPI4JS_SPIN_US` (default 1000; 0 where more ranks share the host than it
   * has cores): the adaptive engine's spin after activity.
   */
  spin_us: envNumber('MPI4JS_SPIN_US', oversubscribed() ? 0 : 1000),
  /**
   * `MPI4JS_BACKOFF_US` (default 20000): after its spin, how long the adaptive
   * engine goes on polling every loop turn with a short pause before each
   * (doubling from 1 µs to 200 µs), before it falls back to the 1 ms timer.
   */
  backoff_us: envNumber('MPI4JS_BACKOFF_US', 20000),
  /** `MPI4JS_WATCHDOG` (seconds, default 0: off): report any call blocked longer than this. */
  watchdog: envNumber('MPI4JS_WATCHDOG', 0),
  /** `MPI4JS_WATCHDOG_ABORT` (default 0): abort the job after the watchdog's report. */
  watchdog_abort: envFlag('MPI4JS_WATCHDOG_ABORT', false),
  /**
   * `MPI4JS_PICKLE` (default `v8`): the codec lowercase calls write with,
   * `v8` or `msgpack` (every rank reads both).
   */
  pickle: envCodec,
  /**
   * `MPI4JS_FAST_REDUCE` (default 1): lowercase reduce, allreduce, scan and
   * exscan combine on a tree, O(log p) values per rank (lib/tree.ts; mpi4py's
   * `fast_reduce`); 0 gathers every value and folds it (O(p) at the root). May
   * be changed at run time, alike on every rank.
   */
  fast_reduce: envFlag('MPI4JS_FAST_REDUCE', true),
};

// The watchdog (src-native/watchdog.cc) reads this variable itself, taking any
// value but "0" as yes; written back as 0 or 1 so that "off" or "false" mean what rc says.
if (process.env.MPI4JS_WATCHDOG_ABORT) process.env.MPI4JS_WATCHDOG_ABORT = rc.watchdog_abort ? '1' : '0';

let worldRank = 0;
let worldSize = 1;

function started(): void {
  worldRank = native.comm.rank(COMM_WORLD_ID);
  worldSize = native.comm.size(COMM_WORLD_ID);
  setWorldRank(worldRank);
}

/**
 * Before MPI starts. Under `mpirun --enable-recovery` (Open MPI) the job outlives a
 * process that dies, but Open MPI 4.1's MPI_Finalize fences with every process of
 * the job, a dead one on another host too, and so waits for ever: there the
 * survivors finalize without that fence (OMPI_MCA_async_mpi_finalize=1), unless
 * the user chose. Their own communication is complete by then, as MPI requires.
 */
function beforeInit(): void {
  defaultOsc(); // --- one-sided communication (issue 14): lib/osc.ts
  const recovery = (process.env.OMPI_MCA_orte_enable_recovery ?? '').toLowerCase();
  if (['1', 'true', 'yes', 'enabled'].includes(recovery)) process.env.OMPI_MCA_async_mpi_finalize ??= '1';
}

/** mpi4py: `MPI.Init()`. Only when `MPI4JS_INITIALIZE=0` deferred it. */
export function Init(): void {
  Init_thread(THREAD_SINGLE);
}

/** mpi4py: `MPI.Init_thread(required)`; returns the level provided. */
export function Init_thread(required: number | { required?: number } = THREAD_MULTIPLE): number {
  required = A.trailing('Init_thread', { required: THREAD_MULTIPLE }, [required]).required;
  if (E.isInitialized()) throw new MPIException(ERR_OTHER, undefined, 'MPI is already initialized', 'MPI_Init_thread');
  const level = A.int('Init_thread', 'required', required);
  beforeInit();
  const provided = E.initThread(level);
  started();
  return provided;
}

/** mpi4py: `MPI.Finalize()`. Done for you at exit; later MPI calls throw. */
export function Finalize(): void {
  if (E.isInitialized() && !E.isFinalized()) runBeforeFinalize(); // files left open are closed (lib/file.ts)
  E.finalize();
  failAwaited(() => new MPIException(ERR_OTHER, ERR_OTHER, 'MPI was finalized while this request was awaited; it can never complete', 'MPI_Finalize'));
}

/** mpi4py: `MPI.Is_initialized()`. */
export function Is_initialized(): boolean {
  return E.isInitialized();
}

/** mpi4py: `MPI.Is_finalized()`. */
export function Is_finalized(): boolean {
  return E.isFinalized();
}

/** mpi4py: `MPI.Query_thread()`: the thread level MPI provided. */
export function Query_thread(): number {
  return E.queryThread();
}

/** mpi4py: `MPI.Is_thread_main()`. */
export function Is_thread_main(): boolean {
  return E.isThreadMain();
}

/**
 * mpi4py: `MPI.Wtime()`: seconds since an arbitrary time in the past. Like
 * every MPI call but a few version and state queries, refused after
 * `MPI.Finalize()` (MPI-3.1 §8.7; Open MPI would return 0).
 */
export function Wtime(): number {
  return E.wtime();
}

/** mpi4py: `MPI.Wtick()`: the resolution of `Wtime()` in seconds. */
export function Wtick(): number {
  return E.wtick();
}

/** mpi4py: `MPI.Get_processor_name()`. */
export function Get_processor_name(): string {
  return E.processorName();
}

/** mpi4py: `MPI.Get_version()`: the MPI standard version, e.g. `[3, 1]`. */
export function Get_version(): [number, number] {
  return E.version();
}

/** mpi4py: `MPI.Get_library_version()`, e.g. `Open MPI v4.1.4, …`. */
export function Get_library_version(): string {
  return E.libraryVersion();
}

/** mpi4py: `MPI.get_vendor()`: the library's name and version, e.g. `['Open MPI', [4, 1, 4]]`. */
export function get_vendor(): [string, [number, number, number]] {
  const text = E.libraryVersion();
  const family = text.startsWith('Open MPI') ? 'Open MPI' : text.startsWith('MPICH') ? 'MPICH' : E.builtAgainst.family;
  const v = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return [family, v ? [Number(v[1]), Number(v[2]), Number(v[3] ?? 0)] : [0, 0, 0]];
}

/** The most dimensions Compute_dims takes: far beyond any real grid, and fast for MPI_Dims_create. */
const MAX_NDIMS = 1024;

/** mpi4py: `MPI.Compute_dims(nnodes, dims)`: a balanced grid; `dims` is a length or a list with fixed entries (0 = free). */
export function Compute_dims(nnodes: number, dims: number | number[]): number[] {
  const call = 'Compute_dims';
  const n = A.int(call, 'nnodes', nnodes);
  const ndims = typeof dims === 'number' ? A.count(call, 'dims', dims) : A.ints(call, 'dims', dims).length;
  // MPI's search over factorisations grows with ndims (4 nodes in 1e7 dims: minutes).
  if (ndims > MAX_NDIMS) throw new RangeError(`${call}: dims gives ${ndims} dimensions, more than the ${MAX_NDIMS} supported`);
  const d = typeof dims === 'number' ? new Int32Array(ndims) : A.ints(call, 'dims', dims);
  // What MPI_Dims_create refuses with ERR_DIMS, checked here to name the call and the argument.
  if (n < 1) throw argumentError(ERR_DIMS, call, `nnodes ${n} is not positive`);
  let fixed = 1;
  let free = 0;
  for (let i = 0; i < d.length; i++) {
    if (d[i] < 0) throw argumentError(ERR_DIMS, call, `dims[${i}] = ${d[i]} is negative (0 is a dimension to choose)`);
    if (d[i] === 0) free++;
    else fixed *= d[i];
  }
  if (free === 0 ? fixed !== n : n % fixed !== 0) {
    throw argumentError(ERR_DIMS, call, `the fixed dims (product ${fixed}) ${free === 0 ? 'do not multiply to' : 'do not divide'} nnodes ${n}`);
  }
  return E.computeDims(n, d);
}

/** How long a dying rank's message has to reach the launcher before the abort. */
const ABORT_GRACE_MS = 250;

function onUncaught(error: unknown, origin: string): void {
  const what = origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception';
  const detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  if (!rc.abort_on_error || !E.isInitialized() || E.isFinalized()) {
    process.stderr.write(`${detail}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `mpi4js: rank ${worldRank} of ${worldSize} on ${os.hostname()} (pid ${process.pid}) died of an ${what}; ` +
      `aborting the MPI job (MPI4JS_ABORT_ON_ERROR=0 turns this off):\n${detail}\n`,
  );
  // The launcher forwards stderr asynchronously and stops forwarding once the
  // abort kills the job: MPICH's Hydra lost this message in 1 run of ~20 under
  // load. A short pause lets it through; the job is ending anyway.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ABORT_GRACE_MS);
  native.comm.Abort(COMM_WORLD_ID, 1);
}

/** Whether MPI was initialised by someone else (another copy of mpi4js, another library): its owner finalises it. */
let adopted = false;

function onExit(): void {
  if (rc.finalize && !adopted && E.isInitialized() && !E.isFinalized()) {
    runBeforeFinalize();
    E.finalize();
  }
}

if (E.isInitialized() && !E.isFinalized()) {
  adopted = E.adopt();
  started();
} else if (rc.initialize && !E.isInitialized()) {
  beforeInit();
  E.initThread(LEVELS[rc.thread_level]);
  started();
}
native.progress.configure(rc.progress === 'spin' ? Infinity : rc.spin_us, rc.backoff_us);
process.on('uncaughtException', onUncaught);
process.on('exit', onExit);
