// mpi4py's small semantics: MPI.REQUEST_NULL and new MPI.Request() are null
// requests; Status setters (count and cancelled too) take integers only;
// Cartcomm.Dup() is a Cartcomm; a freed communicator is COMM_NULL, unusable
// with a clear error, and its pending receives fail only once the free succeeded.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm as base, MPI, program, throwsLike } from './harness';

program(async () => {
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
    strictEqual(c.rank, MPI.UNDEFINED, 'rank is not cached across Free');
    strictEqual(c.size, 0);
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
