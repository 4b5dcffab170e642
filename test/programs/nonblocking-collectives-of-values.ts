// ibarrier, ibcast, iscatter, igather, iallgather, ialltoall, ireduce and
// iallreduce: awaitable collectives of JavaScript values (mpi4py has none).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, VALUES } from './harness';


program(async () => {
  const ranks = Array.from({ length: size }, (_, r) => r);
  await comm.ibarrier();
  for (let root = 0; root < size; root++) {
    for (const value of VALUES) deepStrictEqual(await comm.ibcast(rank === root ? value : undefined, root), value);
    deepStrictEqual(await comm.iscatter(rank === root ? ranks.map((r) => ({ r })) : undefined, { root }), { r: rank });
    const g = await comm.igather([rank], root);
    deepStrictEqual(g, rank === root ? ranks.map((r) => [r]) : undefined);
    strictEqual(await comm.ireduce(rank, MPI.SUM, root), rank === root ? (size * (size - 1)) / 2 : undefined);
  }
  deepStrictEqual(await comm.iallgather(`r${rank}`), ranks.map((r) => `r${r}`));
  deepStrictEqual(await comm.ialltoall(ranks.map((to) => [rank, to])), ranks.map((from) => [from, rank]));
  deepStrictEqual(await comm.iallreduce([rank, 1], { op: MPI.MAX }), [size - 1, 1]);
  // Waited instead of awaited, and several at once.
  deepStrictEqual(comm.ibcast(rank === 0 ? new Map([[1, 2]]) : null).wait(), new Map([[1, 2]]));
  const all = await Promise.all([comm.iallreduce(1), comm.iallgather(rank), comm.ibarrier()]);
  deepStrictEqual(all, [size, ranks, undefined]);
  // Many at once, mixed with blocking collectives: their stages keep one order on every rank.
  for (let k = 0; k < 30; k++) {
    const pending = [comm.iallgather(k * rank), comm.iallreduce(rank + k), comm.ibcast(rank === 0 ? `k${k}` : undefined), comm.igather(k, 0)];
    if (k % 3 === 0) strictEqual(comm.allreduce(1), size);
    if (k % 3 === 1) comm.Barrier();
    deepStrictEqual(await Promise.all(pending), [
      ranks.map((r) => k * r),
      ranks.reduce((a, r) => a + r + k, 0),
      `k${k}`,
      rank === 0 ? ranks.map(() => k) : undefined,
    ]);
  }
});
