// As in mpi4py (msgbuffer.pxi), the count in a `[buf, count, datatype]` spec of
// a collective's per-rank side is the count per rank: Alltoall([s, MPI.INT],
// [r, 1, MPI.INT]) moves one int to and from every rank; an inferred count is
// the buffer's items divided by the size, which must divide them. Results are
// those mpi4py 3.1.4 gives for the same calls (checked side by side).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

program(async () => {
  // Alltoall: explicit 1 per rank on the receive side, inferred on the send side.
  let r = new Int32Array(size).fill(-1);
  comm.Alltoall([Int32Array.from(range(size, (i) => i + 10 * rank)), MPI.INT], [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), range(size, (i) => rank + 10 * i));

  // Explicit counts on both sides of buffers twice as long: only the first size items move.
  r = new Int32Array(2 * size).fill(-1);
  comm.Alltoall([Int32Array.from(range(2 * size, (i) => i + 10 * rank)), 1, MPI.INT], [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), [...range(size, (i) => rank + 10 * i), ...range(size, () => -1)]);

  // In place: recvbuf's explicit count is per rank too.
  r = Int32Array.from(range(2 * size, (i) => i + 10 * rank));
  comm.Alltoall(MPI.IN_PLACE, [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), [...range(size, (i) => rank + 10 * i), ...range(size, (i) => size + i + 10 * rank)]);

  // Ialltoall reads specs the same way.
  r = new Int32Array(size).fill(-1);
  await comm.Ialltoall([Int32Array.from(range(size, (i) => i + 10 * rank)), MPI.INT], [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), range(size, (i) => rank + 10 * i));

  // Allgather: the send count is as given, the receive count per rank.
  r = new Int32Array(2 * size).fill(-1);
  comm.Allgather([Int32Array.of(rank, rank), 1, MPI.INT], [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), [...range(size, (i) => i), ...range(size, () => -1)]);
  r = new Int32Array(2 * size).fill(-1);
  r[rank] = 100 + rank;
  comm.Allgather(MPI.IN_PLACE, [r, 1, MPI.INT]);
  deepStrictEqual(Array.from(r), [...range(size, (i) => 100 + i), ...range(size, () => -1)]);

  for (let root = 0; root < size; root++) {
    // Gather: the root's explicit count is per rank; a displacement applies once.
    r = new Int32Array(2 * size).fill(-1);
    comm.Gather(Int32Array.of(rank), [r, 1, MPI.INT], root);
    deepStrictEqual(Array.from(r), rank === root ? [...range(size, (i) => i), ...range(size, () => -1)] : range(2 * size, () => -1));
    r = new Int32Array(size + 2).fill(-1);
    comm.Gather(Int32Array.of(rank), [r, [1, 2], MPI.INT], { root });
    deepStrictEqual(Array.from(r), rank === root ? [-1, -1, ...range(size, (i) => i)] : range(size + 2, () => -1));
    // Scatter: the root's explicit count is per rank, so only its first size items go out.
    const one = Int32Array.of(-1);
    comm.Scatter([Int32Array.from(range(2 * size, (i) => i + 100 * root)), 1, MPI.INT], one, root);
    strictEqual(one[0], rank + 100 * root);
    // Inferred: the root's buffer splits into size blocks.
    const two = new Int32Array(2);
    comm.Scatter(Int32Array.from(range(2 * size, (i) => i)), two, root);
    deepStrictEqual(Array.from(two), [2 * rank, 2 * rank + 1]);
  }

  // Bcast has one block: the count is the count.
  const b = new Int32Array(4).fill(rank);
  comm.Bcast([b, 2, MPI.INT], 0);
  deepStrictEqual(Array.from(b), [0, 0, rank, rank]);

  // Reduce_scatter_block: the send count is per block, and must equal the receive count.
  const s4 = Int32Array.from(range(2 * size, (i) => i));
  const r2 = new Int32Array(2).fill(-1);
  comm.Reduce_scatter_block([s4, 2, MPI.INT], [r2, 2, MPI.INT]);
  deepStrictEqual(Array.from(r2), [2 * rank * size, (2 * rank + 1) * size]);
  r2.fill(-1);
  comm.Reduce_scatter_block(s4, r2);
  deepStrictEqual(Array.from(r2), [2 * rank * size, (2 * rank + 1) * size]);
  throwsLike(() => comm.Reduce_scatter_block([s4, MPI.INT], [r2, 1, MPI.INT]), RangeError, /^Reduce_scatter_block: mismatch in send count 2 and receive count 1 \(per rank\)$/);
  const inPlace = Int32Array.from(range(2 * size, (i) => i));
  comm.Reduce_scatter_block(MPI.IN_PLACE, [inPlace, 1, MPI.INT]);
  strictEqual(inPlace[0], rank * size);

  // Refused before MPI runs, alike on every rank.
  if (size > 1) {
    throwsLike(() => comm.Allgather(Int32Array.of(rank), new Int32Array(2 * size + 1)), RangeError,
      new RegExp(`^Allgather: recvbuf: cannot infer count, number of entries ${2 * size + 1} is not a multiple of required number of blocks ${size}$`));
  }
  // An explicit per-rank count the buffer cannot hold for every rank.
  throwsLike(() => comm.Alltoall([new Int32Array(size), MPI.INT], [new Int32Array(size), 2, MPI.INT]), RangeError, /^Alltoall: recvbuf too small: it holds \d+ bytes but the count and datatype need \d+$/);
});
