/**
 * mpi4py.util.sync: synchronization across the processes of a communicator,
 * over one-sided communication (MPI.Win). `Sequential` runs a block one rank
 * after another; `Counter` is a global counter; `Mutex` a mutual exclusion
 * lock (an MCS queue lock: waiters spin on their own memory); `Condition` a
 * condition variable; `Semaphore` a counting semaphore.
 *
 * mpi4py's keywords are one options object: `new Counter(0, 1, { comm })`,
 * `new Mutex({ comm, recursive: true })`. As in mpi4py, the calls that wait
 * (Mutex.acquire, Condition.wait, Semaphore.acquire) block the process,
 * spinning on MPI with a short back-off; their `…Async` variants wait the
 * same way but return a promise and let the event loop run between polls.
 * Every constructor is collective over its communicator (default COMM_SELF),
 * and so is `free()`.
 *
 * ```ts
 * const mutex = new Mutex({ comm });
 * mutex.acquire();
 * try { … } finally { mutex.release(); }
 * ```
 */
import * as A from '../args';
import type { Intracomm } from '../comm';
import type { Info } from '../info';
import type { Win } from '../win';
import { RuntimeError, ValueError } from './errors';

export { RuntimeError, ValueError };

/** MPI, read at call time: loading this module must not initialise MPI. */
function mpi(): typeof import('../mpi') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('../mpi') as typeof import('../mpi');
}

function commArg(call: string, v: unknown): Intracomm {
  const MPI = mpi();
  if (v === undefined) return MPI.COMM_SELF;
  return A.ofKind(call, 'comm', v, MPI.Intracomm, 'MPI.Intracomm');
}

function infoArg(call: string, v: unknown): Info {
  const MPI = mpi();
  if (v === undefined || v === null) return MPI.INFO_NULL;
  return A.ofKind(call, 'info', v, MPI.Info, 'MPI.Info');
}

// ---- waiting: one implementation, two drivers -------------------------------------------

/**
 * A wait is a generator that yields how long to back off (milliseconds)
 * between polls: run by `block` (the process sleeps, as mpi4py's time.sleep)
 * or by `poll` (the event loop runs meanwhile).
 */
type Spin<T> = Generator<number, T, void>;

/** mpi4py's back-off: 0, then from 1/1024² s doubling up to 1/1024 s (here in milliseconds). */
export const BACKOFF_MAX_MS = 1000 / 1024;
export const BACKOFF_MIN_MS = BACKOFF_MAX_MS / 1024;

/** @internal the back-off delays, in milliseconds (mpi4py's _new_backoff) */
export function* backoff(): Generator<number, never, void> {
  let delay = 0;
  for (;;) {
    yield delay;
    delay = Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, delay * 2));
  }
}

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** @internal runs a wait blocking the process: Atomics.wait sleeps without spinning the CPU */
export function block<T>(g: Spin<T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    if (r.value > 0) Atomics.wait(SLEEPER, 0, 0, r.value);
  }
}

/** @internal runs a wait from the event loop: sub-millisecond back-offs as setImmediate, longer ones as a 1 ms timer */
export async function poll<T>(g: Spin<T>): Promise<T> {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => (r.value >= 0.5 ? setTimeout(resolve, 1) : setImmediate(resolve)));
  }
}

/**
 * Polls the window's own int at index until it is not sentinel (mpi4py's
 * _rma_spinloop): a Flush of its own rank makes MPI progress, a Sync makes the
 * memory current. reset puts sentinel back once seen.
 */
function* spinloop(win: Win, mem: () => Int32Array, index: number, sentinel: number, reset = false): Spin<number> {
  const delays = backoff();
  win.Sync();
  while (mem()[index] === sentinel) {
    yield delays.next().value;
    win.Flush(win.group_rank);
    win.Sync();
  }
  const m = mem();
  const value = m[index];
  if (reset) m[index] = sentinel;
  return value;
}

/** The int32s of a window that MPI allocated (valid until Free). */
function int32s(win: Win): () => Int32Array {
  let view: Int32Array | undefined;
  return () => {
    const bytes = win.tomemory();
    if (view === undefined || view.buffer !== bytes.buffer) view = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    return view;
  };
}

const i32 = (v: number): Int32Array => Int32Array.of(v);

