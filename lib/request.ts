/**
 * Requests of nonblocking calls. Besides mpi4py's wait/test methods a Request
 * is awaitable: `const x = await comm.irecv(0, 5)`. Awaiting hands it to the
 * progress engine (src-native/progress.cc), which completes it from the event
 * loop, so timers and I/O go on meanwhile. Whatever the call was given stays
 * alive in the addon until MPI is done with it.
 *
 * A Request may take several MPI operations in turn (a lowercase `ibcast`
 * sends the size, then the bytes): each stage's completion yields the next
 * stage or the final value.
 */
import { UNDEFINED } from './constants';
import { TimeoutError, Waiting } from './errors';
import { describe, timeout as checkTimeout, trailing } from './args';
import { native } from './native';
import { Status, statusBytes } from './status';

const R = native.request;

/** What a finished stage turns into: the next MPI operation, or the value. */
export type Stage = { id: number; next: Next } | { value: unknown };
/**
 * Called with what the stage's MPI operation completed with (a received
 * Buffer, or undefined) and the status it filled, if any.
 */
export type Next = (completed: Buffer | undefined, status: Status | undefined) => Stage;

const NOTHING: Stage = Object.freeze({ value: undefined });
/** @internal sends, buffer receives, collectives: nothing */
export const nothing: Next = () => NOTHING;

/** Any list of requests, of any value types. */
export type Requests = readonly Request<unknown>[] | [];

/** What waitsome and testsome return: the indices completed and their values, or `[undefined, undefined]` when none is active. */
export type Some<T> = [number[], T[]] | [undefined, undefined];

/** The options that may stand in place of waitall's, testall's, waitsome's and testsome's statuses: `{statuses}`. */
export interface StatusesOptions {
  statuses?: Status[];
}

const WAIT = { status: undefined as Status | undefined, timeout: undefined as number | undefined };
const STATUS = { status: undefined as Status | undefined };

/** A statuses argument given positionally or as `{statuses}`. */
function statusesArg(call: string, statuses: Status[] | StatusesOptions | undefined): Status[] | undefined {
  return statuses === undefined || Array.isArray(statuses) ? statuses : trailing(call, { statuses: undefined as Status[] | undefined }, [statuses]).statuses;
}

/** Options of `wait`: a status to fill and a timeout in milliseconds. */
export interface WaitOptions {
  status?: Status;
  timeout?: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * @internal What a held request waits behind (lib/msgpickle.ts): older
 * collectives on its communicator that must post their later stages first.
 */
export interface Hold {
  /**
   * Blocks, driving the older collectives in order, until the request is
   * posted; with a deadline (Date.now() ms) false once it passes first.
   */
  drive(deadline?: number): boolean;
  /** Without blocking: moves the older collectives on as far as they have completed. */
  poke(): void;
  /** The oldest of them: posted, its first stage in flight; its completion is what the request waits for. */
  blocker(): Request | undefined;
}

/** Where the engine's completions write their status when the request has no Status object yet. */
const engineStatus = new Status();

/** Requests being awaited, by id of their current stage. */
const awaited = new Map<number, Request>();

native.progress.setCallback((ids, count) => {
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    const req = awaited.get(id);
    awaited.delete(id);
    req?.completedByEngine();
  }
});

/**
 * @internal At MPI.Finalize: the progress engine stops, so nothing would ever
 * settle the requests being awaited; they reject with error instead.
 */
export function failAwaited(error: () => Error): void {
  const pending = [...awaited.values()];
  awaited.clear();
  for (const req of pending) req.abandon(error());
}

/** The addon slot a Request holds, shared with the finalizer so that it sees the current stage. */
interface Slot {
  id: number;
}

/**
 * Requests collected before they were completed (fire-and-forget sends,
 * dropped receives). A completed one is freed at once, silently; an active one
 * keeps its buffers alive in the addon, which frees it once MPI completes it
 * (the progress engine tests it), and it is reported as mpi4py would (see
 * warnDropped). Never throws: it runs from the garbage collector.
 */
const collected = new FinalizationRegistry<Slot>((slot) => {
  const active = slot.id >= 0 ? R.drop(slot.id) : false;
  if (active) warnDropped(slot.id, active === 2);
});

/**
 * Requests made this event-loop turn, registered with `collected` at its end
 * if still active. Registering costs: V8 keeps a registered object through
 * minor collections, so a Request completed at once (an Isend waited in a
 * loop) would be promoted and make every request several times slower. A
 * completed request leaves its entry (set to undefined) in finish().
 */
let fresh: (Request | undefined)[] = [];

