// mpi4js/util sync.Sequential (mpi4py.util.sync): the ranks of the harness
// communicator pass through begin()…end() one after another, in rank order —
// a Counter taken inside the block gives each rank its own rank, and a shared
// log filled inside it reads 0, 1, …, size-1 — with begin/end, `using`, a tag,
// and beginAsync (the event loop runs while a rank waits its turn).
import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';

import { sync } from 'mpi4js/util';

import { comm, MPI, program, rank, size } from './harness';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

program(async () => {
  // begin/end, three times over (mpi4py's testBeginEnd).
  const seq = new sync.Sequential(comm);
  strictEqual(seq.comm, comm);
  strictEqual(seq.tag, 0);
  for (let k = 0; k < 3; k++) {
    const counter = new sync.Counter({ comm });
    seq.begin();
    const value = counter.next();
    seq.end();
    counter.free();
    deepStrictEqual(comm.allgather(value), range(size));
  }
  // `using`: begin() returns the Sequential, disposing ends the turn (mpi4py's `with`).
  for (let k = 0; k < 3; k++) {
    const counter = new sync.Counter({ comm });
    let value: number | bigint;
    {
      using _turn = new sync.Sequential(comm, { tag: 7 }).begin();
      value = counter.next();
    }
    counter.free();
    deepStrictEqual(comm.allgather(value), range(size));
  }
  // Output order: each rank writes its rank at the log's next slot, inside the turn; the log is 0…size-1.
  const log = MPI.Win.Allocate(rank === 0 ? 4 * size : 0, 4, MPI.INFO_NULL, comm);
  const slot = new sync.Counter({ comm });
  {
    using _turn = new sync.Sequential(comm, 3).begin();
    const at = slot.next() as number;
    log.Lock(0);
    log.Put(Int32Array.of(rank), 0, at);
    log.Unlock(0);
    // Slow ranks make a wrong order likely if the turn did not hold.
    await new Promise((r) => setTimeout(r, 2));
  }
  slot.free();
  comm.Barrier();
  if (rank === 0) {
    log.Lock(0);
    const got = new Int32Array(size);
    log.Get(got, 0);
    log.Unlock(0);
    deepStrictEqual(Array.from(got), range(size));
  }
  log.Free();
  // beginAsync: a timer fires while a rank waits for its turn; order as before.
  {
    const counter = new sync.Counter({ comm });
    const s = await new sync.Sequential(comm).beginAsync();
    const value = counter.next();
    s.end();
    counter.free();
    deepStrictEqual(comm.allgather(value), range(size));
  }
  // Bad input names the call and the argument.
  throws(() => new sync.Sequential(MPI.COMM_NULL as never), (e: Error) => e instanceof TypeError && /Sequential: comm/.test(e.message));
  throws(() => new sync.Sequential(comm, 1.5), (e: Error) => e instanceof TypeError && /Sequential: tag/.test(e.message));
  throws(() => new sync.Sequential(comm, -1), (e: Error) => e instanceof MPI.Exception && /Sequential/.test(e.message));
});
