// MPI-4 sessions (issue 13 part 1): the process set mpi://SELF of a session is
// this process alone: its hints say so, its group has one member (this one),
// and the communicator Intracomm.Create_from_group makes of it has size 1 and
// rank 0 on every rank, its collectives this process's own. Several ranks make
// theirs at once under one stringtag. NotImplementedError where the library is
// older than MPI-4.0 (Open MPI 4.1).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean } } } }).native.environment;

program(() => {
  if (process.env.MPI4JS_TEST_MPI === 'MPICH') ok(features.mpi4, 'the MPICH build is MPI-4');
  if (!features.mpi4) {
    for (const [name, f] of [
      ['Session.Init', () => MPI.Session.Init(MPI.INFO_NULL, MPI.ERRORS_RETURN)],
      ['Session.Get_pset_info', () => new MPI.Session().Get_pset_info('mpi://SELF')],
      ['Intracomm.Create_from_group', () => MPI.Intracomm.Create_from_group(MPI.GROUP_EMPTY, 'org.mpi4js')],
    ] as const) {
      throwsLike(f, MPI.NotImplementedError, new RegExp(`^${name.replace('.', '\\.')}: not provided by .* \\(an MPI-4\\.0 routine\\)$`));
    }
    return;
  }
  const session = MPI.Session.Init({ errhandler: MPI.ERRORS_RETURN });
  const info = session.Get_pset_info('mpi://SELF');
  strictEqual(info.Get('mpi_size'), '1');
  info.Free();
  const group = session.Create_group('mpi://SELF');
  strictEqual(group.Get_size(), 1);
  strictEqual(group.Get_rank(), 0);
  const self = MPI.Intracomm.Create_from_group(group, 'org.mpi4js.test.self');
  strictEqual(self.Get_size(), 1);
  strictEqual(self.Get_rank(), 0);
  const out = new Int32Array(1);
  self.Allreduce(Int32Array.of(rank * 10 + 7), out, MPI.SUM);
  strictEqual(out[0], rank * 10 + 7);
  deepStrictEqual(self.allgather({ rank }), [{ rank }]);
  // Each process's SELF holds it alone: translated, this process's rank in comm.
  const g = self.Get_group();
  const cg = comm.Get_group();
  deepStrictEqual(g.Translate_ranks([0], cg), [rank]);
  // And comm's processes agree that each made its own (sizes all 1).
  deepStrictEqual(comm.allgather(self.size), new Array(size).fill(1));
  g.Free();
  cg.Free();
  self.Free();
  group.Free();
  session.Finalize();
});
