// A handle of the wrong kind is a TypeError naming the call and the argument,
// never taken for a handle of another kind (Get_count(MPI.SUM) counted in UNSIGNED).
import { strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program, throwsLike } from './harness';

program(() => {
  const dup = world.Dup();
  for (const comm of [world, dup]) {
    const st = new MPI.Status();
    comm.Sendrecv(new Int32Array(3), comm.rank, 5, new Int32Array(3), comm.rank, 5, st);
    strictEqual(st.Get_count(MPI.INT), 3);
    const bad = MPI.SUM as unknown as MPI.Datatype;
    throwsLike(() => st.Get_count(bad), TypeError, /^Get_count: datatype must be an MPI\.Datatype, got MPI\.Op$/);
    throwsLike(() => st.Get_elements(bad), TypeError, /^Get_elements: datatype must be an MPI\.Datatype, got MPI\.Op$/);
    throwsLike(() => st.Set_elements(comm as unknown as MPI.Datatype, 1), TypeError, /^Set_elements: datatype must be an MPI\.Datatype, got MPI\.Intracomm$/);
    // A plain object is the options form ({datatype}, mpi4py's keyword): its unknown key is refused, and a forged handle inside it too.
    throwsLike(() => st.Get_count({ handle: 9 } as unknown as MPI.Datatype), TypeError, /^Get_count: unexpected option 'handle' \(expected datatype\)$/);
    throwsLike(() => st.Get_count({ datatype: { handle: 9 } as unknown as MPI.Datatype }), TypeError, /^Get_count: datatype must be an MPI\.Datatype, got object$/);
    const g = comm.Get_group();
    throwsLike(() => g.Compare(MPI.INT as unknown as MPI.Group), TypeError, /^Compare: group must be an MPI\.Group, got MPI\.Datatype$/);
    throwsLike(() => g.Translate_ranks([0], comm as unknown as MPI.Group), TypeError, /^Translate_ranks: group must be an MPI\.Group/);
    throwsLike(() => MPI.Group.Union(g, MPI.SUM as unknown as MPI.Group), TypeError, /^Union: group2 must be an MPI\.Group, got MPI\.Op$/);
    throwsLike(() => comm.Compare(g as unknown as MPI.Comm), TypeError, /^Compare: comm must be an MPI\.Comm, got MPI\.Group$/);
    throwsLike(() => comm.Create(MPI.INT as unknown as MPI.Group), TypeError, /^Create: group must be an MPI\.Group, got MPI\.Datatype$/);
    g.Free();
  }
  dup.Free();
});
