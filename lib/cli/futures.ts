/**
 * `mpi4js futures app.js [args…]` under mpirun (mpi4py: `python -m
 * mpi4py.futures app.py`): rank 0 runs app.js, whose MPIPoolExecutors use the
 * other ranks as their workers instead of spawning; those ranks serve until
 * rank 0's event loop empties. On one rank, app.js runs alone and its
 * executors spawn their workers.
 */
import * as path from 'node:path';
import Module from 'node:module';

import { setSharedPool } from '../futures/executor';
import { Pool } from '../futures/pool';
import { serve } from '../futures/server';
import { asWorkers } from '../futures/workers';

/**
 * Runs the program as node runs its main module (process.argv[1]), CommonJS
 * or ES module: in it `require.main === module`, as mpi4py runs the script as
 * `__main__`, so a file that is both the program and its tasks' module (the
 * workers load it) can tell which it is.
 */
function run(): void {
  (Module as unknown as { runMain(): void }).runMain();
}

/** Whether mpirun keeps the job alive when a process dies (Open MPI: --enable-recovery). */
function recovery(): boolean {
  const v = process.env.OMPI_MCA_orte_enable_recovery ?? '';
  return ['1', 'true', 'yes', 'enabled'].includes(v.toLowerCase());
}

export async function futures(app: string, args: string[]): Promise<void> {
  const file = path.resolve(app);
  // The program sees its own name and arguments, as under `node app.js …`.
  process.argv = [process.argv[0], file, ...args];
  // Under --enable-recovery, MPI_Finalize skips its closing fence (lib/environment.ts beforeInit).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const MPI = require('../mpi') as typeof import('../mpi');
  const world = MPI.COMM_WORLD;
  if (world.size === 1) return run();
  // The executor's messages go over a communicator of their own, never matching the program's.
  const own = world.Dup();
  // The ranks other than 0, for get_comm_workers in their tasks (mpi4py's comm_split): rank 0 gets none.
  const workersComm = world.Split(world.rank === 0 ? MPI.UNDEFINED : 0, world.rank);
  if (world.rank !== 0) {
    await asWorkers(workersComm, () => serve(own, 0));
    workersComm.Free();
    own.Free();
    return;
  }
  const workers = Array.from({ length: world.size - 1 }, (_, i) => i + 1);
  const pool = new Pool(own, workers, () => own.Free());
  setSharedPool(pool);
  // Links every worker to this client before any task (lib/futures/liveness.ts), so that a worker killed
  // mid-task fails its task naming it where mpirun keeps the job alive (`mpirun --enable-recovery`); by
  // default Open MPI ends the whole job instead.
  void pool.initialize(null, 'default', [], null, null).then(() => {
    const away = pool.unwatched();
    if (away.length > 0 && recovery()) {
      const why = away.map((w) => `worker ${w}: ${pool.unlinked.get(w) ?? 'no link'}`).join('; ');
      process.stderr.write(
        `mpi4js futures: with --enable-recovery, the death of a worker with no liveness link goes unnoticed and its task ` +
          `would wait for ever (give map a timeout; let the workers reach rank 0 over TCP): ${why}\n`,
      );
    }
  }, () => undefined); // a failed communicator fails the tasks themselves, naming why
  process.once('beforeExit', () => {
    setSharedPool(undefined);
    void pool.stop();
  });
  run();
}