/** A window of count ints (count on this rank), set to init; collective. */
function intWindow(call: string, comm: Intracomm, info: Info, init: number[]): Win {
  const MPI = mpi();
  const win = MPI.Win.Allocate(init.length * 4, 4, info, comm);
  const rank = comm.rank;
  win.Lock(rank, MPI.LOCK_SHARED);
  win.Accumulate(Int32Array.from(init), rank, null, MPI.REPLACE);
  win.Unlock(rank);
  comm.Barrier();
  void call;
  return win;
}

/** mpi4py's keyword-only arguments: the trailing position takes an options object only. */
export function keywords(call: string, v: unknown): void {
  if (v !== undefined && !A.isOptions(v)) throw new TypeError(`${call}: options must be an object (mpi4py's keyword arguments), got ${A.describe(v)}`);
}

/** The blocking flag of acquire: a value read by its truth (mpi4py's `blocking=True`), or `{ blocking }`. */
function blockingArg(call: string, v: unknown): boolean {
  if (A.isOptions(v)) return Boolean(A.options(call, v, { blocking: true }).blocking);
  return v === undefined ? true : Boolean(v);
}

// ---- Sequential ----------------------------------------------------------------------------

/** Options of Sequential. */
export interface SequentialOptions {
  /** The tag of the point-to-point messages that pass the turn (default 0). */
  tag?: number;
}

/**
 * Runs a block on the ranks of comm one after another, in rank order: begin()
 * waits for the previous rank's end(). `using seq = new Sequential(comm).begin()`
 * ends at the end of the block. mpi4py: `Sequential(comm, tag=0)`.
 */
export class Sequential {
  readonly comm: Intracomm;
  readonly tag: number;

  constructor(comm: Intracomm, tag?: number | SequentialOptions) {
    const MPI = mpi();
    this.comm = A.ofKind('Sequential', 'comm', comm, MPI.Intracomm, 'MPI.Intracomm');
    const t = A.isOptions(tag) ? A.options('Sequential', tag, { tag: 0 as unknown }).tag : tag === undefined ? 0 : tag;
    this.tag = A.sendTag('Sequential', t);
  }

  /** Waits for the previous rank's turn to end; returns this (for `using`). mpi4py: `begin()` (and `__enter__`). */
  begin(): this {
    const { comm, tag } = this;
    const size = comm.size;
    if (size === 1) return this;
    const rank = comm.rank;
    if (rank !== 0) comm.Recv([new Uint8Array(0), 0, mpi().BYTE], rank - 1, tag);
    return this;
  }

  /** As begin(), letting the event loop run while it waits. */
  async beginAsync(): Promise<this> {
    const { comm, tag } = this;
    if (comm.size === 1) return this;
    const rank = comm.rank;
    if (rank !== 0) await comm.Irecv([new Uint8Array(0), 0, mpi().BYTE], rank - 1, tag);
    return this;
  }

  /** Passes the turn to the next rank. mpi4py: `end()` (and `__exit__`). */
  end(): void {
    const { comm, tag } = this;
    const size = comm.size;
    if (size === 1) return;
    const rank = comm.rank;
    if (rank !== size - 1) comm.Send([new Uint8Array(0), 0, mpi().BYTE], rank + 1, tag);
  }

  /** end(), for `using seq = new Sequential(comm).begin()`. */
  [Symbol.dispose](): void {
    this.end();
  }
}

// ---- Counter ---------------------------------------------------------------------------------

