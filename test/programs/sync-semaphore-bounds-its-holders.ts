// mpi4js/util sync.Semaphore (mpi4py.util.sync) over the harness
// communicator: never more holders at once than its value (a shared count of
// holders, checked inside); a non-blocking acquire succeeds on as many ranks
// as the value; a bounded semaphore refuses a release above its initial value
// (ValueError, a RangeError); release(n < 1) and a negative value are
// RangeErrors; acquireAsync lets the event loop run; free() twice is nothing.
import { ok, strictEqual, throws } from 'node:assert/strict';

import { sync } from 'mpi4js/util';

import { comm, MPI, program, rank, size } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runtime = (re: RegExp) => (e: Error) => e.name === 'RuntimeError' && re.test(e.message);

program(async () => {
  const value = Math.max(1, size - 1);
  // Holders at once: a shared count at rank 0, +1 on entry, -1 on exit; each holder checks it.
  {
    const sem = new sync.Semaphore(Math.max(1, size >> 1), { comm });
    const holders = MPI.Win.Allocate(rank === 0 ? 4 : 0, 4, MPI.INFO_NULL, comm);
    if (rank === 0) {
      holders.Lock(0);
      holders.Put(Int32Array.of(0), 0);
      holders.Unlock(0);
    }
    comm.Barrier();
    let most = 0;
    for (let k = 0; k < 5; k++) {
      const async = k % 2 === 1;
      strictEqual(async ? await sem.acquireAsync() : sem.acquire(), true);
      const before = new Int32Array(1);
      holders.Lock(0, MPI.LOCK_SHARED);
      holders.Fetch_and_op(Int32Array.of(1), before, 0, 0, MPI.SUM);
      holders.Unlock(0);
      most = Math.max(most, before[0] + 1);
      await sleep(1 + Math.random() * 2);
      holders.Lock(0, MPI.LOCK_SHARED);
      holders.Fetch_and_op(Int32Array.of(-1), before, 0, 0, MPI.SUM);
      holders.Unlock(0);
      sem.release();
    }
    ok(most <= Math.max(1, size >> 1), `${most} holders at once`);
    comm.Barrier();
    holders.Free();
    sem.free();
  }
  // Unbounded as mpi4py's tests make it: value size-1 (at least 1).
  const sem = new sync.Semaphore(value, { bounded: false, comm });
  // mpi4py's test reads the semaphore's counter and flips its bound, as here.
  const inside = sem as unknown as { _counter: sync.Counter; _bounded: boolean };
  const counter = inside._counter;
  // Non-blocking (mpi4py's testAcquireNonblocking): exactly `value` ranks get it.
  for (let k = 0; k < 3; k++) {
    comm.Barrier();
    const locked = sem.acquire(false);
    comm.Barrier();
    strictEqual(counter.next(0), size === 1 ? 0 : Math.max(0, value - size));
    comm.Barrier();
    if (locked) sem.release();
    comm.Barrier();
    strictEqual((comm.allgather(locked) as boolean[]).filter(Boolean).length, Math.min(value, size));
    strictEqual(counter.next(0), value);
    comm.Barrier();
    while (!sem.acquire({ blocking: false })) await sleep(Math.random());
    sem.release();
    comm.Barrier();
    strictEqual(counter.next(0), value);
    comm.Barrier(); // every rank read it before the next release
  }
  // Bounded (mpi4py's testBounded): unbounded, rank 0 may release above the start; bounded, not.
  if (size > 1 && rank === 0) sem.release();
  comm.Barrier();
  strictEqual(counter.next(0), size > 1 ? value + 1 : value);
  comm.Barrier();
  if (size > 1 && rank === 0) sem.acquire();
  comm.Barrier();
  strictEqual(counter.next(0), value);
  inside._bounded = true;
  throws(() => sem.release(), (e: Error) => e instanceof RangeError && e.name === 'ValueError' && /Semaphore\.release: semaphore released too many times/.test(e.message));
  comm.Barrier();
  sem.acquire();
  sem.release();
  comm.Barrier();
  strictEqual(counter.next(0), value);
  // Bad values (mpi4py's testValue).
  throws(() => sem.release(0), (e: Error) => e instanceof RangeError && /Semaphore\.release: n 0 must be one or more/.test(e.message));
  throws(() => sem.release(-1), (e: Error) => e instanceof RangeError && /Semaphore\.release: n -1/.test(e.message));
  throws(() => sem.release(1.5), (e: Error) => e instanceof TypeError && /Semaphore\.release: n/.test(e.message));
  throws(() => new sync.Semaphore(-1, { comm }), (e: Error) => e instanceof RangeError && /Semaphore: value -1 must be non-negative/.test(e.message));
  throws(() => new sync.Semaphore('1' as never, { comm }), (e: Error) => e instanceof TypeError && /Semaphore: value/.test(e.message));
  throws(() => new sync.Semaphore(1, { comm, bogus: 1 } as never), (e: Error) => e instanceof TypeError && /Semaphore: unexpected option 'bogus'/.test(e.message));
  // A holder may free it (mpi4py's testAcquireFree); free again is nothing; then RuntimeError.
  comm.Barrier();
  if (rank > 0) sem.acquire();
  for (let k = 0; k < 5; k++) sem.free();
  throws(() => sem.acquire(), runtime(/Semaphore\.acquire: condition already freed/));
  throws(() => sem.release(), runtime(/Semaphore\.release: condition already freed/));
  // `using` frees it.
  {
    using s = new sync.Semaphore(2, { comm });
    s.acquire();
    s.release();
  }
});
