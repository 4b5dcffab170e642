// A cancelled receive ends cancelled and leaves its message for the next receive.
import { ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank } from './harness';

program(() => {
  const r = comm.irecv(rank, 77);
  r.cancel();
  const st = new MPI.Status();
  strictEqual(r.wait(st), undefined);
  ok(st.Is_cancelled());

  const R = comm.Irecv(new Int32Array(1), rank, 78);
  R.Cancel();
  const st2 = new MPI.Status();
  R.Wait(st2);
  ok(st2.Is_cancelled());

  // A send to oneself must not block before its receive (MPICH's would not return).
  const s = comm.isend('still here', rank, 77);
  strictEqual(comm.recv(rank, 77), 'still here');
  s.wait();
});
