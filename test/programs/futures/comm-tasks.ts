// Tasks that reach the pool's other workers through get_comm_workers (mpi4py's
// docs show the same: tasks that run a collective among the workers).
import { get_comm_workers } from 'mpi4js/futures';

/** This worker's place among the workers and the sum of x over all of them (an allreduce: every worker must run one). */
export function workersSum(x: number): { size: number; rank: number; sum: number } {
  const comm = get_comm_workers();
  return { size: comm.size, rank: comm.rank, sum: comm.allreduce(x) as number };
}

/** The same after an await: the communicator follows the task across it. */
export async function workersSumLater(x: number): Promise<{ size: number; rank: number; sum: number }> {
  await new Promise((r) => setTimeout(r, 5));
  return workersSum(x);
}

/** What get_comm_workers says where this runs: 'accessible', or its error's name and message. */
export function commWorkers(): string {
  try {
    get_comm_workers();
    return 'accessible';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}
