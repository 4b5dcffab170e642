// Bcast, Scatter, Gather, Allgather and Alltoall on buffers of every element
// type, from every root, with IN_PLACE where MPI allows it.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { filled, items, KINDS } from './typed';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(() => {
  comm.Barrier();
  for (const kind of KINDS) {
    for (let root = 0; root < size; root++) {
      // Bcast of root+1 items.
      const b = rank === root ? filled(kind, root + 1, root) : kind.make(root + 1);
      comm.Bcast(b, root);
      deepStrictEqual(items(b), new Array(root + 1).fill(root), `Bcast ${kind.name}`);

      // Gather root+1 items from each rank into size blocks at the root.
      const g = rank === root ? filled(kind, size * (root + 1), 0) : null;
      comm.Gather(filled(kind, root + 1, rank), g, root);
      if (g) deepStrictEqual(items(g), range(size * (root + 1), (i) => Math.floor(i / (root + 1))), `Gather ${kind.name}`);

      // Scatter block i of the root's buffer to rank i.
      const s = rank === root ? kind.make(size * 2) : null;
      if (s) for (let i = 0; i < size * 2; i++) s[i] = kind.value(Math.floor(i / 2)) as never;
      const mine = kind.make(2);
      comm.Scatter(s, mine, { root });
      deepStrictEqual(items(mine), [rank, rank], `Scatter ${kind.name}`);

      // IN_PLACE at the root: Gather's send buffer, Scatter's receive buffer.
      const gp = filled(kind, size, 0);
      gp[rank] = kind.value(rank) as never;
      comm.Gather(rank === root ? MPI.IN_PLACE : [gp.subarray(rank, rank + 1), 1], rank === root ? gp : null, root);
      if (rank === root) deepStrictEqual(items(gp), range(size, (i) => i));
      const sp = range(size, (i) => i * 3);
      const spBuf = kind.make(size);
      sp.forEach((x, i) => (spBuf[i] = kind.value(x) as never));
      const own = kind.make(1);
      comm.Scatter(rank === root ? spBuf : null, rank === root ? MPI.IN_PLACE : own, root);
      if (rank !== root) deepStrictEqual(items(own), [rank * 3]);
    }
    // Allgather and Alltoall.
    const all = kind.make(size * 2);
    comm.Allgather(filled(kind, 2, rank), all);
    deepStrictEqual(items(all), range(size * 2, (i) => Math.floor(i / 2)), `Allgather ${kind.name}`);
    const inplace = kind.make(size);
    inplace[rank] = kind.value(rank + 1) as never;
    comm.Allgather(MPI.IN_PLACE, inplace);
    deepStrictEqual(items(inplace), range(size, (i) => i + 1));
    const out = kind.make(size);
    for (let i = 0; i < size; i++) out[i] = kind.value((rank * 7 + i) % 100) as never; // fits every type
    const got = kind.make(size);
    comm.Alltoall(out, got);
    deepStrictEqual(items(got), range(size, (from) => (from * 7 + rank) % 100), `Alltoall ${kind.name}`);
  }
});
