/**
 * The future of a task: Python's `concurrent.futures.Future`, as mpi4py's
 * executors return it, made Promise-compatible (`await future`). Its promise
 * is made only when someone awaits it, so a failed future nobody awaits is
 * never an unhandled rejection.
 */

/** concurrent.futures.CancelledError: the future was cancelled. */
export class CancelledError extends Error {
  constructor(message = 'the future was cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** concurrent.futures.TimeoutError: a wait with a timeout ran out. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** concurrent.futures.InvalidStateError: a result set twice. */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** concurrent.futures.BrokenExecutor: the workers could not start (an initializer failed) or are gone. */
export class BrokenExecutor extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokenExecutor';
  }
}

type State = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'FINISHED';

/** mpi4py.futures (concurrent.futures): `Future`. */
export class Future<T = unknown> implements PromiseLike<T> {
  private state: State = 'PENDING';
  private value?: T;
  private error?: unknown;
  private failed = false;
  private callbacks: ((f: Future<T>) => void)[] = [];
  private waiters: (() => void)[] = [];

  /** mpi4py: `cancel()`: true if the task had not started (it never will), or was cancelled already. */
  cancel(): boolean {
    if (this.state === 'RUNNING' || this.state === 'FINISHED') return false;
    if (this.state === 'CANCELLED') return true;
    this.state = 'CANCELLED';
    this.finish();
    return true;
  }

  /** mpi4py: `cancelled()`. */
  cancelled(): boolean {
    return this.state === 'CANCELLED';
  }

  /** mpi4py: `running()`: sent to a worker, not yet done. */
  running(): boolean {
    return this.state === 'RUNNING';
  }

  /** mpi4py: `done()`: finished or cancelled. */
  done(): boolean {
    return this.state === 'CANCELLED' || this.state === 'FINISHED';
  }

  /**
   * The task's value once done; rejects with the task's error, CancelledError,
   * or TimeoutError after timeout milliseconds (the task goes on).
   * mpi4py: `result(timeout=None)`.
   */
  result(timeout?: number): Promise<T> {
    return this.settled(timeout, 'result').then(() => {
      if (this.state === 'CANCELLED') throw new CancelledError();
      if (this.failed) throw this.error;
      return this.value as T;
    });
  }

  /**
   * The task's error once done, undefined if it succeeded; rejects with
   * CancelledError or TimeoutError. mpi4py: `exception(timeout=None)`.
   */
  exception(timeout?: number): Promise<unknown> {
    return this.settled(timeout, 'exception').then(() => {
      if (this.state === 'CANCELLED') throw new CancelledError();
      return this.failed ? this.error : undefined;
    });
  }

  /** Calls fn(future) once done (at once if done already). mpi4py: `add_done_callback(fn)`. */
  add_done_callback(fn: (future: Future<T>) => void): void {
    if (typeof fn !== 'function') throw new TypeError('add_done_callback: fn must be a function');
    if (this.done()) this.call(fn);
    else this.callbacks.push(fn);
  }

  then<A = T, B = never>(onfulfilled?: ((value: T) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.result().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.result().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.result().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return `Future ${this.state}`;
  }

  /** @internal the outcome of a done future, read synchronously (collect, compose) */
  outcome(): { cancelled: boolean; failed: boolean; value?: T; error?: unknown } {
    return { cancelled: this.state === 'CANCELLED', failed: this.failed, value: this.value, error: this.error };
  }

  /** mpi4py: `set_running_or_notify_cancel()`: false if cancelled (then it must not run). */
  set_running_or_notify_cancel(): boolean {
    if (this.state === 'CANCELLED') return false;
    if (this.state !== 'PENDING') throw new InvalidStateError(`set_running_or_notify_cancel: the future is ${this.state}`);
    this.state = 'RUNNING';
    return true;
  }

  /** mpi4py: `set_result(result)`. */
  set_result(value: T): void {
    this.settle(false, value, undefined, 'set_result');
  }

  /** mpi4py: `set_exception(exception)`. */
  set_exception(error: unknown): void {
    this.settle(true, undefined, error, 'set_exception');
  }

  private settle(failed: boolean, value: T | undefined, error: unknown, call: string): void {
    if (this.done()) throw new InvalidStateError(`${call}: the future is ${this.state}`);
    this.state = 'FINISHED';
    this.failed = failed;
    this.value = value;
    this.error = error;
    this.finish();
  }

  private finish(): void {
    const waiters = this.waiters;
    const callbacks = this.callbacks;
    this.waiters = [];
    this.callbacks = [];
    for (const w of waiters) w();
    for (const fn of callbacks) this.call(fn);
  }

  private call(fn: (f: Future<T>) => void): void {
    try {
      fn(this);
    } catch (e) {
      // As concurrent.futures logs and goes on: one callback's error stops no other.
      process.emitWarning(`mpi4js/futures: a done callback threw: ${(e as Error)?.stack ?? e}`);
    }
  }

  private settled(timeout: number | undefined, call: string): Promise<void> {
    if (this.done()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
      if (timeout !== undefined && Number.isFinite(timeout)) {
        if (typeof timeout !== 'number' || timeout < 0) throw new RangeError(`${call}: timeout must be a non-negative number of milliseconds`);
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new TimeoutError(`${call}: the future was not done after ${timeout} ms`));
        }, timeout);
      }
    });
  }
}
