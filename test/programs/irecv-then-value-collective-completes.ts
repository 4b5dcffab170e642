// A pending irecv is served while the rank blocks in a collective of values
// (lowercase): rank A of each pair has an irecv pending and enters the
// collective; its partner B first ssends what that irecv is for.
import { deepStrictEqual } from 'node:assert/strict';

import { communicators, MPI, SIZES, servedDuring } from './deadlock-cases';
import { program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { rank, size } = c;
    const ranks = Array.from({ length: size }, (_, i) => `r${i}`);
    for (const n of SIZES) {
      const at = (what: string) => `${name} ${what}`;
      let got: unknown;
      servedDuring(c, n, at('barrier'), () => c.barrier());
      servedDuring(c, n, at('bcast'), () => (got = c.bcast(rank === 0 ? { n } : undefined, 0)));
      deepStrictEqual(got, { n });
      servedDuring(c, n, at('gather'), () => (got = c.gather(`r${rank}`, 0)));
      deepStrictEqual(got, rank === 0 ? ranks : undefined);
      servedDuring(c, n, at('scatter'), () => (got = c.scatter(rank === 0 ? ranks : undefined, 0)));
      deepStrictEqual(got, `r${rank}`);
      servedDuring(c, n, at('allgather'), () => (got = c.allgather(`r${rank}`)));
      deepStrictEqual(got, ranks);
      servedDuring(c, n, at('alltoall'), () => (got = c.alltoall(new Array(size).fill(`r${rank}`))));
      deepStrictEqual(got, ranks);
      servedDuring(c, n, at('reduce'), () => (got = c.reduce([rank, 1], MPI.SUM, 0)));
      deepStrictEqual(got, rank === 0 ? [(size * (size - 1)) / 2, size] : undefined);
      servedDuring(c, n, at('allreduce'), () => (got = c.allreduce(rank, MPI.MAX)));
      deepStrictEqual(got, size - 1);
      servedDuring(c, n, at('scan'), () => (got = c.scan(`r${rank}`)));
      deepStrictEqual(got, ranks.slice(0, rank + 1).join(''));
      servedDuring(c, n, at('exscan'), () => (got = c.exscan(`r${rank}`)));
      deepStrictEqual(got, rank === 0 ? undefined : ranks.slice(0, rank).join(''));
    }
  }
});
