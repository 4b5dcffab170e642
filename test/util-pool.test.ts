// mpi4js/util pool (mpi4py.util.pool) on 1, 2 and 4 ranks in the static mode
// of `mpi4js futures app.js` (rank 0 runs the program, the other ranks are
// the pools' workers; on one rank the pools spawn theirs); and a pool never
// closed, which must not keep Node alive.
import * as path from 'node:path';

import { BUILD, GROUP_TIMEOUT, mpirun, node } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('Pool: apply, map, imap, starmap and their async forms, AsyncResult, terminate, close, join, Executor', () => {
    const r = mpirun('.build/test/programs/util/pool-app.js', np, {
      nodeArgs: [path.join(BUILD, 'dist/cli/index.js'), 'futures'],
      timeout: 180_000,
    });
    if (r.code !== 0 || !r.stdout.split('\n').includes(`util pool ok ${np}`)) {
      throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    }
  }, GROUP_TIMEOUT);
});

test('a Pool left open does not keep Node alive', () => {
  const r = node('.build/test/programs/util/pool-left-open.js', { env: { OMPI_MCA_rmaps_base_oversubscribe: '1' }, timeout: 60_000 });
  if (r.code !== 0 || !r.stdout.split('\n').includes('util pool left open 144 9')) throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}, GROUP_TIMEOUT);