function registerFresh(): void {
  const list = fresh;
  fresh = [];
  for (const r of list) r?.adopted();
}

/**
 * mpi4py's warning for an MPI object collected with a live handle
 * (RuntimeWarning "collecting object with MPI_Request handle 0x…"), with what
 * mpi4js does about it. Once per dropped active request.
 */
function warnDropped(id: number, generalized: boolean): void {
  process.emitWarning(
    `collecting object with MPI_Request handle ${id}: the request was still active; ` +
      (generalized
        ? 'a generalized request nobody can Complete any more: freed now (it never completes)'
        : 'it completes in the background and is freed then (keep the request and wait for it to see its outcome)'),
    { type: 'RuntimeWarning', code: 'MPI4JS_ACTIVE_REQUEST_COLLECTED' },
  );
}

/** What a Request completes with: `Request<string>` gives `string`. */
export type ValueOf<R> = R extends Request<infer T> ? T : never;

/** What `Request.waitall` returns for these requests: an array, or a tuple for a tuple of requests. */
export type ValuesOf<R extends readonly unknown[]> = { -readonly [K in keyof R]: ValueOf<R[K]> };

/**
 * mpi4py: `MPI.Request`. T is what it completes with: the received value of an
 * object receive or collective (`comm.irecv<string>()` is a `Request<string>`;
 * unknown unless said), undefined for sends and buffer operations. T is the
 * caller's claim, as with `JSON.parse`: the value is not checked at run time.
 */
export class Request<T = unknown> implements PromiseLike<T> {
  /** Where the id lives: the finalizer holds it, not the Request. */
  private readonly slot: Slot;
  /** Its index in `fresh` until registered, else -1. */
  private freshAt = -1;
  /** Whether the garbage collector watches it (see adopted). */
  private registered = false;
  private next: Next;
  private outcome?: Outcome;
  private promise?: Promise<unknown>;
  private settle?: { resolve(v: unknown): void; reject(e: unknown): void };
  private ownStatus?: Status;
  /** The last completion's status bytes, when the engine took it before anyone asked for the Status. */
  private lastStatus?: Uint8Array;
  /** Why the request was cancelled on the caller's behalf (timeout, AbortSignal). */
  private cancelReason?: unknown;
  private cleanup?: () => void;
  /** Set while the request is held (nothing posted yet): what it waits behind. */
  private hold?: Hold;
  /** Finished by the library rather than by a wait, test or await of the caller's: the next one still gets the outcome. */
  private unseen = false;
  /** @internal Called once the request finishes, however (a collective leaves its communicator's queue). */
  onFinish?: () => void;

  /** A null request (mpi4py: `MPI.Request()`): inactive, like MPI.REQUEST_NULL; waiting on it returns at once. */
  constructor();
  /** @internal */
  constructor(id: number, next?: Next, collective?: boolean, keepsStatus?: boolean);
  constructor(
    id = -1,
    next: Next = nothing,
    /** @internal a collective's request: MPI forbids cancelling or freeing it */
    private readonly collective = false,
    /** @internal always fill its own status, which next then reads (a receive from ANY_SOURCE learns its sender) */
    private readonly keepsStatus = false,
  ) {
    this.slot = { id };
    this.next = next;
    if (id >= 0) this.track();
  }

  /** Watched by the garbage collector from the end of this turn (see fresh). */
  private track(): void {
    this.freshAt = fresh.push(this) - 1;
    if (this.freshAt === 0) setImmediate(registerFresh).unref();
  }

  /**
   * @internal Holds the request, active with nothing posted, until release()
   * gives it its first stage. A held request is strongly referenced by what
   * holds it, so the garbage collector only watches it once posted.
   */
  holding(hold: Hold): this {
    this.hold = hold;
    return this;
  }

  /** @internal Whether the request is held: active, nothing posted yet. */
  get held(): boolean {
    return this.hold !== undefined;
  }

  /** @internal Moves a held request on: until posted (block), or as far as what it waits behind has completed. */
  unhold(block: boolean): void {
    if (block) this.hold?.drive();
    else this.hold?.poke();
  }

  /** @internal What a held request waits for: the older collective whose first stage is in flight. */
  blocker(): Request | undefined {
    return this.hold?.blocker();
  }

  /** @internal Ends the hold: post gives the request's first stage (MPI's errors in posting fail it). */
  release(post: () => Stage): void {
    if (!this.hold) return;
    let stage: Stage;
    try {
      stage = post();
    } catch (error) {
      this.finish({ ok: false, error });
      return;
    }
    this.hold = undefined;
    if ('value' in stage) {
      this.finish({ ok: true, value: stage.value });
      return;
    }
    this.id = stage.id;
    this.next = stage.next;
    this.track();
    if (this.awaitedByCaller()) this.watch();
  }

