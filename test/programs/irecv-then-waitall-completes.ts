// A pending irecv is served while the rank waits on a list of other requests:
// waitall, waitany, waitsome, testsome loops and their uppercase forms —
// mpi4py's testWaitSomeRecv and testTestSomeRecv.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { communicators, expectValue, ring, SIZES, value } from './deadlock-cases';
import { MPI, program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { dst, src } = ring(c);
    for (const n of SIZES) {
      const send = () => [c.issend(value(n, c.rank), dst, 1)];
      let r = c.irecv(src, 1);
      deepStrictEqual(MPI.Request.waitall(send()), [undefined]);
      expectValue(r.wait(), n, src, `${name} waitall ${n} B`);

      r = c.irecv(src, 1);
      strictEqual(MPI.Request.Waitall(send()), true);
      expectValue(r.wait(), n, src, `${name} Waitall ${n} B`);

      r = c.irecv(src, 1);
      strictEqual(MPI.Request.waitany(send())[0], 0);
      expectValue(r.wait(), n, src, `${name} waitany ${n} B`);

      r = c.irecv(src, 1);
      strictEqual(MPI.Request.Waitany(send()), 0);
      expectValue(r.wait(), n, src, `${name} Waitany ${n} B`);

      r = c.irecv(src, 1);
      deepStrictEqual(MPI.Request.waitsome(send())[0], [0]);
      expectValue(r.wait(), n, src, `${name} waitsome ${n} B`);

      r = c.irecv(src, 1);
      deepStrictEqual(MPI.Request.Waitsome(send()), [0]);
      expectValue(r.wait(), n, src, `${name} Waitsome ${n} B`);

      r = c.irecv(src, 1);
      let reqs = send();
      while (MPI.Request.testsome(reqs)[0]?.length === 0);
      expectValue(r.wait(), n, src, `${name} testsome loop ${n} B`);

      r = c.irecv(src, 1);
      reqs = send();
      while (!MPI.Request.testall(reqs)[0]);
      expectValue(r.wait(), n, src, `${name} testall loop ${n} B`);

      // mpi4py's testWaitSomeRecv: the receive itself among the waited requests, with the send.
      r = c.irecv(src, 1);
      const both = [r, ...send()];
      const values = MPI.Request.waitall(both);
      expectValue(values[0], n, src, `${name} waitall of irecv and issend ${n} B`);
    }
  }
});
