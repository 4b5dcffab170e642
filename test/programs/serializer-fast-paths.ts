// The codec's fast paths (a number, a string, a dense array of numbers, a typed
// array) and its v8 fallback give back exactly what was sent, edge cases included.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

const holey = [1, 2, 3];
holey[40] = 4; // holes: not dense, goes through v8, holes kept

const cases: unknown[] = [
  -0,
  Number.NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  '',
  'x'.repeat(100_000),
  '日本語 ✓ \u0000 end',
  Array.from({ length: 1000 }, (_, i) => (i % 2 ? -i : i / 3)),
  Array.from({ length: 16 }, () => Number.NaN),
  holey,
  [1, 2, 3, 'four', ...Array.from({ length: 20 }, (_, i) => i)],
  new Float32Array([1.5, -2.25]),
  new Uint8ClampedArray([0, 255, 128]),
  new BigUint64Array([2n ** 64n - 1n]),
  new Float64Array(new ArrayBuffer(64), 8, 3).fill(2.5), // a view at an offset
  new Int16Array(0),
  new DataView(new Uint8Array([1, 2, 3]).buffer),
];

program(() => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  for (const value of cases) {
    comm.isend(value, right, 1);
    const got = comm.recv(left, 1);
    deepStrictEqual(got, value);
    if (value !== null && typeof value === 'object') strictEqual(Object.getPrototypeOf(got), Object.getPrototypeOf(value));
  }
  ok(Object.is(comm.bcast(-0), -0));
  // Values received in the reused pool do not change when the next message arrives.
  comm.isend(new Float64Array([1, 2]), right, 2);
  const first = comm.recv(left, 2) as Float64Array;
  comm.isend(new Float64Array([3, 4]), right, 2);
  comm.recv(left, 2);
  deepStrictEqual([...first], [1, 2]);
  // Values decoded by v8 from the pool (a Buffer inside an object) are copies too.
  comm.isend({ buf: Buffer.from('first') }, right, 4);
  const kept = comm.recv(left, 4) as { buf: Buffer };
  comm.isend({ buf: Buffer.from('other') }, right, 4);
  comm.recv(left, 4);
  strictEqual(kept.buf.toString(), 'first');
  // Large values (beyond the pool) arrive in their own buffer.
  const big = Array.from({ length: 100_000 }, (_, i) => i);
  comm.isend(big, right, 3);
  deepStrictEqual(comm.recv(left, 3), big);
  strictEqual(typeof MPI.pickle.dumps, 'function');
});
