// Reduce_scatter (with and without recvcounts, in place, the mismatch errors),
// Ireduce_scatter, Ireduce_scatter_block, and Alltoallw/Ialltoallw with a
// datatype per rank and byte displacements (issue 12, mpi4py 4.x).
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const range = <T = number>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

program(async () => {
  // Rank i gets counts[i] = i + 1 items; item j of the whole vector sums rank + j over the ranks.
  const counts = range(size, (i) => i + 1);
  const total = sum(counts);
  const start = sum(counts.slice(0, rank));
  const expected = range(counts[rank], (k) => sum(range(size, (r) => r + start + k)));
  const send = () => Int32Array.from({ length: total }, (_, j) => rank + j);

  const got = new Int32Array(counts[rank]);
  comm.Reduce_scatter(send(), got, counts);
  deepStrictEqual([...got], expected);
  // Without recvcounts: each rank's receive count is gathered (mpi4py does an Allgather).
  const got2 = new Int32Array(counts[rank]);
  comm.Reduce_scatter(send(), got2);
  deepStrictEqual([...got2], expected);
  // Options, and another op.
  const got3 = new Int32Array(counts[rank]);
  comm.Reduce_scatter(send(), got3, { recvcounts: counts, op: MPI.MAX });
  deepStrictEqual([...got3], range(counts[rank], (k) => size - 1 + start + k));
  // In place: recvbuf holds the whole vector; this rank's part lands at its start.
  const inPlace = send();
  comm.Reduce_scatter(MPI.IN_PLACE, inPlace, counts, MPI.SUM);
  deepStrictEqual([...inPlace.subarray(0, counts[rank])], expected);
  // Refused before MPI, on every rank alike.
  throwsLike(() => comm.Reduce_scatter(MPI.IN_PLACE, send()), TypeError, /^Reduce_scatter: recvcounts is required with MPI\.IN_PLACE/);
  throwsLike(() => comm.Reduce_scatter(new Int32Array(total + 1), new Int32Array(counts[rank]), counts), RangeError, /^Reduce_scatter: mismatch in send count \d+ and sum\(recvcounts\)/);
  throwsLike(() => comm.Reduce_scatter(send(), new Int32Array(counts[rank] + 1), counts), RangeError, /^Reduce_scatter: mismatch in receive count/);
  throwsLike(() => comm.Reduce_scatter(send(), new Float64Array(counts[rank]), counts), TypeError, /^Reduce_scatter: mismatch in send and receive MPI datatypes/);
  throwsLike(() => comm.Reduce_scatter(MPI.IN_PLACE, new Int32Array(total + 1), counts), RangeError, /^Reduce_scatter: mismatch in receive count \d+ and sum\(recvcounts\)/);
  throwsLike(() => comm.Reduce_scatter(send(), got, counts.slice(1)), RangeError, /^Reduce_scatter: recvcounts/);

  // The nonblocking forms, awaited and waited.
  const got4 = new Int32Array(counts[rank]);
  await comm.Ireduce_scatter(send(), got4, counts);
  deepStrictEqual([...got4], expected);
  const got5 = new Int32Array(counts[rank]);
  comm.Ireduce_scatter(send(), got5).Wait();
  deepStrictEqual([...got5], expected);
  const block = new Float64Array(2);
  comm.Ireduce_scatter_block(Float64Array.from({ length: 2 * size }, (_, j) => rank + j), block, MPI.SUM).Wait();
  deepStrictEqual([...block], [0, 1].map((k) => sum(range(size, (r) => r + 2 * rank + k))));
  const blockInPlace = Float64Array.from({ length: 2 * size }, (_, j) => rank * j);
  await comm.Ireduce_scatter_block(MPI.IN_PLACE, blockInPlace, { op: MPI.MAX });
  deepStrictEqual([...blockInPlace.subarray(0, 2)], [0, 1].map((k) => (size - 1) * (2 * rank + k)));

  // Alltoallw: rank r sends i + 1 ints to rank i, item k being r·1000 + i·10 + k,
  // as i + 1 INT32_Ts to even ranks and as one contiguous type of i + 1 ints to odd ones.
  const contiguous = range(size, (i) => MPI.INT32_T.Create_contiguous(i + 1).Commit());
  const sendCounts = range(size, (i) => (i % 2 === 0 ? i + 1 : 1));
  const sendDispls = range(size, (i) => 4 * sum(range(i, (k) => k + 1)));
  const sendTypes = range(size, (i) => (i % 2 === 0 ? MPI.INT32_T : contiguous[i]));
  const sendbuf = new Int32Array(sum(counts));
  for (let i = 0; i < size; i++) for (let k = 0; k <= i; k++) sendbuf[sendDispls[i] / 4 + k] = rank * 1000 + i * 10 + k;
  // Receive rank + 1 ints from each, at byte 4·j·(rank + 1), with a gap of one int before each block.
  const width = rank + 2;
  const recvDispls = range(size, (j) => 4 * (j * width + 1));
  const want = range(size * width, (x) => (x % width === 0 ? -1 : Math.floor(x / width) * 1000 + rank * 10 + (x % width) - 1));
  const recvbuf = new Int32Array(size * width).fill(-1);
  comm.Alltoallw([sendbuf, sendCounts, sendDispls, sendTypes], [recvbuf, [new Array(size).fill(rank + 1), recvDispls], new Array(size).fill(MPI.INT32_T)]);
  deepStrictEqual([...recvbuf], want);
  const recvbuf2 = new Int32Array(size * width).fill(-1);
  await comm.Ialltoallw([sendbuf, [sendCounts, sendDispls], sendTypes], [recvbuf2, new Array(size).fill(rank + 1), recvDispls, new Array(size).fill('i')]);
  deepStrictEqual([...recvbuf2], want);
  // [buf, datatypes]: counts 1, displacements 0: every rank gets the first two ints of each.
  const pair = MPI.INT32_T.Create_contiguous(2).Commit();
  const recvbuf3 = new Int32Array(2 * size);
  comm.Alltoallw([Int32Array.of(rank, -rank - 1), new Array(size).fill(pair)], [recvbuf3, [new Array(size).fill(1), range(size, (j) => 8 * j)], new Array(size).fill(pair)]);
  deepStrictEqual([...recvbuf3], range(2 * size, (x) => (x % 2 === 0 ? Math.floor(x / 2) : -Math.floor(x / 2) - 1)));
  // A block past the buffer's end is refused before MPI, on every rank.
  throwsLike(
    () => comm.Alltoallw([sendbuf, sendCounts, range(size, () => 4 * sendbuf.length), sendTypes], [recvbuf, new Array(size).fill(rank + 1), recvDispls, new Array(size).fill(MPI.INT32_T)]),
    RangeError, /^Alltoallw: sendbuf too small/,
  );
  throwsLike(() => comm.Alltoallw([sendbuf, sendTypes.slice(1)], [recvbuf, sendTypes]), RangeError, /^Alltoallw: sendbuf: expecting \d+ datatypes/);
  throwsLike(() => comm.Alltoallw(sendbuf as never, [recvbuf, sendTypes]), TypeError, /^Alltoallw: sendbuf: expecting \[buf, datatypes\]/);
  for (const t of [...contiguous, pair]) t.Free();
});
