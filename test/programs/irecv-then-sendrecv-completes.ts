// A pending irecv is served while the rank blocks in Sendrecv (typed arrays)
// or sendrecv (values): rank A has an irecv pending and enters the exchange;
// its partner B first ssends the value that irecv is for.
import { deepStrictEqual } from 'node:assert/strict';

import { bytes, communicators, expectValue, pair, SIZES, value } from './deadlock-cases';
import { comm, program } from './harness';

program(() => {
  const other = comm.Dup(); // lowercase sendrecv already serves irecvs on its own communicator
  for (const [name, c] of communicators()) {
    const p = pair(c);
    if (!p) continue; // alone: nothing to exchange with that could block
    for (const n of SIZES) {
      const got = new Uint8Array(n);
      if (p.a) {
        const r = c.irecv(p.peer, 0);
        c.Sendrecv(bytes(n, c.rank), p.peer, 1, got, p.peer, 1);
        expectValue(r.wait(), n, p.peer, `${name} Sendrecv ${n} B`);
      } else {
        c.ssend(value(n, c.rank), p.peer, 0);
        c.Sendrecv(bytes(n, c.rank), p.peer, 1, got, p.peer, 1);
      }
      deepStrictEqual(got, bytes(n, p.peer));

      const o = pair(other) ?? p;
      let v: unknown;
      if (p.a) {
        const r = other.irecv(o.peer, 2);
        v = c.sendrecv(value(n, c.rank), p.peer, 3, p.peer, 3);
        expectValue(r.wait(), n, o.peer, `${name} sendrecv ${n} B`);
      } else {
        other.ssend(value(n, other.rank), o.peer, 2);
        v = c.sendrecv(value(n, c.rank), p.peer, 3, p.peer, 3);
      }
      expectValue(v, n, p.peer, `${name} sendrecv's own value ${n} B`);
    }
  }
});
