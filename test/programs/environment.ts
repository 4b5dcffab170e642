// The module-level calls: initialised at load with the thread level asked for,
// versions, processor name, timers, constants.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as os from 'node:os';

import { MPI, program } from './harness';
// The addon itself, for what only it can tell.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { native } = require('../../../dist/native') as { native: { environment: { libmpiIsGlobal(): boolean } } };

program(() => {
  ok(MPI.Is_initialized());
  ok(!MPI.Is_finalized());
  const level = { single: MPI.THREAD_SINGLE, funneled: MPI.THREAD_FUNNELED, serialized: MPI.THREAD_SERIALIZED, multiple: MPI.THREAD_MULTIPLE }[MPI.rc.thread_level];
  strictEqual(MPI.Query_thread(), level);
  ok(MPI.Is_thread_main());
  deepStrictEqual(MPI.Get_version(), [3, 1]);
  ok(MPI.Get_library_version().startsWith('Open MPI'));
  strictEqual(MPI.get_vendor()[0], 'Open MPI');
  strictEqual(MPI.Get_processor_name(), os.hostname());
  const t0 = MPI.Wtime();
  ok(MPI.Wtime() >= t0);
  ok(MPI.Wtick() > 0 && MPI.Wtick() < 1);
  strictEqual(MPI.ANY_SOURCE, -1);
  strictEqual(MPI.PROC_NULL, -2);
  strictEqual(MPI.ERR_TRUNCATE, 15);
  strictEqual(MPI.Get_error_class(MPI.ERR_RANK), MPI.ERR_RANK);
  ok(MPI.Get_error_string(MPI.ERR_RANK).includes('invalid rank'));
  strictEqual(MPI.DOUBLE.Get_size(), 8);
  deepStrictEqual(MPI.INT.Create_vector(2, 1, 2).Commit().Get_extent(), [0, 12]);
  // libmpi was re-opened RTLD_GLOBAL, where Open MPI's components look for its symbols.
  ok(native.environment.libmpiIsGlobal());
  ok(MPI.COMM_WORLD.allreduce(1) === MPI.COMM_WORLD.size);
});
