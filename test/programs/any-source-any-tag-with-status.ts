// Receiving from ANY_SOURCE with ANY_TAG: the Status tells who sent what, and
// its count is the serialized size (as mpi4py's pickle size).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  if (rank !== 0) {
    comm.send({ from: rank }, 0, 100 + rank);
    return;
  }
  const seen = new Set<number>();
  for (let i = 1; i < size; i++) {
    const st = new MPI.Status();
    const got = comm.recv(MPI.ANY_SOURCE, MPI.ANY_TAG, st) as { from: number };
    strictEqual(got.from, st.Get_source());
    strictEqual(st.Get_tag(), 100 + st.source);
    strictEqual(st.Get_error(), MPI.SUCCESS);
    strictEqual(st.Get_count(), MPI.pickle.dumps({ from: st.source }).length);
    seen.add(st.source);
  }
  deepStrictEqual([...seen].sort(), Array.from({ length: size - 1 }, (_, i) => i + 1));
  // A fresh Status has mpi4py's defaults.
  const fresh = new MPI.Status();
  deepStrictEqual([fresh.source, fresh.tag, fresh.error, fresh.count], [MPI.ANY_SOURCE, MPI.ANY_TAG, MPI.SUCCESS, 0]);
  ok(!fresh.Is_cancelled());
});
