/**
 * mpi4py.futures.util: `collect` (many futures as one) and `compose` (a
 * future followed by a hook), over any of this package's futures.
 */
import { Future } from './future';

/**
 * One future of the values of fs, in order; the first failure fails it, a
 * cancelled item cancels it, and cancelling it cancels every item still
 * pending. mpi4py: `collect(fs)`.
 */
export function collect<T = unknown>(fs: Iterable<Future<T>>): Future<T[]> {
  if (fs === null || typeof (fs as Iterable<Future<T>>)?.[Symbol.iterator] !== 'function') throw new TypeError('collect: fs must be an iterable of futures');
  const items = [...fs];
  items.forEach((f, k) => {
    if (!(f instanceof Future)) throw new TypeError(`collect: fs[${k}] is not a Future`);
  });
  const out = new Future<T[]>();
  if (items.length === 0) {
    out.set_running_or_notify_cancel();
    out.set_result([]);
    return out;
  }
  const values = new Array<T>(items.length);
  let left = items.length;
  out.add_done_callback(() => {
    if (out.cancelled()) for (const f of items) f.cancel();
  });
  items.forEach((f, k) => {
    f.add_done_callback(() => {
      if (out.done()) return;
      const o = f.outcome();
      if (o.cancelled) out.cancel();
      else if (o.failed) {
        if (out.set_running_or_notify_cancel()) out.set_exception(o.error);
      } else {
        values[k] = o.value as T;
        if (--left === 0 && out.set_running_or_notify_cancel()) out.set_result(values);
      }
    });
  });
  return out;
}

/**
 * A future completed by future's outcome through the hooks: resulthook(value)
 * on success (its value, or an awaited promise's), excepthook(error) on
 * failure (an Error it returns fails the new future, anything else is its
 * value); a hook that throws fails it. Cancelling either cancels the other.
 * mpi4py: `compose(future, resulthook=None, excepthook=None)`.
 */
export function compose<T = unknown, R = T>(
  future: Future<T>,
  resulthook?: ((value: T) => R | PromiseLike<R>) | null,
  excepthook?: ((error: unknown) => unknown) | null,
): Future<R> {
  if (!(future instanceof Future)) throw new TypeError('compose: future must be a Future');
  if (resulthook != null && typeof resulthook !== 'function') throw new TypeError('compose: resulthook must be a function or null');
  if (excepthook != null && typeof excepthook !== 'function') throw new TypeError('compose: excepthook must be a function or null');
  const out = new Future<R>();
  out.add_done_callback(() => {
    if (out.cancelled()) future.cancel();
  });
  future.add_done_callback(() => {
    if (out.done()) return;
    const o = future.outcome();
    if (o.cancelled) {
      out.cancel();
      return;
    }
    if (!out.set_running_or_notify_cancel()) return;
    const settle = (v: unknown, failed: boolean) => (failed ? out.set_exception(v) : out.set_result(v as R));
    try {
      let v: unknown;
      let failed = false;
      if (o.failed) {
        v = excepthook ? excepthook(o.error) : o.error;
        failed = v instanceof Error || !excepthook;
      } else v = resulthook ? resulthook(o.value as T) : o.value;
      if (!failed && v !== null && typeof (v as PromiseLike<unknown>)?.then === 'function') {
        (v as PromiseLike<unknown>).then((x) => settle(x, false), (e) => settle(e, true));
      } else settle(v, failed);
    } catch (e) {
      out.set_exception(e);
    }
  });
  return out;
}
