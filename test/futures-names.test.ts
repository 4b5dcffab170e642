// The rest of mpi4py.futures' names under mpirun on 1, 2 and 4 ranks: wait,
// as_completed, Executor, get_comm_workers in each mode (MPICommExecutor over
// the harness communicators, spawned pools, static `mpi4js futures`),
// ProcessPoolExecutor (spawning even in static mode), ThreadPoolExecutor in a
// job; and ThreadPoolExecutor alone under plain node.
import * as path from 'node:path';

import { BUILD, GROUP_TIMEOUT, mpirun, node, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['MPICommExecutor: get_comm_workers (an allreduce among the workers), wait, as_completed, Executor; ThreadPoolExecutor on every rank', 'futures-names'],
  ['ProcessPoolExecutor and MPIPoolExecutor spawning: get_comm_workers is the workers\' world', 'futures-process-pool'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const checks = Object.fromEntries(PROGRAMS.map(([, p]) => [p, programGroup([p], np)]));
  test.each(PROGRAMS)('%s', (_, program) => checks[program](program), GROUP_TIMEOUT);

  test('mpi4js futures app.js: get_comm_workers is ranks 1…N-1; ProcessPoolExecutor spawns its own', () => {
    const r = mpirun('.build/test/programs/futures/static-names.js', np, {
      nodeArgs: [path.join(BUILD, 'dist/cli/index.js'), 'futures'],
      timeout: 120_000,
    });
    if (r.code !== 0 || !r.stdout.split('\n').includes(`futures static names ok ${np}`)) {
      throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
    }
  }, GROUP_TIMEOUT);
});

test('ThreadPoolExecutor under plain node: maps, errors, cancellation, initializer, dying threads, shutdown; a pool left open lets the process exit', () => {
  const r = node('.build/test/programs/futures/threads.js', { timeout: 90_000 });
  if (r.code !== 0 || !r.stdout.split('\n').includes('futures threads ok')) throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}, GROUP_TIMEOUT);
