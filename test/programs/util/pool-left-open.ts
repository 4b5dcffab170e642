// A Pool never closed does not keep Node alive: run as plain `node` (a world of
// one rank; its pool spawns a worker), it prints `util pool left open <value>`
// and the process exits (the spec's timeout fails a hang).
import * as path from 'node:path';

import { pool } from 'mpi4js/util';

const TASKS = path.join(__dirname, '..', 'futures', 'tasks.js');

void (async () => {
  const p = new pool.Pool(1);
  const value = await p.apply(`${TASKS}#square`, [12]);
  const pending = p.apply_async(`${TASKS}#square`, [3]);
  process.stdout.write(`util pool left open ${value} ${await pending.get()}\n`);
})();
