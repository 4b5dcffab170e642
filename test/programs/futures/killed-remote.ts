// Run on the simulated cluster (test/cluster.test.ts) as
// `mpirun --enable-recovery -n 4 mpi4js futures killed-remote.js MODE`, one
// rank per host, rank 0 (the client) on h1; or as `mpirun --enable-recovery
// -n 1 node killed-remote.js worker --spawn 3`, the executor spawning its
// workers onto h2…h4. Nothing of MPI tells the client
// when a process on another host dies (Open MPI 4.1, no ULFM): the liveness
// link (lib/futures/liveness.ts) does.
//   worker: the worker on h3 is SIGKILLed by another process while its JS is
//           busy in a long synchronous task: that task fails with
//           BrokenExecutor naming it, the others complete; prints
//           `futures killed remote ok <seconds to notice>`.
//   client: the client is SIGKILLed while every worker runs a task: the
//           workers notice and end the job.
// This file is also the tasks' module (the workers load it; they are not its main).
import { ok, rejects, strictEqual } from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as os from 'node:os';

import { MPI } from 'mpi4js';
import { BrokenExecutor, MPICommExecutor, MPIPoolExecutor } from 'mpi4js/futures';

/** Busy for ms milliseconds without yielding (no event loop turn), then its host's name. */
export function spin(ms: number): string {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return os.hostname();
}

/** On `victim`, has another process SIGKILL this one a moment later, while the task spins; elsewhere spins ms. */
export function killedOn(victim: string, ms: number): string {
  if (os.hostname() === victim) {
    spawn('sh', ['-c', `sleep 0.5; kill -9 ${process.pid}`], { detached: true, stdio: 'ignore' }).unref();
    spin(60_000);
    throw new Error('still alive after a minute');
  }
  return spin(ms);
}

export function square(x: number): number {
  return x * x;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function main(mode: string, spawned: number): Promise<void> {
  if (mode === 'comm') {
    // Plain node on every rank: MPICommExecutor over the world, rank 0 (on h1) the client.
    const over = new MPICommExecutor(MPI.COMM_WORLD, 0); // COMM_WORLD itself: one rank per host, the job's shape is what is tested
    const executor = await over.enter();
    if (executor !== null) await killedWorker(executor);
    await over.exit();
    return;
  }
  strictEqual(os.hostname(), 'h1', 'the client runs on h1');
  const executor = new MPIPoolExecutor(spawned > 0 ? { max_workers: spawned } : {});
  await executor.bootup();
  const workers = executor.num_workers;
  ok(workers >= 2, `at least 2 workers (${workers})`);
  if (mode === 'client') {
    // Every worker busy; the client dies meanwhile.
    for (let i = 0; i < workers; i++) executor.submit(`${__filename}#spin`, 3000);
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 500);
    return;
  }
  await killedWorker(executor);
}

/** One task per worker (each idle worker gets one): the one on h3 is killed mid-task; the pool goes on. */
async function killedWorker(executor: MPIPoolExecutor): Promise<void> {
  strictEqual(os.hostname(), 'h1', 'the client runs on h1');
  await executor.bootup();
  const workers = executor.num_workers;
  ok(workers >= 2, `at least 2 workers (${workers})`);
  const start = Date.now();
  const tasks = Array.from({ length: workers }, () => executor.submit<string>(`${__filename}#killedOn`, 'h3', 3000));
  let noticed = -1;
  const hosts: string[] = [];
  await Promise.all(
    tasks.map((t) =>
      t.result().then(
        (host) => hosts.push(host),
        (e: Error) => {
          noticed = (Date.now() - start) / 1000;
          ok(e instanceof BrokenExecutor, `a BrokenExecutor: ${e}`);
          ok(/^worker \d+ \(pid \d+\) is gone \(killed\?\) on h3$/.test(e.message), `it names the worker and its host: ${e.message}`);
        },
      ),
    ),
  );
  ok(noticed > 0, 'the task on h3 failed');
  strictEqual(hosts.length, workers - 1, 'the other tasks completed');
  ok(hosts.every((h) => h !== 'h1' && h !== 'h3'), `on the other hosts: ${hosts}`);
  strictEqual(executor.num_workers, workers - 1);
  const squares = await collect(executor.map<number>(`${__filename}#square`, [1, 2, 3, 4, 5, 6]));
  strictEqual(squares.join(), '1,4,9,16,25,36', 'the pool goes on with the others');
  await executor.shutdown();
  process.stdout.write(`futures killed remote ok ${noticed.toFixed(1)}\n`);
}

if (require.main === module) void main(process.argv[2] ?? 'worker', process.argv[3] === '--spawn' ? Number(process.argv[4]) : 0);
