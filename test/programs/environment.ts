// The module-level calls: initialised at load with the thread level asked for,
// versions, processor name, timers, constants.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';

import { MPI, program } from './harness';
// The addon itself, for what only it can tell.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { native, addonPath } = require('../../../dist/native') as { native: { environment: { libmpiIsGlobal(): boolean } }; addonPath: string };

// What mpi.h says, for the MPI the tests run against (test/mpirun.ts passes it on).
const expected = {
  'Open MPI': { version: [3, 1], ANY_SOURCE: -1, PROC_NULL: -2, ERR_TRUNCATE: 15 },
  MPICH: { version: [4, 0], ANY_SOURCE: -2, PROC_NULL: -1, ERR_TRUNCATE: 14 },
}[process.env.MPI4JS_TEST_MPI ?? 'Open MPI'];

program(() => {
  ok(MPI.Is_initialized());
  ok(!MPI.Is_finalized());
  const level = { single: MPI.THREAD_SINGLE, funneled: MPI.THREAD_FUNNELED, serialized: MPI.THREAD_SERIALIZED, multiple: MPI.THREAD_MULTIPLE }[MPI.rc.thread_level];
  strictEqual(MPI.Query_thread(), level);
  ok(MPI.Is_thread_main());
  ok(expected, `unknown MPI4JS_TEST_MPI=${process.env.MPI4JS_TEST_MPI}`);
  // The build under test is the one loaded, against the MPI it was meant for.
  const build = path.join(process.env.MPI4JS_TEST_BUILD ?? '', 'build') + path.sep;
  ok(addonPath.startsWith(build), `${addonPath} is not in ${build}`);
  const vendor = process.env.MPI4JS_TEST_MPI ?? 'Open MPI';
  ok(MPI.Get_library_version().startsWith(vendor));
  strictEqual(MPI.get_vendor()[0], vendor);
  deepStrictEqual(MPI.Get_version(), expected.version);
  strictEqual(MPI.Get_processor_name(), os.hostname());
  const t0 = MPI.Wtime();
  ok(MPI.Wtime() >= t0);
  ok(MPI.Wtick() > 0 && MPI.Wtick() < 1);
  strictEqual(MPI.ANY_SOURCE, expected.ANY_SOURCE);
  strictEqual(MPI.PROC_NULL, expected.PROC_NULL);
  strictEqual(MPI.ERR_TRUNCATE, expected.ERR_TRUNCATE);
  strictEqual(MPI.Get_error_class(MPI.ERR_RANK), MPI.ERR_RANK);
  ok(/invalid rank/i.test(MPI.Get_error_string(MPI.ERR_RANK)));
  strictEqual(MPI.DOUBLE.Get_size(), 8);
  deepStrictEqual(MPI.INT.Create_vector(2, 1, 2).Commit().Get_extent(), [0, 12]);
  // libmpi was re-opened RTLD_GLOBAL, where Open MPI's components look for its symbols.
  ok(native.environment.libmpiIsGlobal());
  ok(MPI.COMM_WORLD.allreduce(1) === MPI.COMM_WORLD.size);
});
