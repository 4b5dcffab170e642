// Ibarrier, Ibcast, Iscatter, Igather, Iallgather, Ialltoall, Ireduce and
// Iallreduce, waited and awaited.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

program(async () => {
  await comm.Ibarrier();
  comm.Ibarrier().Wait();
  for (let root = 0; root < size; root++) {
    const b = new Float64Array(4).fill(rank === root ? root + 0.25 : 0);
    await comm.Ibcast(b, root);
    deepStrictEqual([...b], new Array(4).fill(root + 0.25));

    const s = rank === root ? new Int32Array(range(size, (i) => i * 7)) : null;
    const one = new Int32Array(1);
    comm.Iscatter(s, one, root).Wait();
    deepStrictEqual([...one], [rank * 7]);

    const g = rank === root ? new Int32Array(size) : null;
    await comm.Igather(new Int32Array([rank + 1]), g, { root });
    if (g) deepStrictEqual([...g], range(size, (i) => i + 1));

    const red = rank === root ? new Float32Array(2) : null;
    await comm.Ireduce(new Float32Array([rank, 1]), red, MPI.SUM, root);
    if (red) deepStrictEqual([...red], [(size * (size - 1)) / 2, size]);
  }
  const all = new Uint8Array(size);
  await comm.Iallgather(new Uint8Array([rank]), all);
  deepStrictEqual([...all], range(size, (i) => i));
  const got = new Int16Array(size);
  await comm.Ialltoall(new Int16Array(range(size, (i) => rank * 100 + i)), got);
  deepStrictEqual([...got], range(size, (from) => from * 100 + rank));
  const sum = new BigInt64Array(1);
  const reqs = [comm.Iallreduce(new BigInt64Array([BigInt(rank)]), sum, MPI.SUM), comm.Ibarrier()];
  await Promise.all(reqs);
  deepStrictEqual(sum[0], BigInt((size * (size - 1)) / 2));
});
