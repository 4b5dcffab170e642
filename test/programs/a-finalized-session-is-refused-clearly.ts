// MPI-4 sessions (issue 13 part 1): after Finalize a session is the null
// handle, and every call on it is MPI.Exception ERR_SESSION naming the call
// (never a crash in MPI); another object of the same handle, made before,
// is refused too (its id is stale). Finalizing twice is refused alike. The
// MPI-4.1 buffer calls are NotImplementedError before MPI-4.1. Where the
// library is older than MPI-4.0 (Open MPI 4.1), NotImplementedError throughout.
import { ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, throwsLike } from './harness';

/** The addon id behind a handle object (internal, so not in the typings). */
const idOf = (x: object): number => (x as { handle: number }).handle;

const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean; mpi41: boolean } } } }).native.environment;

program(() => {
  if (process.env.MPI4JS_TEST_MPI === 'MPICH') ok(features.mpi4, 'the MPICH build is MPI-4');
  const nul = new MPI.Session();
  // MPI-4.1's buffer calls: NotImplementedError on any library before 4.1, whatever the session.
  if (!features.mpi41) {
    for (const [name, f] of [
      ['Session.Attach_buffer', () => nul.Attach_buffer(new Uint8Array(64))],
      ['Session.Detach_buffer', () => nul.Detach_buffer()],
      ['Session.Flush_buffer', () => nul.Flush_buffer()],
      ['Session.Iflush_buffer', () => nul.Iflush_buffer()],
    ] as const) {
      throwsLike(f, MPI.NotImplementedError, new RegExp(`^${name.replace('.', '\\.')}: not provided by .* \\(an MPI-4\\.1 routine\\)$`));
    }
  }
  if (!features.mpi4) {
    strictEqual(MPI.ERR_SESSION, MPI.ERR_LASTCODE); // mpi4py's stand-in
    strictEqual(MPI.MAX_PSET_NAME_LEN, 1);
    for (const [name, f] of [
      ['Session.Init', () => MPI.Session.Init({ info: MPI.INFO_NULL })],
      ['Session.Get_errhandler', () => nul.Get_errhandler()],
      ['Session.Set_errhandler', () => nul.Set_errhandler(MPI.ERRORS_RETURN)],
      ['Session.Call_errhandler', () => nul.Call_errhandler(MPI.ERR_OTHER)],
      ['Session.Create_errhandler', () => MPI.Session.Create_errhandler(() => undefined)],
    ] as const) {
      throwsLike(f, MPI.NotImplementedError, new RegExp(`^${name.replace('.', '\\.')}: not provided by .* \\(an MPI-4\\.0 routine\\)$`));
    }
    return;
  }
  ok(MPI.MAX_PSET_NAME_LEN > 1);
  const session = MPI.Session.Init();
  const copy = new MPI.Session(session);
  session.Finalize();
  strictEqual(idOf(session), idOf(MPI.SESSION_NULL));
  const calls: [string, () => unknown][] = [
    ['Session.Finalize', () => session.Finalize()],
    ['Session.Get_num_psets', () => session.Get_num_psets()],
    ['Session.Get_nth_pset', () => session.Get_nth_pset(0)],
    ['Session.Get_info', () => session.Get_info()],
    ['Session.info', () => session.info],
    ['Session.Get_pset_info', () => session.Get_pset_info('mpi://WORLD')],
    ['Session.Create_group', () => session.Create_group('mpi://WORLD')],
    ['Group.Create_from_session_pset', () => MPI.Group.Create_from_session_pset(session, 'mpi://SELF')],
    ['Session.Get_errhandler', () => session.Get_errhandler()],
    ['Session.Set_errhandler', () => session.Set_errhandler(MPI.ERRORS_RETURN)],
    ['Session.Call_errhandler', () => session.Call_errhandler(MPI.ERR_OTHER)],
  ];
  for (const [name, f] of calls) {
    const e = throwsLike(f, MPI.Exception, new RegExp(`^${name.replace('.', '\\.')}: MPI_ERR_SESSION: the session is MPI\\.SESSION_NULL \\(or a finalized session\\)`)) as InstanceType<typeof MPI.Exception>;
    strictEqual(e.error_class, MPI.ERR_SESSION);
  }
  // The other object still holds the old id: stale, refused by the addon's table, not passed to MPI.
  for (const f of [() => copy.Get_num_psets(), () => copy.Create_group('mpi://SELF'), () => copy.Finalize()]) {
    const e = throwsLike(f, MPI.Exception, /^MPI_Session_\w+|^MPI_Group_from_session_pset/) as InstanceType<typeof MPI.Exception>;
    strictEqual(e.error_class, MPI.ERR_SESSION);
  }
  // A new session after one ended works (and each process of comm has its own).
  const next = MPI.Session.Init();
  ok(next.Get_num_psets() >= 2);
  strictEqual(comm.allreduce(1), comm.size);
  next.Finalize();
});
