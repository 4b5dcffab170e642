// Run as `mpirun -n N mpi4js futures static-app.js --flag value` (mpi4py's
// `python -m mpi4py.futures`): on rank 0 only, with ranks 1…N-1 serving as the
// workers of every MPIPoolExecutor it makes (on one rank, the executor spawns
// its own). Prints `futures static ok <N>` when every check passed.
import { deepStrictEqual, notStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { MPIPoolExecutor } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');
const N = 10_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function main(): Promise<void> {
  const world = MPI.COMM_WORLD;
  strictEqual(world.rank, 0, 'only rank 0 runs the program');
  deepStrictEqual(process.argv.slice(2), ['--flag', 'value']);
  strictEqual(process.argv[1], __filename);
  const np = world.size;
  const expected = np > 1 ? np - 1 : 1;
  {
    await using executor = new MPIPoolExecutor({ max_workers: 1 });
    strictEqual(executor.num_workers, np > 1 ? np - 1 : 0, 'static mode: the other ranks, whatever max_workers says');
    await executor.bootup();
    strictEqual(executor.num_workers, expected);
    deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(N))), range(N).map((x) => x * x));
    const un = await collect(executor.map<number>(`${TASKS}#square`, range(N), { unordered: true }));
    deepStrictEqual(un.sort((a, b) => a - b), range(N).map((x) => x * x));
    const pids = new Set((await collect(executor.map<{ pid: number }>(`${TASKS}#where`, range(200), { unordered: true }))).map((w) => w.pid));
    ok(!pids.has(process.pid));
    ok(pids.size >= 1 && pids.size <= expected, `${pids.size} workers answered`);
    const e = (await executor.submit(`${TASKS}#fail`, 'static boom').exception()) as Error & { rank: number };
    ok(e instanceof TypeError && e.message === 'static boom');
    if (np > 1) ok(e.rank >= 1 && e.rank < np, `the worker's rank ${e.rank}`);
  }
  // A second executor over the same workers: shutting the first down did not end them.
  const again = new MPIPoolExecutor();
  strictEqual(await again.submit(`${TASKS}#add`, 20, 22), 42);
  notStrictEqual(await again.submit(`${TASKS}#where`).then((w) => (w as { pid: number }).pid), process.pid);
  await again.shutdown();
  process.stdout.write(`futures static ok ${np}\n`);
}

void main();
