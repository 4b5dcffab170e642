// Igatherv, Iscatterv, Iallgatherv and Ialltoallv from every root, Iscan and
// Iexscan (issue 12), awaited and waited, each equal to its blocking form; and
// posted while a lowercase ibcast is still in its first stage (the hold queue
// of lib/msgpickle.ts), which must post them in order after it.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(async () => {
  // Rank r contributes r + 1 items; displacements leave one cell of -1 between blocks.
  const counts = range(size, (i) => i + 1);
  const displs = range(size, (i) => (i * (i + 1)) / 2 + i);
  const length = displs[size - 1] + counts[size - 1] + 1;
  const mine = () => Float64Array.from({ length: rank + 1 }, (_, k) => rank * 10 + k);
  for (let root = 0; root < size; root++) {
    for (const awaited of [true, false]) {
      const done = async (r: InstanceType<typeof MPI.Request>) => (awaited ? void (await r) : void r.Wait());
      // Igatherv = Gatherv
      const g = new Float64Array(length).fill(-1);
      const gBlocking = new Float64Array(length).fill(-1);
      const atRoot = rank === root;
      await done(comm.Igatherv(mine(), atRoot ? [g, counts, displs, MPI.DOUBLE] : null, root));
      comm.Gatherv(mine(), atRoot ? [gBlocking, counts, displs, MPI.DOUBLE] : null, root);
      if (atRoot) {
        deepStrictEqual([...g], [...gBlocking]);
        deepStrictEqual(g[displs[size - 1]], (size - 1) * 10);
      }
      // Iscatterv = Scatterv: the same layout back out.
      const part = new Float64Array(rank + 1);
      const partBlocking = new Float64Array(rank + 1);
      const src = atRoot ? Float64Array.from({ length }, (_, x) => x * 0.5) : null;
      await done(comm.Iscatterv(src ? [src, [counts, displs], MPI.DOUBLE] : null, part, { root }));
      comm.Scatterv(src ? [src, [counts, displs], MPI.DOUBLE] : null, partBlocking, root);
      deepStrictEqual([...part], [...partBlocking]);
      deepStrictEqual([...part], range(rank + 1, (k) => (displs[rank] + k) * 0.5));
    }
  }
  // Iallgatherv = Allgatherv, awaited then waited.
  for (const awaited of [true, false]) {
    const a = new Float64Array(length).fill(-1);
    const b = new Float64Array(length).fill(-1);
    const r = comm.Iallgatherv(mine(), [a, counts, displs, MPI.DOUBLE]);
    if (awaited) await r;
    else r.Wait();
    comm.Allgatherv(mine(), [b, counts, displs, MPI.DOUBLE]);
    deepStrictEqual([...a], [...b]);
  }
  // Ialltoallv = Alltoallv: rank r sends i + 1 items to rank i; receives r + 1 from each.
  const scounts = range(size, (i) => i + 1);
  const send = Int16Array.from({ length: scounts.reduce((x, y) => x + y, 0) }, (_, x) => rank * 100 + x);
  const rcounts = new Array(size).fill(rank + 1);
  const recv = new Int16Array(size * (rank + 1));
  const recvBlocking = new Int16Array(size * (rank + 1));
  await comm.Ialltoallv([send, scounts], [recv, rcounts]);
  comm.Alltoallv([send, scounts], [recvBlocking, rcounts]);
  deepStrictEqual([...recv], [...recvBlocking]);

  // Iscan and Iexscan = Scan and Exscan (Exscan leaves rank 0's buffer as it was).
  const values = () => Int32Array.of(rank + 1, -rank, rank * rank);
  for (const op of [MPI.SUM, MPI.MAX, MPI.PROD]) {
    const s = new Int32Array(3);
    const sBlocking = new Int32Array(3);
    await comm.Iscan(values(), s, op);
    comm.Scan(values(), sBlocking, op);
    deepStrictEqual([...s], [...sBlocking]);
    const e = new Int32Array(3).fill(7);
    const eBlocking = new Int32Array(3).fill(7);
    comm.Iexscan(values(), e, { op }).Wait();
    comm.Exscan(values(), eBlocking, op);
    if (rank > 0) deepStrictEqual([...e], [...eBlocking]);
    else deepStrictEqual([...e], [7, 7, 7]);
  }
  const inPlace = values();
  await comm.Iscan(MPI.IN_PLACE, inPlace);
  deepStrictEqual([...inPlace], [range(rank + 1, (r) => r + 1), range(rank + 1, (r) => -r), range(rank + 1, (r) => r * r)].map((xs) => xs.reduce((x, y) => x + y, 0)));

  // Behind a lowercase ibcast still in its first stage: held, then posted in order.
  const value = { root: 'value', n: size };
  const first = comm.ibcast(rank === 0 ? value : undefined, 0);
  const g2 = new Float64Array(length).fill(-1);
  const held = [
    comm.Igatherv(mine(), rank === 0 ? [g2, counts, displs, MPI.DOUBLE] : null, 0),
    comm.Iscan(values(), new Int32Array(3)),
    comm.Iexscan(values(), new Int32Array(3)),
    comm.Iallgatherv(mine(), [new Float64Array(length), counts, displs, MPI.DOUBLE]),
  ];
  const second = comm.ibcast(rank === size - 1 ? 'last' : undefined, size - 1);
  deepStrictEqual(await first, value);
  await Promise.all(held);
  deepStrictEqual(await second, 'last');
  if (rank === 0) deepStrictEqual(g2[displs[size - 1]], (size - 1) * 10);
});