type Elements = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** @internal what a typecode (Python's `array` module) is here */
export interface Typecode {
  code: string;
  make: (n: number) => Elements;
  /** an integer type: its bits and signedness */
  bits?: number;
  signed?: boolean;
}

const INTEGER: Record<string, [number, boolean]> = { b: [8, true], B: [8, false], h: [16, true], H: [16, false], i: [32, true], I: [32, false], q: [64, true], Q: [64, false] };
const ARRAYS: Record<string, (n: number) => Elements> = {
  8: (n) => new Int8Array(n), '-8': (n) => new Uint8Array(n),
  16: (n) => new Int16Array(n), '-16': (n) => new Uint16Array(n),
  32: (n) => new Int32Array(n), '-32': (n) => new Uint32Array(n),
  64: (n) => new BigInt64Array(n), '-64': (n) => new BigUint64Array(n),
};

/**
 * @internal a typecode of Python's `array` module: b B h H i I l L q Q f d
 * ('l' and 'L' are C's long, of longBytes bytes).
 */
export function typecodeOf(call: string, code: unknown, longBytes: number): Typecode {
  if (typeof code !== 'string') throw new TypeError(`${call}: typecode must be a string (one of bBhHiIlLqQfd), got ${A.describe(code)}`);
  if (code === 'f') return { code, make: (n) => new Float32Array(n) };
  if (code === 'd') return { code, make: (n) => new Float64Array(n) };
  let spec = INTEGER[code];
  if (code === 'l' || code === 'L') spec = [longBytes * 8, code === 'l'];
  if (spec === undefined) throw new RangeError(`${call}: typecode '${code}' is not one of bBhHiIlLqQfd`);
  const [bits, signed] = spec;
  return { code, bits, signed, make: ARRAYS[signed ? bits : -bits] };
}

/**
 * @internal a value for an element of that type: an integer in the type's
 * range (a number, or a bigint for 64-bit types) or, for f and d, a number.
 */
export function elementOf(call: string, what: string, t: Typecode, v: unknown): number | bigint {
  if (t.bits === undefined) {
    if (typeof v !== 'number') throw new TypeError(`${call}: ${what} must be a number, got ${A.describe(v)}`);
    return v;
  }
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isInteger(v)) b = BigInt(v);
  else throw new TypeError(`${call}: ${what} must be an integer (typecode '${t.code}'), got ${A.describe(v)}`);
  const lo = t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
  const hi = t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
  if (b < lo || b > hi) throw new RangeError(`${call}: ${what} ${b} is out of range for typecode '${t.code}' (${lo} to ${hi})`);
  return t.bits === 64 ? b : Number(b);
}

/** Options of Counter (mpi4py's keywords). */
export interface CounterOptions {
  start?: number | bigint;
  step?: number | bigint;
  /** Python's `array` typecode of the counter: b B h H i I l L q Q f d (default 'i'); 64-bit types count in bigints. */
  typecode?: string;
  comm?: Intracomm;
  info?: Info;
  /** The rank whose memory holds the counter (default 0). */
  root?: number;
}

const COUNTER = { start: 0 as unknown, step: 1 as unknown, typecode: 'i' as unknown, comm: undefined as unknown, info: undefined as unknown, root: 0 as unknown };

/**
 * A counter every rank of comm increments atomically (Fetch_and_op at root):
 * next() returns the value before its increment, so the values the ranks get
 * are distinct. Iterable (`for (const v of counter)`). Collective.
 * mpi4py: `Counter(start=0, step=1, *, typecode='i', comm=COMM_SELF, info=INFO_NULL, root=0)`.
 */
export class Counter {
  private win: Win | null;
  private readonly type: Typecode;
  private readonly root: number;
  /** @internal the start value (Semaphore's bound) */
  readonly _start: number | bigint;
  private readonly _step: number | bigint;

  constructor(start?: number | bigint | CounterOptions, step?: number | bigint | CounterOptions, options?: CounterOptions) {
    const call = 'Counter';
    const MPI = mpi();
    keywords(call, options);
    const o = A.trailing(call, COUNTER, [start, step, options]);
    const comm = commArg(call, o.comm);
    const info = infoArg(call, o.info);
    this.type = typecodeOf(call, o.typecode, MPI.LONG.Get_size());
    this._start = elementOf(call, 'start', this.type, o.start);
    this._step = elementOf(call, 'step', this.type, o.step);
    this.root = A.root(call, o.root, comm.size);
    const rank = comm.rank;
    const count = rank === this.root ? 1 : 0;
    const init = this.type.make(count);
    const unit = init.BYTES_PER_ELEMENT;
    const win = MPI.Win.Allocate(count * unit, unit, info, comm);
    if (count > 0) {
      init.fill(this._start as never);
      win.Lock(rank, MPI.LOCK_SHARED);
      win.Accumulate(init, rank, null, MPI.REPLACE);
      win.Unlock(rank);
    }
    comm.Barrier();
    this.win = win;
  }

  /**
   * The counter's value, then adds incr (default: the step) to it; atomic.
   * An increment of 0 only reads it. mpi4py: `next(incr=None)` (and `next(counter)`).
   */
  next(incr?: number | bigint | null): number | bigint {
    const call = 'Counter.next';
    const win = this.win;
    if (win === null) throw new RuntimeError(`${call}: counter already freed`);
    const MPI = mpi();
    const by = incr === undefined || incr === null ? this._step : elementOf(call, 'incr', this.type, incr);
    const origin = this.type.make(1);
    origin[0] = by as never;
    const prev = this.type.make(1);
    const op = origin[0] != 0 ? MPI.SUM : MPI.NO_OP; // eslint-disable-line eqeqeq
    win.Lock(this.root, MPI.LOCK_SHARED);
    win.Fetch_and_op(origin, prev, this.root, 0, op);
    win.Unlock(this.root);
    return prev[0];
  }

