// Bad datatype input is a clear error naming the call, raised before MPI, and
// the rank goes on working: a layout past the buffer's end or before its start,
// counts and strides that would overflow, an uncommitted or freed type, Free of
// a predefined type, lists that do not go together, a non-Datatype in a struct.
// Every rank makes the same refused calls, so no collective is left waiting.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** f must throw MPI.Exception of class ERR_TYPE whose message matches. */
function errType(f: () => unknown, message: RegExp): void {
  const e = throwsLike(f, MPI.Exception, message) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_TYPE, e.message);
}

program(() => {
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  // A column of a 3 × 4 matrix of doubles, resized to one element.
  const v = MPI.DOUBLE.Create_vector(3, 1, 4);
  const col = v.Create_resized(0, 8).Commit();
  v.Free();

  // A layout past the buffer's end: the column needs (2·4 + 1) doubles from its start.
  throwsLike(() => comm.Send([new Float64Array(8), 1, col], MPI.PROC_NULL), RangeError, /^Send: buf too small: it holds 64 bytes but the count and datatype need 72/);
  // Four columns fit 12 doubles; five do not (the fifth column starts past the fourth).
  comm.Send([new Float64Array(12), 4, col], MPI.PROC_NULL);
  throwsLike(() => comm.Send([new Float64Array(12), 5, col], MPI.PROC_NULL), RangeError, /too small: it holds 96 bytes .* need 104/);
  // The same through a displacement, on the receive side, and in a collective on every rank.
  throwsLike(() => comm.Recv([new Float64Array(12), [1, 4], col], MPI.PROC_NULL), RangeError, /Recv: .*too small/);
  throwsLike(() => comm.Bcast([new Float64Array(8), 1, col], 0), RangeError, /^Bcast: buf too small/);
  throwsLike(() => comm.Allgather([new Float64Array(12), 1, col], [new Float64Array(size + 7), 1, col]), RangeError, /^Allgather: .*too small/);
  // A v-variant's block is checked from displs[r] extents in.
  throwsLike(() => comm.Allgatherv([new Float64Array(12), 1, col], [new Float64Array(12), new Array(size).fill(1), new Array(size).fill(4), col]), RangeError, /^Allgatherv: .*too small/);

  // Data at a negative true lower bound reaches before the buffer: refused, not offset.
  const before = MPI.DOUBLE.Create_hindexed([1], [-8]).Commit();
  throwsLike(() => comm.Send([new Float64Array(4), 1, before], MPI.PROC_NULL), RangeError, /^Send: buf: the datatype's lower bound or extent is negative/);
  before.Free();
  // A negative lb alone is no fault: the bounds rule reads the data's (true) bounds.
  const padded = MPI.DOUBLE.Create_resized(-8, 16).Commit();
  comm.Send([new Float64Array(1), 1, padded], MPI.PROC_NULL);
  padded.Free();
  const backwards = MPI.DOUBLE.Create_vector(2, 1, -2).Commit(); // data at 0 and −16 bytes
  throwsLike(() => comm.Send([new Float64Array(4), 1, backwards], MPI.PROC_NULL), RangeError, /reaching before the buffer's start/);
  // A displacement in extents of a type whose extent is negative would move the view before its start.
  backwards.Free();
  const negative = MPI.DOUBLE.Create_resized(0, -8).Commit();
  const inner = new Float64Array(new ArrayBuffer(64), 32, 4);
  throwsLike(() => comm.Send([inner, [1, 1], negative], MPI.PROC_NULL), RangeError, /^Send: buf: displacement 1 is outside the buffer/);
  // Two items of it: the second one lies before the first, before the buffer.
  throwsLike(() => comm.Send([inner, 2, negative], MPI.PROC_NULL), RangeError, /reaching before the buffer's start/);
  negative.Free();

  // Counts and strides that do not fit: RangeErrors naming the call and the argument, never wrapped.
  throwsLike(() => MPI.BYTE.Create_contiguous(2 ** 53), RangeError, /^Create_contiguous: count 9007199254740992 is out of range/);
  throwsLike(() => MPI.BYTE.Create_contiguous(-1), RangeError, /^Create_contiguous: count -1 is negative/);
  throwsLike(() => MPI.BYTE.Create_contiguous(1.5), TypeError, /^Create_contiguous: count must be an integer/);
  throwsLike(() => MPI.INT.Create_vector(2 ** 32 + 2, 1, 1), RangeError, /^Create_vector: count 4294967298 does not fit in a C int/);
  throwsLike(() => MPI.INT.Create_vector(2, 1, 2 ** 31), RangeError, /^Create_vector: stride 2147483648 does not fit in a C int/);
  // stride · count beyond 64 bits: hvector strides in bytes, and a vector of a huge type.
  throwsLike(() => MPI.DOUBLE.Create_hvector(2 ** 31 - 1, 1, 2 ** 52), RangeError, /^Create_hvector: the layout would span more than 2\*\*62 bytes/);
  const huge = MPI.BYTE.Create_contiguous(2 ** 40);
  throwsLike(() => huge.Create_contiguous(2 ** 30), RangeError, /^Create_contiguous: the layout would span more than 2\*\*62 bytes/);
  throwsLike(() => huge.Create_vector(2 ** 31 - 1, 1, 2 ** 31 - 1), RangeError, /^Create_vector: the layout would span/);
  throwsLike(() => huge.Create_indexed([1], [2 ** 30]), RangeError, /^Create_indexed: the layout would span/);
  throwsLike(() => huge.Create_subarray([2 ** 20, 2 ** 20], [1, 1], [0, 0]), RangeError, /^Create_subarray: the layout would span/);
  huge.Free();
  throwsLike(() => MPI.INT.Create_indexed([2 ** 32 + 1], [0]), RangeError, /^Create_indexed: blocklengths\[0\] 4294967297 does not fit/);
  throwsLike(() => MPI.INT.Create_indexed([1], [Number.NaN]), TypeError, /^Create_indexed: displacements\[0\] must be an integer, got NaN/);
  throwsLike(() => MPI.INT.Create_hindexed([1], [2 ** 53]), RangeError, /^Create_hindexed: displacements\[0\] 9007199254740992 is out of range/);
  throwsLike(() => MPI.INT.Create_hindexed([1], [2n ** 63n]), RangeError, /^Create_hindexed: displacements\[0\] .* does not fit in 64 bits/);
  throwsLike(() => MPI.INT.Create_indexed_block(-1, [0]), RangeError, /^Create_indexed_block: blocklength -1 is negative/);
  throwsLike(() => MPI.INT.Create_subarray([4], [5], [0]), RangeError, /^Create_subarray: dimension 0 has size 4, subsize 5/);
  throwsLike(() => MPI.INT.Create_subarray([4], [2], [1], 7), RangeError, /^Create_subarray: order 7 is neither/);
  throwsLike(() => MPI.INT.Create_darray(2, 2, [4], [MPI.DISTRIBUTE_BLOCK], [MPI.DISTRIBUTE_DFLT_DARG], [2]), RangeError, /^Create_darray: rank 2 is not in 0\.\.1/);
  throwsLike(() => MPI.INT.Create_darray(4, 0, [4], [MPI.DISTRIBUTE_BLOCK], [MPI.DISTRIBUTE_DFLT_DARG], [2]), RangeError, /^Create_darray: the psizes multiply to 2, not size 4/);

  // Lists that go together must have equal lengths.
  throwsLike(() => MPI.INT.Create_indexed([1, 2], [0]), RangeError, /^Create_indexed: displacements has 1 entries but blocklengths has 2/);
  throwsLike(() => MPI.INT.Create_hindexed([1], [0, 8]), RangeError, /^Create_hindexed: displacements has 2 entries/);
  throwsLike(() => MPI.Datatype.Create_struct([1], [0, 8], [MPI.INT]), RangeError, /^Create_struct: displacements has 2 entries/);
  throwsLike(() => MPI.Datatype.Create_struct([1, 1], [0, 8], [MPI.INT]), RangeError, /^Create_struct: datatypes has 1 entries/);
  throwsLike(() => MPI.INT.Create_subarray([4], [2, 2], [0]), RangeError, /^Create_subarray: subsizes has 2 entries/);
  throwsLike(() => MPI.INT.Create_darray(1, 0, [4, 4], [MPI.DISTRIBUTE_BLOCK], [1, 1], [1, 1]), RangeError, /^Create_darray: distribs has 1 entries/);
  throwsLike(() => MPI.INT.Create_indexed('12' as unknown as number[], [0]), TypeError, /^Create_indexed: blocklengths must be an array, got string/);

  // A non-Datatype, or DATATYPE_NULL, in a struct.
  throwsLike(() => MPI.Datatype.Create_struct([1], [0], [{} as never]), TypeError, /^Create_struct: datatypes\[0\] must be an MPI\.Datatype, got object/);
  throwsLike(() => MPI.Datatype.Create_struct([1], [0], [MPI.SUM as never]), TypeError, /^Create_struct: datatypes\[0\] must be an MPI\.Datatype, got MPI\.Op/);
  throwsLike(() => MPI.Datatype.Create_struct([1], [0], new Int32Array([1]) as never), TypeError, /^Create_struct: datatypes must be an array of MPI\.Datatype/);
  errType(() => MPI.Datatype.Create_struct([1], [0], [MPI.DATATYPE_NULL]), /^Create_struct: MPI_ERR_TYPE: datatypes\[0\] is MPI\.DATATYPE_NULL/);

  // An uncommitted type in a buffer call: ERR_TYPE naming the call, before MPI, on the send and the receive side.
  const raw = MPI.DOUBLE.Create_vector(2, 1, 2);
  errType(() => comm.Send([new Float64Array(4), 1, raw], MPI.PROC_NULL), /^Send: MPI_ERR_TYPE: buf's datatype is not committed: call Commit\(\)/);
  errType(() => comm.Isend([new Float64Array(4), 1, raw], MPI.PROC_NULL), /^Isend: MPI_ERR_TYPE: .*not committed: call Commit\(\)/);
  errType(() => comm.Recv([new Float64Array(4), 1, raw], MPI.PROC_NULL), /^Recv: MPI_ERR_TYPE: .*not committed/);
  errType(() => comm.Bcast([new Float64Array(4), 1, raw], 0), /^Bcast: MPI_ERR_TYPE: .*not committed/);
  // Its Dup is not committed either; the committed one is usable.
  const rawDup = raw.Dup();
  errType(() => comm.Send([new Float64Array(4), 1, rawDup], MPI.PROC_NULL), /not committed/);
  rawDup.Free();
  raw.Commit();
  comm.Send([new Float64Array(4), 1, raw], MPI.PROC_NULL);

  // A freed type: DATATYPE_NULL from then on, in buffer calls, queries, constructors and a second Free.
  raw.Free();
  errType(() => comm.Send([new Float64Array(4), 1, raw], MPI.PROC_NULL), /^Send: buf: MPI_ERR_TYPE: .*DATATYPE_NULL/);
  errType(() => raw.Get_size(), /^Get_size: MPI_ERR_TYPE/);
  errType(() => raw.Create_contiguous(2), /^Create_contiguous: MPI_ERR_TYPE/);
  errType(() => raw.Dup(), /^Dup: MPI_ERR_TYPE/);
  errType(() => raw.Free(), /^Free: MPI_ERR_TYPE/);
  errType(() => new MPI.Datatype().Free(), /^Free: MPI_ERR_TYPE/);

  // Free of a predefined type: ERR_TYPE before MPI, and the type still works.
  errType(() => MPI.INT.Free(), /^Free: MPI_ERR_TYPE: a predefined datatype cannot be freed/);
  errType(() => MPI.DOUBLE.Free(), /cannot be freed/);
  errType(() => MPI.DATATYPE_NULL.Free(), /^Free: MPI_ERR_TYPE/);
  const ints = new Int32Array([rank, rank]);
  const got = new Int32Array(2);
  comm.Sendrecv([ints, 2, MPI.INT], right, 7, [got, 2, MPI.INT], left, 7);
  deepStrictEqual([...got], [left, left]);

  // The rank still works: a collective and a derived type in a Sendrecv.
  strictEqual(comm.allreduce(1), size);
  const m = Float64Array.from({ length: 12 }, (_, k) => rank * 100 + k);
  const into = new Float64Array(12).fill(-1);
  comm.Sendrecv([m, [1, 2], col], right, 8, [into, [1, 2], col], left, 8);
  deepStrictEqual([...into], [-1, -1, left * 100 + 2, -1, -1, -1, left * 100 + 6, -1, -1, -1, left * 100 + 10, -1]);
  col.Free();
});
