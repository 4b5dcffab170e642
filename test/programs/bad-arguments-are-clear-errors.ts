// Wrong types are TypeErrors, integers no C int holds RangeErrors, and ranks,
// roots and tags out of range MPI.Exception of mpi4py's class (ERR_RANK,
// ERR_ROOT, ERR_TAG), all saying what was wrong, before MPI sees them; the rank
// lives on and MPI still works.
import { ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  throwsLike(() => comm.send(1, size), MPI.Exception, /^send: MPI_ERR_RANK: dest \d+ is out of range for a communicator of size \d+/);
  throwsLike(() => comm.send(1, -5), MPI.Exception, /MPI_ERR_RANK: dest -5 is out of range/);
  throwsLike(() => comm.Send(new Int32Array(1), 0, -1), MPI.Exception, /MPI_ERR_TAG: tag -1 is negative/);
  throwsLike(() => comm.recv(0, -7), MPI.Exception, /MPI_ERR_TAG: tag -7 is negative/);
  throwsLike(() => comm.recv(size + 1), MPI.Exception, /MPI_ERR_RANK: source \d+ is out of range/);
  throwsLike(() => comm.send(1, '0' as never), TypeError, /^send: dest must be an integer, got string$/);
  throwsLike(() => comm.send(1, 1.5), TypeError, /dest must be an integer, got 1.5/);
  throwsLike(() => comm.send(1, { dest: 0, tga: 3 } as never), TypeError, /unexpected option 'tga'/);
  // A color is 0 or more, or MPI.UNDEFINED, in every library (MPICH would take -1); an error code is never negative.
  throwsLike(() => comm.Split(-1), MPI.Exception, /^Split: MPI_ERR_ARG: color -1 is negative/);
  throwsLike(() => MPI.Get_error_class(-1), RangeError, /^Get_error_class: errorcode -1 is negative/);
  throwsLike(() => MPI.Get_error_string(-3), RangeError, /^Get_error_string: errorcode -3 is negative/);
  throwsLike(() => comm.bcast(1, size), MPI.Exception, /^bcast: MPI_ERR_ROOT: root \d+ is out of range/);
  throwsLike(() => comm.Bcast(new Int8Array(1), -1), MPI.Exception, /MPI_ERR_ROOT: root -1 is out of range/);
  // A scatter's values are the root's alone: the root refuses them, and every other rank learns that it did.
  const rootRefused = /^scatter: rank 0 could not send its value/;
  throwsLike(() => comm.scatter(rank === 0 ? 42 : undefined, 0), rank === 0 ? TypeError : Error, rank === 0 ? /^scatter: expecting an array of \d+ items, got 42$/ : rootRefused);
  throwsLike(() => comm.scatter(rank === 0 ? new Array(size + 1).fill(0) : undefined, 0), rank === 0 ? RangeError : Error,
    rank === 0 ? /^scatter: expecting \d+ items \(the communicator size\), got \d+$/ : rootRefused);
  throwsLike(() => comm.alltoall([]), RangeError, /alltoall: expecting \d+ items/);
  throwsLike(() => comm.send(() => 1, rank), TypeError, /^send: cannot serialize a function/);
  throwsLike(() => comm.isend({ f: Symbol('s') }, rank), TypeError, /^isend: cannot serialize this value/);
  throwsLike(() => comm.Send('text' as never, rank), TypeError, /expecting a TypedArray, Buffer, DataView or ArrayBuffer, got string/);
  throwsLike(() => comm.Send([new Int32Array(2), 5], rank), RangeError, /^Send: buf too small: it holds 8 bytes but the count and datatype need 20$/);
  throwsLike(() => comm.Send([new Uint8Array(5), MPI.INT], rank), RangeError, /cannot infer count, buffer length 5 is not a multiple of datatype extent 4/);
  throwsLike(() => comm.Send([new Uint8Array(4), 'z' as never], rank), TypeError, /^Send: buf: datatype must be an MPI\.Datatype or a typecode \('i', 'd', 'u1', …\), got "z"$/);
  throwsLike(() => comm.Send([new Uint8Array(4), 1, 2, 3, 4] as never, rank), RangeError, /expecting 2 to 4 items/);
  throwsLike(() => comm.Send([new Uint8Array(4), -1], rank), RangeError, /^Send: buf: count -1 is negative$/);
  throwsLike(() => comm.Allreduce(new Float64Array(3), new Float64Array(4)), RangeError, /mismatch in send count 3 and receive count 4/);
  throwsLike(() => comm.Allreduce(new Float64Array(3), new Float32Array(3)), TypeError, /mismatch in send and receive MPI datatypes/);
  // A plain function is not an MPI op for buffers (MPI.Op.Create makes one that is).
  throwsLike(() => comm.Allreduce(new Float64Array(1), new Float64Array(1), ((a: unknown) => a) as never), TypeError, /^Allreduce: op must be an MPI\.Op \(MPI\.SUM, …, or MPI\.Op\.Create\(fn\)\), got function/);
  if (size > 1) throwsLike(() => comm.Gather(new Int32Array(1), new Int32Array(size * 2 + 1), rank), RangeError, /cannot infer count, number of entries \d+ is not a multiple of required number of blocks \d+/);
  throwsLike(() => comm.Scatterv([new Int32Array(4), [1, 1, 1, 1, 1, 1, 1, 1, 1]], new Int32Array(1), rank), RangeError, /expecting \d+ counts, got 9/);
  // (A plain object there is the options form, {status, timeout}: any other object is refused.)
  throwsLike(() => comm.Recv(new Int32Array(1), 0, 0, new Date() as never), TypeError, /status must be an MPI.Status/);
  // A string is neither an op nor an options object: refused, naming the call.
  throwsLike(() => comm.reduce(1, 'max' as never), TypeError, /^reduce: op must be an MPI.Op or a function \(a, b\) => result, got string$/);
  // A datatype reaching before its buffer (negative stride) is refused, not trusted.
  const backwards = MPI.DOUBLE.Create_vector(2, 1, -1).Commit();
  throwsLike(() => comm.Recv([new Float64Array(2), 1, backwards], rank, 0), RangeError, /^Recv: buf: the datatype's lower bound or extent is negative/);
  backwards.Free();
  // MPI forbids cancelling or freeing a nonblocking collective.
  const barrier = comm.Ibarrier();
  throwsLike(() => barrier.Free(), TypeError, /^Request\.Free: a nonblocking collective cannot be freed/);
  const ib = comm.ibcast(1);
  throwsLike(() => ib.cancel(), TypeError, /^Request\.cancel: a nonblocking collective cannot be cancelled/);
  ib.wait();
  barrier.Wait();
  // A detached buffer (its memory was transferred away) is refused.
  const detached = new Float64Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  throwsLike(() => comm.Send(detached, rank), TypeError, /detached/);
  // A freed communicator is COMM_NULL: MPI.Exception of MPI's class, naming the call.
  const dup = comm.Dup();
  dup.Free();
  const e = throwsLike(() => dup.Barrier(), MPI.Exception, /^Barrier: MPI_ERR_COMM: the communicator is MPI\.COMM_NULL/) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.error_class, MPI.ERR_COMM);
  // After all that, MPI works as before.
  strictEqual(comm.allreduce(1), size);
  ok(comm.sendrecv(rank, rank, 0, rank, 0) === rank);
});
