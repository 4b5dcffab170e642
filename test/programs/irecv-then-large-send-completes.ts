// A pending irecv is served while the rank blocks in a standard send of a
// value above the eager limit (send), or of a large typed array (Send).
import { deepStrictEqual } from 'node:assert/strict';

import { bytes, communicators, expectValue, pair, ring, SIZES, value } from './deadlock-cases';
import { program } from './harness';

program(() => {
  for (const [name, c] of communicators()) {
    const { dst, src } = ring(c);
    for (const n of SIZES) {
      const r = c.irecv(src, 3);
      c.send(value(n, c.rank), dst, 3);
      expectValue(r.wait(), n, src, `${name} send ${n} B`);

      const p = pair(c);
      if (!p) continue;
      if (p.a) {
        const q = c.irecv(p.peer, 4);
        c.Send(bytes(n, c.rank), p.peer, 5);
        expectValue(q.wait(), n, p.peer, `${name} Send ${n} B`);
      } else {
        c.send(value(n, c.rank), p.peer, 4);
        const got = new Uint8Array(n);
        c.Recv(got, p.peer, 5);
        deepStrictEqual(got, bytes(n, p.peer));
      }
    }
  }
});
