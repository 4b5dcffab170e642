/**
 * What an executor needs of the pool its tasks go to: MPI workers
 * (lib/futures/pool.ts) or threads (lib/futures/threads.ts). mpi4py's
 * executors likewise take their pool from `_make_pool`.
 */
import type { Item } from './pool';

export interface TaskPool {
  /** The workers alive. */
  readonly size: number;
  /** A new task id (for replies' matching). */
  id(): number;
  /** Queues a task; it starts when a worker is free. */
  push(item: Item): void;
  /** Runs the initializer (and sets env and path) on every worker before any task; a failure breaks the pool. */
  initialize(filename: string | null, name: string, args: unknown[], env: Record<string, string> | null, paths: string[] | null): Promise<void>;
  /** After every task: ends the workers. */
  stop(): Promise<void>;
}
