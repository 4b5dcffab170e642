// A pending irecv is served while the rank blocks in a buffer collective:
// rank A of each pair has an irecv pending and enters the collective; its
// partner B first ssends what that irecv is for (deadlock-cases: servedDuring).
import { deepStrictEqual } from 'node:assert/strict';

import { communicators, MPI, SIZES, servedDuring } from './deadlock-cases';
import { program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { rank, size } = c;
    const ranks = Float64Array.from({ length: size }, (_, i) => i);
    const sum = (size * (size - 1)) / 2;
    for (const n of SIZES) {
      const at = (what: string) => `${name} ${what}`;
      servedDuring(c, n, at('Barrier'), () => c.Barrier());

      const b = new Float64Array(4).fill(rank === 0 ? 7 : 0);
      servedDuring(c, n, at('Bcast'), () => c.Bcast(b, 0));
      deepStrictEqual(b, new Float64Array(4).fill(7));

      const g = new Float64Array(size);
      servedDuring(c, n, at('Gather'), () => c.Gather(Float64Array.of(rank), g, 0));
      if (rank === 0) deepStrictEqual(g, ranks);

      const gv = new Float64Array(size);
      servedDuring(c, n, at('Gatherv'), () => c.Gatherv(Float64Array.of(rank), [gv, new Array(size).fill(1), null, MPI.DOUBLE], 0));
      if (rank === 0) deepStrictEqual(gv, ranks);

      const s = new Float64Array(1);
      servedDuring(c, n, at('Scatter'), () => c.Scatter(ranks, s, 0));
      deepStrictEqual(s[0], rank);

      const sv = new Float64Array(1);
      servedDuring(c, n, at('Scatterv'), () => c.Scatterv([ranks, new Array(size).fill(1), null, MPI.DOUBLE], sv, 0));
      deepStrictEqual(sv[0], rank);

      const ag = new Float64Array(size);
      servedDuring(c, n, at('Allgather'), () => c.Allgather(Float64Array.of(rank), ag));
      deepStrictEqual(ag, ranks);

      const agv = new Float64Array(size);
      servedDuring(c, n, at('Allgatherv'), () => c.Allgatherv(Float64Array.of(rank), [agv, new Array(size).fill(1), null, MPI.DOUBLE]));
      deepStrictEqual(agv, ranks);

      const aa = new Float64Array(size);
      servedDuring(c, n, at('Alltoall'), () => c.Alltoall(new Float64Array(size).fill(rank), aa));
      deepStrictEqual(aa, ranks);

      const aav = new Float64Array(size);
      const ones = new Array(size).fill(1);
      servedDuring(c, n, at('Alltoallv'), () => c.Alltoallv([new Float64Array(size).fill(rank), ones, null, MPI.DOUBLE], [aav, ones, null, MPI.DOUBLE]));
      deepStrictEqual(aav, ranks);

      const r = new Float64Array(1);
      servedDuring(c, n, at('Reduce'), () => c.Reduce(Float64Array.of(rank), r, MPI.SUM, 0));
      if (rank === 0) deepStrictEqual(r[0], sum);

      const ar = new Float64Array(1);
      servedDuring(c, n, at('Allreduce'), () => c.Allreduce(Float64Array.of(rank), ar, MPI.SUM));
      deepStrictEqual(ar[0], sum);

      const rsb = new Float64Array(1);
      servedDuring(c, n, at('Reduce_scatter_block'), () => c.Reduce_scatter_block(new Float64Array(size).fill(rank), rsb, MPI.SUM));
      deepStrictEqual(rsb[0], sum);

      const sc = new Float64Array(1);
      servedDuring(c, n, at('Scan'), () => c.Scan(Float64Array.of(rank), sc, MPI.SUM));
      deepStrictEqual(sc[0], (rank * (rank + 1)) / 2);

      const ex = new Float64Array(1).fill(-1);
      servedDuring(c, n, at('Exscan'), () => c.Exscan(Float64Array.of(rank), ex, MPI.SUM));
      deepStrictEqual(ex[0], rank === 0 ? -1 : (rank * (rank - 1)) / 2);
    }
  }
});
