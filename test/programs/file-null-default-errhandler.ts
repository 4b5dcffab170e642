// MPI.FILE_NULL's error handler (mpi4py's `MPI.FILE_NULL.Set_errhandler(...)`
// idiom): Get/Set_errhandler on FILE_NULL (or a closed File, which is
// FILE_NULL) read and change it; File.Open and File.Delete report their errors
// through it. A file opened afterwards reports through ERRORS_RETURN, as
// mpi4py sets on every file it opens (MPI alone would pass FILE_NULL's on). Restored to ERRORS_RETURN at the end (and on a failure), so the
// other programs of a launch see MPI's default. Every rank, over the harness
// communicators.
import { ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, sharedTempPath, throwsLike } from './harness';

type File = InstanceType<typeof MPI.File>;

/** The addon id an object holds (internal: the same file). */
const id = (o: unknown): number => (o as { handle: number }).handle;

program(() => {
  strictEqual(MPI.FILE_NULL.Get_errhandler(), MPI.ERRORS_RETURN, "MPI's default of files");
  try {
    // A predefined handler on FILE_NULL: the next file opened reports through ERRORS_RETURN all the same.
    MPI.FILE_NULL.Set_errhandler(MPI.ERRORS_ARE_FATAL);
    strictEqual(MPI.FILE_NULL.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
    strictEqual(new MPI.File().Get_errhandler(), MPI.ERRORS_ARE_FATAL, 'every null File is FILE_NULL');
    const fatal = MPI.File.Open(comm, sharedTempPath('fnull-fatal'), MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE);
    strictEqual(fatal.Get_errhandler(), MPI.ERRORS_RETURN, "mpi4py's: a new file's errors are exceptions");
    throwsLike(() => fatal.Read_at(0, new Uint8Array(4)), MPI.Exception, /./); // not fatal: the rank lives on
    strictEqual(MPI.FILE_NULL.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
    fatal.Close();

    // A user handler on FILE_NULL: it runs for a failing Open and Delete (with FILE_NULL), then the call throws.
    const seen: [File, number][] = [];
    const handler = MPI.File.Create_errhandler((file, code) => {
      seen.push([file, code]);
    });
    MPI.FILE_NULL.Set_errhandler(handler);
    handler.Free(); // MPI keeps it while FILE_NULL uses it
    const got = MPI.FILE_NULL.Get_errhandler();
    ok(got instanceof MPI.Errhandler && got !== MPI.ERRORS_RETURN && got !== MPI.ERRORS_ARE_FATAL, String(got));
    got.Free();

    const missing = `${sharedTempPath('fnull-missing')}-none`;
    const openError = throwsLike(() => MPI.File.Open(comm, missing, MPI.MODE_RDONLY), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
    strictEqual(seen.length, 1, 'the handler ran inside the failing File.Open');
    strictEqual(String(seen[0][0]), 'MPI.FILE_NULL');
    strictEqual(seen[0][1], openError.error_code);
    const deleteError = throwsLike(() => MPI.File.Delete(missing), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
    strictEqual(deleteError.error_class, MPI.ERR_NO_SUCH_FILE);
    strictEqual(seen.length, 2, 'the handler ran inside the failing File.Delete');
    strictEqual(String(seen[1][0]), 'MPI.FILE_NULL');
    strictEqual(seen[1][1], deleteError.error_code);

    // A file opened now reports through ERRORS_RETURN; given FILE_NULL's user handler, a failing access runs it with that file.
    const f = MPI.File.Open(comm, sharedTempPath('fnull-user'), MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE);
    strictEqual(f.Get_errhandler(), MPI.ERRORS_RETURN);
    throwsLike(() => f.Read_at(0, new Uint8Array(4)), MPI.Exception, /./);
    strictEqual(seen.length, 2, 'ERRORS_RETURN ran no handler');
    const user = MPI.FILE_NULL.Get_errhandler();
    f.Set_errhandler(user);
    user.Free();
    const readError = throwsLike(() => f.Read_at(0, new Uint8Array(4)), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
    strictEqual(readError.error_class, MPI.ERR_ACCESS);
    strictEqual(seen.length, 3, 'the inherited handler ran inside the failing access');
    strictEqual(id(seen[2][0]), id(f), 'with the file MPI named');
    strictEqual(seen[2][1], readError.error_code);
    f.Call_errhandler(MPI.ERR_IO);
    strictEqual(seen.length, 4);
    f.Close();
    // A closed File is FILE_NULL: its Get_errhandler is the default's (the user handler still).
    const again = f.Get_errhandler();
    ok(again !== MPI.ERRORS_RETURN && again !== MPI.ERRORS_ARE_FATAL);
    again.Free();

    // Refusals stay: another kind's handler (ERR_ARG), Call_errhandler on FILE_NULL (ERR_FILE, as Open MPI says).
    const winHandler = MPI.Win.Create_errhandler(() => undefined);
    const refused = throwsLike(() => MPI.FILE_NULL.Set_errhandler(winHandler), MPI.Exception, /^File\.Set_errhandler: MPI_ERR_ARG: errhandler was made by Win\.Create_errhandler/) as InstanceType<typeof MPI.Exception>;
    strictEqual(refused.error_class, MPI.ERR_ARG);
    winHandler.Free();
    throwsLike(() => MPI.FILE_NULL.Set_errhandler(MPI.ERRHANDLER_NULL), MPI.Exception, /^File\.Set_errhandler: MPI_ERR_ARG: errhandler is MPI\.ERRHANDLER_NULL/);
    throwsLike(() => MPI.FILE_NULL.Set_errhandler('x' as never), TypeError, /^File\.Set_errhandler: errhandler must be an MPI\.Errhandler, got string/);
    throwsLike(() => MPI.FILE_NULL.Call_errhandler(MPI.ERR_OTHER), MPI.Exception, /^File\.Call_errhandler: .*FILE_NULL/);
    strictEqual(seen.length, 4, 'no refusal ran the handler');
  } finally {
    MPI.FILE_NULL.Set_errhandler(MPI.ERRORS_RETURN);
  }

  // Restored: MPI's default again, for FILE_NULL and the files opened next.
  strictEqual(MPI.FILE_NULL.Get_errhandler(), MPI.ERRORS_RETURN);
  const g = MPI.File.Open(comm, sharedTempPath('fnull-restored'), MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_DELETE_ON_CLOSE);
  strictEqual(g.Get_errhandler(), MPI.ERRORS_RETURN);
  throwsLike(() => g.Read_at(0, new Uint8Array(4)), MPI.Exception, /./);
  g.Close();
});
