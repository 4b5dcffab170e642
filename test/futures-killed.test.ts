// A worker killed mid-task (SIGKILL: no handler of its own runs) under
// `mpirun -n N mpi4js futures app.js`. Open MPI 4.1 ends the whole job by
// default; with `--enable-recovery` (OMPI_MCA_orte_enable_recovery=1) it
// keeps it alive, and the pool fails that worker's task with BrokenExecutor
// naming it while the others go on. (Spawned workers: test/futures.test.ts.)
import * as path from 'node:path';

import { BUILD, GROUP_TIMEOUT, mpirun } from './mpirun';

const CLI = [path.join(BUILD, 'dist/cli/index.js'), 'futures'];
const APP = '.build/test/programs/futures/killed-static.js';
const openMPI = (process.env.MPI4JS_TEST_MPI ?? 'Open MPI') === 'Open MPI';
const describeOpenMPI = openMPI ? describe : describe.skip;
if (!openMPI) test.skip('Open MPI only: --enable-recovery is an Open MPI (ORTE) option', () => undefined);

describeOpenMPI('with --enable-recovery', () => {
  test.each([1, 2, 4])('on %i ranks: the killed worker\'s task fails naming it, the others go on, the job ends well', (np) => {
    const r = mpirun(APP, np, { nodeArgs: CLI, env: { OMPI_MCA_orte_enable_recovery: '1', OMPI_MCA_rmaps_base_oversubscribe: '1' }, timeout: 120_000 });
    if (r.code !== 0 || !r.stdout.split('\n').includes(`futures killed ok ${np}`)) throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }, GROUP_TIMEOUT);
});

describeOpenMPI("Open MPI's default", () => {
  test('on 4 ranks: the job ends at once, mpirun naming the killed rank; nothing hangs', () => {
    const r = mpirun(APP, 4, { nodeArgs: CLI, timeout: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull(); // null: the timeout killed it
    expect(r.seconds).toBeLessThan(50);
    expect(r.stdout).not.toContain('futures killed ok');
    expect(r.stderr).toMatch(/mpirun noticed that process rank [123] with PID \d+ on node \S+ exited on signal 9 \(Killed\)/);
  }, GROUP_TIMEOUT);
});
