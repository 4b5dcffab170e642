// mpi4js/util sync.Mutex (mpi4py.util.sync) over the harness communicator:
// a read-sleep-write race on a shared window keeps every update only under
// the mutex (SYNC_BREAK=mutex leaves it out and the race loses updates: the
// spec sees this program fail then); a holder's counter values are
// contiguous; a non-blocking acquire succeeds on exactly one rank; locked(),
// count() and the RuntimeErrors of a mutex held or not held; recursion;
// acquireAsync lets the event loop run while it waits; free() releases.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { sync } from 'mpi4js/util';

import { comm, MPI, program, rank, size } from './harness';

const broken = process.env.SYNC_BREAK === 'mutex';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runtime = (re: RegExp) => (e: Error) => e.name === 'RuntimeError' && re.test(e.message);

/** The shared int at rank 0 of win: read it, wait, write it plus one (a lost update unless excluded). */
async function increment(win: MPI.Win): Promise<void> {
  const v = new Int32Array(1);
  win.Lock(0, MPI.LOCK_SHARED);
  win.Get(v, 0);
  win.Unlock(0);
  await sleep(1 + Math.random() * 2);
  win.Lock(0, MPI.LOCK_EXCLUSIVE);
  win.Put(Int32Array.of(v[0] + 1), 0);
  win.Unlock(0);
}

program(async () => {
  const mutex = new sync.Mutex({ comm });
  // The race: ITS increments per rank, each inside the mutex.
  const ITS = 10;
  const shared = MPI.Win.Allocate(rank === 0 ? 4 : 0, 4, MPI.INFO_NULL, comm);
  if (rank === 0) {
    shared.Lock(0);
    shared.Put(Int32Array.of(0), 0);
    shared.Unlock(0);
  }
  comm.Barrier();
  for (let k = 0; k < ITS; k++) {
    if (!broken) mutex.acquire();
    await increment(shared);
    if (!broken) mutex.release();
  }
  comm.Barrier();
  const total = new Int32Array(1);
  shared.Lock(0, MPI.LOCK_SHARED);
  shared.Get(total, 0);
  shared.Unlock(0);
  strictEqual(total[0], ITS * size, `the shared count: ${total[0]} of ${ITS * size} increments kept`);
  shared.Free();

  // Exclusion (mpi4py's testExclusion): a holder's ten values are contiguous.
  const counter = new sync.Counter({ comm });
  const values: number[] = [];
  comm.Barrier();
  mutex.acquire();
  for (let k = 0; k < 10; k++) values.push(counter.next() as number);
  mutex.release();
  counter.free();
  strictEqual(values[0] % 10, 0);
  deepStrictEqual(values, Array.from({ length: 10 }, (_, i) => values[0] + i));

  // States (mpi4py's testAcquireRelease, testWith).
  for (let k = 0; k < 5; k++) {
    if (k % 2) comm.Barrier();
    else await sleep(Math.random() * 3);
    strictEqual(mutex.locked(), false);
    throws(() => mutex.release(), runtime(/Mutex\.release: cannot release unheld mutex/));
    strictEqual(mutex.acquire(), true);
    strictEqual(mutex.locked(), true);
    throws(() => mutex.acquire(), runtime(/Mutex\.acquire: cannot acquire already held mutex/));
    mutex.release();
    strictEqual(mutex.locked(), false);
  }

  // Non-blocking: while one rank holds it, everyone else's try fails (mpi4py's testAcquireNonblocking).
  for (let k = 0; k < 5; k++) {
    comm.Barrier();
    const locked = mutex.acquire(false);
    comm.Barrier();
    strictEqual(mutex.locked(), locked);
    if (locked) mutex.release();
    strictEqual((comm.allgather(locked) as boolean[]).filter(Boolean).length, 1);
    comm.Barrier();
    while (!mutex.acquire({ blocking: false })) await sleep(0);
    mutex.release();
  }

  // acquireAsync: the event loop runs while this rank waits (rank 0 holds the mutex 50 ms first).
  comm.Barrier();
  if (rank === 0) mutex.acquire();
  comm.Barrier();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  if (rank === 0) {
    await sleep(50);
    mutex.release();
    strictEqual(await mutex.acquireAsync(), true);
  } else {
    const pending = mutex.acquireAsync();
    throws(() => mutex.locked(), runtime(/Mutex\.locked: the mutex's acquireAsync is still pending/));
    strictEqual(await pending, true);
    ok(ticks > 0, 'timers ran while waiting');
  }
  clearInterval(timer);
  strictEqual(mutex.locked(), true);
  mutex.release();

  // Recursive (mpi4py's BaseTestMutexRecursive): count() follows the levels.
  const rec = new sync.Mutex({ comm, recursive: true });
  strictEqual(rec.count(), 0);
  for (let n = 1; n <= 3; n++) {
    strictEqual(rec.acquire(), true);
    strictEqual(rec.count(), n);
    strictEqual(rec.locked(), true);
  }
  for (let n = 2; n >= 0; n--) {
    rec.release();
    strictEqual(rec.count(), n);
  }
  strictEqual(rec.locked(), false);
  throws(() => rec.release(), runtime(/cannot release unheld mutex/));
  // free() of a held mutex releases it first (the others can go on); free again is nothing.
  rec.acquire();
  rec.acquire();
  rec.free();
  rec.free();
  for (const m of ['acquire', 'release', 'locked', 'count'] as const) throws(() => rec[m](), runtime(new RegExp(`Mutex\\.${m}: mutex already freed`)));

  // Bad input names the call and the argument.
  throws(() => new sync.Mutex({ comm: 3 as never }), (e: Error) => e instanceof TypeError && /Mutex: comm/.test(e.message));
  throws(() => new sync.Mutex({ comm, info: 'x' as never }), (e: Error) => e instanceof TypeError && /Mutex: info/.test(e.message));
  throws(() => new sync.Mutex({ comm, bogus: 1 } as never), (e: Error) => e instanceof TypeError && /Mutex: unexpected option 'bogus'/.test(e.message));
  throws(() => mutex.acquire({ bogus: 1 } as never), (e: Error) => e instanceof TypeError && /Mutex\.acquire: unexpected option/.test(e.message));
  comm.Barrier();
  mutex.free();
});