  /**
   * @internal Lets the progress engine take this request's current stage when
   * it completes, awaited or not, so that what waits behind it moves on
   * without anyone waiting for it. A stage that completes is stepped, never
   * finished unseen: only an awaited request is watched further.
   */
  watchStage(): void {
    if (this.id >= 0) this.watch();
  }

  /**
   * @internal Blocks until the current stage completes, then moves to the
   * next (true); false if the deadline (Date.now() ms) passes first.
   */
  advanceBy(deadline: number | undefined): boolean {
    if (this.id >= 0 && deadline !== undefined && !R.waitFor(this.id, Math.max(0, deadline - Date.now()))) return false;
    this.advance();
    return true;
  }

  /** @internal Without blocking: if the current stage has completed, moves to the next (true). */
  stepIfDone(): boolean {
    if (this.id < 0 || !R.done(this.id)) return false;
    this.advance();
    return true;
  }

  private watch(): void {
    awaited.set(this.id, this);
    R.watch(this.id);
  }

  private awaitedByCaller(): boolean {
    return this.promise !== undefined && this.settle !== undefined && this.outcome === undefined;
  }

  /**
   * @internal End of the turn it was made in: if still active, the garbage
   * collector may now see it go. Not while awaited: `awaited` holds it until
   * its stage completes (registering would cost every awaited request a
   * promotion); step() registers it if a later stage outlives that.
   */
  adopted(): void {
    this.freshAt = -1;
    if (this.registered || this.slot.id < 0 || awaited.has(this.slot.id)) return;
    this.registered = true;
    // No unregister token: the callback of a request finished since (id -1) does nothing.
    collected.register(this, this.slot);
  }

  /** @internal id of the current stage in the addon's request table, -1 once complete (REQUEST_NULL) */
  get id(): number {
    return this.slot.id;
  }

  set id(id: number) {
    this.slot.id = id;
  }

  private refuse(call: string, what: string): void {
    if (this.collective && this.active) throw new TypeError(`${call}: a nonblocking collective cannot be ${what}: wait for it (MPI forbids ${what === 'cancelled' ? 'MPI_Cancel' : 'MPI_Request_free'} on it)`);
  }

  /** The status of the last completion (of an awaited request, say). */
  get status(): Status {
    if (this.ownStatus) return this.ownStatus;
    this.ownStatus = new Status();
    if (this.lastStatus) this.ownStatus.bytes.set(this.lastStatus);
    return this.ownStatus;
  }

  /** Whether the request is still pending (mpi4py: `bool(request)`). */
  get active(): boolean {
    return this.id >= 0 || this.hold !== undefined;
  }

  /**
   * @internal Cancels the request on timeout or abort: once MPI confirms the
   * cancellation, waiting throws and awaiting rejects with reason. A receive
   * that matched first completes normally.
   */
  cancelWith(reason: unknown): void {
    if (this.id < 0 || this.cancelReason !== undefined) return;
    this.cancelReason = reason;
    R.cancel(this.id);
  }

