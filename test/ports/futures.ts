// A task farm over the world's processes: MPICommExecutor with rank 0 as the
// client and the others as workers; map (in order, in chunks, unordered),
// submit, a task that raises, starmap, and done callbacks.
import * as path from 'node:path';

import { MPI } from 'mpi4js';
import { MPICommExecutor } from 'mpi4js/futures';

const tasks = path.join(__dirname, 'futures-tasks.js');
const square = `${tasks}#square`;
const fail = `${tasks}#fail`;
const pow = `${tasks}#pow`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
async function list<T>(xs: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
}

(async () => {
  const comm = MPI.COMM_WORLD;
  const rank = comm.Get_rank();
  {
    await using pool = new MPICommExecutor(comm, 0);
    const executor = await pool.enter();
    if (executor !== null) {
      console.log(`rank ${rank}: map ${(await list(executor.map<number>(square, range(10)))).join(' ')}`);
      console.log(`rank ${rank}: chunked sum ${(await list(executor.map<number>(square, range(100), { chunksize: 7 }))).reduce((a, b) => a + b, 0)}`);
      console.log(`rank ${rank}: unordered ${(await list(executor.map<number>(square, range(10), { unordered: true }))).sort((a, b) => a - b).join(' ')}`);
      const future = executor.submit<number>(square, 12);
      console.log(`rank ${rank}: submit ${await future.result()} done ${future.done() ? 'True' : 'False'}`);
      const failing = executor.submit(fail, 3);
      try {
        await failing.result();
      } catch (e) {
        // Python's ValueError is JavaScript's RangeError.
        if (!(e instanceof RangeError)) throw e;
        console.log(`rank ${rank}: error ValueError: ${e.message}`);
      }
      console.log(`rank ${rank}: starmap ${(await list(executor.starmap<number>(pow, [[2, 3], [3, 2], [5, 0]]))).join(' ')}`);
    }
  }
  console.log(`rank ${rank}: done`);
})();
