// Sending to or receiving from PROC_NULL does nothing: recv gives undefined and
// its status says PROC_NULL, ANY_TAG, count 0.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program } from './harness';

program(async () => {
  comm.send({ ignored: true }, MPI.PROC_NULL, 3);
  comm.ssend([1, 2], MPI.PROC_NULL);
  const st = new MPI.Status();
  strictEqual(comm.recv(MPI.PROC_NULL, 3, st), undefined);
  strictEqual(st.source, MPI.PROC_NULL);
  strictEqual(st.tag, MPI.ANY_TAG);
  strictEqual(st.Get_count(), 0);
  strictEqual(comm.irecv(MPI.PROC_NULL).wait(), undefined);
  strictEqual(await comm.irecv(MPI.PROC_NULL, 1), undefined);
  comm.Send(new Float64Array(4), MPI.PROC_NULL);
  const buf = new Float64Array([7]);
  comm.Recv(buf, MPI.PROC_NULL);
  strictEqual(buf[0], 7);
  strictEqual(comm.sendrecv('x', MPI.PROC_NULL, 0, MPI.PROC_NULL), undefined);
  strictEqual(comm.mprobe(MPI.PROC_NULL).recv(), undefined);
});
