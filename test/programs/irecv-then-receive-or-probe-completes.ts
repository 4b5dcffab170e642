// A pending irecv is served while the rank blocks in a receive or a probe of
// another message: Recv, recv (irecv on another communicator), Probe, probe,
// Mprobe, mprobe, with and without a timeout, and iprobe/improbe loops. Rank
// A has the irecv pending; its partner B first ssends the value it is for.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { bytes, communicators, expectValue, pair, SIZES, value } from './deadlock-cases';
import { comm, MPI, program } from './harness';

type Comm = typeof MPI.COMM_WORLD;

/** The ways A takes B's tag-9 message while its irecv (on `on`) is pending. */
const WAYS: [string, (c: Comm, peer: number, n: number) => unknown][] = [
  ['Recv', (c, peer, n) => { const b = new Uint8Array(n); c.Recv(b, peer, 9); return b; }],
  ['recv', (c, peer) => c.recv(peer, 9)],
  ['recv with a timeout', (c, peer) => c.recv({ source: peer, tag: 9, timeout: 20_000 })],
  ['Probe', (c, peer) => (c.Probe(peer, 9), c.recv(peer, 9))],
  ['probe with a timeout', (c, peer) => (c.Probe({ source: peer, tag: 9, timeout: 20_000 }), c.recv(peer, 9))],
  ['mprobe', (c, peer) => c.mprobe(peer, 9).recv()],
  ['Mprobe with a timeout', (c, peer) => c.Mprobe({ source: peer, tag: 9, timeout: 20_000 }).recv()],
  ['iprobe loop', (c, peer) => { while (!c.iprobe(peer, 9)); return c.recv(peer, 9); }],
  ['improbe loop', (c, peer) => { let m; while (!(m = c.improbe(peer, 9))); return m.recv(); }],
];

program(() => {
  const other = comm.Dup();
  for (const [name, c] of communicators()) {
    const p = pair(c);
    if (!p) continue; // alone: a probe of its own messages cannot wait on anyone
    for (const n of SIZES) {
      for (const [way, take] of WAYS) {
        // The irecvs on the communicator of the wait, on another one, and on both.
        for (const on of [[c], [other], [c, other]]) {
          const buffer = way === 'Recv';
          const sent = buffer ? bytes(n, c.rank) : value(n, c.rank);
          if (p.a) {
            const rs = on.map((o) => o.irecv(p.peer, 8));
            const got = take(c, p.peer, n);
            deepStrictEqual(got, buffer ? bytes(n, p.peer) : value(n, p.peer), `${name} ${way} ${n} B`);
            for (const r of rs) expectValue(r.wait(), n, p.peer, `${name} ${way} ${n} B: the irecv`);
          } else {
            for (const o of on) o.ssend(value(n, c.rank), p.peer, 8);
            if (buffer) c.Send(sent as Uint8Array, p.peer, 9);
            else c.send(sent, p.peer, 9);
          }
        }
      }
    }
  }
  strictEqual(other.rank, comm.rank);
});
