// Wrong types and out-of-range values are TypeError or RangeError saying what
// was wrong, before MPI sees them; the rank lives on and MPI still works.
import { ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  throwsLike(() => comm.send(1, size), RangeError, /send: dest \d+ is out of range for a communicator of size \d+/);
  throwsLike(() => comm.send(1, -5), RangeError, /dest -5 is out of range/);
  throwsLike(() => comm.Send(new Int32Array(1), 0, -1), RangeError, /tag -1 is negative/);
  throwsLike(() => comm.recv(0, -7), RangeError, /tag -7 is negative/);
  throwsLike(() => comm.recv(size + 1), RangeError, /source \d+ is out of range/);
  throwsLike(() => comm.send(1, '0' as never), TypeError, /expecting dest as a number or an options object/);
  throwsLike(() => comm.send(1, 1.5), TypeError, /dest must be an integer, got 1.5/);
  throwsLike(() => comm.send(1, { dest: 0, tga: 3 } as never), TypeError, /unexpected option 'tga'/);
  throwsLike(() => comm.bcast(1, size), RangeError, /bcast: root \d+ is out of range/);
  throwsLike(() => comm.Bcast(new Int8Array(1), -1), RangeError, /root -1 is out of range/);
  throwsLike(() => comm.scatter(42, rank), TypeError, /scatter: expecting an array of \d+ items, got number/);
  throwsLike(() => comm.scatter(new Array(size + 1).fill(0), rank), RangeError, /scatter: expecting \d+ items \(the communicator size\), got \d+/);
  throwsLike(() => comm.alltoall([]), RangeError, /alltoall: expecting \d+ items/);
  throwsLike(() => comm.send(() => 1, rank), TypeError, /cannot serialize a function/);
  throwsLike(() => comm.isend({ f: Symbol('s') }, rank), TypeError, /cannot serialize/);
  throwsLike(() => comm.Send('text' as never, rank), TypeError, /expecting a TypedArray, Buffer, DataView or ArrayBuffer, got string/);
  throwsLike(() => comm.Send([new Int32Array(2), 5], rank), RangeError, /^Send: buf too small: it holds 8 bytes but the count and datatype need 20$/);
  throwsLike(() => comm.Send([new Uint8Array(5), MPI.INT], rank), RangeError, /cannot infer count, buffer length 5 is not a multiple of datatype extent 4/);
  throwsLike(() => comm.Send([new Uint8Array(4), 'z' as never], rank), TypeError, /cannot map "z" to an MPI datatype/);
  throwsLike(() => comm.Send([new Uint8Array(4), 1, 2, 3, 4] as never, rank), RangeError, /expecting 2 to 4 items/);
  throwsLike(() => comm.Send([new Uint8Array(4), -1], rank), RangeError, /negative count -1/);
  throwsLike(() => comm.Allreduce(new Float64Array(3), new Float64Array(4)), RangeError, /mismatch in send count 3 and receive count 4/);
  throwsLike(() => comm.Allreduce(new Float64Array(3), new Float32Array(3)), TypeError, /mismatch in send and receive MPI datatypes/);
  throwsLike(() => comm.Allreduce(new Float64Array(1), new Float64Array(1), MPI.Op.Create((a) => a)), TypeError, /buffer reductions take a predefined op/);
  if (size > 1) throwsLike(() => comm.Gather(new Int32Array(1), new Int32Array(size * 2 + 1), rank), RangeError, /does not split into \d+ equal blocks/);
  throwsLike(() => comm.Scatterv([new Int32Array(4), [1, 1, 1, 1, 1, 1, 1, 1, 1]], new Int32Array(1), rank), RangeError, /expecting \d+ counts, got 9/);
  throwsLike(() => comm.Recv(new Int32Array(1), 0, 0, {} as never), TypeError, /status must be an MPI.Status/);
  // A string is neither an op nor an options object: the options normalizer refuses it, naming the call (never the op check, which does not).
  throwsLike(() => comm.reduce(1, 'max' as never), TypeError, /^reduce: expecting op as a number or an options object \{op, root\}, got string$/);
  // A datatype reaching before its buffer (negative stride) is refused, not trusted.
  const backwards = MPI.DOUBLE.Create_vector(2, 1, -1).Commit();
  throwsLike(() => comm.Recv([new Float64Array(2), 1, backwards], rank, 0), RangeError, /^Recv: buf: the datatype's lower bound or extent is negative/);
  backwards.Free();
  // MPI forbids cancelling or freeing a nonblocking collective.
  const barrier = comm.Ibarrier();
  throwsLike(() => barrier.Free(), TypeError, /a nonblocking collective cannot be freed/);
  const ib = comm.ibcast(1);
  throwsLike(() => ib.cancel(), TypeError, /a nonblocking collective cannot be cancelled/);
  ib.wait();
  barrier.Wait();
  // A detached buffer (its memory was transferred away) is refused.
  const detached = new Float64Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  throwsLike(() => comm.Send(detached, rank), TypeError, /detached/);
  // An MPI error from MPI itself is an MPI.Exception: a freed communicator.
  const dup = comm.Dup();
  dup.Free();
  const e = throwsLike(() => dup.Barrier(), MPI.Exception, /MPI_Barrier: MPI_ERR_COMM/) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_COMM);
  // After all that, MPI works as before.
  strictEqual(comm.allreduce(1), size);
  ok(comm.sendrecv(rank, rank, 0, rank, 0) === rank);
});
