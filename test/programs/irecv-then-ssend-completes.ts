// A pending irecv is served while the rank blocks in a synchronous send:
// irecv, ssend (or Ssend), then wait — mpi4py's testIRecvAndSSend.
import { deepStrictEqual } from 'node:assert/strict';

import { bytes, communicators, expectValue, pair, ring, SIZES, value } from './deadlock-cases';
import { program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { dst, src } = ring(c);
    for (const n of SIZES) {
      // Round the ring (to itself on one rank): every rank's ssend needs the next one's irecv.
      const r = c.irecv(src, 7);
      c.ssend(value(n, c.rank), dst, 7);
      expectValue(r.wait(), n, src, `${name} ssend ${n} B`);

      // A buffer Ssend while the peer is blocked in an ssend that needs this rank's irecv.
      const p = pair(c);
      if (!p) continue;
      if (p.a) {
        const q = c.irecv(p.peer, 8);
        c.Ssend(bytes(n, c.rank), p.peer, 9);
        expectValue(q.wait(), n, p.peer, `${name} Ssend ${n} B`);
      } else {
        c.ssend(value(n, c.rank), p.peer, 8);
        const got = new Uint8Array(n);
        c.Recv(got, p.peer, 9);
        deepStrictEqual(got, bytes(n, p.peer));
      }
    }
  }
});
