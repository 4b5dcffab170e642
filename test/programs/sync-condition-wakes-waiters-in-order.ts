// mpi4js/util sync.Condition (mpi4py.util.sync) over the harness
// communicator, with a mutex of its own and with a Mutex given: rank 0
// notifies until every other rank that waits is woken (notify() counts them,
// 0 when none waits); notify(1) wakes the waiters in the order they began to
// wait; wait_for with a predicate; notify_all; waitAsync and wait_forAsync
// let the event loop run; wait or notify without the mutex is a RuntimeError.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { sync } from 'mpi4js/util';

import { comm, MPI, program, rank, size } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runtime = (re: RegExp) => (e: Error) => e.name === 'RuntimeError' && re.test(e.message);

function waitNotify(cv: sync.Condition): void {
  // mpi4py's testWaitNotify.
  if (rank === 0) {
    cv.acquire();
    let num = cv.notify();
    cv.release();
    strictEqual(num, 0);
    comm.Barrier();
    while (num < size - 1) {
      cv.acquire();
      num += cv.notify();
      cv.release();
    }
    cv.acquire();
    strictEqual(cv.notify(), 0);
    cv.release();
  } else {
    comm.Barrier();
    cv.acquire();
    strictEqual(cv.wait(), true);
    strictEqual(cv.locked(), true);
    cv.release();
  }
  throws(() => cv.wait(), runtime(/Condition\.wait: cannot wait on unheld mutex/));
  throws(() => cv.notify(), runtime(/Condition\.notify: cannot notify on unheld mutex/));
  throws(() => cv.notify_all(), runtime(/Condition\.notify_all: cannot notify on unheld mutex/));
  comm.Barrier();
}

/** notify(1) wakes the longest waiting: each waiter's place in the queue is the place it is woken in. */
function wakeOrder(cv: sync.Condition): void {
  const queued = new sync.Counter({ comm });
  const woken = new sync.Counter({ comm });
  let place = -1;
  if (rank === 0) {
    // Wait until every other rank is queued, then wake them one by one, each woken one's turn recorded before the next.
    while ((queued.next(0) as number) < size - 1) {
      /* spin: the waiters queue up */
    }
    for (let k = 0; k < size - 1; k++) {
      cv.acquire();
      strictEqual(cv.notify(1), 1);
      cv.release();
      while ((woken.next(0) as number) <= k) {
        /* the woken one takes its turn */
      }
    }
  } else {
    cv.acquire();
    place = queued.next() as number; // under the mutex: the order of the queue
    cv.wait();
    const turn = woken.next() as number;
    cv.release();
    strictEqual(turn, place, `rank ${rank} queued ${place}th, woken ${turn}th`);
  }
  const places = (comm.allgather(place) as number[]).filter((p) => p >= 0).sort((a, b) => a - b);
  deepStrictEqual(places, Array.from({ length: size - 1 }, (_, i) => i));
  comm.Barrier();
  queued.free();
  woken.free();
}

async function waitForNotify(cv: sync.Condition, asynchronously: boolean): Promise<void> {
  // mpi4py's testWaitForNotify: the predicate is a message that comes late (0 first, then 42).
  if (rank === 0) {
    comm.Barrier();
    const first = Array.from({ length: size - 1 }, (_, i) => comm.isend(0, i + 1, 5));
    const second = Array.from({ length: size - 1 }, (_, i) => comm.isend(42, i + 1, 5));
    let num = 0;
    while (num < size - 1) {
      cv.acquire();
      num += cv.notify();
      cv.release();
      await sleep(0);
    }
    MPI.Request.Waitall(first);
    MPI.Request.Waitall(second);
  } else {
    comm.Barrier();
    await cv.acquireAsync();
    const result = asynchronously ? await cv.wait_forAsync(() => comm.irecv(0, 5)) : cv.wait_for(() => comm.recv(0, 5));
    strictEqual(result, 42);
    cv.release();
  }
  comm.Barrier();
}

async function notifyAll(cv: sync.Condition): Promise<void> {
  // mpi4py's testWaitNotifyAll: ranks 2… wait, rank 1 does not.
  if (rank === 0) {
    comm.Barrier();
    let num = 0;
    while (num < size - 2) {
      cv.acquire();
      num += cv.notify_all();
      cv.release();
    }
    strictEqual(num, Math.max(0, size - 2));
  } else if (rank === 1) {
    comm.Barrier();
  } else {
    comm.Barrier();
    cv.acquire();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    strictEqual(await cv.waitAsync(), true);
    clearInterval(timer);
    ok(cv.locked());
    cv.release();
  }
  comm.Barrier();
}

program(async () => {
  for (const given of [false, true]) {
    const mutex = given ? new sync.Mutex({ comm }) : undefined;
    const cv = given ? new sync.Condition(mutex) : new sync.Condition({ comm });
    waitNotify(cv);
    wakeOrder(cv);
    await waitForNotify(cv, false);
    await waitForNotify(cv, true);
    await notifyAll(cv);
    // free() releases a held mutex; free again is nothing; then every call is a RuntimeError.
    cv.acquire();
    cv.free();
    cv.free();
    for (const m of ['acquire', 'release', 'wait', 'notify', 'notify_all'] as const) throws(() => cv[m](), runtime(new RegExp(`Condition\\.${m}: condition already freed`)));
    throws(() => cv.wait_for(() => false), runtime(/condition already freed/));
    if (mutex) {
      strictEqual(mutex.locked(), false);
      mutex.free();
    }
  }
  // Bad input names the call and the argument.
  const cv = new sync.Condition({ comm, recursive: false });
  throws(() => cv.wait_for(5 as never), (e: Error) => e instanceof TypeError && /Condition\.wait_for: predicate/.test(e.message));
  throws(() => cv.wait_forAsync(null as never), (e: Error) => e instanceof TypeError && /Condition\.wait_forAsync: predicate/.test(e.message));
  cv.acquire();
  throws(() => cv.notify(1.5), (e: Error) => e instanceof TypeError && /Condition\.notify: n/.test(e.message));
  strictEqual(cv.notify(-3), 0);
  cv.release();
  throws(() => new sync.Condition({} as never, {}), (e: Error) => e instanceof TypeError);
  throws(() => new sync.Condition(3 as never), (e: Error) => e instanceof TypeError && /Condition: mutex/.test(e.message));
  throws(() => new sync.Condition({ comm: 'x' as never }), (e: Error) => e instanceof TypeError && /Condition: comm/.test(e.message));
  cv.free();
});