  /** next() forever: `for (const v of counter) if (v >= n) break`. mpi4py: `__iter__`. */
  *[Symbol.iterator](): Generator<number | bigint, never, void> {
    for (;;) yield this.next();
  }

  /** Frees the window (collective); next() then throws RuntimeError. Again: nothing. mpi4py: `free()`. */
  free(): void {
    const win = this.win;
    this.win = null;
    win?.Free();
  }

  /** free(), for `using`. */
  [Symbol.dispose](): void {
    this.free();
  }
}

// ---- Mutex ---------------------------------------------------------------------------------

/** Options of Mutex (mpi4py's keywords). */
export interface MutexOptions {
  /** May the holder acquire it again (then release as many times)? Default false. */
  recursive?: boolean;
  comm?: Intracomm;
  info?: Info;
}

// The window's ints: the lock flag (a count when recursive), the next waiter, and (at TAIL_RANK) the queue's tail.
const LOCK_ID = 0;
const NEXT_ID = 1;
const TAIL_ID = 2;
const TAIL_RANK = 0;

/** An object whose awaited wait is under way: its other calls would nest MPI epochs on its window. */
interface Guarded {
  busy: string | undefined;
}

function enter(call: string, objs: Guarded[], what: string): void {
  for (const o of objs) if (o.busy !== undefined) throw new RuntimeError(`${call}: the ${what}'s ${o.busy} is still pending (await it first)`);
}

async function guarded<T>(objs: Guarded[], call: string, g: Spin<T>): Promise<T> {
  for (const o of objs) o.busy = call;
  try {
    return await poll(g);
  } finally {
    for (const o of objs) o.busy = undefined;
  }
}

/**
 * Mutual exclusion among the ranks of comm (collective): an MCS queue lock
 * whose waiters spin on their own memory, served in the order they queued.
 * mpi4py: `Mutex(*, recursive=False, comm=COMM_SELF, info=INFO_NULL)`.
 */
export class Mutex {
  private win: Win | null;
  private readonly mem: () => Int32Array;
  private readonly recursive: boolean;
  /** @internal the communicator (Condition's default) */
  _comm: Intracomm | null;
  /** @internal */
  busy: string | undefined;

  constructor(options: MutexOptions = {}) {
    const call = 'Mutex';
    const MPI = mpi();
    const o = A.options(call, options, { recursive: false as unknown, comm: undefined as unknown, info: undefined as unknown });
    const comm = commArg(call, o.comm);
    const info = infoArg(call, o.info);
    this.recursive = Boolean(o.recursive);
    const init = comm.rank === TAIL_RANK ? [0, MPI.PROC_NULL, MPI.PROC_NULL] : [0, MPI.PROC_NULL];
    this.win = intWindow(call, comm, info, init);
    this.mem = int32s(this.win);
    this._comm = comm;
  }

  private live(call: string): Win {
    if (this.win === null) throw new RuntimeError(`${call}: mutex already freed`);
    enter(call, [this], 'mutex');
    return this.win;
  }

  /** @internal takes the lock (queueing when blocking), as mpi4py's _acquire */
  *_acquire(blocking = true): Spin<boolean> {
    const MPI = mpi();
    const win = this.win as Win;
    const me = win.group_rank;
    const NULL = MPI.PROC_NULL;
    win.Lock_all();
    const rank = i32(me);
    const nul = i32(NULL);
    const prev = i32(NULL);
    win.Accumulate(nul, me, NEXT_ID, MPI.REPLACE);
    if (blocking) win.Fetch_and_op(rank, prev, TAIL_RANK, TAIL_ID, MPI.REPLACE);
    else win.Compare_and_swap(rank, nul, prev, TAIL_RANK, TAIL_ID);
    win.Flush(TAIL_RANK);
    let locked = prev[0] === NULL ? 1 : 0;
    if (blocking && !locked) {
      // Queue behind the previous tail, then wait to be handed the lock.
      win.Accumulate(rank, prev[0], NEXT_ID, MPI.REPLACE);
      locked = yield* spinloop(win, this.mem, LOCK_ID, 0);
    }
    win.Accumulate(i32(locked), me, LOCK_ID, MPI.REPLACE);
    win.Unlock_all();
    return locked !== 0;
  }

