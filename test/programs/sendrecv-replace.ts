// Sendrecv_replace (issue 12): a ring rotation of typed arrays and of a derived
// (strided) layout whose gaps keep their bytes, with a status; and with a
// lowercase irecv pending on the rank, which the call must serve while it
// waits (its partner's ssend needs that irecv first).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { expectValue, pair, value } from './deadlock-cases';
import { comm, MPI, program, rank, size } from './harness';

program(() => {
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;

  // size rotations bring every buffer home; each step holds the one from `steps` ranks to the left.
  const buf = Float64Array.from({ length: 6 }, (_, i) => rank * 10 + i);
  const status = new MPI.Status();
  for (let steps = 1; steps <= size; steps++) {
    comm.Sendrecv_replace(buf, right, 7, left, 7, status);
    const from = (rank + size * steps - steps) % size;
    deepStrictEqual([...buf], Array.from({ length: 6 }, (_, i) => from * 10 + i));
    strictEqual(status.Get_source(), left);
    strictEqual(status.Get_tag(), 7);
    strictEqual(status.Get_count(MPI.DOUBLE), 6);
  }
  // Options in place of the trailing arguments; the defaults (ANY_SOURCE, ANY_TAG) receive.
  comm.Sendrecv_replace([buf, 2, MPI.DOUBLE], { dest: right, sendtag: 3 });
  deepStrictEqual([...buf.subarray(0, 2)], [left * 10, left * 10 + 1]);

  // A strided layout: every other item moves, the ones between keep -1.
  const every2 = MPI.INT32_T.Create_vector(3, 1, 2).Commit();
  const strided = Int32Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? rank * 100 + i : -1));
  comm.Sendrecv_replace([strided, 1, every2], right, 8, MPI.ANY_SOURCE, 8);
  deepStrictEqual([...strided], [left * 100, -1, left * 100 + 2, -1, left * 100 + 4]);

  // With a lowercase irecv pending (the served path): rank a's irecv is what its
  // partner's ssend needs before the partner reaches its own Sendrecv_replace.
  const p = pair(comm);
  if (p) {
    for (const n of [16, 1 << 16]) {
      const mine = new Uint8Array(n).fill(rank + 1);
      const st = new MPI.Status();
      if (p.a) {
        const r = comm.irecv(p.peer, 20);
        const strided2 = Int32Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? rank * 100 + i : -1));
        comm.Sendrecv_replace([strided2, 1, every2], p.peer, 21, p.peer, 21);
        deepStrictEqual([...strided2], [p.peer * 100, -1, p.peer * 100 + 2, -1, p.peer * 100 + 4]);
        comm.Sendrecv_replace(mine, p.peer, 22, p.peer, 22, st);
        expectValue(r.wait(), n, p.peer, `Sendrecv_replace with an irecv pending (${n} B)`);
      } else {
        comm.ssend(value(n, rank), p.peer, 20);
        const strided2 = Int32Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? rank * 100 + i : -1));
        comm.Sendrecv_replace([strided2, 1, every2], p.peer, 21, p.peer, 21);
        deepStrictEqual([...strided2], [p.peer * 100, -1, p.peer * 100 + 2, -1, p.peer * 100 + 4]);
        comm.Sendrecv_replace(mine, p.peer, 22, p.peer, 22, st);
      }
      deepStrictEqual(mine, new Uint8Array(n).fill(p.peer + 1));
      strictEqual(st.Get_source(), p.peer);
      strictEqual(st.Get_count(MPI.BYTE), n);
    }
  }
  every2.Free();
});