  /** @internal Timeout and AbortSignal for receives. */
  bound(timeout: number | undefined, signal: AbortSignal | undefined, what: () => [string, Waiting]): this {
    if (signal?.aborted) this.cancelWith(signal.reason);
    else if (signal) {
      const onAbort = () => this.cancelWith(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.cleanup = () => signal.removeEventListener('abort', onAbort);
    }
    if (timeout !== undefined && this.active) {
      const timer = setTimeout(() => {
        const [call, waiting] = what();
        this.cancelWith(new TimeoutError(call, timeout, waiting));
      }, timeout);
      const previous = this.cleanup;
      this.cleanup = () => {
        clearTimeout(timer);
        previous?.();
      };
    }
    return this;
  }

  /** @internal MPI is gone (Finalize): settle as failed, leaving the addon's slot alone. */
  abandon(error: Error): void {
    this.onFinish = undefined; // MPI is finalizing: nothing more is posted
    this.finish({ ok: false, error });
  }

  private finish(outcome: Outcome): void {
    awaited.delete(this.id);
    this.id = -1;
    this.hold = undefined;
    if (this.freshAt >= 0) fresh[this.freshAt] = undefined;
    this.freshAt = -1;
    this.outcome = outcome;
    this.cleanup?.();
    const then = this.onFinish;
    this.onFinish = undefined;
    then?.();
    if (outcome.ok) this.settle?.resolve(outcome.value);
    else this.settle?.reject(outcome.error);
  }

  /**
   * Takes the current stage's completion from the addon (MPI errors throw)
   * and moves on; true once the request has finished.
   */
  private step(take: (id: number, status: Uint8Array | undefined) => Buffer | undefined, status?: Status): boolean {
    const mine = this.cancelReason !== undefined;
    const own = mine || this.keepsStatus;
    // Taken here, the stage is no longer the engine's to report (a watched stage waited for, say).
    if (awaited.size > 0) awaited.delete(this.id);
    try {
      const given = status?.bytes; // checked by the caller
      const completed = take(this.id, own ? this.status.bytes : given);
      if (own) given?.set(this.status.bytes);
      if (mine && this.status.Is_cancelled()) {
        this.finish({ ok: false, error: this.cancelReason });
        return true;
      }
      const stage = this.next(completed, own ? this.status : status);
      if ('value' in stage) {
        this.finish({ ok: true, value: stage.value });
        return true;
      }
      this.id = stage.id;
      this.next = stage.next;
      // A later stage: watched by the collector unless it is still this turn's (adopted will see to it).
      if (!this.registered && this.freshAt < 0) this.adopted();
      return false;
    } catch (error) {
      this.finish({ ok: false, error: this.failure(error) });
      return true;
    }
  }

  /** @internal What a failed completion throws: the error itself (a Grequest's own callback error instead). */
  protected failure(error: unknown): unknown {
    return error;
  }

  /**
   * @internal A persistent request's next round (lib/prequest.ts): active again
   * on its slot id, with a fresh outcome, promise and status.
   */
  restart(id: number): void {
    this.outcome = undefined;
    this.promise = undefined;
    this.settle = undefined;
    this.unseen = false;
    this.lastStatus = undefined;
    this.cancelReason = undefined;
    this.id = id;
    this.track();
  }

  /**
   * Whether the request has completed, without completing it (it stays active
   * until wait or test; its status filled once complete); an inactive request
   * gives true and an empty status. A lowercase request's MPI part (an object
   * receive, an object collective's stages) is completed, its value kept for
   * wait. mpi4py: `Get_status(status=None)`.
   */
  Get_status(status?: Status | { status?: Status }): boolean {
    if (status !== undefined && !(status instanceof Status)) status = trailing('Request.Get_status', STATUS, [status]).status;
    statusBytes(status, 'Request.Get_status');
    for (;;) {
      if (this.hold) {
        this.hold.poke();
        if (this.hold) return false;
      }
      if (this.id < 0) {
        status?.bytes.set(this.unseen ? this.status.bytes : new Status().bytes);
        return true;
      }
      if (!R.status(this.id, status?.bytes)) return false;
      // One MPI operation, whose outcome the addon keeps for wait: nothing more to do.
      if (this.next === nothing || this.singleStage) return true;
      awaited.delete(this.id);
      if (this.step(R.take, status)) {
        this.unseen = this.promise === undefined;
        return true;
      }
      if (this.awaitedByCaller()) this.watch();
    }
  }

  /** mpi4py: `get_status(status=None)`, as Get_status. */
  get_status(status?: Status | { status?: Status }): boolean {
    return this.Get_status(status);
  }

  /** @internal Its outcome is the slot's own (persistent, generalized): Get_status leaves it to wait. */
  protected get singleStage(): boolean {
    return false;
  }

  private result(): unknown {
    this.unseen = false;
    const o = this.outcome;
    if (o && !o.ok) throw o.error;
    return o?.value;
  }

  /**
   * @internal Completes the current stage now (blocking) and moves to the next;
   * used to post collectives' later stages in one order on every rank.
   */
  advance(): void {
    if (this.id < 0) return;
    awaited.delete(this.id);
    if (this.step(R.wait)) {
      this.unseen = this.promise === undefined;
      return;
    }
    if (this.awaitedByCaller()) this.watch();
  }

  /** @internal the progress engine (or toPromise) found the current stage complete */
  completedByEngine(): void {
    // The status goes to the request's own Status if it has one yet, else to a copy made on demand (get status).
    const own = this.ownStatus;
    const finished = this.step((id, st) => R.take(id, st ?? (own ?? engineStatus).bytes), undefined);
    if (!this.ownStatus) this.lastStatus = engineStatus.bytes.slice();
    if (finished) {
      this.unseen = this.promise === undefined;
      return;
    }
    if (this.awaitedByCaller()) this.watch();
  }

  /** Finished without the caller having seen it: its outcome, once; else undefined (inactive). */
  private late(): unknown {
    return this.unseen ? this.result() : undefined;
  }

  /**
   * Blocks until the request completes; returns the received object for an
   * object receive, else undefined. With `{timeout}` (ms) it throws
   * MPI.TimeoutError when the time passes first, leaving the request pending.
   * As in mpi4py, a request that has already completed (waited, tested done)
   * is inactive and returns undefined: keep the first result, or `await` it,
   * which gives the value every time. mpi4py: `wait(status=None)`.
   */
  wait(status?: Status | WaitOptions): T {
    // The value of an inactive request, typed T: the price of typing the usual case (see above).
    // Arguments are checked first, so a wrong one is refused whether or not the request is still active.
    const { status: st, timeout: t } = status instanceof Status || status === undefined || status === null
      ? { status: status ?? undefined, timeout: undefined }
      : trailing('Request.wait', WAIT, [status]);
    statusBytes(st, 'Request.wait');
    const timeout = checkTimeout('wait', t);
    const deadline = timeout === undefined ? undefined : Date.now() + timeout;
    // A held request is posted first: the older collectives complete their first stages.
    if (this.hold && !this.hold.drive(deadline)) throw new TimeoutError('wait', timeout as number);
    if (this.id < 0) return this.late() as T;
    for (;;) {
      if (deadline !== undefined && !R.waitFor(this.id, Math.max(0, deadline - Date.now()))) {
        throw new TimeoutError('wait', timeout as number);
      }
      if (this.step(R.wait, st)) return this.result() as T;
    }
  }

  /**
   * `[done, object]` without blocking: `[true, value]` once complete, `[false,
   * undefined]` before; an inactive request gives `[true, undefined]`, as wait
   * does. mpi4py: `test(status=None)`.
   */
  test(status?: Status | { status?: Status }): [true, T] | [false, undefined] {
    if (status !== undefined && !(status instanceof Status)) status = trailing('Request.test', STATUS, [status]).status;
    statusBytes(status, 'Request.test');
    if (this.hold) {
      this.hold.poke();
      if (this.hold) return [false, undefined];
    }
    while (this.id >= 0) {
      if (!R.done(this.id)) return [false, undefined];
      if (this.step(R.take, status)) return [true, this.result() as T];
    }
    return [true, this.late() as T];
  }

  /** Asks MPI to cancel the request; then wait or test it. mpi4py: `cancel()`. */
  cancel(): void {
    this.refuse('Request.cancel', 'cancelled');
    if (this.id >= 0) R.cancel(this.id);
  }

  /** mpi4py: `Wait(status=None)`; returns true. */
  Wait(status?: Status | WaitOptions): true {
    this.wait(status);
    return true;
  }

  /** mpi4py: `Test(status=None)`. */
  Test(status?: Status | { status?: Status }): boolean {
    return this.test(status)[0];
  }

  /** mpi4py: `Cancel()`. */
  Cancel(): void {
    this.cancel();
  }

  /** Lets the request go; MPI finishes it in the background. mpi4py: `Free()`. */
  Free(): void {
    this.refuse('Request.Free', 'freed');
    if (this.id < 0) return;
    awaited.delete(this.id);
    R.free(this.id);
    this.finish({ ok: true, value: undefined });
  }

  /** Makes `await request` work: resolves with what `wait()` returns (T). */
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.toPromise().then(onfulfilled, onrejected);
  }