  /** @internal gives the lock up (to the next in the queue), as mpi4py's _release */
  *_release(): Spin<void> {
    const MPI = mpi();
    const win = this.win as Win;
    const me = win.group_rank;
    const NULL = MPI.PROC_NULL;
    win.Lock_all();
    const rank = i32(me);
    const prev = i32(NULL);
    win.Compare_and_swap(i32(NULL), rank, prev, TAIL_RANK, TAIL_ID);
    win.Flush(TAIL_RANK);
    if (prev[0] !== me) {
      // Someone queued behind: wait until it names itself, then hand it the lock.
      const next = yield* spinloop(win, this.mem, NEXT_ID, NULL);
      win.Accumulate(i32(1), next, LOCK_ID, MPI.REPLACE);
    }
    win.Accumulate(i32(0), me, LOCK_ID, MPI.REPLACE);
    win.Unlock_all();
  }

  private countOp(value: number, op: 'SUM' | 'NO_OP' | 'REPLACE'): number {
    const MPI = mpi();
    const win = this.win as Win;
    const me = win.group_rank;
    const prev = i32(0);
    win.Lock(me, MPI.LOCK_SHARED);
    win.Fetch_and_op(i32(value), prev, me, LOCK_ID, MPI[op]);
    win.Unlock(me);
    return prev[0];
  }

  /** @internal as mpi4py's _release_save: releases, returning the recursion count */
  *_release_save(): Spin<number | undefined> {
    const state = this.recursive ? this.countOp(0, 'NO_OP') : undefined;
    yield* this._release();
    return state;
  }

  /** @internal as mpi4py's _acquire_restore */
  *_acquire_restore(state: number | undefined): Spin<void> {
    yield* this._acquire();
    if (this.recursive && state !== undefined) this.countOp(state, 'REPLACE');
  }

  private *acquiring(call: string, blocking: boolean): Spin<boolean> {
    if (this.lockedHere()) {
      if (this.recursive) {
        this.countOp(1, 'SUM');
        return true;
      }
      throw new RuntimeError(`${call}: cannot acquire already held mutex`);
    }
    return yield* this._acquire(blocking);
  }

  /**
   * Takes the mutex, waiting for it when blocking (default); true once held,
   * false if not blocking and held elsewhere. Held already: RuntimeError, or
   * (recursive) one more level. mpi4py: `acquire(blocking=True)`.
   */
  acquire(blocking?: boolean | { blocking?: boolean }): boolean {
    this.live('Mutex.acquire');
    return block(this.acquiring('Mutex.acquire', blockingArg('Mutex.acquire', blocking)));
  }

  /** As acquire(), letting the event loop run while it waits. */
  acquireAsync(blocking?: boolean | { blocking?: boolean }): Promise<boolean> {
    this.live('Mutex.acquireAsync');
    const b = blockingArg('Mutex.acquireAsync', blocking);
    return guarded([this], 'acquireAsync', this.acquiring('Mutex.acquireAsync', b));
  }

  /** Gives the mutex up (recursive: one level); not held: RuntimeError. mpi4py: `release()`. */
  release(): void {
    const call = 'Mutex.release';
    this.live(call);
    if (!this.lockedHere()) throw new RuntimeError(`${call}: cannot release unheld mutex`);
    if (this.recursive && this.countOp(-1, 'SUM') > 1) return;
    block(this._release());
  }

  private lockedHere(): boolean {
    return this.mem()[LOCK_ID] !== 0;
  }

  /** Whether this process holds the mutex. mpi4py: `locked()`. */
  locked(): boolean {
    this.live('Mutex.locked');
    return this.lockedHere();
  }

  /** How many times this process holds it (0: not held). mpi4py: `count()`. */
  count(): number {
    this.live('Mutex.count');
    return this.countOp(0, 'NO_OP');
  }

  /** Releases it if held, then frees the window (collective); again: nothing. mpi4py: `free()`. */
  free(): void {
    if (this.win !== null) {
      enter('Mutex.free', [this], 'mutex');
      if (this.lockedHere()) block(this._release());
    }
    const win = this.win;
    this.win = null;
    this._comm = null;
    win?.Free();
  }

