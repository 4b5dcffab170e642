// Error handlers of files (mpi4py's File.Create_errhandler, Get/Set/
// Call_errhandler): a handler made from a JavaScript function is called with a
// File of the file and the code, by Call_errhandler and inside a failing
// access (which then throws MPI.Exception with the code); another kind's
// handler is refused; ERRORS_ABORT where the library has it. Every rank, over
// the harness communicators.
import { ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, sharedTempPath, throwsLike } from './harness';

/** The addon id an object holds (internal: the same window, file or session). */
const id = (o: unknown): number => (o as { handle: number }).handle;
const [, major, minor] = /MPICH Version:\s*(\d+)\.(\d+)/.exec(MPI.Get_library_version()) ?? [];
/** ERRORS_ABORT usable: MPI-4.0, and MPICH from 4.1 (before, it fails an assertion; mpi4py skips it too). */
const hasAbort = major !== undefined && (Number(major) > 4 || (Number(major) === 4 && Number(minor) >= 1));

program(() => {
  const path = sharedTempPath('errh');
  const f = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE);
  strictEqual(f.Get_errhandler(), MPI.ERRORS_RETURN);
  const seen: [InstanceType<typeof MPI.File>, number][] = [];
  const handler = MPI.File.Create_errhandler((file, code) => {
    seen.push([file, code]);
  });
  f.Set_errhandler(handler);
  const current = f.Get_errhandler();
  ok(current instanceof MPI.Errhandler && current !== handler && current !== MPI.ERRORS_RETURN);
  current.Free();

  f.Call_errhandler(MPI.ERR_IO);
  strictEqual(seen.length, 1);
  ok(seen[0][0] instanceof MPI.File);
  strictEqual(id(seen[0][0]), id(f), 'the file MPI named');
  strictEqual(seen[0][1], MPI.ERR_IO);
  // The File handed over is usable (and closing stays with the caller's object).
  strictEqual(seen[0][0].Get_amode(), MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE);

  // A read of a write-only file fails in MPI: the handler runs inside it, then MPI.Exception (ERR_ACCESS).
  const error = throwsLike(() => f.Read_at(0, new Uint8Array(4)), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
  strictEqual(error.error_class, MPI.ERR_ACCESS);
  strictEqual(seen.length, 2, 'the handler ran inside the failing access');
  strictEqual(seen[1][1], error.error_code);
  strictEqual(id(seen[1][0]), id(f));

  handler.Free(); // MPI keeps it while the file uses it
  f.Call_errhandler(MPI.ERR_OTHER);
  strictEqual(seen.length, 3);

  // Closing the file from its own handler is refused (MPI is still inside the failing call on it).
  const refusals: unknown[] = [];
  const closing = MPI.File.Create_errhandler((file) => {
    try {
      file.Close();
    } catch (e) {
      refusals.push(e);
    }
  });
  f.Set_errhandler(closing);
  closing.Free();
  throwsLike(() => f.Read_at(0, new Uint8Array(4)), MPI.Exception, /./);
  strictEqual(refusals.length, 1);
  ok(refusals[0] instanceof MPI.Exception && refusals[0].error_class === MPI.ERR_OTHER && /^File\.Close: .*own error handler/.test(refusals[0].message), String(refusals[0]));
  strictEqual(f.Get_amode(), MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE, 'still open');

  f.Set_errhandler(MPI.ERRORS_RETURN);
  f.Call_errhandler(MPI.ERR_OTHER);
  strictEqual(seen.length, 3, 'ERRORS_RETURN: nothing runs');
  throwsLike(() => f.Read_at(0, new Uint8Array(4)), MPI.Exception, /./);
  strictEqual(seen.length, 3);

  const winHandler = MPI.Win.Create_errhandler(() => undefined);
  const refused = throwsLike(() => f.Set_errhandler(winHandler), MPI.Exception, /^File\.Set_errhandler: MPI_ERR_ARG: errhandler was made by Win\.Create_errhandler/) as InstanceType<typeof MPI.Exception>;
  strictEqual(refused.error_class, MPI.ERR_ARG);
  winHandler.Free();
  throwsLike(() => f.Call_errhandler(-2), MPI.Exception, /^File\.Call_errhandler: MPI_ERR_ARG: errorcode -2 is negative/);
  throwsLike(() => MPI.File.Create_errhandler('x' as never), TypeError, /^File\.Create_errhandler: errhandler_fn must be a function, got string/);
  if (hasAbort) {
    f.Set_errhandler(MPI.ERRORS_ABORT);
    strictEqual(f.Get_errhandler(), MPI.ERRORS_ABORT);
    f.Set_errhandler(MPI.ERRORS_RETURN);
  } else {
    throws(() => f.Set_errhandler(MPI.ERRORS_ABORT), { name: 'NotImplementedError', message: /^File\.Set_errhandler\(MPI\.ERRORS_ABORT\): not provided by / });
  }
  f.Close();
  throwsLike(() => f.Call_errhandler(MPI.ERR_OTHER), MPI.Exception, /^File\.Call_errhandler: .*FILE_NULL/);

});