  /** A promise of what `wait()` returns, settled by the progress engine. */
  toPromise(): Promise<T> {
    return this.promised() as Promise<T>;
  }

  private promised(): Promise<unknown> {
    if (this.promise) return this.promise;
    if (this.id < 0 && !this.hold) {
      this.unseen = false;
      const o = this.outcome;
      this.promise = o && !o.ok ? Promise.reject(o.error) : Promise.resolve(o?.value);
      return this.promise;
    }
    this.promise = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    if (this.hold) return this.promise; // watched once released
    // Already complete (an eager send, say): settle now rather than a loop turn later.
    if (R.done(this.id)) {
      this.completedByEngine();
      return this.promise;
    }
    this.watch();
    return this.promise;
  }

  /**
   * mpi4py: `Request.waitall(requests, statuses=None)`: the list of what each
   * wait returns. All requests progress together, as in MPI_Waitall: waiting
   * for them one by one could deadlock on a send to this very rank, which some
   * MPIs (MPICH) complete only once its receive matches. A failed request does
   * not stop the others: all complete, then the first error is thrown.
   * Typed per request: `[Request<string>, Request<number>]` gives `[string, number]`.
   */
  // `| []` makes TypeScript infer a tuple from an array literal (without TS 5's `const` type parameters).
  static waitall<R extends Requests>(requests: R, statuses?: Status[] | StatusesOptions): ValuesOf<R> {
    statuses = statusesArg('waitall', statuses);
    requestsArg('waitall', requests, statuses);
    requests.forEach((_, i) => statusAt(statuses, i));
    const values: unknown[] = new Array(requests.length).fill(undefined);
    const failures: unknown[] = [];
    const take = (i: number): void => {
      const [done, value] = settle(requests[i], statusAt(statuses, i), failures);
      if (done) values[i] = value;
    };
    const round = rounds(requests);
    while (round('Request.waitall', take));
    if (failures.length > 0) throw failures[0];
    return values as ValuesOf<R>;
  }

