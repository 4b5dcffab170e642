// MPI-4 sessions (issue 13 part 1): a session's error handler is
// MPI.ERRORS_RETURN unless Init is given another; Set_errhandler takes the
// predefined ones (a user-defined handler is a communicator's: refused), and
// Call_errhandler with ERRORS_RETURN returns. Bad handlers are refused naming
// the call. Where the library is older than MPI-4.0 (Open MPI 4.1),
// NotImplementedError.
import { ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, throwsLike } from './harness';

const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean } } } }).native.environment;

program(() => {
  if (process.env.MPI4JS_TEST_MPI === 'MPICH') ok(features.mpi4, 'the MPICH build is MPI-4');
  if (!features.mpi4) {
    throwsLike(() => MPI.Session.Init(MPI.INFO_NULL, MPI.ERRORS_ARE_FATAL), MPI.NotImplementedError, /^Session\.Init: not provided by .* \(an MPI-4\.0 routine\)$/);
    throwsLike(() => MPI.Session.Create_errhandler(() => undefined), MPI.NotImplementedError, /^Session\.Create_errhandler: not provided by /);
    return;
  }
  const session = MPI.Session.Init();
  strictEqual(session.Get_errhandler(), MPI.ERRORS_RETURN);
  // ERRORS_RETURN: the handler returns, and so does the call.
  session.Call_errhandler(MPI.ERR_OTHER);
  session.Set_errhandler(MPI.ERRORS_ARE_FATAL);
  strictEqual(session.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
  session.Set_errhandler(MPI.ERRORS_RETURN);
  strictEqual(session.Get_errhandler(), MPI.ERRORS_RETURN);
  throwsLike(() => session.Call_errhandler(-1), MPI.Exception, /^Session\.Call_errhandler: MPI_ERR_ARG: errorcode -1 is negative/);
  throwsLike(() => session.Set_errhandler(MPI.ERRHANDLER_NULL), MPI.Exception, /^Session\.Set_errhandler: MPI_ERR_ARG: errhandler is MPI\.ERRHANDLER_NULL/);
  throwsLike(() => session.Set_errhandler('fatal' as never), TypeError, /^Session\.Set_errhandler: errhandler must be an MPI\.Errhandler, got string$/);
  const user = MPI.Comm.Create_errhandler(() => undefined);
  throwsLike(() => session.Set_errhandler(user), MPI.Exception, /^Session\.Set_errhandler: MPI_ERR_ARG: errhandler must be a predefined one/);
  throwsLike(() => MPI.Session.Init(MPI.INFO_NULL, user), MPI.Exception, /^Session\.Init: MPI_ERR_ARG: errhandler must be a predefined one/);
  user.Free();
  throwsLike(() => MPI.Session.Create_errhandler(() => undefined), MPI.NotImplementedError, /^Session\.Create_errhandler: user-defined session error handlers are not implemented by mpi4js yet$/);
  session.Finalize();
  // A session made with ERRORS_ARE_FATAL says so.
  const fatal = MPI.Session.Init(MPI.INFO_NULL, MPI.ERRORS_ARE_FATAL);
  strictEqual(fatal.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
  fatal.Finalize();
});
