/**
 * What every test program shares. A program asserts on its own rank; success
 * prints `ok <rank>/<size>`, and any failure — a thrown assertion, a rejected
 * promise — reaches mpi4js's abort-on-error handler, which ends the whole job
 * with the rank's error, so a failing test never hangs.
 */
import { MPI } from 'mpi4js';

export { MPI };
export const comm = MPI.COMM_WORLD;
export const rank = comm.rank;
export const size = comm.size;

export function program(body: () => void | Promise<void>): void {
  void Promise.resolve()
    .then(body)
    .then(() => {
      comm.barrier();
      process.stdout.write(`ok ${rank}/${size}\n`);
    });
}

/** Runs f, which must throw an error of that class whose message matches. */
export function throwsLike(f: () => unknown, cls: new (...a: any[]) => Error, message: RegExp): Error {
  try {
    f();
  } catch (e) {
    if (!(e instanceof cls)) throw new Error(`expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (!message.test(e.message)) throw new Error(`expected a message like ${message}, got: ${e.message}`);
    return e;
  }
  throw new Error(`expected ${cls.name} matching ${message}, nothing was thrown`);
}

/** The message corpus of mpi4py's object tests, in JavaScript. */
export const VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  -7,
  0,
  7,
  2 ** 31,
  2n ** 63n - 1n,
  -(2n ** 63n - 1n),
  -2.17,
  1.62,
  Number.NaN,
  'mpi4js',
  '',
  'ünïcødé ✓',
  [1, 'two', [3]],
  { a: 1, b: [true, null], c: { d: 'deep' } },
  new Map<unknown, unknown>([[1, 'one'], ['two', [2]]]),
  new Set([1, 'x', 3.5]),
  new Date(Date.UTC(2024, 1, 29, 12)),
  new Float64Array([1.5, -2.5, 1e300]),
  new Int32Array([-1, 0, 2 ** 31 - 1]),
  new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
  Buffer.from('bytes'),
  new Array(2000).fill(0).map((_, i) => i * 0.5),
];