  /** mpi4py: `Request.waitany(requests, status=None)`: `[index, object]`, index UNDEFINED when none is active. */
  static waitany<R extends Requests>(requests: R, status?: Status | { status?: Status }): [number, ValueOf<R[number]> | undefined] {
    if (status !== undefined && !(status instanceof Status)) status = trailing('Request.waitany', STATUS, [status]).status;
    requestsArg('waitany', requests, undefined, status);
    let found: [number, ValueOf<R[number]>] | undefined;
    const take = (i: number): void => {
      if (found) return; // the first completion is the answer; the others stay complete for later
      const [done, value] = requests[i].test(status);
      if (done) found = [i, value as ValueOf<R[number]>];
    };
    const round = rounds(requests);
    while (!found && round('Request.waitany', take));
    return found ?? [UNDEFINED, undefined];
  }

  /**
   * mpi4py: `Request.waitsome(requests, statuses=None)`: `[indices, objects]`
   * of the requests that completed (at least one), `[undefined, undefined]`
   * when none is active. `statuses[k]` is the status of `indices[k]`.
   */
  static waitsome<R extends Requests>(requests: R, statuses?: Status[] | StatusesOptions): Some<ValueOf<R[number]>> {
    return some('waitsome', requests, statuses, true) as Some<ValueOf<R[number]>>;
  }

  /** mpi4py: `Request.testsome(requests, statuses=None)`: as waitsome, but the lists may be empty. */
  static testsome<R extends Requests>(requests: R, statuses?: Status[] | StatusesOptions): Some<ValueOf<R[number]>> {
    return some('testsome', requests, statuses, false) as Some<ValueOf<R[number]>>;
  }

  /** mpi4py: `Request.testall(requests, statuses=None)`: `[done, objects or undefined]`. */
  static testall<R extends Requests>(requests: R, statuses?: Status[] | StatusesOptions): [true, ValuesOf<R>] | [false, undefined] {
    statuses = statusesArg('testall', statuses);
    requestsArg('testall', requests, statuses);
    const values = requests.map((r, i) => r.test(statusAt(statuses, i)));
    if (!values.every(([done]) => done)) return [false, undefined];
    return [true, requests.map((r, i) => (r.outcome?.ok ? r.outcome.value : values[i][1])) as ValuesOf<R>];
  }

  /** mpi4py: `Request.testany(requests, status=None)`: `[index, done, object]`. */
  static testany<R extends Requests>(requests: R, status?: Status | { status?: Status }): [number, boolean, ValueOf<R[number]> | undefined] {
    if (status !== undefined && !(status instanceof Status)) status = trailing('Request.testany', STATUS, [status]).status;
    requestsArg('testany', requests, undefined, status);
    const active = activeIndices(requests);
    if (active.length === 0) return [UNDEFINED, true, undefined];
    for (const i of active) {
      const [done, value] = requests[i].test(status);
      if (done) return [i, true, value as ValueOf<R[number]>];
    }
    return [UNDEFINED, false, undefined];
  }

  /** mpi4py: `Request.Waitall(requests, statuses=None)`. */
  static Waitall(requests: Requests, statuses?: Status[] | StatusesOptions): true {
    Request.waitall(requests, statuses);
    return true;
  }

  /** mpi4py: `Request.Waitany(requests, status=None)`: the index, or UNDEFINED. */
  static Waitany(requests: Requests, status?: Status | { status?: Status }): number {
    return Request.waitany(requests, status)[0];
  }

  /** mpi4py: `Request.Testall(requests, statuses=None)`. */
  static Testall(requests: Requests, statuses?: Status[] | StatusesOptions): boolean {
    return Request.testall(requests, statuses)[0];
  }

  /** mpi4py: `Request.Waitsome(requests, statuses=None)`: the indices completed, undefined when none is active. */
  static Waitsome(requests: Requests, statuses?: Status[] | StatusesOptions): number[] | undefined {
    return some('Waitsome', requests, statuses, true)[0];
  }

