// Run as `mpirun -n N mpi4js futures static-names.js`: in static mode
// MPIPoolExecutor's workers are ranks 1…N-1 and get_comm_workers() in their
// tasks is those ranks (a communicator of N-1); ProcessPoolExecutor spawns
// workers of its own all the same, whose get_comm_workers() is their own
// world. On one rank, both spawn. Prints `futures static names ok <N>`.
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { get_comm_workers, MPIPoolExecutor, ProcessPoolExecutor } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');
const COMM_TASKS = path.join(__dirname, 'comm-tasks.js');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
type Sum = { size: number; rank: number; sum: number };

async function sums(executor: MPIPoolExecutor, W: number): Promise<void> {
  const out = await Promise.all(range(W).map((k) => executor.submit<Sum>(`${COMM_TASKS}#workersSum`, k + 1)));
  for (const s of out) deepStrictEqual([s.size, s.sum], [W, (W * (W + 1)) / 2]);
  deepStrictEqual(out.map((s) => s.rank).sort(), range(W));
}

async function main(): Promise<void> {
  const np = MPI.COMM_WORLD.size;
  let threw = false;
  try {
    get_comm_workers();
  } catch (e) {
    threw = /communicator is not accessible/.test((e as Error).message);
  }
  ok(threw, 'rank 0 runs the program: no worker');
  {
    await using executor = new MPIPoolExecutor({ max_workers: 2 });
    await executor.bootup();
    const W = np > 1 ? np - 1 : 2;
    strictEqual(executor.num_workers, W);
    await sums(executor, W);
  }
  {
    await using executor = new ProcessPoolExecutor({ max_workers: 2 });
    strictEqual(executor.num_workers, 0, 'not the shared pool: nothing before it spawns');
    await executor.bootup();
    strictEqual(executor.num_workers, 2);
    await sums(executor, 2);
    const pids = new Set((await Promise.all(range(4).map(() => executor.submit<{ pid: number }>(`${TASKS}#where`)))).map((w) => w.pid));
    notStrictEqual([...pids][0], process.pid);
    if (np > 1) {
      // Spawned, not the world's other ranks: the static workers' pids are others.
      await using shared = new MPIPoolExecutor();
      const staticPids = new Set((await Promise.all(range(2 * (np - 1)).map(() => shared.submit<{ pid: number }>(`${TASKS}#where`)))).map((w) => w.pid));
      for (const p of pids) ok(!staticPids.has(p), `pid ${p} is a spawned worker, not a rank of the world`);
    }
  }
  process.stdout.write(`futures static names ok ${np}\n`);
}

void main();