  /** @internal freed? */
  get _freed(): boolean {
    return this.win === null;
  }

  /** free(), for `using`. */
  [Symbol.dispose](): void {
    this.free();
  }
}

// ---- Condition -------------------------------------------------------------------------------

/** Options of Condition (mpi4py's keywords). */
export interface ConditionOptions {
  /** The mutex (default: a new one over comm). */
  mutex?: Mutex | null;
  /** Whether a mutex made here is recursive (default true). */
  recursive?: boolean;
  comm?: Intracomm;
  info?: Info;
}

const FLAG_ID = 0;

/**
 * A condition variable over a Mutex (collective): wait() releases it and
 * sleeps until notified, then takes it again; notify(n) wakes the n that
 * waited longest. mpi4py: `Condition(mutex=None, *, recursive=True, comm=COMM_SELF, info=INFO_NULL)`.
 */
export class Condition {
  private win: Win | null;
  private readonly mem: () => Int32Array;
  private readonly mutex: Mutex;
  private readonly ownMutex: boolean;
  /** @internal */
  busy: string | undefined;

  constructor(mutex?: Mutex | null | ConditionOptions, options?: ConditionOptions) {
    const call = 'Condition';
    const MPI = mpi();
    keywords(call, options);
    const o = A.trailing(call, { mutex: null as unknown, recursive: true as unknown, comm: undefined as unknown, info: undefined as unknown }, [mutex, options]);
    const info = infoArg(call, o.info);
    let comm: Intracomm;
    if (o.mutex === null || o.mutex === undefined) {
      comm = commArg(call, o.comm);
      this.mutex = new Mutex({ recursive: Boolean(o.recursive), comm, info });
      this.ownMutex = true;
    } else {
      this.mutex = A.ofKind(call, 'mutex', o.mutex, Mutex, 'sync.Mutex');
      if (this.mutex._comm === null) throw new RuntimeError(`${call}: mutex already freed`);
      comm = this.mutex._comm;
      this.ownMutex = false;
    }
    const init = comm.rank === TAIL_RANK ? [0, MPI.PROC_NULL, MPI.PROC_NULL] : [0, MPI.PROC_NULL];
    this.win = intWindow(call, comm, info, init);
    this.mem = int32s(this.win);
  }

  private live(call: string): Win {
    if (this.win === null) throw new RuntimeError(`${call}: condition already freed`);
    enter(call, [this, this.mutex], 'condition');
    return this.win;
  }

  /** Puts process at the tail of the circular queue of waiters. */
  private enqueue(process: number): void {
    const MPI = mpi();
    const win = this.win as Win;
    const NULL = MPI.PROC_NULL;
    const rank = i32(process);
    const prev = i32(NULL);
    const next = i32(process);
    win.Lock_all();
    win.Fetch_and_op(rank, prev, TAIL_RANK, TAIL_ID, MPI.REPLACE);
    win.Flush(TAIL_RANK);
    if (prev[0] !== NULL) {
      win.Fetch_and_op(rank, next, prev[0], NEXT_ID, MPI.REPLACE);
      win.Flush(prev[0]);
    }
    win.Accumulate(next, rank[0], NEXT_ID, MPI.REPLACE);
    win.Unlock_all();
  }

  /** Takes up to max processes off the head of the queue, in the order they queued. */
  private dequeue(max: number): number[] {
    const MPI = mpi();
    const win = this.win as Win;
    const NULL = MPI.PROC_NULL;
    const nul = i32(NULL);
    const prev = i32(NULL);
    const next = i32(NULL);
    const processes: number[] = [];
    max = Math.max(0, Math.min(max, win.group_size));
    win.Lock_all();
    win.Fetch_and_op(nul, prev, TAIL_RANK, TAIL_ID, MPI.NO_OP);
    win.Flush(TAIL_RANK);
    if (prev[0] !== NULL) {
      let empty = false;
      win.Fetch_and_op(nul, next, prev[0], NEXT_ID, MPI.NO_OP);
      win.Flush(prev[0]);
      while (processes.length < max && !empty) {
        const rank = next[0];
        processes.push(rank);
        win.Fetch_and_op(nul, next, rank, NEXT_ID, MPI.NO_OP);
        win.Flush(rank);
        empty = processes[0] === next[0];
      }
      if (!empty) win.Accumulate(next, prev[0], NEXT_ID, MPI.REPLACE);
      else win.Accumulate(nul, TAIL_RANK, TAIL_ID, MPI.REPLACE);
    }
    win.Unlock_all();
    return processes;
  }