  /** mpi4py: `Request.Testsome(requests, statuses=None)`. */
  static Testsome(requests: Requests, statuses?: Status[] | StatusesOptions): number[] | undefined {
    return some('Testsome', requests, statuses, false)[0];
  }

  /**
   * mpi4py: `Request.Get_status_any(requests, status=None)`: `[index, flag]`
   * without completing anything; `[UNDEFINED, true]` when none is active.
   * (MPI 4.1 in mpi4py; here served by mpi4js's own request table.)
   */
  static Get_status_any(requests: Requests, status?: Status | { status?: Status }): [number, boolean] {
    if (status !== undefined && !(status instanceof Status)) status = trailing('Request.Get_status_any', STATUS, [status]).status;
    requestsArg('Get_status_any', requests, undefined, status);
    const active = activeIndices(requests);
    if (active.length === 0) return [UNDEFINED, true];
    for (const i of active) {
      if (requests[i].Get_status(status)) return [i, true];
    }
    return [UNDEFINED, false];
  }

  /** mpi4py: `Request.Get_status_all(requests, statuses=None)`: whether all have completed, completing none. */
  static Get_status_all(requests: Requests, statuses?: Status[] | StatusesOptions): boolean {
    statuses = statusesArg('Get_status_all', statuses);
    requestsArg('Get_status_all', requests, statuses);
    let all = true;
    requests.forEach((r, i) => {
      if (!r.Get_status(statusAt(statuses, i))) all = false;
    });
    return all;
  }

  /**
   * mpi4py: `Request.Get_status_some(requests, statuses=None)`: the indices of
   * those that have completed (`statuses[k]` for `indices[k]`), completing none;
   * undefined when none is active.
   */
  static Get_status_some(requests: Requests, statuses?: Status[] | StatusesOptions): number[] | undefined {
    statuses = statusesArg('Get_status_some', statuses);
    requestsArg('Get_status_some', requests, statuses);
    const active = activeIndices(requests);
    if (active.length === 0) return undefined;
    const scratch = statuses ? new Status() : undefined;
    const indices: number[] = [];
    for (const i of active) {
      if (!requests[i].Get_status(scratch)) continue;
      if (scratch) (statusAt(statuses, indices.length) as Status).bytes.set(scratch.bytes);
      indices.push(i);
    }
    return indices;
  }

  /** mpi4py: `Request.get_status_any(requests, status=None)`, as Get_status_any. */
  static get_status_any(requests: Requests, status?: Status | { status?: Status }): [number, boolean] {
    return Request.Get_status_any(requests, status);
  }

  /** mpi4py: `Request.get_status_all(requests, statuses=None)`, as Get_status_all. */
  static get_status_all(requests: Requests, statuses?: Status[] | StatusesOptions): boolean {
    return Request.Get_status_all(requests, statuses);
  }

  /** mpi4py: `Request.get_status_some(requests, statuses=None)`, as Get_status_some. */
  static get_status_some(requests: Requests, statuses?: Status[] | StatusesOptions): number[] | undefined {
    return Request.Get_status_some(requests, statuses);
  }

  /** mpi4py: `Request.Testany(requests, status=None)`: `[index, done]`. */
  static Testany(requests: Requests, status?: Status | { status?: Status }): [number, boolean] {
    const [index, done] = Request.testany(requests, status);
    return [index, done];
  }
}

/**
 * Completes what has completed (at least one request if block): indices and
 * values, `statuses[k]` for `indices[k]`. Every request of the batch is taken
 * before the first error, if any, is thrown.
 */
function some(call: string, requests: Requests, given: Status[] | StatusesOptions | undefined, block: boolean): Some<unknown> {
  const statuses = statusesArg(call, given);
  requestsArg(call, requests, statuses);
  const indices: number[] = [];
  const values: unknown[] = [];
  const failures: unknown[] = [];
  const scratch = statuses ? new Status() : undefined;
  const take = (i: number): void => {
    const [done, value] = settle(requests[i], scratch, failures);
    if (!done) return; // a request of several stages moved to its next one
    if (scratch) (statusAt(statuses, indices.length) as Status).bytes.set(scratch.bytes);
    indices.push(i);
    values.push(value);
  };
  const round = rounds(requests, block);
  while (round('Request.waitsome', take)) {
    if (failures.length > 0) throw failures[0];
    if (indices.length > 0 || !block) return [indices, values];
  }
  // Held requests that are still held (testsome) are active: empty lists, not none.
  return indices.length > 0 || requests.some((r) => r.held) ? [indices, values] : [undefined, undefined];
}

