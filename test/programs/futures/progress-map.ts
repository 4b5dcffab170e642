// map's progress option (mpi4js's own): `node progress-map.js N` maps N slow
// tasks with { progress: true } over a pool of this one process
// (MPICommExecutor over COMM_SELF), then says whether cli-progress was loaded:
// only where stderr is a terminal (test/futures-progress.test.ts runs it under
// script(1) and through pipes). Prints `progress ok N loaded=<true|false>`.
import { deepStrictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { MPICommExecutor } from 'mpi4js/futures';

const TASKS = path.join(__dirname, 'tasks.js');

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 20);
  const pool = new MPICommExecutor(MPI.COMM_SELF);
  const executor = (await pool.enter())!;
  const out: unknown[] = [];
  for await (const v of executor.map(`${TASKS}#sleep`, Array.from({ length: n }, () => 30), Array.from({ length: n }, (_, i) => i), { progress: true, chunksize: 2 })) out.push(v);
  deepStrictEqual(out, Array.from({ length: n }, (_, i) => i));
  await pool.exit();
  const loaded = Object.keys(require.cache).some((f) => f.includes(`${path.sep}cli-progress${path.sep}`));
  process.stdout.write(`progress ok ${n} loaded=${loaded}\n`);
}

void main();
