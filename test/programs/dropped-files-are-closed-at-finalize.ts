// A File dropped unclosed (lib/file.ts): its collection is warned of once (a
// RuntimeWarning "collecting object with MPI_File handle …"), the file stays
// open (File.Close is collective: a finalizer never runs it), and every file
// left open is closed just before MPI_Finalize, in the order opened. The
// files are opened with MODE_DELETE_ON_CLOSE and their paths printed: the spec
// checks they are gone once the job ended. Run with node --expose-gc.
import { ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { collect, runtimeWarnings } from './collected';
import { comm, MPI, program, rank, sharedTempPath } from './harness';

const files = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { file: { live(): number } } }).native.file;
const warnings = runtimeWarnings();

program(async () => {
  const before = files.live();
  for (let i = 0; i < 2; i++) {
    const p = sharedTempPath(`dropped-${i}`);
    ((): void => {
      const f = MPI.File.Open(comm, p, MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
      f.Write_at_all(rank, new Uint8Array([rank + 1]));
      f.Iwrite_at(rank, new Uint8Array([rank + 1])); // pending at the drop: completed before the close
    })();
    if (rank === 0) process.stdout.write(`left open: ${p}\n`);
  }
  await collect();
  strictEqual(files.live(), before + 2, 'a dropped file is not closed by its finalizer');
  ok(warnings.some((w) => /^collecting object with MPI_File handle \d+: the file was never closed/.test(w)), `warned: ${JSON.stringify(warnings)}`);
  strictEqual(warnings.filter((w) => /MPI_File/.test(w)).length, 1, 'once per process');
  // A file closed explicitly is not closed again at Finalize, nor warned of.
  const kept = MPI.File.Open(comm, sharedTempPath('closed'), MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  kept.Close();
  await collect();
  strictEqual(files.live(), before + 2);
});
