// A task farm across the hosts of a cluster (test/cluster.test.ts), in both of
// mpi4py.futures' modes:
//   mpirun -host h1,h2,h3,h4 -n 4 mpi4js futures across-hosts.js <hosts>    static: ranks 1…3 serve
//   mpirun -host h1,h2,h3,h4 -n 1 node across-hosts.js <hosts> --spawn 3    the executor spawns 3 workers
// Every host but the client's runs a worker; ordered and unordered maps of
// 10,000 tasks come back whole; a task's error names its worker's host.
// Prints `futures across <hosts> hosts ok` when every check passed.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as os from 'node:os';
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
  const hosts = Number(process.argv[2]);
  const spawnIndex = process.argv.indexOf('--spawn');
  const spawned = spawnIndex > 0 ? Number(process.argv[spawnIndex + 1]) : 0;
  strictEqual(MPI.COMM_WORLD.rank, 0, 'only rank 0 runs the program'); // COMM_WORLD itself: the static mode's client is world rank 0
  strictEqual(MPI.COMM_WORLD.size, spawned > 0 ? 1 : hosts); // COMM_WORLD itself: the job's shape is what is tested
  await using executor = new MPIPoolExecutor(spawned > 0 ? { max_workers: spawned } : {});
  await executor.bootup();
  strictEqual(executor.num_workers, hosts - 1);

  // One worker per other host: each task says where it ran.
  const seen = await collect(executor.map<{ pid: number; host: string }>(`${TASKS}#where`, range(300), { unordered: true }));
  const workerHosts = [...new Set(seen.map((w) => w.host))].sort();
  deepStrictEqual(workerHosts, range(hosts - 1).map((i) => `h${i + 2}`), `the workers ran on ${workerHosts.join(', ')}`);
  ok(!workerHosts.includes(os.hostname()), 'no worker on the client host');

  deepStrictEqual(await collect(executor.map<number>(`${TASKS}#square`, range(N))), range(N).map((x) => x * x));
  const unordered = await collect(executor.map<number>(`${TASKS}#square`, range(N), { unordered: true, chunksize: 7 }));
  deepStrictEqual(unordered.sort((a, b) => a - b), range(N).map((x) => x * x));

  const e = (await executor.submit(`${TASKS}#fail`, 'remote boom').exception()) as Error & { host: string; rank: number };
  ok(e instanceof TypeError && e.message === 'remote boom');
  ok(workerHosts.includes(e.host), `the error names its worker's host (${e.host})`);
  strictEqual(await executor.submit(`${TASKS}#add`, 20, 22), 42, 'the worker lives on after a task throws');
  process.stdout.write(`futures across ${hosts} hosts ok\n`);
}

void main();
