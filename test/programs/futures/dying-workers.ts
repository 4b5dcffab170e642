// Run with plain node (a singleton, OMPI_MCA_rmaps_base_oversubscribe=1): under
// mpirun a killed process ends the whole job, which is no hang but leaves
// nothing to check. Workers that die mid-task fail their own task with
// BrokenExecutor naming them, the others go on, and with none left every task
// fails; nothing hangs and the program exits. Prints `futures dying ok`.
import { ok, rejects, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { BrokenExecutor, MPIPoolExecutor } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');

async function main(): Promise<void> {
  const executor = new MPIPoolExecutor({ max_workers: 3 });
  await executor.bootup();
  strictEqual(executor.num_workers, 3);
  // SIGKILL: no exit handler runs; the client sees the process gone.
  await rejects(executor.submit(`${TASKS}#kill`), (e: Error) => e instanceof BrokenExecutor && /^worker \d \(pid \d+\) is gone \(killed\?\) on /.test(e.message));
  strictEqual(executor.num_workers, 2);
  strictEqual(await executor.submit(`${TASKS}#square`, 7), 49, 'the other workers go on');
  // process.exit in a task: the worker says so as it exits.
  await rejects(executor.submit(`${TASKS}#exit`, 0), (e: Error) => e instanceof BrokenExecutor && /^worker \d \(pid \d+\) exited with code 0 while running this task on /.test(e.message));
  strictEqual(executor.num_workers, 1);
  const squares = [];
  for await (const y of executor.map<number>(`${TASKS}#square`, [1, 2, 3])) squares.push(y);
  strictEqual(squares.join(), '1,4,9');
  await rejects(executor.submit(`${TASKS}#exit`, 0), BrokenExecutor);
  await rejects(executor.submit(`${TASKS}#square`, 1), (e: Error) => e instanceof BrokenExecutor && /every worker exited/.test(e.message));
  ok(executor.num_workers === 0);
  await executor.shutdown();
  process.stdout.write('futures dying ok\n');
}

void main();
