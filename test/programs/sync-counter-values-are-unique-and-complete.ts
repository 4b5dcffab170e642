// mpi4js/util sync.Counter (mpi4py.util.sync): the values next() returns on
// the ranks of the harness communicator are distinct and, together, every
// value from start in steps — with a start, a step, each typecode (64-bit
// ones in bigints), each root, iteration, next(incr) and next(0); free()
// twice is nothing, next() after it a RuntimeError; bad input names the call.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { sync } from 'mpi4js/util';

import { comm, MPI, program, rank, size } from './harness';

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** its values next() took on every rank, sorted */
function all(counter: sync.Counter, its: number, take = true): number[] {
  const mine: number[] = [];
  if (take) for (let k = 0; k < its; k++) mine.push(Number(counter.next()));
  return (comm.allgather(mine) as number[][]).flat().sort((a, b) => a - b);
}

program(async () => {
  // Default: 0, 1, 2, …
  let c = new sync.Counter({ comm });
  deepStrictEqual(all(c, 5), range(0, 5 * size));
  c.free();
  // start, then start and step positionally.
  c = new sync.Counter({ start: 7, comm });
  deepStrictEqual(all(c, 5), range(7, 7 + 5 * size));
  c.free();
  c = new sync.Counter(7, 2, { comm });
  deepStrictEqual(all(c, 5), range(7, 7 + 2 * 5 * size, 2));
  c.free();
  c = new sync.Counter({ step: 2, comm });
  deepStrictEqual(all(c, 5), range(0, 2 * 5 * size, 2));
  c.free();
  // Each typecode; the 64-bit ones count in bigints, exactly past 2**53.
  for (const code of ['b', 'B', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'f', 'd']) {
    c = new sync.Counter({ typecode: code, comm });
    deepStrictEqual(all(c, 3), range(0, 3 * size), code);
    c.free();
  }
  c = new sync.Counter(2n ** 60n, 1n, { typecode: 'q', comm });
  const first = c.next();
  strictEqual(typeof first, 'bigint');
  ok((first as bigint) >= 2n ** 60n && (first as bigint) < 2n ** 60n + BigInt(size));
  c.free();
  c = new sync.Counter({ typecode: 'd', start: 0.5, step: 0.25, comm });
  deepStrictEqual(all(c, 2), range(0, 2 * size).map((k) => 0.5 + 0.25 * k));
  c.free();
  // Each root; the root itself takes none.
  for (let root = 0; root < size; root++) {
    c = new sync.Counter({ comm, root });
    deepStrictEqual(all(c, 5, rank !== root), range(0, 5 * (size - 1)));
    c.free();
  }
  // Iteration and next() while the others sleep at random: the loop ends for everyone.
  c = new sync.Counter({ comm });
  for (const value of c) {
    await sleep(Math.random() * 5);
    if (Number(value) >= size - 1) break;
  }
  c.free();
  // next(incr), and next(0) reads without adding.
  c = new sync.Counter(100, { comm });
  comm.Barrier();
  const before = c.next(10);
  comm.Barrier();
  strictEqual(c.next(0), 100 + 10 * size);
  strictEqual(c.next(0), 100 + 10 * size);
  ok(Number(before) >= 100 && Number(before) < 100 + 10 * size && (Number(before) - 100) % 10 === 0);
  comm.Barrier();
  c.free();
  // free() twice is nothing; next() after it is Python's RuntimeError.
  c = new sync.Counter({ comm });
  for (let k = 0; k < 5; k++) c.free();
  throws(() => c.next(), (e: Error) => e.name === 'RuntimeError' && /Counter\.next: counter already freed/.test(e.message));
  // `using` frees it.
  {
    using d = new sync.Counter({ comm });
    d.next();
  }
  // Bad input: TypeError or RangeError (or MPI.Exception for a root out of range) naming the call and the argument.
  const bad: [() => unknown, new (...a: never[]) => Error, RegExp][] = [
    [() => new sync.Counter({ comm, typecode: 'z' }), RangeError, /Counter: typecode 'z'/],
    [() => new sync.Counter({ comm, typecode: 3 as never }), TypeError, /Counter: typecode/],
    [() => new sync.Counter(1.5, { comm }), TypeError, /Counter: start/],
    [() => new sync.Counter(0, 'x' as never, { comm }), TypeError, /Counter: step/],
    [() => new sync.Counter(2 ** 31, { comm }), RangeError, /Counter: start 2147483648 is out of range/],
    [() => new sync.Counter({ comm, typecode: 'B', start: -1 }), RangeError, /Counter: start -1/],
    [() => new sync.Counter({ comm: MPI.COMM_NULL as never }), TypeError, /Counter: comm/],
    [() => new sync.Counter({ comm, info: {} as never }), TypeError, /Counter: info/],
    [() => new sync.Counter({ comm, root: size }), MPI.Exception, /Counter/],
    [() => new sync.Counter({ comm, bogus: 1 } as never), TypeError, /Counter: unexpected option 'bogus'/],
  ];
  for (const [f, cls, re] of bad) throws(f, (e: Error) => e instanceof cls && re.test(e.message));
  c = new sync.Counter({ comm });
  throws(() => c.next(0.5), (e: Error) => e instanceof TypeError && /Counter\.next: incr/.test(e.message));
  throws(() => c.next(2 ** 40), (e: Error) => e instanceof RangeError && /Counter\.next: incr/.test(e.message));
  c.free();
});
