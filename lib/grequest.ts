/**
 * Generalized requests (mpi4py: `MPI.Grequest`): a request that the program
 * itself completes, with `Complete()` or `complete(obj)`, and whose callbacks
 * MPI calls: `query_fn(status, ...args, kwargs?)` when it completes (to fill
 * the status), `free_fn(...args, kwargs?)` once when it is freed,
 * `cancel_fn(completed, ...args, kwargs?)` on `Cancel()`. They run on the main
 * thread, inside the wait, test or await that completes the request. A
 * callback that throws makes that request's wait (or await) throw the same value.
 */
import { describe, isOptions } from './args';
import { ERR_OTHER, ERR_REQUEST } from './constants';
import { argumentError } from './errors';
import { native } from './native';
import { Request } from './request';
import { Status } from './status';

const G = native.grequest;

/** mpi4py: `query_fn(status, *args, **kwargs)`. */
export type QueryFn = (status: Status, ...args: any[]) => void;
/** mpi4py: `free_fn(*args, **kwargs)`. */
export type FreeFn = (...args: any[]) => void;
/** mpi4py: `cancel_fn(completed, *args, **kwargs)`. */
export type CancelFn = (completed: boolean, ...args: any[]) => void;

/** Grequest.Start's arguments as one options object (Python keywords). */
export interface GrequestOptions {
  query_fn?: QueryFn | null;
  free_fn?: FreeFn | null;
  cancel_fn?: CancelFn | null;
  args?: readonly unknown[] | null;
  kwargs?: Record<string, unknown> | null;
}

/** One request's callbacks and arguments, what complete(obj) gave, and the first error a callback threw. */
interface State {
  query?: QueryFn;
  free?: FreeFn;
  cancel?: CancelFn;
  tail: unknown[];
  value: unknown;
  error?: { thrown: unknown };
}

/** The states MPI may still call back, by the id the addon's extra_state carries; gone after free_fn. */
const states = new Map<number, State>();
let lastState = 0;

/** The addon's one entry point for the callbacks: returns the MPI error code the callback gives MPI. */
function dispatch(kind: number, id: number, extra: Uint8Array | boolean | undefined): number {
  const s = states.get(id);
  if (!s) return 0;
  try {
    if (kind === 0) {
      const status = new Status();
      status.bytes.set(extra as Uint8Array);
      s.query?.(status, ...s.tail);
      // mpi4py: without a cancel_fn the request cannot have been cancelled.
      if (!s.cancel) status.Set_cancelled(false);
      (extra as Uint8Array).set(status.bytes);
    } else if (kind === 1) {
      states.delete(id);
      s.free?.(...s.tail);
    } else {
      s.cancel?.(extra as boolean, ...s.tail);
    }
    return 0;
  } catch (thrown) {
    s.error ??= { thrown };
    return ERR_OTHER;
  }
}

function callback<T>(name: string, f: unknown): T | undefined {
  if (f === undefined || f === null) return undefined;
  if (typeof f !== 'function') throw new TypeError(`Grequest.Start: ${name} must be a function or undefined, got ${describe(f)}`);
  return f as T;
}

/** mpi4py: `MPI.Grequest`: a generalized request, made by `Grequest.Start`. */
export class Grequest<T = unknown> extends Request<T> {
  private readonly state: State;
  private completed = false;

  /** @internal made by Grequest.Start */
  constructor(id: number, state: State) {
    super(id, () => ({ value: state.value }));
    this.state = state;
  }

  /**
   * A new generalized request, active until `Complete()`. The arguments may
   * also come as one options object `{query_fn, free_fn, cancel_fn, args,
   * kwargs}`; kwargs, when given, reaches the callbacks as one trailing object.
   * mpi4py: `Grequest.Start(query_fn=None, free_fn=None, cancel_fn=None, args=None, kwargs=None)`.
   */
  static Start<T = unknown>(
    query_fn?: QueryFn | null | GrequestOptions,
    free_fn?: FreeFn | null,
    cancel_fn?: CancelFn | null,
    args?: readonly unknown[] | null,
    kwargs?: Record<string, unknown> | null,
  ): Grequest<T> {
    let o: GrequestOptions = { query_fn: query_fn as QueryFn, free_fn, cancel_fn, args, kwargs };
    if (isOptions(query_fn)) {
      if (free_fn !== undefined || cancel_fn !== undefined || args !== undefined || kwargs !== undefined) {
        throw new TypeError('Grequest.Start: an options object stands for all the arguments: pass nothing after it');
      }
      o = query_fn;
      for (const k of Object.keys(o)) {
        if (!['query_fn', 'free_fn', 'cancel_fn', 'args', 'kwargs'].includes(k)) throw new TypeError(`Grequest.Start: unknown option ${k}`);
      }
    }
    if (o.args !== undefined && o.args !== null && !Array.isArray(o.args)) throw new TypeError(`Grequest.Start: args must be an array or undefined, got ${describe(o.args)}`);
    if (o.kwargs !== undefined && o.kwargs !== null && !isOptions(o.kwargs)) throw new TypeError(`Grequest.Start: kwargs must be a plain object or undefined, got ${describe(o.kwargs)}`);
    const state: State = {
      query: callback<QueryFn>('query_fn', o.query_fn),
      free: callback<FreeFn>('free_fn', o.free_fn),
      cancel: callback<CancelFn>('cancel_fn', o.cancel_fn),
      tail: [...(o.args ?? []), ...(o.kwargs ? [o.kwargs] : [])],
      value: undefined,
    };
    const id = ++lastState;
    states.set(id, state);
    try {
      return new Grequest<T>(G.start(dispatch, id), state);
    } catch (e) {
      states.delete(id);
      throw e;
    }
  }

  protected override get singleStage(): boolean {
    return true;
  }

  /** A callback's error replaces the MPI error it caused, once. */
  protected override failure(error: unknown): unknown {
    const e = this.state.error;
    if (!e) return error;
    this.state.error = undefined;
    return e.thrown;
  }

  /** Tells MPI the operation is complete; wait, test and await then finish. mpi4py: `Complete()`. */
  Complete(): void {
    if (this.completed || this.id < 0) throw argumentError(ERR_REQUEST, 'Grequest.Complete', this.completed ? 'the request was already completed' : 'the request is null (freed)');
    G.complete(this.id);
    this.completed = true;
  }

  /** Complete(), with obj as what wait() and await then give. mpi4py: `complete(obj=None)`. */
  complete(obj?: T): void {
    if (!this.completed) this.state.value = obj;
    this.Complete();
  }

  /** Asks MPI to cancel it, which calls cancel_fn; a throwing cancel_fn throws its value here. mpi4py: `Cancel()`. */
  override cancel(): void {
    try {
      super.cancel();
    } catch (error) {
      throw this.failure(error);
    }
  }
}
