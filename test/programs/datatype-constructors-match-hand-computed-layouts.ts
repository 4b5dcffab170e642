// Every datatype constructor against layouts computed by hand: size, lb, extent,
// true_lb and true_extent, exact. A darray on a Compute_dims grid of the
// communicator's size, for each of its ranks. Nothing here is sent: the buffer
// calls are in derived-datatypes-in-every-buffer-call.ts.
import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

type Datatype = InstanceType<typeof MPI.Datatype>;

/** Asserts the layout of t, then frees it. */
function layout(what: string, t: Datatype, expected: { size: number; lb: number; extent: number; true_lb?: number; true_extent?: number }): void {
  const trueLb = expected.true_lb ?? expected.lb;
  const trueExtent = expected.true_extent ?? expected.extent;
  const got = { size: t.size, lb: t.lb, extent: t.extent, true_lb: t.true_lb, true_extent: t.true_extent };
  deepStrictEqual(got, { size: expected.size, lb: expected.lb, extent: expected.extent, true_lb: trueLb, true_extent: trueExtent }, what);
  // The methods and the other properties agree with them.
  strictEqual(t.Get_size(), expected.size, what);
  deepStrictEqual(t.Get_extent(), [expected.lb, expected.extent], what);
  deepStrictEqual(t.Get_true_extent(), [trueLb, trueExtent], what);
  strictEqual(t.ub, expected.lb + expected.extent, what);
  strictEqual(t.true_ub, trueLb + trueExtent, what);
  strictEqual(t.is_named, false, what);
  strictEqual(t.is_predefined, false, what);
  t.Free();
  throws(() => t.Get_size(), (e: Error) => e instanceof MPI.Exception && (e as InstanceType<typeof MPI.Exception>).error_class === MPI.ERR_TYPE);
}