  private *sleep(): Spin<void> {
    const win = this.win as Win;
    win.Lock_all();
    yield* spinloop(win, this.mem, FLAG_ID, 0, true);
    win.Unlock_all();
  }

  private wakeup(processes: number[]): void {
    const MPI = mpi();
    const win = this.win as Win;
    const flag = i32(1);
    win.Lock_all();
    for (const rank of processes) win.Accumulate(flag, rank, FLAG_ID, MPI.REPLACE);
    win.Unlock_all();
  }

  /** Takes the mutex. mpi4py: `acquire(blocking=True)`. */
  acquire(blocking?: boolean | { blocking?: boolean }): boolean {
    this.live('Condition.acquire');
    return this.mutex.acquire(blockingArg('Condition.acquire', blocking));
  }

  /** As acquire(), letting the event loop run while it waits. */
  acquireAsync(blocking?: boolean | { blocking?: boolean }): Promise<boolean> {
    this.live('Condition.acquireAsync');
    return this.mutex.acquireAsync(blockingArg('Condition.acquireAsync', blocking));
  }

  /** Releases the mutex. mpi4py: `release()`. */
  release(): void {
    this.live('Condition.release');
    this.mutex.release();
  }

  /** Whether this process holds the mutex. mpi4py: `locked()`. */
  locked(): boolean {
    return this.mutex.locked();
  }

  private *waiting(): Spin<true> {
    this.enqueue((this.win as Win).group_rank);
    const state = yield* this.mutex._release_save();
    yield* this.sleep();
    yield* this.mutex._acquire_restore(state);
    return true;
  }

  private waitable(call: string): void {
    this.live(call);
    if (!this.mutex.locked()) throw new RuntimeError(`${call}: cannot wait on unheld mutex`);
  }

  /**
   * Releases the mutex, sleeps until notified, takes it again; returns true.
   * Mutex not held: RuntimeError. mpi4py: `wait()`.
   */
  wait(): true {
    this.waitable('Condition.wait');
    return block(this.waiting());
  }

  /** As wait(), letting the event loop run while it sleeps. */
  waitAsync(): Promise<true> {
    this.waitable('Condition.waitAsync');
    return guarded([this, this.mutex], 'waitAsync', this.waiting());
  }

  /** Waits until predicate() is truthy; returns its value. mpi4py: `wait_for(predicate)`. */
  wait_for<T>(predicate: () => T): T {
    if (typeof predicate !== 'function') throw new TypeError(`Condition.wait_for: predicate must be a function, got ${A.describe(predicate)}`);
    let result = predicate();
    while (!result) {
      this.wait();
      result = predicate();
    }
    return result;
  }

  /** As wait_for(), with waitAsync(); predicate may return a promise. */
  wait_forAsync<T>(predicate: () => T | PromiseLike<T>): Promise<T> {
    if (typeof predicate !== 'function') throw new TypeError(`Condition.wait_forAsync: predicate must be a function, got ${A.describe(predicate)}`);
    return (async () => {
      let result = await predicate();
      while (!result) {
        await this.waitAsync();
        result = await predicate();
      }
      return result;
    })();
  }

  /** Wakes up to n (default 1) waiting processes, longest waiting first; returns how many. Mutex not held: RuntimeError. mpi4py: `notify(n=1)`. */
  notify(n?: number | { n?: number }): number {
    const call = 'Condition.notify';
    const count = A.int(call, 'n', A.isOptions(n) ? A.options(call, n, { n: 1 as unknown }).n : n === undefined ? 1 : n);
    return this.notifying(call, count);
  }

  private notifying(call: string, n: number): number {
    this.live(call);
    if (!this.mutex.locked()) throw new RuntimeError(`${call}: cannot notify on unheld mutex`);
    const processes = this.dequeue(n);
    this.wakeup(processes);
    return processes.length;
  }

  /** Wakes every waiting process; returns how many. mpi4py: `notify_all()`. */
  notify_all(): number {
    return this.notifying('Condition.notify_all', A.INT_MAX);
  }

