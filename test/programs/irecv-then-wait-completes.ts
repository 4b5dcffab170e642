// A pending irecv is served while the rank waits on another request:
// isend(big).wait(), issend().wait(), Wait(), wait with a timeout, test loops,
// and the wait of a typed-array Irecv — mpi4py's testIRecvAndISSend.
import { deepStrictEqual } from 'node:assert/strict';

import { bytes, communicators, expectValue, pair, ring, SIZES, value } from './deadlock-cases';
import { program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { dst, src } = ring(c);
    for (const n of SIZES) {
      let r = c.irecv(src, 1);
      c.isend(value(n, c.rank), dst, 1).wait();
      expectValue(r.wait(), n, src, `${name} isend().wait() ${n} B`);

      r = c.irecv(src, 2);
      c.issend(value(n, c.rank), dst, 2).Wait();
      expectValue(r.wait(), n, src, `${name} issend().Wait() ${n} B`);

      r = c.irecv(src, 3);
      c.issend(value(n, c.rank), dst, 3).wait({ timeout: 20_000 });
      expectValue(r.wait(), n, src, `${name} issend().wait({timeout}) ${n} B`);

      r = c.irecv(src, 4);
      const t = c.issend(value(n, c.rank), dst, 4);
      while (!t.test()[0]);
      expectValue(r.wait(), n, src, `${name} issend().test() loop ${n} B`);

      // The wait of a typed-array Irecv, while the partner is in an ssend that needs this rank's irecv.
      const p = pair(c);
      if (!p) continue;
      const got = new Uint8Array(n);
      if (p.a) {
        const q = c.irecv(p.peer, 7);
        c.Irecv(got, p.peer, 8).Wait();
        expectValue(q.wait(), n, p.peer, `${name} Irecv().Wait() ${n} B`);
      } else {
        c.ssend(value(n, c.rank), p.peer, 7);
        c.Send(bytes(n, c.rank), p.peer, 8);
      }
      if (p.a) deepStrictEqual(got, bytes(n, p.peer));
    }
  }
});
