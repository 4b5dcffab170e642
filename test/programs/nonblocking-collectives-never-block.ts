// Posting a nonblocking collective (of values, or uppercase) never blocks, even while an older
// one on the communicator still waits for its first stage (its sizes): the
// newer one is held, nothing posted, and posted in order once the older one
// posts its second stage. The last rank posts only when rank 0 tells it to,
// from a timer: if posting (or the progress engine) blocked rank 0 until the
// last rank posts, the timer could never fire, and the last rank's timed
// receive fails the job instead of hanging it. Likewise, rank 0's waitsome and
// waitany over a held request and a receive return the receive, which the last
// rank sends before posting.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const TAG = 41;

program(async () => {
  const last = size - 1;
  const ranks = Array.from({ length: size }, (_, r) => r);
  if (size > 1 && rank === last) {
    // Fails rather than hangs when rank 0's event loop is stuck.
    const go = await comm.irecv(0, { tag: TAG, timeout: 20_000 }).toPromise().catch((e: unknown) => {
      throw new Error(`rank 0 never sent 'go' from its timer within 20 s: its event loop was blocked (${String(e)})`);
    });
    strictEqual(go, 'go');
    // Rank 0 must take these while b waits behind a, and answer before this rank posts a.
    comm.isend('r', 0, TAG + 1).wait();
    comm.isend('r2', 0, TAG + 2).wait();
    const ack = await comm.irecv(0, { tag: TAG + 3, timeout: 20_000 }).toPromise().catch((e: unknown) => {
      throw new Error(`rank 0 never answered: its waitsome or waitany waited for a held request's older collective (${String(e)})`);
    });
    strictEqual(ack, 'ack');
  }
  // a's root is the last rank, which has not posted it yet: a's first stage waits on rank 0.
  const a = comm.ibcast(rank === last ? { from: last } : undefined, last);
  const b = comm.ibcast(rank === 0 ? 'b' : undefined, 0);
  const c = comm.ibarrier();
  const d = comm.iallgather(rank);
  // The uppercase ones (one MPI call each) are held in the same queue.
  const sum = new Int32Array(1);
  const u = comm.Iallreduce(Int32Array.of(rank + 1), sum);
  const v = comm.Ibarrier();
  if (size > 1 && rank === 0) {
    let settled = false;
    void b.then(() => (settled = true));
    const fired = await new Promise<boolean>((resolve) =>
      setTimeout(() => {
        // b waits behind a, whose root has not posted: still pending, not blocking.
        ok(b.active && !settled, 'b settled before the last rank posted a');
        strictEqual(b.test()[0], false);
        // A timed wait on it gives up at its timeout, leaving it pending.
        throwsLike(() => b.wait({ timeout: 30 }), MPI.TimeoutError, /^wait\b.*timed out after 30 ms/);
        ok(b.active);
        comm.isend('go', last, TAG).wait();
        // waitsome and waitany return what completes, held requests among them or not.
        deepStrictEqual(MPI.Request.waitsome([b, comm.irecv(last, TAG + 1)]), [[1], ['r']]);
        deepStrictEqual(MPI.Request.waitany([b, comm.irecv(last, TAG + 2)]), [1, 'r2']);
        ok(b.active);
        comm.isend('ack', last, TAG + 3).wait();
        resolve(true);
      }, 50),
    );
    ok(fired);
  }
  // Awaited out of order, then waited: every form of completion sees the values.
  deepStrictEqual(await d, ranks);
  strictEqual(await b, 'b');
  strictEqual(c.wait(), undefined);
  deepStrictEqual(a.wait(), { from: last });
  MPI.Request.Waitall([v, u]);
  strictEqual(sum[0], (size * (size + 1)) / 2);

  // A held request progresses by test() alone (a busy loop never yields to the
  // progress engine), and waitall over held requests waits for the older ones too.
  const x = comm.iallreduce(rank);
  const y = comm.ibcast(rank === 0 ? [1, 2] : undefined, 0);
  const z = comm.igather(`r${rank}`, last);
  let got: unknown;
  for (let done = false; !done; ) [done, got] = y.test();
  deepStrictEqual(got, [1, 2]);
  deepStrictEqual(MPI.Request.waitall([z, x]), [rank === last ? ranks.map((r) => `r${r}`) : undefined, (size * (size - 1)) / 2]);

  // Awaiting only the newest: the older ones still move on (the engine watches the head's first stage).
  const p = comm.iscatter(rank === 0 ? ranks.map((r) => r * 10) : undefined, 0);
  const q = comm.iallgather(`q${rank}`);
  deepStrictEqual(await q, ranks.map((r) => `q${r}`));
  strictEqual(p.wait(), rank * 10);

  // The calls on lists of requests, held ones among them: testsome and testany
  // never block (a held one is active, not done), waitsome and waitany post what they must.
  const e = comm.iallgather(rank);
  const f = comm.ibcast(rank === last ? 'f' : undefined, last);
  const g = comm.ibarrier();
  const firstTest = MPI.Request.testsome([f, g]);
  ok(Array.isArray(firstTest[0]), 'testsome reports held requests as active');
  const picked = new Map<number, unknown>();
  firstTest[0]?.forEach((i, k) => picked.set(i, firstTest[1]?.[k]));
  while (picked.size < 2) {
    const [indices, values] = MPI.Request.waitsome([f, g]);
    (indices as number[]).forEach((i, k) => picked.set(i, (values as unknown[])[k]));
  }
  deepStrictEqual([picked.get(0), picked.get(1)], ['f', undefined]);
  deepStrictEqual(e.wait(), ranks);
  const h = comm.iallreduce(3);
  const i = comm.ibcast(rank === 0 ? 'i' : undefined, 0);
  let any = MPI.Request.testany([i]);
  while (!any[1]) any = MPI.Request.testany([i]);
  deepStrictEqual(any, [0, true, 'i']);
  deepStrictEqual(MPI.Request.waitany([h]), [0, 3 * size]);

  // A rank whose value cannot be sent throws at the call, held or not; the
  // others' requests fail, whoever completes them, and the ones behind go on.
  if (size > 1) {
    const before = comm.ibcast(rank === last ? 'before' : undefined, last);
    const call = () => comm.ibcast(rank === 0 ? () => 0 : undefined, 0);
    let failing: MPI.Request | undefined;
    if (rank === 0) throwsLike(call, TypeError, /^ibcast: cannot serialize a function/);
    else failing = call();
    const after = comm.iallgather(-rank);
    comm.Barrier(); // posts them all, in order: the failing one fails here, before anyone waits for it
    strictEqual(before.wait(), 'before');
    if (failing) throwsLike(() => failing?.wait(), Error, /^ibcast: rank 0 could not send its value/);
    deepStrictEqual(after.wait(), ranks.map((r) => -r));
  }

  // Freeing a communicator posts its held ones first (nothing can be posted to a freed one); MPI completes them.
  const dup = comm.Dup();
  const early = dup.ibcast(rank === last ? 'early' : undefined, last);
  const late = dup.iallgather(rank);
  dup.Free();
  deepStrictEqual([early.wait(), late.wait()], ['early', ranks]);

  // A blocking collective after held ones posts them all first, in order.
  const s = comm.ibcast(rank === last ? 's' : undefined, last);
  const t = comm.iallreduce(1);
  strictEqual(comm.allreduce(2), 2 * size);
  strictEqual(s.wait(), 's');
  strictEqual(await t, size);
});
