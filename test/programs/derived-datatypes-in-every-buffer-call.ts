// Derived datatypes in the buffer calls: a matrix column (a vector resized to one
// element, so consecutive items are consecutive columns) on the send side, the
// receive side or both, in Send/Recv, Isend/Irecv, Sendrecv, Bcast, Scatter and
// Gather (a transpose), Allgather, Alltoall, Scatterv and Gatherv; and a struct of
// records with padding in a DataView. Every received buffer is compared, whole,
// with a copy made by JavaScript: the cells the type skips keep their values.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

type Datatype = InstanceType<typeof MPI.Datatype>;

/** A rows × cols row-major matrix of doubles, each cell tagged with its owner, row and column. */
function matrix(owner: number, rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, (_, k) => owner * 10000 + Math.floor(k / cols) * 100 + (k % cols));
}

/** Column j of a row-major matrix, as JavaScript reads it. */
function columnOf(m: Float64Array, rows: number, cols: number, j: number): number[] {
  return Array.from({ length: rows }, (_, i) => m[i * cols + j]);
}

/** m with column j replaced by values, as JavaScript writes it (a copy). */
function withColumn(m: Float64Array, rows: number, cols: number, j: number, values: ArrayLike<number>): number[] {
  const out = [...m];
  for (let i = 0; i < rows; i++) out[i * cols + j] = values[i];
  return out;
}

/** One column of a rows × cols matrix of doubles, with an extent of one double. */
function columnType(rows: number, cols: number): Datatype {
  const v = MPI.DOUBLE.Create_vector(rows, 1, cols);
  const t = v.Create_resized(0, 8).Commit();
  v.Free();
  return t;
}

