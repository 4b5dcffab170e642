// Free() turns a handle into its null handle (mpi4py); freeing a null handle
// is MPI.Exception of the kind's class; a stale id held elsewhere (the same
// handle in a second object) is refused, never taken for whatever reused its slot.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program, throwsLike } from './harness';

/** The addon id behind a handle object (internal, so not in the typings). */
const idOf = (x: object): number => (x as { handle: number }).handle;
/** A second object on the same id: what a stale copy of a handle looks like. */
function copyOf<T extends object>(cls: unknown, x: T): T {
  return new (cls as new (h: number) => T)(idOf(x));
}

program(() => {
  const dup = world.Dup();
  for (const comm of [world, dup]) {
    // Datatypes: Free twice is ERR_TYPE and frees nothing else.
    const a = MPI.INT.Create_contiguous(2).Commit();
    const stale = copyOf(MPI.Datatype, a);
    a.Free();
    strictEqual(idOf(a), idOf(MPI.DATATYPE_NULL), 'a freed Datatype is DATATYPE_NULL');
    const e = throwsLike(() => a.Free(), MPI.Exception, /MPI_ERR_TYPE/) as InstanceType<typeof MPI.Exception>;
    strictEqual(e.error_class, MPI.ERR_TYPE);
    const b = MPI.DOUBLE.Create_contiguous(3).Commit(); // may reuse a's slot
    throwsLike(() => stale.Free(), MPI.Exception, /MPI_ERR_TYPE/);
    deepStrictEqual(b.Get_extent(), [0, 24], 'b survives a stale Free');
    const buf = new Float64Array(3).fill(comm.rank);
    comm.Bcast([buf, 1, b], 0);
    deepStrictEqual([...buf], [0, 0, 0]);
    b.Free();

    // Communicators: a freed one is COMM_NULL, a stale copy is refused.
    const c = comm.Dup();
    const staleComm = copyOf(MPI.Intracomm, c);
    c.Free();
    strictEqual(idOf(c), idOf(MPI.COMM_NULL), 'a freed Comm is COMM_NULL');
    throwsLike(() => c.Free(), MPI.Exception, /MPI_ERR_COMM/);
    const d = comm.Dup(); // may reuse c's slot
    throwsLike(() => staleComm.Free(), MPI.Exception, /MPI_ERR_COMM/);
    throwsLike(() => staleComm.Barrier(), MPI.Exception, /MPI_ERR_COMM/);
    strictEqual(d.allreduce(1), comm.size, 'd survives a stale Free');
    d.Free();

    // Groups: the same.
    const g = comm.Get_group();
    const staleGroup = copyOf(MPI.Group, g);
    g.Free();
    strictEqual(idOf(g), idOf(MPI.GROUP_NULL));
    throwsLike(() => g.Free(), MPI.Exception, /MPI_ERR_GROUP/);
    const g2 = comm.Get_group();
    throwsLike(() => staleGroup.Free(), MPI.Exception, /MPI_ERR_GROUP/);
    strictEqual(g2.Get_size(), comm.size);
    g2.Free();

    // Ops: a freed user op is OP_NULL; predefined ops cannot be freed.
    const merge = MPI.Op.Create((x: number, y: number) => x + y, true);
    strictEqual(comm.allreduce(1, merge), comm.size);
    merge.Free();
    throwsLike(() => comm.allreduce(1, merge), MPI.Exception, /MPI_ERR_OP/);
    throwsLike(() => merge.Free(), MPI.Exception, /MPI_ERR_OP/);
    throwsLike(() => MPI.SUM.Free(), MPI.Exception, /MPI_ERR_OP/);
    strictEqual(comm.allreduce(2, MPI.SUM), 2 * comm.size, 'SUM survives');

    // Requests: a completed or freed request is inactive, and a stale copy of
    // its id cannot reach the request that reused the slot.
    const r = comm.Isend(new Int32Array(1), MPI.PROC_NULL, 0);
    r.Free();
    ok(!r.active);
    const got = new Int32Array(1);
    const r1 = comm.Irecv(got, comm.rank, 9);
    const staleRequest = new (MPI.Request as unknown as new (id: number) => MPI.Request)((r1 as unknown as { id: number }).id);
    comm.Send(new Int32Array([comm.rank + 1]), comm.rank, 9);
    r1.Wait();
    const r2 = comm.Irecv(got, comm.rank, 10); // may reuse r1's slot
    throwsLike(() => staleRequest.Cancel(), TypeError, /request is no longer active/);
    comm.Send(new Int32Array([comm.rank + 2]), comm.rank, 10);
    const st = new MPI.Status();
    r2.Wait(st);
    strictEqual(st.Is_cancelled(), false, 'a stale Cancel does not cancel the request in its slot');
    strictEqual(got[0], comm.rank + 2);
  }
  dup.Free();
});
