// mpi4py's small semantics: MPI.REQUEST_NULL and new MPI.Request() are null
// requests; Status setters (count and cancelled too) take integers only;
// Cartcomm.Dup() is a Cartcomm; a freed communicator is COMM_NULL, unusable
// with a clear error, and its pending receives fail only once the free succeeded.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm as base, MPI, program, throwsLike } from './harness';

/**
 * What COMM_NULL and a freed communicator answer to the queries: MPI.Exception
 * ERR_COMM naming the call, as mpi4py raises (`MPI.COMM_NULL.rank` is
 * `MPI.Exception: MPI_ERR_COMM: invalid communicator`), never UNDEFINED or 0.
 */
const NULL_QUERIES: [call: string, query: (c: MPI.Comm) => unknown][] = [
  ['Comm.rank', (c) => c.rank],
  ['Comm.size', (c) => c.size],
  ['Comm.group', (c) => c.group],
  ['Get_rank', (c) => c.Get_rank()],
  ['Get_size', (c) => c.Get_size()],
  ['Get_group', (c) => c.Get_group()],
  ['Set_name', (c) => c.Set_name('x')],
  ['Get_topology', (c) => c.Get_topology()],
  ['Dup', (c) => c.Dup()],
  ['Barrier', (c) => c.Barrier()],
  ['allgather', (c) => c.allgather(1)],
  ['sendrecv', (c) => c.sendrecv(1, MPI.PROC_NULL, 0, MPI.PROC_NULL)],
  ['Allreduce', (c) => c.Allreduce(new Float64Array(1), new Float64Array(1))],
  ['Scan', (c) => c.Scan(new Float64Array(1), new Float64Array(1))],
  ['Exscan', (c) => c.Exscan(new Float64Array(1), new Float64Array(1))],
  ['Iallreduce', (c) => c.Iallreduce(new Float64Array(1), new Float64Array(1))],
];

function refusedAsNull(c: MPI.Comm, what: string): void {
  // Its name is the one query answered (mpi4py 4: 'MPI_COMM_NULL'); setting it is refused.
  strictEqual(c.Get_name(), 'MPI_COMM_NULL', what);
  strictEqual(c.name, 'MPI_COMM_NULL', what);
  for (const [call, query] of NULL_QUERIES) {
    const e = throwsLike(() => query(c), MPI.Exception, new RegExp(`^${call.replace('.', '\\.')}: MPI_ERR_COMM: the communicator is MPI\\.COMM_NULL`));
    strictEqual((e as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_COMM, `${what}: ${call}`);
  }
}

program(async () => {
  refusedAsNull(MPI.COMM_NULL, 'MPI.COMM_NULL');
  // Null requests.
  for (const r of [MPI.REQUEST_NULL, new MPI.Request()]) {
    ok(r instanceof MPI.Request);
    strictEqual(r.active, false);
    strictEqual(r.Test(), true);
    strictEqual(r.Wait(), true);
    strictEqual(r.wait(), undefined);
  }
  strictEqual(MPI.Request.Waitany([MPI.REQUEST_NULL, new MPI.Request()]), MPI.UNDEFINED);

  // Status setters.
  const st = new MPI.Status();
  st.count = 12;
  strictEqual(st.count, 12);
  strictEqual(st.Get_count(MPI.INT), 3);
  st.cancelled = true;
  strictEqual(st.cancelled, true);
  st.cancelled = false;
  strictEqual(st.Is_cancelled(), false);
  st.source = 3;
  st.tag = 4;
  st.error = MPI.ERR_TAG;
  deepStrictEqual([st.source, st.tag, st.error], [3, 4, MPI.ERR_TAG]);
  throwsLike(() => st.Set_source('1' as unknown as number), TypeError, /^Set_source: source must be an integer, got string/);
  throwsLike(() => (st.tag = 1.5), TypeError, /^Set_tag: tag must be an integer, got 1\.5/);
  throwsLike(() => st.Set_error(2 ** 31), RangeError, /^Set_error: error/);
  throwsLike(() => (st.count = -1), RangeError, /^Set_elements: count/);
  throwsLike(() => (st.count = Number.NaN), TypeError, /^Set_elements: count must be an integer/);
  throwsLike(() => st.Set_cancelled('yes' as unknown as boolean), TypeError, /^Set_cancelled: flag must be a boolean/);
  deepStrictEqual([st.source, st.tag, st.error, st.count], [3, 4, MPI.ERR_TAG, 12], 'refused values change nothing');

  const dup = base.Dup();
  for (const comm of [base, dup]) {
    // Cartcomm.Dup() keeps the topology.
    const cart = comm.Create_cart([comm.size]) as MPI.Cartcomm;
    const cd = cart.Dup();
    ok(cd instanceof MPI.Cartcomm, 'Cartcomm.Dup() is a Cartcomm');
    deepStrictEqual(cd.Get_coords(cd.rank), [cd.rank]);
    cd.Free();
    cart.Free();

    // A freed communicator: COMM_NULL, unusable, clear errors.
    const c = comm.Dup();
    strictEqual(c.rank, comm.rank); // cached before the free
    const pending = c.irecv(MPI.ANY_SOURCE, 77);
    c.Free();
    strictEqual((c as unknown as { handle: number }).handle, (MPI.COMM_NULL as unknown as { handle: number }).handle);
    // Nothing cached across Free: the queries are refused as on COMM_NULL.
    refusedAsNull(c, 'a freed Dup');
    throwsLike(() => c.Barrier(), MPI.Exception, /MPI_ERR_COMM/);
    throwsLike(() => c.send(1, 0), MPI.Exception, /MPI_ERR_COMM/);
    throwsLike(() => c.Free(), MPI.Exception, /MPI_ERR_COMM/);
    throwsLike(() => pending.wait(), MPI.Exception, /MPI_ERR_COMM/);

    // A Free that fails leaves pending receives alone: COMM_WORLD and COMM_SELF cannot be freed.
    const r = comm.irecv(comm.rank, 78);
    if (comm === MPI.COMM_WORLD || comm === MPI.COMM_SELF) {
      throwsLike(() => comm.Free(), MPI.Exception, /MPI_ERR_COMM/);
      strictEqual(comm.rank, comm.Get_rank());
    }
    comm.send('still here', comm.rank, 78);
    strictEqual(await r, 'still here');
  }
  dup.Free();
});