program(async () => {
  const n = size;
  const right = (rank + 1) % n;
  const left = (rank + n - 1) % n;
  // A 3 × (n + 1) matrix per rank: at least 2 columns, so a column has neighbours to leave alone.
  const R = 3;
  const C = n + 1;
  const col = columnType(R, C);
  const mine = matrix(rank, R, C);

  // Send/Recv: rank 0 sends column (dest % C) of its matrix to each other rank, which receives it into that column.
  if (rank === 0) {
    for (let dest = 1; dest < n; dest++) comm.Send([mine, [1, dest % C], col], dest, 1);
  } else {
    const into = new Float64Array(R * C).fill(-1);
    comm.Recv([into, [1, rank % C], col], 0, 1);
    deepStrictEqual([...into], withColumn(new Float64Array(R * C).fill(-1), R, C, rank % C, columnOf(matrix(0, R, C), R, C, rank % C)));
    // The same into a contiguous buffer.
    const flat = new Float64Array(R);
    comm.Recv([flat, 3, MPI.DOUBLE], 0, 2);
    deepStrictEqual([...flat], columnOf(matrix(0, R, C), R, C, 0));
  }
  if (rank === 0) for (let dest = 1; dest < n; dest++) comm.Send([mine, 1, col], dest, 2);

  // Isend/Irecv around a ring: column 1 of mine into column 0 of a zeroed matrix on the right.
  {
    const into = new Float64Array(R * C);
    const reqs = [comm.Irecv([into, 1, col], left, 3), comm.Isend([mine, [1, 1], col], right, 3)];
    MPI.Request.Waitall(reqs);
    deepStrictEqual([...into], withColumn(new Float64Array(R * C), R, C, 0, columnOf(matrix(left, R, C), R, C, 1)));
    // Awaited too.
    const again = new Float64Array(R * C);
    const r = comm.Irecv([again, [1, C - 1], col], left, 4);
    comm.Isend([mine, 1, col], right, 4).Wait();
    await r;
    deepStrictEqual([...again], withColumn(new Float64Array(R * C), R, C, C - 1, columnOf(matrix(left, R, C), R, C, 0)));
  }

  // Sendrecv: all columns at once (count C of the column type is the whole matrix), into a transposed layout.
  {
    const t = new Float64Array(R * C).fill(-1);
    // Receive side contiguous: C columns one after another, each R doubles: the transpose (C × R).
    comm.Sendrecv([mine, C, col], right, 5, [t, R * C, MPI.DOUBLE], left, 5);
    const theirs = matrix(left, R, C);
    deepStrictEqual([...t], Array.from({ length: R * C }, (_, k) => theirs[(k % R) * C + Math.floor(k / R)]));
  }

  // Bcast from every root: the root's column 1 lands in everyone's column 1; the rest stays.
  for (let root = 0; root < n; root++) {
    const m = matrix(rank, R, C);
    comm.Bcast([m, [1, 1], col], root);
    deepStrictEqual([...m], withColumn(matrix(rank, R, C), R, C, 1, columnOf(matrix(root, R, C), R, C, 1)));
  }

  // Scatter and Gather as a transpose: A is n × M at the root (a row per rank); T = Aᵀ is M × n.
  const M = 4;
  const tcol = columnType(M, n); // a column of T: M doubles, n apart
  const A = Float64Array.from({ length: n * M }, (_, k) => 1000 + k);
  const At = Array.from({ length: M * n }, (_, k) => A[(k % n) * M + Math.floor(k / n)]);
  for (let root = 0; root < n; root++) {
    // Gather: rank i's row (contiguous) becomes column i of T at the root.
    const row = A.slice(rank * M, rank * M + M);
    const T = new Float64Array(M * n).fill(-1);
    comm.Gather(row, rank === root ? [T, 1, tcol] : null, root);
    if (rank === root) deepStrictEqual([...T], At);
    // Scatter: column i of T goes to rank i as a contiguous row: A's row again.
    const back = new Float64Array(M).fill(-1);
    comm.Scatter(rank === root ? [new Float64Array(At), 1, tcol] : null, back, root);
    deepStrictEqual([...back], [...row]);
  }

  // Allgather: every rank builds T.
  {
    const T = new Float64Array(M * n).fill(-1);
    comm.Allgather(A.slice(rank * M, rank * M + M), [T, 1, tcol]);
    deepStrictEqual([...T], At);
  }

  // Alltoall: each rank's n × n matrix L; column j goes to rank j, which receives n contiguous blocks.
  {
    const sq = columnType(n, n);
    const L = matrix(rank, n, n);
    const got = new Float64Array(n * n).fill(-1);
    comm.Alltoall([L, 1, sq], [got, n, MPI.DOUBLE]);
    deepStrictEqual([...got], Array.from({ length: n * n }, (_, k) => matrix(Math.floor(k / n), n, n)[(k % n) * n + rank]));
    // And the other way round: contiguous out, columns in (the receive side strided).
    const T = new Float64Array(n * n).fill(-1);
    comm.Alltoall([L, n, MPI.DOUBLE], [T, 1, sq]);
    deepStrictEqual([...T], Array.from({ length: n * n }, (_, k) => matrix(k % n, n, n)[rank * n + Math.floor(k / n)]));
    sq.Free();
  }

  // Gatherv and Scatterv with displacements in extents of the column type: rank i's row to column n−1−i.
  {
    const counts = new Array(n).fill(1);
    const displs = Array.from({ length: n }, (_, i) => n - 1 - i);
    const reversed = Array.from({ length: M * n }, (_, k) => A[(n - 1 - (k % n)) * M + Math.floor(k / n)]);
    for (let root = 0; root < n; root++) {
      const T = new Float64Array(M * n).fill(-1);
      comm.Gatherv(A.slice(rank * M, rank * M + M), rank === root ? [T, [counts, displs], tcol] : null, root);
      if (rank === root) deepStrictEqual([...T], reversed);
      const back = new Float64Array(M).fill(-1);
      comm.Scatterv(rank === root ? [new Float64Array(reversed), counts, displs, tcol] : null, back, root);
      deepStrictEqual([...back], [...A.slice(rank * M, rank * M + M)]);
    }
  }

  // A struct of records {int32 id; 4 bytes of padding; float64 value} in a DataView over an ArrayBuffer.
  {
    const rec = MPI.Datatype.Create_struct([1, 1], [0, 8], [MPI.INT32_T, MPI.DOUBLE]).Commit();
    const K = 5;
    const out = new DataView(new ArrayBuffer(K * 16));
    new Uint8Array(out.buffer).fill(0xaa);
    for (let k = 0; k < K; k++) {
      out.setInt32(k * 16, rank * 100 + k, true);
      out.setFloat64(k * 16 + 8, rank + k / 8, true);
    }
    const into = new DataView(new ArrayBuffer(K * 16));
    new Uint8Array(into.buffer).fill(0x55);
    comm.Sendrecv([out, K, rec], right, 6, [into, K, rec], left, 6);
    // The reference: the fields copied by JavaScript, the padding left as it was (MPI skips the gaps).
    const expected = new DataView(new ArrayBuffer(K * 16));
    new Uint8Array(expected.buffer).fill(0x55);
    for (let k = 0; k < K; k++) {
      expected.setInt32(k * 16, left * 100 + k, true);
      expected.setFloat64(k * 16 + 8, left + k / 8, true);
    }
    deepStrictEqual(new Uint8Array(into.buffer), new Uint8Array(expected.buffer));
    // Broadcast the root's records, the count inferred from the buffer (byteLength / extent).
    const b = new DataView(new ArrayBuffer(K * 16));
    if (rank === 0) new Uint8Array(b.buffer).set(new Uint8Array(out.buffer));
    comm.Bcast([b, rec], 0);
    for (let k = 0; k < K; k++) deepStrictEqual([b.getInt32(k * 16, true), b.getFloat64(k * 16 + 8, true)], [k, k / 8]);
    rec.Free();
  }
  tcol.Free();
  col.Free();
});
