// Error handlers of windows (mpi4py's Win.Create_errhandler, Get/Set/
// Call_errhandler): a handler made from a JavaScript function is called with a
// Win of the window and the code, by Call_errhandler and inside a failing call
// (which then throws MPI.Exception with the code); Get_errhandler answers a new
// reference to it; a communicator's or file's handler is refused (MPI would
// call it with the wrong object); ERRORS_ABORT where the library has it.
import { ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, throwsLike } from './harness';

/** The addon id an object holds (internal: the same window, file or session). */
const id = (o: unknown): number => (o as { handle: number }).handle;
const [, major, minor] = /MPICH Version:\s*(\d+)\.(\d+)/.exec(MPI.Get_library_version()) ?? [];
/** ERRORS_ABORT usable: MPI-4.0, and MPICH from 4.1 (before, it fails an assertion; mpi4py skips it too). */
const hasAbort = major !== undefined && (Number(major) > 4 || (Number(major) === 4 && Number(minor) >= 1));

program(() => {
  const win = MPI.Win.Allocate(8, { comm });
  strictEqual(win.Get_errhandler(), MPI.ERRORS_RETURN);
  const seen: [unknown, number][] = [];
  const handler = MPI.Win.Create_errhandler((w, code) => {
    seen.push([w, code]);
  });
  ok(handler instanceof MPI.Errhandler);
  win.Set_errhandler(handler);
  const current = win.Get_errhandler();
  ok(current instanceof MPI.Errhandler && current !== handler && current !== MPI.ERRORS_RETURN, 'a new reference to the user handler');
  current.Free();

  // Call_errhandler runs it, with a Win of this window and the code; the call returns.
  win.Call_errhandler(MPI.ERR_OTHER);
  strictEqual(seen.length, 1);
  ok(seen[0][0] instanceof MPI.Win);
  strictEqual(id(seen[0][0]), id(win), 'the window MPI named');
  strictEqual(seen[0][1], MPI.ERR_OTHER);
  // The Win handed to the handler is usable: its group is the window's.
  const g = (seen[0][0] as InstanceType<typeof MPI.Win>).Get_group();
  strictEqual(g.Get_size(), comm.size);
  g.Free();

  // A failing call runs it too, then throws the code: an unlock of a window never locked.
  const error = throwsLike(() => win.Unlock(comm.rank), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
  strictEqual(seen.length, 2, 'the handler ran inside the failing call');
  strictEqual(seen[1][1], error.error_code);
  strictEqual(id(seen[1][0]), id(win));

  // Freeing the handler while the window uses it: MPI keeps it; it still runs.
  handler.Free();
  strictEqual(String(handler), 'MPI.Errhandler(ERRHANDLER_NULL)');
  win.Call_errhandler(MPI.ERR_ARG);
  strictEqual(seen.length, 3);
  strictEqual(seen[2][1], MPI.ERR_ARG);

  // Freeing the window from its own handler is refused (MPI is still inside the failing call on it).
  const refusals: unknown[] = [];
  const freeing = MPI.Win.Create_errhandler((w) => {
    try {
      w.Free();
    } catch (e) {
      refusals.push(e);
    }
  });
  win.Set_errhandler(freeing);
  freeing.Free();
  throwsLike(() => win.Unlock(comm.rank), MPI.Exception, /./);
  strictEqual(refusals.length, 1);
  ok(refusals[0] instanceof MPI.Exception && refusals[0].error_class === MPI.ERR_OTHER && /^Win\.Free: .*own error handler/.test(refusals[0].message), String(refusals[0]));
  win.Get_group().Free(); // still a window

  // Back to ERRORS_RETURN: nothing runs.
  win.Set_errhandler(MPI.ERRORS_RETURN);
  win.Call_errhandler(MPI.ERR_OTHER);
  strictEqual(seen.length, 3);
  win.Set_errhandler(MPI.ERRORS_ARE_FATAL);
  strictEqual(win.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
  win.Set_errhandler(MPI.ERRORS_RETURN);

  // Another kind's handler is refused naming the call (ERR_ARG), as are bad values.
  const commHandler = MPI.Comm.Create_errhandler(() => undefined);
  const refused = throwsLike(() => win.Set_errhandler(commHandler), MPI.Exception, /^Win\.Set_errhandler: MPI_ERR_ARG: errhandler was made by Comm\.Create_errhandler/) as InstanceType<typeof MPI.Exception>;
  strictEqual(refused.error_class, MPI.ERR_ARG);
  commHandler.Free();
  throwsLike(() => win.Set_errhandler(null as never), TypeError, /^Win\.Set_errhandler: errhandler must be an MPI\.Errhandler, got null/);
  throwsLike(() => win.Set_errhandler(MPI.ERRHANDLER_NULL), MPI.Exception, /^Win\.Set_errhandler: MPI_ERR_ARG: errhandler is MPI\.ERRHANDLER_NULL/);
  throwsLike(() => win.Call_errhandler(-1), MPI.Exception, /^Win\.Call_errhandler: MPI_ERR_ARG: errorcode -1 is negative/);
  throwsLike(() => win.Call_errhandler(1.5), TypeError, /^Win\.Call_errhandler: errorcode must be an integer/);
  throwsLike(() => MPI.Win.Create_errhandler(7 as never), TypeError, /^Win\.Create_errhandler: errhandler_fn must be a function, got number/);

  // ERRORS_ABORT: set and answered where the library has it (MPI-4.0, MPICH 4.1+); else NotImplementedError, as for communicators.
  if (hasAbort) {
    win.Set_errhandler(MPI.ERRORS_ABORT);
    strictEqual(win.Get_errhandler(), MPI.ERRORS_ABORT);
    win.Set_errhandler(MPI.ERRORS_RETURN);
  } else {
    throws(() => win.Set_errhandler(MPI.ERRORS_ABORT), { name: 'NotImplementedError', message: /^Win\.Set_errhandler\(MPI\.ERRORS_ABORT\): not provided by / });
  }
  win.Free();
  throwsLike(() => win.Get_errhandler(), MPI.Exception, /^Win\.Get_errhandler: .*WIN_NULL/);
  throwsLike(() => win.Call_errhandler(MPI.ERR_OTHER), MPI.Exception, /^Win\.Call_errhandler: .*WIN_NULL/);
});