/** test(), with a failure counted as done and kept for later rather than thrown now. */
function settle(request: Request, status: Status | undefined, failures: unknown[]): [boolean, unknown] {
  try {
    return request.test(status);
  } catch (error) {
    failures.push(error);
    return [true, undefined];
  }
}

/** The requests argument of the static calls: an array of MPI.Request (a number is not a request id). */
/**
 * The arguments of the calls on lists of requests: the requests, and the list
 * of statuses or the one status, checked even when no request is active.
 */
function requestsArg(call: string, requests: unknown, statuses?: unknown, status?: unknown): void {
  if (!Array.isArray(requests)) throw new TypeError(`Request.${call}: requests must be an array of MPI.Request, got ${describe(requests)}`);
  requests.forEach((r, i) => {
    if (!(r instanceof Request)) throw new TypeError(`Request.${call}: requests[${i}] must be an MPI.Request, got ${describe(r)}`);
  });
  if (statuses !== undefined && statuses !== null) {
    if (!Array.isArray(statuses)) throw new TypeError(`Request.${call}: statuses must be an array of MPI.Status, got ${describe(statuses)}`);
    statuses.forEach((s, i) => {
      if (s !== undefined && !(s instanceof Status)) throw new TypeError(`Request.${call}: statuses[${i}] must be an MPI.Status, got ${describe(s)}`);
    });
  }
  statusBytes(status as Status | undefined, `Request.${call}`);
}

function idsOf(requests: Requests, indices: number[]): Int32Array {
  return Int32Array.from(indices, (i) => requests[i].id);
}

/** The requests still pending, held ones included. */
function activeIndices(requests: Requests): number[] {
  const out: number[] = [];
  requests.forEach((r, i) => r.active && out.push(i));
  return out;
}

/** The requests with an MPI operation in flight: what MPI can wait for. */
function postedIndices(requests: Requests): number[] {
  const out: number[] = [];
  requests.forEach((r, i) => r.id >= 0 && out.push(i));
  return out;
}

/**
 * The rounds of MPI_Waitsome (or, unless block, MPI_Testsome) of the calls on
 * lists of requests: each round calls take(i) for each request i that MPI
 * completed (take steps it: done, or on to its next stage), and says whether
 * there was anything to wait for. With held requests in the list, MPI also
 * waits for the older collectives they wait behind, whose first stages then
 * post them (never blocking on those alone while another request completes),
 * and a request that finished meanwhile (one that failed) is taken too.
 */
type WaitCall = 'Request.waitall' | 'Request.waitany' | 'Request.waitsome';

function rounds(requests: Requests, block = true): (call: WaitCall, take: (i: number) => void) => boolean {
  if (!requests.some((r) => r.held)) {
    return (call, take) => {
      const active = postedIndices(requests);
      if (active.length === 0) return false;
      for (const j of R.waitsome(idsOf(requests, active), block, call)) take(active[j]);
      return true;
    };
  }
  const pending = requests.map((r) => r.active);
  const once = (i: number, take: (i: number) => void): void => {
    take(i);
    if (!requests[i].active) pending[i] = false;
  };
  return (call, take) => {
    if (!block) for (const r of requests) r.unhold(false);
    const active = postedIndices(requests);
    const listed = new Set<Request>(requests);
    // The older collectives that held requests wait behind, each once, unless listed (then they are among active).
    const behind = block ? [...new Set(requests.map((r) => r.blocker()).filter((b): b is Request => b !== undefined && !listed.has(b) && b.active))] : [];
    const held = requests.some((r) => r.held);
    if (active.length === 0 && behind.length === 0 && !held) return false;
    const ids = Int32Array.from([...active.map((i) => requests[i].id), ...behind.map((b) => b.id)]);
    if (ids.length > 0) {
      for (const j of R.waitsome(ids, block, call)) {
        if (j < active.length) once(active[j], take);
        else behind[j - active.length].stepIfDone();
      }
    } else if (block) {
      for (const r of requests) r.unhold(true); // not expected: a held request's queue has a posted head
    }
    // Finished without MPI reporting it here: failed at posting, or completed by an older one's failure.
    pending.forEach((p, i) => p && !requests[i].active && once(i, take));
    return active.length > 0 || behind.length > 0 || requests.some((r) => r.active);
  };
}

/** mpi4py extends a statuses list given to the *all calls with one Status per request. */
function statusAt(statuses: Status[] | undefined, i: number): Status | undefined {
  if (!statuses) return undefined;
  return (statuses[i] ??= new Status());
}

/** mpi4py: `MPI.REQUEST_NULL`: the null request, never active. */
export const REQUEST_NULL: Request<undefined> = new Request();
