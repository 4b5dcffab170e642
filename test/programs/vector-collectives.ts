// Scatterv, Gatherv, Allgatherv and Alltoallv with counts and displacements;
// cells outside the blocks keep their -1; counts omitted split evenly.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(() => {
  for (let count = 0; count < size; count++) {
    const counts = new Array(size).fill(count);
    const displs = range(size, (i) => i * size);
    for (let root = 0; root < size; root++) {
      // Gatherv: rank r's `count` items land at r*size; the rest stays -1.
      const g = new Int32Array(size * size).fill(-1);
      comm.Gatherv(new Int32Array(count).fill(rank), rank === root ? [g, [counts, displs], MPI.INT32_T] : null, root);
      if (rank === root) {
        deepStrictEqual([...g], range(size * size, (i) => (i % size < count ? Math.floor(i / size) : -1)));
      }
      // Scatterv: the same layout back out.
      const s = range(size * size, (i) => Math.floor(i / size));
      const mine = new Int32Array(count).fill(-1);
      comm.Scatterv(rank === root ? [new Int32Array(s), counts, displs, MPI.INT32_T] : null, mine, { root });
      deepStrictEqual([...mine], new Array(count).fill(rank));
    }
    // Allgatherv with a stride given as one number.
    const a = new Float64Array(size * size).fill(-1);
    comm.Allgatherv(new Float64Array(count).fill(rank + 0.5), [a, count, size, MPI.DOUBLE]);
    deepStrictEqual([...a], range(size * size, (i) => (i % size < count ? Math.floor(i / size) + 0.5 : -1)));
  }
  // Alltoallv: rank r sends i+1 items to rank i; receives r+1 from each.
  const scounts = range(size, (i) => i + 1);
  const send = new Int16Array(scounts.reduce((x, y) => x + y, 0)).fill(rank);
  const rcounts = new Array(size).fill(rank + 1);
  const recv = new Int16Array(size * (rank + 1));
  comm.Alltoallv([send, scounts], [recv, rcounts]);
  deepStrictEqual([...recv], range(size * (rank + 1), (i) => Math.floor(i / (rank + 1))));
  // Counts omitted: the root's buffer splits evenly, the first ranks one more.
  const total = size * 2 + 1;
  const each = Math.floor(total / size) + (rank < total % size ? 1 : 0);
  const part = new Uint8Array(each);
  comm.Scatterv(rank === 0 ? new Uint8Array(total).map((_, i) => i) : null, part, 0);
  const start = range(rank, (r) => Math.floor(total / size) + (r < total % size ? 1 : 0)).reduce((x, y) => x + y, 0);
  deepStrictEqual([...part], range(each, (i) => start + i));
  strictEqual(part.length, each);
});
