// Several test programs in one launch (launches dominate the suite's time):
// `run-many.js name…` loads each program, which queues its body (harness
// program()), then runs them in order over MPI4JS_TEST_COMM's communicators,
// printing `ok <rank>/<size> <name>` after each and `ok <rank>/<size>` at the
// end. A failing program ends the job, so the later ones print nothing.
import * as path from 'node:path';

import { MPI, overEachComm, type Queued } from './harness';

const QUEUE = Symbol.for('mpi4js.test.queue');

const names = process.argv.slice(2);
if (names.length === 0) throw new TypeError('run-many: name the programs to run');
const bodies = names.map((name) => {
  const queue: Queued[] = [];
  (globalThis as { [QUEUE]?: Queued[] })[QUEUE] = queue;
  require(path.join(__dirname, `${name}.js`));
  delete (globalThis as { [QUEUE]?: Queued[] })[QUEUE];
  if (queue.length !== 1) throw new Error(`run-many: ${name} queued ${queue.length} bodies, expected 1 (is it a harness program?)`);
  return queue[0].body;
});

void (async () => {
  const world = MPI.COMM_WORLD;
  for (const [i, name] of names.entries()) {
    await overEachComm(bodies[i], name);
    process.stdout.write(`ok ${world.rank}/${world.size} ${name}\n`);
  }
  process.stdout.write(`ok ${world.rank}/${world.size}\n`);
})();
