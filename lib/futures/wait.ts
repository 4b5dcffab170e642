/**
 * concurrent.futures' `wait` and `as_completed`, as mpi4py.futures exports
 * them, over this package's futures. JavaScript cannot block: `wait` resolves
 * to `[done, not_done]` (Python's named tuple as an array of two Sets) and
 * `as_completed` is an async iterable. Timeouts are milliseconds, as
 * everywhere in mpi4js.
 */
import * as A from '../args';
import { Future, TimeoutError } from './future';

/** wait's return_when: as soon as any future is done (or cancelled). */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** wait's return_when: as soon as any future fails, else when all are done. */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** wait's return_when: when all are done (the default). */
export const ALL_COMPLETED = 'ALL_COMPLETED';

export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** Options of wait. */
export interface WaitOptions {
  /** Milliseconds after which wait resolves with what is done by then (no error, as Python). */
  timeout?: number;
  /** FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED (default). */
  return_when?: ReturnWhen;
}

/** Options of as_completed. */
export interface AsCompletedOptions {
  /** Milliseconds from the call after which the iteration throws TimeoutError. */
  timeout?: number;
}

/** The distinct futures of fs, in their first order (Python makes a set of them). */
function futuresOf(call: string, fs: unknown): Future<unknown>[] {
  if (fs === null || typeof fs !== 'object' || typeof (fs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${call}: fs must be an iterable of futures, got ${A.describe(fs)}`);
  }
  const seen = new Set<Future<unknown>>();
  let k = 0;
  let items: unknown[];
  try {
    items = [...(fs as Iterable<unknown>)];
  } catch (e) {
    // An iterable that fails (a detached typed array): the call names it.
    throw new TypeError(`${call}: fs could not be iterated: ${(e as Error)?.message ?? e}`);
  }
  for (const f of items) {
    if (!(f instanceof Future)) throw new TypeError(`${call}: fs[${k}] is not a Future, got ${A.describe(f)}`);
    seen.add(f);
    k++;
  }
  return [...seen];
}

/** A future that failed (not cancelled), read without waiting. */
function failed(f: Future<unknown>): boolean {
  const o = f.outcome();
  return f.done() && !o.cancelled && o.failed;
}

/**
 * Waits for the futures fs: resolves to `[done, not_done]`, two Sets, once
 * return_when holds or timeout milliseconds passed (then with what is done;
 * no TimeoutError). Duplicates count once. mpi4py (concurrent.futures):
 * `wait(fs, timeout=None, return_when=ALL_COMPLETED)`.
 */
export function wait<T = unknown>(fs: Iterable<Future<T>>, options: WaitOptions = {}): Promise<[Set<Future<T>>, Set<Future<T>>]> {
  const o = A.options('wait', options, { timeout: undefined as number | undefined, return_when: ALL_COMPLETED as ReturnWhen });
  const timeout = A.timeout('wait', o.timeout);
  if (o.return_when !== FIRST_COMPLETED && o.return_when !== FIRST_EXCEPTION && o.return_when !== ALL_COMPLETED) {
    throw new RangeError(`wait: return_when must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got ${A.describe(o.return_when)}`);
  }
  const items = futuresOf('wait', fs) as Future<T>[];
  const when = o.return_when;
  const split = (): [Set<Future<T>>, Set<Future<T>>] => {
    const done = new Set<Future<T>>();
    const notDone = new Set<Future<T>>();
    for (const f of items) (f.done() ? done : notDone).add(f);
    return [done, notDone];
  };
  const satisfied = (): boolean => {
    let done = 0;
    for (const f of items) {
      if (!f.done()) continue;
      done++;
      if (when === FIRST_COMPLETED) return true;
      if (when === FIRST_EXCEPTION && failed(f as Future<unknown>)) return true;
    }
    return done === items.length;
  };
  if (satisfied()) return Promise.resolve(split());
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      if (timer) clearTimeout(timer);
      resolve(split());
    };
    // A pending future's callback checks again; the futures keep no reference to a finished wait's resolve beyond their own callbacks.
    for (const f of items) if (!f.done()) f.add_done_callback(() => {
      if (!over && satisfied()) finish();
    });
    if (timeout !== undefined) timer = setTimeout(finish, timeout);
  });
}

/**
 * The futures fs as they complete (those done already first, in fs's order),
 * each once however often fs names it. The iteration throws TimeoutError if
 * some are not done timeout milliseconds after the call. mpi4py
 * (concurrent.futures): `as_completed(fs, timeout=None)`.
 */
export function as_completed<T = unknown>(fs: Iterable<Future<T>>, options: AsCompletedOptions = {}): AsyncIterableIterator<Future<T>> {
  const o = A.options('as_completed', options, { timeout: undefined as number | undefined });
  const timeout = A.timeout('as_completed', o.timeout);
  const items = futuresOf('as_completed', fs) as Future<T>[];
  const deadline = timeout === undefined ? undefined : Date.now() + timeout;
  // Completion order, from the call on: the done ones now, the others as their callbacks run.
  const finished: Future<T>[] = items.filter((f) => f.done());
  let wake: (() => void) | undefined;
  for (const f of items) if (!f.done()) f.add_done_callback(() => {
    finished.push(f);
    wake?.();
  });
  // Not an async generator: `yield` there awaits a thenable, and a Future is one (the loop wants the futures).
  let n = 0;
  let ended = false;
  const step = async (): Promise<IteratorResult<Future<T>, undefined>> => {
    if (ended || n >= items.length) {
      ended = true;
      return { value: undefined, done: true };
    }
    if (finished.length <= n) {
      await new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        wake = () => {
          if (timer) clearTimeout(timer);
          wake = undefined;
          resolve();
        };
        if (deadline !== undefined) {
          timer = setTimeout(() => {
            wake = undefined;
            ended = true;
            reject(new TimeoutError(`as_completed: ${items.length - finished.length} (of ${items.length}) futures unfinished after ${timeout} ms`));
          }, Math.max(0, deadline - Date.now()));
        }
      });
    }
    return { value: finished[n++], done: false };
  };
  // Calls made before the last one settled wait for it (each gets the next future).
  let chain: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<Future<T>, undefined>> => {
    const r = chain.then(step);
    chain = r.catch(() => undefined);
    return r;
  };
  const iterator: AsyncIterableIterator<Future<T>> = {
    next,
    return: async () => {
      ended = true;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
