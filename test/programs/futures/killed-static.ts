// Run as `mpirun --enable-recovery -n N mpi4js futures killed-static.js`
// (or OMPI_MCA_orte_enable_recovery=1): Open MPI then keeps the job alive when
// a worker is killed, and the pool fails that worker's task with
// BrokenExecutor naming it while the other workers go on. On one rank the
// executor spawns its workers. Prints `futures killed ok <N>`.
import { ok, rejects, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { BrokenExecutor, MPIPoolExecutor } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function main(): Promise<void> {
  const np = MPI.COMM_WORLD.size; // COMM_WORLD itself: static mode's workers are the world's other ranks
  // An initializer at once: in static mode it follows the command's own first message to the workers.
  const executor = new MPIPoolExecutor({ max_workers: 3, initializer: `${TASKS}#init`, initargs: ['ready'] });
  await executor.bootup();
  const workers = executor.num_workers;
  strictEqual(workers, np > 1 ? np - 1 : 3);
  const inits = await collect(executor.map(`${TASKS}#initializedWith`, Array.from({ length: 4 * workers }, () => [])));
  ok(inits.every((v) => v === 'ready'), `every worker ran the initializer: ${inits}`);
  // Every worker busy with a slow task, one of them killed meanwhile: only its task fails.
  const slow = Array.from({ length: workers - 1 }, (_, i) => executor.submit(`${TASKS}#sleep`, 1500, i));
  await rejects(executor.submit(`${TASKS}#kill`), (e: Error) => e instanceof BrokenExecutor && /^worker \d+ \(pid \d+\) is gone \(killed\?\) on /.test(e.message));
  for (let i = 0; i < slow.length; i++) strictEqual(await slow[i].result(), i, 'the other workers go on');
  strictEqual(executor.num_workers, workers - 1);
  if (workers > 1) {
    const squares = await collect(executor.map<number>(`${TASKS}#square`, [1, 2, 3, 4, 5, 6]));
    strictEqual(squares.join(), '1,4,9,16,25,36');
  } else {
    await rejects(executor.submit(`${TASKS}#square`, 2), (e: Error) => e instanceof BrokenExecutor && /every worker exited/.test(e.message));
  }
  ok(executor.num_workers === workers - 1);
  await executor.shutdown();
  process.stdout.write(`futures killed ok ${np}\n`);
}

void main();