  /** Releases the mutex if held, frees a mutex made here and the window (collective); again: nothing. mpi4py: `free()`. */
  free(): void {
    if (this.win !== null) enter('Condition.free', [this, this.mutex], 'condition');
    if (!this.mutex._freed && this.mutex.locked()) block(this.mutex._release());
    if (this.ownMutex) this.mutex.free();
    const win = this.win;
    this.win = null;
    win?.Free();
  }

  /** free(), for `using`. */
  [Symbol.dispose](): void {
    this.free();
  }
}

// ---- Semaphore -------------------------------------------------------------------------------

/** Options of Semaphore (mpi4py's keywords). */
export interface SemaphoreOptions {
  /** Refuse a release above the initial value (default true). */
  bounded?: boolean;
  comm?: Intracomm;
  info?: Info;
}

/**
 * A counting semaphore shared by the ranks of comm (collective): a Counter
 * guarded by a Condition. mpi4py: `Semaphore(value=1, *, bounded=True, comm=COMM_SELF, info=INFO_NULL)`.
 */
export class Semaphore {
  /** @internal */
  _bounded: boolean;
  /** @internal the value */
  readonly _counter: Counter;
  private readonly condvar: Condition;

  constructor(value?: number | SemaphoreOptions, options?: SemaphoreOptions) {
    const call = 'Semaphore';
    keywords(call, options);
    const o = A.trailing(call, { value: 1 as unknown, bounded: true as unknown, comm: undefined as unknown, info: undefined as unknown }, [value, options]);
    const v = A.int(call, 'value', o.value);
    if (v < 0) throw new RangeError(`${call}: value ${v} must be non-negative`);
    const comm = commArg(call, o.comm);
    const info = infoArg(call, o.info);
    this._bounded = Boolean(o.bounded);
    this._counter = new Counter(v, { comm, info });
    this.condvar = new Condition({ recursive: false, comm, info });
  }

  private *acquiring(blocking: boolean): Spin<boolean> {
    const cv = this.condvar as unknown as { mutex: Mutex; waiting(): Spin<true> };
    yield* cv.mutex._acquire();
    try {
      while (this._counter.next(0) == 0) { // eslint-disable-line eqeqeq
        if (!blocking) return false;
        yield* cv.waiting();
      }
      this._counter.next(-1);
      return true;
    } finally {
      yield* cv.mutex._release();
    }
  }

  private check(call: string): void {
    // The condition's state is the semaphore's: freed, or an awaited acquire under way.
    (this.condvar as unknown as { live(call: string): void }).live(call);
  }

  /**
   * Decrements the value, waiting while it is 0 when blocking (default);
   * false if not blocking and it is 0. mpi4py: `acquire(blocking=True)`.
   */
  acquire(blocking?: boolean | { blocking?: boolean }): boolean {
    this.check('Semaphore.acquire');
    return block(this.acquiring(blockingArg('Semaphore.acquire', blocking)));
  }

  /** As acquire(), letting the event loop run while it waits. */
  acquireAsync(blocking?: boolean | { blocking?: boolean }): Promise<boolean> {
    this.check('Semaphore.acquireAsync');
    const b = blockingArg('Semaphore.acquireAsync', blocking);
    const cv = this.condvar as unknown as Guarded & { mutex: Mutex };
    return guarded([cv, cv.mutex], 'acquireAsync', this.acquiring(b));
  }

  /**
   * Increments the value by n (default 1), waking as many waiters. n < 1:
   * RangeError; bounded and above the initial value: ValueError (a RangeError).
   * mpi4py: `release(n=1)`.
   */
  release(n?: number | { n?: number }): void {
    const call = 'Semaphore.release';
    const by = A.int(call, 'n', A.isOptions(n) ? A.options(call, n, { n: 1 as unknown }).n : n === undefined ? 1 : n);
    if (by < 1) throw new RangeError(`${call}: n ${by} must be one or more`);
    this.check(call);
    const cv = this.condvar;
    cv.acquire();
    try {
      if (this._bounded) {
        const current = this._counter.next(0) as number;
        if (current + by > (this._counter._start as number)) throw new ValueError(`${call}: semaphore released too many times`);
      }
      this._counter.next(by);
      cv.notify(by);
    } finally {
      cv.release();
    }
  }

  /** Frees the counter and the condition (collective); again: nothing. mpi4py: `free()`. */
  free(): void {
    this._counter.free();
    this.condvar.free();
  }

  /** free(), for `using`. */
  [Symbol.dispose](): void {
    this.free();
  }
}
