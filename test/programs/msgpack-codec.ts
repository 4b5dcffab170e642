// With MPI4JS_PICKLE=msgpack every rank uses MessagePack (msgpackr with
// records) for values, keeping the fast paths for numbers, strings, dense
// number arrays and typed arrays.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, program, rank, size } from './harness';

const values: unknown[] = [
  null,
  true,
  7,
  'text',
  [1, 'two', { three: 3 }],
  { id: 7, readings: Array.from({ length: 200 }, (_, i) => ({ t: i, v: i * 1.5, ok: i % 3 === 0, label: `r${i}` })) },
  new Map<string, number>([['a', 1]]),
  new Set([1, 2]),
  new Date(Date.UTC(2025, 0, 1)),
  2n ** 70n,
  new Float64Array([1, 2, 3]),
  Array.from({ length: 50 }, (_, i) => i * 0.25),
];

program(() => {
  if (process.env.MPI4JS_PICKLE !== 'msgpack') throw new Error('run with MPI4JS_PICKLE=msgpack');
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  for (const value of values) {
    comm.isend(value, right, 1);
    deepStrictEqual(comm.recv(left, 1), value);
  }
  deepStrictEqual(comm.allgather({ rank }), Array.from({ length: size }, (_, r) => ({ rank: r })));
  strictEqual(comm.allreduce(rank), (size * (size - 1)) / 2);
});
