// The lowercase calls' codec alone, in process (no MPI): encode and decode of
// the object benchmarks' values (bench/cases.json), the best of 40 batches so
// that other processes on a shared machine move the figure little. One JSON
// line per figure, as bench/osu.ts prints them.
//
//   node .build/bench/codec.js [tiny|array1000|nested ...]      (MPI4JS_PICKLE=msgpack for msgpackr)
import { pickle } from '../lib/pickle';

import { makeCase } from './cases';

/** µs per call of f: the best of 40 batches of n, after 20 batches of warm-up. */
function best(f: () => unknown, n: number): number {
  for (let i = 0; i < 20 * n; i++) f();
  let out = Infinity;
  for (let rep = 0; rep < 40; rep++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    out = Math.min(out, Number(process.hrtime.bigint() - t0) / n / 1000);
  }
  return out;
}

const impl = process.env.MPI4JS_PICKLE === 'msgpack' ? 'mpi4js+msgpackr' : 'mpi4js';
const names = process.argv.length > 2 ? process.argv.slice(2) : ['tiny', 'array1000', 'nested'];
for (const name of names) {
  const value = makeCase(name);
  const bytes = pickle.dumps(value);
  const n = name === 'tiny' ? 20_000 : 200;
  for (const [bench, f] of [
    ['codec encode', () => pickle.dumps(value)],
    ['codec decode', () => pickle.loads(bytes)],
  ] as const) {
    const us = best(f, n);
    process.stdout.write(`${JSON.stringify({ bench, impl, size: bytes.length, case: name, header: bytes[0], value: Number(us.toPrecision(4)), unit: 'us' })}\n`);
  }
}
