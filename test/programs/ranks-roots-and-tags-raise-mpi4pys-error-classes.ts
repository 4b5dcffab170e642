// A rank, root or tag out of range on a valid communicator is MPI.Exception of
// the class mpi4py 3.1.4 reports on Open MPI (ERR_RANK, ERR_ROOT, ERR_TAG),
// with MPI's own error string and a message naming the call and the argument;
// a null or freed communicator is ERR_COMM; an integer no C int holds is a
// RangeError (Python's OverflowError) and a wrong type a TypeError. Each is
// raised before MPI runs, on every rank, and the rank lives on.
import { ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

type MPIException = InstanceType<typeof MPI.Exception>;

/** f must throw MPI.Exception of class cls with a message like `re`, and MPI's text as its error string. */
function raisesClass(f: () => unknown, cls: number, re: RegExp): void {
  const e = throwsLike(f, MPI.Exception, re) as MPIException;
  strictEqual(e.Get_error_class(), cls, `${e.message}: class ${e.Get_error_class()}, expected ${cls}`);
  strictEqual(e.Get_error_string(), MPI.Get_error_string(cls));
}

program(() => {
  const buf = new Int32Array(2);
  const big = 2 ** 40;
  const over = new Array(size).fill(0);

  // ERR_RANK: destinations and sources, every point-to-point call and probe.
  raisesClass(() => comm.send(1, size), MPI.ERR_RANK, new RegExp(`^send: MPI_ERR_RANK: dest ${size} is out of range for a communicator of size ${size} \\(rank ${MPI.COMM_WORLD.rank}\\)$`));
  raisesClass(() => comm.send(1, -5), MPI.ERR_RANK, /^send: MPI_ERR_RANK: dest -5 /);
  raisesClass(() => comm.send(1, MPI.ANY_SOURCE), MPI.ERR_RANK, /dest -1 is out of range/);
  raisesClass(() => comm.ssend(1, { dest: size }), MPI.ERR_RANK, /^ssend: MPI_ERR_RANK/);
  raisesClass(() => comm.isend(1, size), MPI.ERR_RANK, /^isend: MPI_ERR_RANK/);
  raisesClass(() => comm.Send(buf, size), MPI.ERR_RANK, /^Send: MPI_ERR_RANK: dest/);
  raisesClass(() => comm.Isend(buf, size), MPI.ERR_RANK, /^Isend: MPI_ERR_RANK/);
  raisesClass(() => comm.recv(size), MPI.ERR_RANK, /^recv: MPI_ERR_RANK: source/);
  raisesClass(() => comm.recv({ source: -5 }), MPI.ERR_RANK, /^recv: MPI_ERR_RANK: source -5/);
  raisesClass(() => comm.irecv(size), MPI.ERR_RANK, /^irecv: MPI_ERR_RANK/);
  raisesClass(() => comm.Recv(buf, size), MPI.ERR_RANK, /^Recv: MPI_ERR_RANK/);
  raisesClass(() => comm.Irecv(buf, size), MPI.ERR_RANK, /^Irecv: MPI_ERR_RANK/);
  raisesClass(() => comm.Probe(size), MPI.ERR_RANK, /^Probe: MPI_ERR_RANK/);
  raisesClass(() => comm.iprobe(size), MPI.ERR_RANK, /^Iprobe: MPI_ERR_RANK/);
  raisesClass(() => comm.Mprobe(size), MPI.ERR_RANK, /^Mprobe: MPI_ERR_RANK/);
  raisesClass(() => comm.improbe(size), MPI.ERR_RANK, /^Improbe: MPI_ERR_RANK/);
  raisesClass(() => comm.sendrecv(1, size), MPI.ERR_RANK, /^sendrecv: MPI_ERR_RANK: dest/);
  raisesClass(() => comm.Sendrecv(buf, rank, 0, buf, size), MPI.ERR_RANK, /^Sendrecv: MPI_ERR_RANK: source/);

  // ERR_ROOT: every rooted collective, lowercase and uppercase, blocking or not.
  raisesClass(() => comm.bcast(1, size), MPI.ERR_ROOT, new RegExp(`^bcast: MPI_ERR_ROOT: root ${size} is out of range for a communicator of size ${size}`));
  raisesClass(() => comm.bcast(1, { root: -5 }), MPI.ERR_ROOT, /^bcast: MPI_ERR_ROOT: root -5/);
  raisesClass(() => comm.scatter(over, size), MPI.ERR_ROOT, /^scatter: MPI_ERR_ROOT/);
  raisesClass(() => comm.gather(1, size), MPI.ERR_ROOT, /^gather: MPI_ERR_ROOT/);
  raisesClass(() => comm.reduce(1, MPI.SUM, size), MPI.ERR_ROOT, /^reduce: MPI_ERR_ROOT/);
  raisesClass(() => comm.ibcast(1, size), MPI.ERR_ROOT, /^ibcast: MPI_ERR_ROOT/);
  raisesClass(() => comm.Bcast(buf, MPI.PROC_NULL), MPI.ERR_ROOT, /^Bcast: MPI_ERR_ROOT/);
  raisesClass(() => comm.Gather(buf, new Int32Array(2 * size), size), MPI.ERR_ROOT, /^Gather: MPI_ERR_ROOT/);
  raisesClass(() => comm.Scatter(new Int32Array(2 * size), buf, size), MPI.ERR_ROOT, /^Scatter: MPI_ERR_ROOT/);
  raisesClass(() => comm.Gatherv(buf, new Int32Array(2 * size), size), MPI.ERR_ROOT, /^Gatherv: MPI_ERR_ROOT/);
  raisesClass(() => comm.Reduce(buf, new Int32Array(2), MPI.SUM, size), MPI.ERR_ROOT, /^Reduce: MPI_ERR_ROOT/);
  raisesClass(() => comm.Ibcast(buf, size), MPI.ERR_ROOT, /^Ibcast: MPI_ERR_ROOT/);
  raisesClass(() => comm.Ireduce(buf, new Int32Array(2), MPI.SUM, size), MPI.ERR_ROOT, /^Ireduce: MPI_ERR_ROOT/);

  // ERR_TAG: negative tags (ANY_TAG too) to send with, negative tags but ANY_TAG to receive with.
  raisesClass(() => comm.send(1, rank, -5), MPI.ERR_TAG, /^send: MPI_ERR_TAG: tag -5 is negative/);
  raisesClass(() => comm.send(1, MPI.PROC_NULL, MPI.ANY_TAG), MPI.ERR_TAG, /^send: MPI_ERR_TAG/);
  raisesClass(() => comm.Send(buf, rank, { tag: -1 }), MPI.ERR_TAG, /^Send: MPI_ERR_TAG/);
  raisesClass(() => comm.recv(rank, -5), MPI.ERR_TAG, /^recv: MPI_ERR_TAG: tag -5 is negative/);
  raisesClass(() => comm.Recv(buf, rank, -5), MPI.ERR_TAG, /^Recv: MPI_ERR_TAG/);
  raisesClass(() => comm.Iprobe(rank, -5), MPI.ERR_TAG, /^Iprobe: MPI_ERR_TAG/);
  raisesClass(() => comm.Sendrecv(buf, rank, -5, buf, rank), MPI.ERR_TAG, /^Sendrecv: MPI_ERR_TAG: sendtag -5/);

  // ERR_COMM: a null or freed communicator, whatever the rank.
  raisesClass(() => MPI.COMM_NULL.send(1, 0), MPI.ERR_COMM, /MPI_ERR_COMM/);
  raisesClass(() => MPI.COMM_NULL.bcast(1, 0), MPI.ERR_COMM, /MPI_ERR_COMM/);
  raisesClass(() => MPI.COMM_NULL.Barrier(), MPI.ERR_COMM, /MPI_ERR_COMM/);
  const dup = comm.Dup();
  dup.Free();
  raisesClass(() => dup.send(1, 0), MPI.ERR_COMM, /MPI_ERR_COMM/);
  raisesClass(() => dup.Bcast(buf, 0), MPI.ERR_COMM, /MPI_ERR_COMM/);

  // Integers no C int holds: RangeError (OverflowError in Python), whatever the communicator size.
  throwsLike(() => comm.send(1, big), RangeError, /^send: dest 1099511627776 does not fit in a C int$/);
  throwsLike(() => comm.send(1, rank, big), RangeError, /^send: tag 1099511627776 does not fit in a C int$/);
  throwsLike(() => comm.recv(rank, big), RangeError, /^recv: tag 1099511627776 does not fit in a C int$/);
  throwsLike(() => comm.bcast(1, big), RangeError, /^bcast: root 1099511627776 does not fit in a C int$/);
  throwsLike(() => comm.Split(big), RangeError, /^Split: color 1099511627776 does not fit in a C int$/);

  // Wrong types: TypeError (mpi4py: "an integer is required").
  throwsLike(() => comm.send(1, 'a' as never), TypeError, /^send: dest must be an integer, got string$/);
  throwsLike(() => comm.bcast(1, null as never), TypeError, /^bcast: expecting root as a number or an options object \{root\}, got null$/);
  throwsLike(() => comm.recv(rank, '5' as never), TypeError, /^recv: tag must be an integer, got string$/);

  // The rank lives on and MPI works as before.
  strictEqual(comm.allreduce(1), size);
  ok(comm.sendrecv(rank, rank, 0, rank, 0) === rank);
});
