// 1,000 outstanding isend/irecv pairs with mixed tags and sizes, objects and
// buffers, all match and complete, awaited together.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, program, rank, size } from './harness';

const N = 1000;
const lengthOf = (i: number) => [0, 1, 7, 100, 1000, 20_000][i % 6];

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  // Receives posted in a scrambled order; tags repeat, so order within a tag matters too.
  const order = Array.from({ length: N }, (_, i) => (i * 379) % N);
  const receives = new Array<Promise<unknown>>(N);
  const buffers = new Array<Float64Array>(N);
  for (const i of order) {
    if (i % 2 === 0) receives[i] = comm.irecv(left, i % 17).toPromise();
    else {
      buffers[i] = new Float64Array(lengthOf(i));
      receives[i] = comm.Irecv(buffers[i], left, 1000 + i).toPromise();
    }
  }
  const sends = Array.from({ length: N }, (_, i) =>
    i % 2 === 0
      ? comm.isend({ i, from: rank, data: new Array(lengthOf(i)).fill(i) }, right, i % 17)
      : comm.Isend(new Float64Array(lengthOf(i)).fill(rank + i), right, 1000 + i),
  );
  const values = await Promise.all(receives);
  await Promise.all(sends);
  // Receives match in the order they were posted, messages in the order they
  // were sent: per tag, the receives in posting order got ascending messages.
  const byTag = new Map<number, number[]>();
  for (const i of order) {
    if (i % 2 !== 0) continue;
    const got = values[i] as { i: number; from: number; data: number[] };
    strictEqual(got.from, left);
    strictEqual(got.i % 17, i % 17);
    deepStrictEqual(got.data, new Array(lengthOf(got.i)).fill(got.i));
    byTag.set(i % 17, [...(byTag.get(i % 17) ?? []), got.i]);
  }
  for (const [, got] of byTag) deepStrictEqual(got, [...got].sort((a, b) => a - b));
  buffers.forEach((b, i) => b && deepStrictEqual(b, new Float64Array(lengthOf(i)).fill(left + i)));
});
