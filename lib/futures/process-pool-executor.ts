/**
 * mpi4py.futures' ProcessPoolExecutor: an MPIPoolExecutor that always
 * spawns workers of its own (mpi4py's SpawnPool), even under `mpi4js futures
 * app.js`, where MPIPoolExecutor takes the world's other ranks.
 */
import { MPIPoolExecutor } from './executor';
import type { Pool } from './pool';
import type { TaskPool } from './task-pool';

/** mpi4py: `mpi4py.futures.ProcessPoolExecutor(max_workers=None, initializer=None, initargs=(), **kwargs)`. */
export class ProcessPoolExecutor extends MPIPoolExecutor {
  protected override makePool(): Pool {
    return this.spawn();
  }

  protected override sharedPool(): TaskPool | undefined {
    return undefined;
  }
}
