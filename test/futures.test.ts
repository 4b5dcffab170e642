// mpi4js/futures under mpirun on 1, 2 and 4 ranks: MPICommExecutor over the
// harness communicators, spawned MPIPoolExecutor pools, and the static mode of
// `mpi4js futures app.js` (rank 0 runs the program, the other ranks serve);
// and workers that die mid-task.
import * as path from 'node:path';

import { BUILD, GROUP_TIMEOUT, mpirun, node, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['MPICommExecutor: maps of 10,000 tasks, errors, cancellation, timeouts, shutdown with pending tasks', 'futures-comm-executor'],
  ['MPIPoolExecutor with spawned workers: initializer, env, path, maps, errors, a broken pool', 'futures-pool-executor'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  // One launch per program: they run over different communicators (test/mpirun.ts, WORLD_ONLY).
  const checks = Object.fromEntries(PROGRAMS.map(([, p]) => [p, programGroup([p], np)]));
  test.each(PROGRAMS)('%s', (_, program) => checks[program](program), GROUP_TIMEOUT);

  test('mpi4js futures app.js: rank 0 runs it, the other ranks are its workers', () => {
    const r = mpirun('.build/test/programs/futures/static-app.js', np, {
      nodeArgs: [path.join(BUILD, 'dist/cli/index.js'), 'futures'],
      args: ['--flag', 'value'],
      timeout: 120_000,
    });
    if (r.code !== 0 || !r.stdout.split('\n').includes(`futures static ok ${np}`)) {
      throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    }
  }, GROUP_TIMEOUT);
});

// A singleton (plain node): under mpirun a killed worker ends the whole job, which is no hang but leaves nothing to check.
test('workers killed or exiting mid-task fail their own tasks, naming them; nothing hangs', () => {
  const r = node('.build/test/programs/futures/dying-workers.js', { env: { OMPI_MCA_rmaps_base_oversubscribe: '1' }, timeout: 60_000 });
  if (r.code !== 0 || !r.stdout.split('\n').includes('futures dying ok')) throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}, GROUP_TIMEOUT);
