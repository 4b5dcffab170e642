// MPI-4 sessions (issue 13 part 1): the process set mpi://WORLD of a session,
// made a communicator by Intracomm.Create_from_group, is the world: its size,
// this process's rank in it, an Allreduce over it, and the ranks the harness
// comm's processes have in it (their world ranks). Where the library is older
// than MPI-4.0 (Open MPI 4.1) each of these names throws NotImplementedError.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** The addon id behind a handle object (internal, so not in the typings). */
const idOf = (x: object): number => (x as { handle: number }).handle;

const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean } } } }).native.environment;

program(() => {
  // The MPICH route must not pass by being MPI-3.
  if (process.env.MPI4JS_TEST_MPI === 'MPICH') ok(features.mpi4, 'the MPICH build is MPI-4');
  if (!features.mpi4) {
    const library = MPI.Get_library_version().split(/[,\n]/)[0].trim();
    const group = comm.Get_group();
    for (const [name, f] of [
      ['Session.Init', () => MPI.Session.Init()],
      ['Intracomm.Create_from_group', () => MPI.Intracomm.Create_from_group(group)],
      ['Intracomm.Create_from_group', () => MPI.Intracomm.Create_from_group('not a group' as never, { stringtag: 'x' })],
      ['Session.Create_group', () => new MPI.Session().Create_group('mpi://WORLD')],
      ['Group.Create_from_session_pset', () => MPI.Group.Create_from_session_pset(new MPI.Session(), 'mpi://WORLD')],
    ] as const) {
      const e = throwsLike(f, MPI.NotImplementedError, new RegExp(`^${name.replace('.', '\\.')}: not provided by `));
      ok(e.message.includes(`not provided by ${library} (an MPI-4.0 routine)`), e.message);
      strictEqual(e.name, 'NotImplementedError');
    }
    group.Free();
    return;
  }
  const worldSize = MPI.COMM_WORLD.size; // COMM_WORLD itself: mpi://WORLD is the world, compared with it
  const worldRank = MPI.COMM_WORLD.rank; // COMM_WORLD itself: mpi://WORLD is the world, compared with it
  const session = MPI.Session.Init();
  ok(session instanceof MPI.Session);
  const info = session.Get_pset_info('mpi://WORLD');
  strictEqual(info.Get('mpi_size'), String(worldSize));
  info.Free();
  const group = session.Create_group('mpi://WORLD');
  strictEqual(group.Get_size(), worldSize);
  strictEqual(group.Get_rank(), worldRank);
  const same = MPI.Group.Create_from_session_pset(session, 'mpi://WORLD');
  strictEqual(same.Compare(group), MPI.IDENT);
  same.Free();

  const sc = MPI.Intracomm.Create_from_group(group, 'org.mpi4js.test.world');
  ok(sc instanceof MPI.Intracomm);
  strictEqual(sc.Get_size(), worldSize);
  strictEqual(sc.Get_rank(), worldRank);
  strictEqual(sc.Get_errhandler(), MPI.ERRORS_RETURN);
  // An Allreduce over it: every rank's value arrives.
  const sum = new Float64Array(2);
  sc.Allreduce(Float64Array.of(sc.rank, 1), sum, MPI.SUM);
  deepStrictEqual([...sum], [(worldSize * (worldSize - 1)) / 2, worldSize]);
  strictEqual(sc.allreduce(sc.rank + 1), (worldSize * (worldSize + 1)) / 2);
  // The harness comm's processes are where the session's world says: each one's
  // rank in sc is its rank in comm's group translated into sc's.
  const commGroup = comm.Get_group();
  const scGroup = sc.Get_group();
  const expected = commGroup.Translate_ranks(Array.from({ length: size }, (_, i) => i), scGroup);
  deepStrictEqual(comm.allgather(sc.rank), expected);
  strictEqual(expected[rank], sc.rank);
  // Point to point over it, in a ring.
  const right = (sc.rank + 1) % sc.size;
  const left = (sc.rank + sc.size - 1) % sc.size;
  strictEqual(sc.sendrecv(sc.rank, right, 3, left, 3), left);
  // Options in place of the trailing arguments; an errhandler given.
  const sc2 = MPI.Intracomm.Create_from_group(group, { stringtag: 'org.mpi4js.test.world2', info: MPI.INFO_NULL, errhandler: MPI.ERRORS_RETURN });
  strictEqual(sc2.size, worldSize);
  strictEqual(sc2.bcast(sc2.rank === 0 ? 'from 0' : undefined, 0), 'from 0');
  sc2.Free();
  commGroup.Free();
  scGroup.Free();
  sc.Free();
  group.Free();
  session.Finalize();
  strictEqual(idOf(session), idOf(MPI.SESSION_NULL));
});
