// ProcessPoolExecutor (always spawns its own workers) and get_comm_workers in
// spawned workers: every rank spawns a pool from COMM_SELF (2 workers where
// the machine's 2 cores allow, else 1); one task per worker runs an
// allreduce over get_comm_workers(), the children's COMM_WORLD. The same
// for MPIPoolExecutor's spawned workers.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { Executor, MPIPoolExecutor, ProcessPoolExecutor } from 'mpi4js/futures';
import { program, rank, size } from './harness';

const TASKS = path.join(__dirname, 'futures', 'tasks.js');
const COMM_TASKS = path.join(__dirname, 'futures', 'comm-tasks.js');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
type Sum = { size: number; rank: number; sum: number };

async function allreduceAmongWorkers(executor: MPIPoolExecutor, W: number): Promise<void> {
  await executor.bootup();
  strictEqual(executor.num_workers, W);
  const sums = await Promise.all(range(W).map((k) => executor.submit<Sum>(`${COMM_TASKS}#workersSum`, 10 * (k + 1))));
  for (const s of sums) deepStrictEqual([s.size, s.sum], [W, (10 * W * (W + 1)) / 2]);
  deepStrictEqual(sums.map((s) => s.rank).sort(), range(W), 'each worker ran one');
  // The initializer-free task sees the communicator too; the client does not.
  strictEqual(await executor.submit(`${COMM_TASKS}#commWorkers`), 'accessible');
}

program(async () => {
  const W = rank === 0 || size <= 2 ? 2 : 1;
  {
    await using executor = new ProcessPoolExecutor({ max_workers: W });
    ok(executor instanceof Executor && executor instanceof MPIPoolExecutor);
    strictEqual(executor.num_workers, 0, 'nothing spawned before the first task');
    await allreduceAmongWorkers(executor, W);
    const where = await executor.submit<{ pid: number }>(`${TASKS}#where`);
    ok(where.pid !== process.pid, 'a spawned process');
  }
  {
    await using executor = new MPIPoolExecutor({ max_workers: W });
    await allreduceAmongWorkers(executor, W);
  }
});
