// MPI.Register_datarep (mpi4py's): the arguments are checked naming the call;
// on MPICH (ROMIO) a data representation without conversion functions
// registers, a second registration of the name is ERR_DUP_DATAREP, one with
// conversion functions is refused by the library (ERR_CONVERSION), and
// Set_view refuses the registered one (ERR_UNSUPPORTED_DATAREP): ROMIO uses
// none but its own. On Open MPI 4.1 (ompio), which supports none,
// NotImplementedError. mpi4js never calls the JavaScript functions.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, sharedTempPath, throwsLike } from './harness';

let registered = 0;
const never = (): never => {
  throw new Error('mpi4js must not call a data representation function');
};

program(() => {
  // A name per process and pass: registration is local, and lives as long as MPI.
  const name = `mpi4js-${process.pid}-${registered++}`;
  throwsLike(() => MPI.Register_datarep(5 as never, null, null, never), TypeError, /^Register_datarep: datarep must be a string/);
  throwsLike(() => MPI.Register_datarep('x'.repeat(MPI.MAX_DATAREP_STRING + 1), null, null, never), RangeError, /^Register_datarep: datarep must be at most MPI\.MAX_DATAREP_STRING/);
  throwsLike(() => MPI.Register_datarep('a\0b', null, null, never), RangeError, /^Register_datarep: datarep must be at most .* without NUL/);
  throwsLike(() => MPI.Register_datarep(name, 1 as never, null, never), TypeError, /^Register_datarep: read_fn must be a function or null, got 1$/);
  throwsLike(() => MPI.Register_datarep(name, null, 'w' as never, never), TypeError, /^Register_datarep: write_fn must be a function or null, got /);
  throwsLike(() => MPI.Register_datarep(name, null, null, null as never), TypeError, /^Register_datarep: extent_fn must be a function, got null/);

  if (process.env.MPI4JS_TEST_MPI !== 'MPICH') {
    throwsLike(() => MPI.Register_datarep(name, null, null, never), MPI.NotImplementedError, /^Register_datarep: Open MPI's MPI-IO \(ompio\) supports no user-defined data representations/);
    throwsLike(() => MPI.Register_datarep(name, never, never, never), MPI.NotImplementedError, /^Register_datarep: Open MPI's MPI-IO/);
    return;
  }
  MPI.Register_datarep(name, null, null, never);
  const dup = throwsLike(() => MPI.Register_datarep(name, null, null, never), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
  strictEqual(dup.error_class, MPI.ERR_DUP_DATAREP);
  const converting = throwsLike(() => MPI.Register_datarep(`${name}-c`, never, never, never), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
  strictEqual(converting.error_class, MPI.ERR_CONVERSION);
  // ROMIO's views take its own representations only.
  const f = MPI.File.Open(comm, sharedTempPath('datarep'), MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  const refused = throwsLike(() => f.Set_view(0, MPI.INT, MPI.INT, name), MPI.Exception, /./) as InstanceType<typeof MPI.Exception>;
  strictEqual(refused.error_class, MPI.ERR_UNSUPPORTED_DATAREP);
  // The file is as it was: native view, data written and read back.
  f.Write_at_all(4 * rank, new Int32Array([rank + 1]));
  const back = new Int32Array(1);
  f.Read_at_all(4 * rank, back);
  strictEqual(back[0], rank + 1);
  f.Close();
});
