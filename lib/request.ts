/**
 * Requests of nonblocking calls. Besides mpi4py's wait/test methods a Request
 * is awaitable: `const x = await comm.irecv(0, 5)`. Awaiting hands it to the
 * progress engine (src-native/progress.cc), which completes it from the event
 * loop, so timers and I/O go on meanwhile. Whatever the call was given stays
 * alive in the addon until MPI is done with it.
 */
import { UNDEFINED } from './constants';
import { native } from './native';
import { loads } from './pickle';
import { Status, statusBytes } from './status';

const R = native.request;

/** @internal What completion hands back. */
export const enum Kind {
  /** sends, buffer receives, collectives: nothing */
  Plain,
  /** object receives: the deserialized value */
  Object,
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Requests being awaited, by id. */
const awaited = new Map<number, Request>();

native.progress.setCallback((ids) => {
  for (const id of ids) {
    const req = awaited.get(id);
    if (!req) continue;
    awaited.delete(id);
    try {
      req.complete(() => R.take(id, req.status.bytes));
    } catch {
      // rejected the awaiting promise already
    }
  }
});

/** mpi4py: `MPI.Request`. */
export class Request implements PromiseLike<unknown> {
  /** @internal id in the addon's request table, -1 once complete (REQUEST_NULL) */
  id: number;
  /** @internal */
  readonly kind: Kind;
  private outcome?: Outcome;
  private promise?: Promise<unknown>;
  private settle?: { resolve(v: unknown): void; reject(e: unknown): void };
  private awaitStatus?: Status;

  /** @internal */
  constructor(id: number, kind: Kind = Kind.Plain) {
    this.id = id;
    this.kind = kind;
  }

  /** The status of an awaited request once it has settled. */
  get status(): Status {
    return (this.awaitStatus ??= new Status());
  }

  /** Whether the request is still pending (mpi4py: `bool(request)`). */
  get active(): boolean {
    return this.id >= 0;
  }

  /** @internal Runs the addon's completion of this request and settles any awaiter. */
  complete(take: () => Buffer | boolean | undefined): unknown {
    awaited.delete(this.id);
    this.id = -1;
    try {
      const raw = take();
      const value = this.kind === Kind.Object ? loads(raw as Buffer) : undefined;
      this.outcome = { ok: true, value };
      this.settle?.resolve(value);
      return value;
    } catch (error) {
      this.outcome = { ok: false, error };
      this.settle?.reject(error);
      throw error;
    }
  }

  /**
   * Blocks until the request completes; returns the received object for an
   * object receive, else undefined. mpi4py: `wait(status=None)`.
   */
  wait(status?: Status): unknown {
    if (this.id < 0) return undefined;
    const id = this.id;
    return this.complete(() => R.wait(id, statusBytes(status)));
  }

  /** `[done, object]` without blocking. mpi4py: `test(status=None)`. */
  test(status?: Status): [boolean, unknown] {
    if (this.id < 0) return [true, undefined];
    const id = this.id;
    const bytes = statusBytes(status);
    if (!R.done(id)) return [false, undefined];
    return [true, this.complete(() => R.take(id, bytes))];
  }

  /** Asks MPI to cancel the request; then wait or test it. mpi4py: `cancel()`. */
  cancel(): void {
    if (this.id >= 0) R.cancel(this.id);
  }

  /** mpi4py: `Wait(status=None)`; returns true. */
  Wait(status?: Status): true {
    this.wait(status);
    return true;
  }

  /** mpi4py: `Test(status=None)`. */
  Test(status?: Status): boolean {
    return this.test(status)[0];
  }

  /** mpi4py: `Cancel()`. */
  Cancel(): void {
    this.cancel();
  }

  /** Lets the request go; MPI finishes it in the background. mpi4py: `Free()`. */
  Free(): void {
    if (this.id < 0) return;
    awaited.delete(this.id);
    R.free(this.id);
    this.id = -1;
    this.outcome = { ok: true, value: undefined };
    this.settle?.resolve(undefined);
  }

  /** Makes `await request` work: resolves with what `wait()` returns. */
  then<A = unknown, B = never>(
    onfulfilled?: ((value: unknown) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.toPromise().then(onfulfilled, onrejected);
  }

  /** A promise of what `wait()` returns. */
  toPromise(): Promise<unknown> {
    if (this.promise) return this.promise;
    if (this.id < 0) {
      const o = this.outcome;
      this.promise = o && !o.ok ? Promise.reject(o.error) : Promise.resolve(o?.value);
      return this.promise;
    }
    this.promise = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.status; // allocate before the engine writes to it
    awaited.set(this.id, this);
    R.watch(this.id);
    return this.promise;
  }

  /** mpi4py: `Request.waitall(requests, statuses=None)`: the list of what each wait returns. */
  static waitall(requests: Request[], statuses?: Status[]): unknown[] {
    return requests.map((r, i) => r.wait(statusAt(statuses, i)));
  }

  /** mpi4py: `Request.waitany(requests, status=None)`: `[index, object]`, index UNDEFINED when none is active. */
  static waitany(requests: Request[], status?: Status): [number, unknown] {
    const active = activeIndices(requests);
    if (active.length === 0) return [UNDEFINED, undefined];
    const k = R.waitany(Int32Array.from(active, (i) => requests[i].id));
    return [active[k], requests[active[k]].wait(status)];
  }

  /** mpi4py: `Request.testall(requests, statuses=None)`: `[done, objects or undefined]`. */
  static testall(requests: Request[], statuses?: Status[]): [boolean, unknown[] | undefined] {
    const done = requests.every((r) => r.id < 0 || R.done(r.id));
    return done ? [true, Request.waitall(requests, statuses)] : [false, undefined];
  }

  /** mpi4py: `Request.testany(requests, status=None)`: `[index, done, object]`. */
  static testany(requests: Request[], status?: Status): [number, boolean, unknown] {
    const active = activeIndices(requests);
    if (active.length === 0) return [UNDEFINED, true, undefined];
    for (const i of active) {
      if (R.done(requests[i].id)) return [i, true, requests[i].wait(status)];
    }
    return [UNDEFINED, false, undefined];
  }

  /** mpi4py: `Request.Waitall(requests, statuses=None)`. */
  static Waitall(requests: Request[], statuses?: Status[]): true {
    Request.waitall(requests, statuses);
    return true;
  }

  /** mpi4py: `Request.Waitany(requests, status=None)`: the index, or UNDEFINED. */
  static Waitany(requests: Request[], status?: Status): number {
    return Request.waitany(requests, status)[0];
  }

  /** mpi4py: `Request.Testall(requests, statuses=None)`. */
  static Testall(requests: Request[], statuses?: Status[]): boolean {
    return Request.testall(requests, statuses)[0];
  }

  /** mpi4py: `Request.Testany(requests, status=None)`: `[index, done]`. */
  static Testany(requests: Request[], status?: Status): [number, boolean] {
    const [index, done] = Request.testany(requests, status);
    return [index, done];
  }
}

function activeIndices(requests: Request[]): number[] {
  const out: number[] = [];
  requests.forEach((r, i) => r.id >= 0 && out.push(i));
  return out;
}

/** mpi4py extends a statuses list given to the *all calls with one Status per request. */
function statusAt(statuses: Status[] | undefined, i: number): Status | undefined {
  if (!statuses) return undefined;
  return (statuses[i] ??= new Status());
}
