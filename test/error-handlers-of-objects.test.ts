// Error handlers of windows, files and sessions from JavaScript functions
// (Win/File/Session.Create_errhandler, one path with the communicators'),
// MPI.Register_datarep, and files dropped unclosed (issue 13/14 leftovers),
// over the harness communicators on 1, 2 and 4 ranks. Sessions: test/sessions.test.ts.
import * as fs from 'node:fs';

import { expectEveryRankOk, GROUP_TIMEOUT, mpirun, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['Win.Create_errhandler, Get/Set/Call_errhandler, a failing window call runs the handler', 'window-error-handlers'],
  ['File.Create_errhandler, Get/Set/Call_errhandler, a failing access runs the handler', 'file-error-handlers'],
  ['MPI.Register_datarep: checked; registered where the library can (ROMIO), NotImplementedError on ompio', 'file-register-datarep'],
  ['MPI.FILE_NULL.Get/Set_errhandler: the default of files, inherited by files opened after, used by Open and Delete', 'file-null-default-errhandler'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

test.each([1, 2, 4])('files dropped unclosed on %i ranks: warned of once, closed before MPI_Finalize (deleted on close)', (np) => {
  const r = mpirun('dropped-files-are-closed-at-finalize', np, { nodeArgs: ['--expose-gc'], timeout: 90_000 });
  expectEveryRankOk(r, np);
  expect(r.stderr).toMatch(/\[MPI4JS_FILE_COLLECTED\] RuntimeWarning: collecting object with MPI_File handle \d+: the file was never closed/);
  const paths = [...r.stdout.matchAll(/^left open: (.*)$/gm)].map((m) => m[1]);
  expect(paths.length).toBeGreaterThanOrEqual(2);
  for (const p of paths) expect(fs.existsSync(p)).toBe(false);
});
