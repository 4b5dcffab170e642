// Calls that used to succeed on invalid input: a missing dest sent to rank 0,
// MPI.IN_PLACE passed as options or as a point-to-point buffer, a predefined op
// "combined" objects into "[object Object][object Object]", waitall took
// numbers for requests, and Compute_dims ran for minutes on 1e7 dimensions.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  // dest is required, as in mpi4py: never a default of rank 0.
  throwsLike(() => (comm.send as (o: unknown) => void)('x'), TypeError, /^send: dest is required$/);
  throwsLike(() => comm.send('x', {} as never), TypeError, /^send: dest is required$/);
  throwsLike(() => comm.send('x', { tag: 3 } as never), TypeError, /^send: dest is required$/);
  throwsLike(() => comm.isend('x', {} as never), TypeError, /^isend: dest is required$/);
  throwsLike(() => comm.ssend('x', {} as never), TypeError, /^ssend: dest is required$/);
  throwsLike(() => comm.sendrecv('x', {} as never), TypeError, /^sendrecv: dest is required$/);
  throwsLike(() => comm.Send(new Int32Array(1), {} as never), TypeError, /^Send: dest is required$/);
  throwsLike(() => comm.Sendrecv(new Int32Array(1), { recvbuf: new Int32Array(1) } as never), TypeError, /^Sendrecv: dest is required$/);

  // MPI.IN_PLACE is neither options nor a point-to-point buffer.
  throwsLike(() => comm.recv(MPI.IN_PLACE as never), TypeError, /^recv: source must be an integer, got MPI\.IN_PLACE$/);
  throwsLike(() => comm.irecv(MPI.IN_PLACE as never), TypeError, /^irecv: source must be an integer, got MPI\.IN_PLACE$/);
  throwsLike(() => comm.send('x', MPI.IN_PLACE as never), TypeError, /^send: dest must be an integer, got MPI\.IN_PLACE$/);
  throwsLike(() => comm.Send(MPI.IN_PLACE as never, 0), TypeError, /^Send: buf cannot be MPI\.IN_PLACE \(only collectives take it\)$/);
  throwsLike(() => comm.Ssend(MPI.IN_PLACE as never, 0), TypeError, /^Ssend: buf cannot be MPI\.IN_PLACE/);
  throwsLike(() => comm.Isend(MPI.IN_PLACE as never, 0), TypeError, /^Isend: buf cannot be MPI\.IN_PLACE/);
  throwsLike(() => comm.Recv(MPI.IN_PLACE as never, 0), TypeError, /^Recv: buf cannot be MPI\.IN_PLACE/);
  throwsLike(() => comm.Irecv(MPI.IN_PLACE as never, 0), TypeError, /^Irecv: buf cannot be MPI\.IN_PLACE/);
  throwsLike(() => comm.Sendrecv(new Int32Array(1), rank, 0, MPI.IN_PLACE as never), TypeError, /^Sendrecv: recvbuf cannot be MPI\.IN_PLACE/);

  // Predefined ops refuse what they cannot combine (mpi4py: TypeError, unsupported operand types).
  throwsLike(() => MPI.SUM.combine({ a: 1 }, { a: 1 }), TypeError, /^MPI\.SUM: unsupported operand types Object and Object$/);
  throwsLike(() => MPI.PROD.combine('a', 'b'), TypeError, /^MPI\.PROD: unsupported operand types string and string$/);
  throwsLike(() => MPI.SUM.combine([1, 2], 3), TypeError, /^MPI\.SUM: unsupported operand types array and number$/);
  throwsLike(() => MPI.SUM.combine(1, 2n), TypeError, /^MPI\.SUM: unsupported operand types number and bigint$/);
  throwsLike(() => MPI.BAND.combine(1.5, 1), TypeError, /^MPI\.BAND: unsupported operand types number and number$/);
  throwsLike(() => MPI.MAX.combine(null, 1), TypeError, /^MPI\.MAX: unsupported operand types null and number$/);
  // …and still combine what Python's operators do.
  strictEqual(MPI.SUM.combine('ab', 'cd'), 'abcd');
  strictEqual(MPI.MAX.combine(2n, 3), 3);
  deepStrictEqual(MPI.SUM.combine([1, [2]], [3, [4]]), [4, [6]]);
  strictEqual(MPI.LAND.combine({}, 'x'), true);
  strictEqual(comm.allreduce(String.fromCharCode(97 + rank), MPI.MAX), String.fromCharCode(96 + size));
  if (size > 1) {
    // Every rank throws, none is left waiting: the rank whose combine failed with
    // the op's error, the ranks whose result depends on it naming that rank.
    const failed = /^allreduce: (the reduction raised an error on ranks? [\d, ]+, which this rank's result depends on: )?MPI\.SUM: unsupported operand types /;
    throwsLike(() => comm.allreduce({ a: 1 }, MPI.SUM), TypeError, new RegExp(`${failed.source}Object and Object$`));
    throwsLike(() => comm.allreduce(rank === 0 ? 1 : 'x', MPI.SUM), TypeError, failed);
  } else {
    deepStrictEqual(comm.allreduce({ a: 1 }, MPI.SUM), { a: 1 }); // one value: nothing to combine (mpi4py alike)
  }
  strictEqual(comm.allreduce(1), size); // the communicator is in step after the failures

  // Requests are MPI.Request objects, never numbers.
  throwsLike(() => MPI.Request.waitall([1, 2] as never), TypeError, /^Request\.waitall: requests\[0\] must be an MPI\.Request, got 1$/);
  throwsLike(() => MPI.Request.waitall('ab' as never), TypeError, /^Request\.waitall: requests must be an array of MPI\.Request, got string$/);
  throwsLike(() => MPI.Request.Waitall([MPI.REQUEST_NULL, null] as never), TypeError, /^Request\.waitall: requests\[1\] must be an MPI\.Request, got null$/);
  throwsLike(() => MPI.Request.waitany([{}] as never), TypeError, /^Request\.waitany: requests\[0\] must be an MPI\.Request, got object$/);
  throwsLike(() => MPI.Request.waitsome([3] as never), TypeError, /^Request\.waitsome: requests\[0\]/);
  throwsLike(() => MPI.Request.testsome([3] as never), TypeError, /^Request\.testsome: requests\[0\]/);
  throwsLike(() => MPI.Request.testall([3] as never), TypeError, /^Request\.testall: requests\[0\]/);
  throwsLike(() => MPI.Request.testany([3] as never), TypeError, /^Request\.testany: requests\[0\]/);
  deepStrictEqual(MPI.Request.waitall([MPI.REQUEST_NULL, new MPI.Request()]), [undefined, undefined]);

  // Compute_dims: bounded (1e7 dimensions took MPI minutes), and checked.
  throwsLike(() => MPI.Compute_dims(4, 1e7), RangeError, /^Compute_dims: dims gives 10000000 dimensions, more than the 1024 supported$/);
  throwsLike(() => MPI.Compute_dims(4, 2 ** 53), RangeError, /^Compute_dims: dims 9007199254740992 does not fit in a C int/);
  throwsLike(() => MPI.Compute_dims(4, 2.5), TypeError, /^Compute_dims: dims must be an integer, got 2\.5$/);
  throwsLike(() => MPI.Compute_dims('4' as never, 2), TypeError, /^Compute_dims: nnodes must be an integer, got string$/);
  throwsLike(() => MPI.Compute_dims(4, [0, 'x'] as never), TypeError, /^Compute_dims: dims\[1\] must be an integer, got string$/);
  deepStrictEqual(MPI.Compute_dims(4, 16).slice(0, 3), [2, 2, 1]); // (MPICH refuses more dimensions than its own limit: ERR_DIMS)
  deepStrictEqual(MPI.Compute_dims(12, [0, 3, 0]), [2, 3, 2]);
});