program(() => {
  const { DOUBLE, INT32_T, INT16_T, BYTE } = MPI;

  // contiguous and its 64-bit sizes: nothing is allocated for a type.
  layout('contiguous(5) of DOUBLE', DOUBLE.Create_contiguous(5), { size: 40, lb: 0, extent: 40 });
  layout('contiguous(0)', DOUBLE.Create_contiguous(0), { size: 0, lb: 0, extent: 0 });
  layout('contiguous(2**31 + 5) of BYTE', BYTE.Create_contiguous(2 ** 31 + 5), { size: 2 ** 31 + 5, lb: 0, extent: 2 ** 31 + 5 });
  // 2**32 + 5 once wrapped to a 5-byte type.
  layout('contiguous(2**32 + 5) of BYTE', BYTE.Create_contiguous(2 ** 32 + 5), { size: 2 ** 32 + 5, lb: 0, extent: 2 ** 32 + 5 });
  layout('contiguous(2**31 + 5) of DOUBLE', DOUBLE.Create_contiguous(2 ** 31 + 5), { size: (2 ** 31 + 5) * 8, lb: 0, extent: (2 ** 31 + 5) * 8 });

  // vector: blocks of 2 ints at 0, 20, 40 bytes.
  layout('vector(3, 2, 5) of INT32_T', INT32_T.Create_vector(3, 2, 5), { size: 24, lb: 0, extent: 48 });
  // negative stride: blocks of 2 doubles at 0, -32, -64 bytes.
  layout('vector(3, 2, -4) of DOUBLE', DOUBLE.Create_vector(3, 2, -4), { size: 48, lb: -64, extent: 80 });
  layout('hvector(2, 1, 100) of INT32_T', INT32_T.Create_hvector(2, 1, 100), { size: 8, lb: 0, extent: 104 });
  layout('hvector(3, 1, -10) of INT16_T', INT16_T.Create_hvector(3, 1, -10), { size: 6, lb: -20, extent: 22 });

  // a matrix column resized to one element: lb and extent are the resize's, the data's bounds stay.
  const column = DOUBLE.Create_vector(3, 1, 4);
  layout('column resized', column.Create_resized(0, 8), { size: 24, lb: 0, extent: 8, true_lb: 0, true_extent: 72 });
  layout('resized with a lower bound', column.Create_resized(-16, 100), { size: 24, lb: -16, extent: 100, true_lb: 0, true_extent: 72 });
  column.Free();

  // indexed: [0,8) [20,24) [40,52); in extents, from plain arrays and typed arrays alike.
  layout('indexed', INT32_T.Create_indexed([2, 1, 3], [0, 5, 10]), { size: 24, lb: 0, extent: 52 });
  layout('indexed from typed arrays', INT32_T.Create_indexed(new Int32Array([2, 1, 3]), new Float64Array([0, 5, 10])), { size: 24, lb: 0, extent: 52 });
  layout('indexed with a negative displacement', INT32_T.Create_indexed([1, 1], [3, -2]), { size: 8, lb: -8, extent: 24 });
  // hindexed with gaps: [8,16) [40,56).
  layout('hindexed with gaps', DOUBLE.Create_hindexed([1, 2], [8, 40]), { size: 24, lb: 8, extent: 48 });
  layout('hindexed from a BigInt64Array', DOUBLE.Create_hindexed(new Uint8Array([1, 2]), new BigInt64Array([8n, 40n])), { size: 24, lb: 8, extent: 48 });
  layout('indexed_block', INT16_T.Create_indexed_block(2, [1, 4]), { size: 8, lb: 2, extent: 10 });
  layout('hindexed_block', BYTE.Create_hindexed_block(3, [10, 0]), { size: 6, lb: 0, extent: 13 });

  // struct: an Int32 then a Float64 at 8 (4 bytes of padding), and with bigints.
  layout('struct Int32 + Float64', MPI.Datatype.Create_struct([1, 1], [0, 8], [INT32_T, DOUBLE]), { size: 12, lb: 0, extent: 16 });
  layout('struct of 2 + 3 fields', MPI.Datatype.Create_struct([2, 3], [0n, 16n], [INT16_T, DOUBLE]), { size: 28, lb: 0, extent: 40 });

  // subarray of a 4×5 array of doubles: rows 1–2, columns 1–3.
  const sizes = [4, 5];
  const subsizes = [2, 3];
  const starts = [1, 1];
  // C order: (i, j) at (5i + j)·8; first (1,1) = 48, last (2,3) = 104.
  layout('subarray, C order', DOUBLE.Create_subarray(sizes, subsizes, starts), { size: 48, lb: 0, extent: 160, true_lb: 48, true_extent: 64 });
  layout('subarray, ORDER_C given', DOUBLE.Create_subarray(sizes, subsizes, starts, MPI.ORDER_C), { size: 48, lb: 0, extent: 160, true_lb: 48, true_extent: 64 });
  // Fortran order: (i, j) at (i + 4j)·8; first (1,1) = 40, last (2,3) = 112.
  layout('subarray, Fortran order', DOUBLE.Create_subarray(sizes, subsizes, starts, MPI.ORDER_FORTRAN), { size: 48, lb: 0, extent: 160, true_lb: 40, true_extent: 80 });
  layout('subarray, ORDER_F', DOUBLE.Create_subarray(sizes, subsizes, starts, MPI.ORDER_F), { size: 48, lb: 0, extent: 160, true_lb: 40, true_extent: 80 });

  // darray: a (3·p0) × (2·p1) array of doubles in blocks over a Compute_dims grid of this communicator's size.
  const dims = MPI.Compute_dims(size, [0, 0]);
  const gsizes = [3 * dims[0], 2 * dims[1]];
  for (let r = 0; r < size; r++) {
    const coords = [Math.floor(r / dims[1]), r % dims[1]];
    const first = (coords[0] * 3) * gsizes[1] + coords[1] * 2;
    const last = (coords[0] * 3 + 2) * gsizes[1] + coords[1] * 2 + 1;
    layout(`darray for rank ${r} of ${size}`, DOUBLE.Create_darray(size, r, gsizes, [MPI.DISTRIBUTE_BLOCK, MPI.DISTRIBUTE_BLOCK], [MPI.DISTRIBUTE_DFLT_DARG, MPI.DISTRIBUTE_DFLT_DARG], dims), {
      size: 6 * 8, lb: 0, extent: gsizes[0] * gsizes[1] * 8, true_lb: first * 8, true_extent: (last - first + 1) * 8,
    });
  }
  // Cyclic over one dimension of `size` processes, in Fortran order: rank r holds elements r, r + size, ….
  for (const r of [0, size - 1]) {
    const n = 2 * size + 1;
    const mine = r === 0 ? 3 : 2;
    layout(`cyclic darray for rank ${r}`, INT32_T.Create_darray(size, r, [n], [MPI.DISTRIBUTE_CYCLIC], [1], [size], MPI.ORDER_FORTRAN), {
      size: mine * 4, lb: 0, extent: n * 4, true_lb: r * 4, true_extent: ((mine - 1) * size + 1) * 4,
    });
  }

  // Dup: the same layout, committed if the original was (the buffer calls test that it can be used).
  const v = INT32_T.Create_vector(3, 2, 5);
  layout('Dup of a vector', v.Dup(), { size: 24, lb: 0, extent: 48 });
  layout('Create_dup of a vector', v.Create_dup(), { size: 24, lb: 0, extent: 48 });
  strictEqual(v.Commit(), v, 'Commit returns the datatype');
  // The Dup of a committed type is usable without Commit (an uncommitted one is refused: bad-datatype-inputs).
  const d = v.Dup();
  const src = new Int32Array(14).map((_, i) => i + 1);
  const dst = new Int32Array(14);
  comm.Sendrecv([src, 1, d], rank, 0, [dst, 1, d], rank, 0);
  deepStrictEqual([...dst], [1, 2, 0, 0, 0, 6, 7, 0, 0, 0, 11, 12, 0, 0]);
  d.Free();

  // Names: MPI's for predefined types, the one given for a derived type.
  strictEqual(v.Get_name(), '');
  v.Set_name('three pairs');
  strictEqual(v.name, 'three pairs');
  v.name = 'renamed';
  strictEqual(v.Get_name(), 'renamed');
  strictEqual(DOUBLE.name, 'MPI_DOUBLE');
  // using: Free at the end of the scope.
  {
    using scoped = v.Dup();
    strictEqual(scoped.size, 24);
  }
  v.Free();
});
