// A matched message (mprobe) stays with its Message when a receive of it fails
// before MPI could take it: a too-small buffer (MPI.Exception ERR_TRUNCATE) or a
// bad argument (TypeError); the same Message then receives it intact (mpi4py).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program, throwsLike } from './harness';

program(() => {
  const dup = world.Dup();
  for (const comm of [world, dup]) {
    const { rank, size } = comm;
    const right = (rank + 1) % size;
    const left = (rank - 1 + size) % size;

    // Buffers: too small, then a bad status, then a bad buffer, then right.
    const s1 = comm.Isend(new Int32Array([1, 2, 3, 4]).map((x) => x + rank), right, 11);
    const m1 = comm.Mprobe(left, 11);
    const e = throwsLike(() => m1.Recv(new Int32Array(2)), MPI.Exception, /MPI_ERR_TRUNCATE/) as InstanceType<typeof MPI.Exception>;
    strictEqual(e.error_class, MPI.ERR_TRUNCATE);
    strictEqual(m1.active, true, 'the message stays after ERR_TRUNCATE');
    throwsLike(() => m1.Irecv(new Int32Array(3)), MPI.Exception, /MPI_ERR_TRUNCATE/);
    strictEqual(m1.active, true, 'the message stays after a refused Irecv');
    // (A plain object is the options form, {status}: any other object is a bad status.)
    throwsLike(() => m1.Recv(new Int32Array(4), new Date() as never), TypeError, /status/);
    throwsLike(() => m1.Recv('not a buffer' as unknown as Int32Array), TypeError, /./);
    strictEqual(m1.active, true);
    const got = new Int32Array(4);
    const st = new MPI.Status();
    m1.Recv(got, st);
    deepStrictEqual([...got], [1, 2, 3, 4].map((x) => x + left));
    strictEqual(st.Get_source(), left);
    strictEqual(m1.active, false);
    throwsLike(() => m1.Recv(got), TypeError, /^Message\.Recv: this message has already been received$/);
    s1.Wait();

    // The same through Irecv after a failure.
    const s2 = comm.Isend(new Float64Array([rank, 0.5]), right, 12);
    const m2 = comm.Mprobe(left, 12);
    throwsLike(() => m2.Irecv(new Float64Array(1)), MPI.Exception, /MPI_ERR_TRUNCATE/);
    const got2 = new Float64Array(2);
    m2.Irecv(got2).Wait();
    deepStrictEqual([...got2], [left, 0.5]);
    s2.Wait();

    // Objects: a bad status is refused before the message is touched.
    const s3 = comm.isend({ from: rank }, right, 13);
    const m3 = comm.mprobe(left, 13);
    throwsLike(() => m3.recv(new Date() as never), TypeError, /status/);
    strictEqual(m3.active, true);
    deepStrictEqual(m3.recv(), { from: left });
    s3.wait();
  }
  dup.Free();
});
