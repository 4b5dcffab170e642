// Requests dropped without being waited for: a completed one is freed
// silently once collected; an active one keeps its buffer alive, still gets its
// message, is freed once complete, and is reported once with mpi4py's warning
// (RuntimeWarning "collecting object with MPI_Request handle …"). Run with --expose-gc on 2 ranks.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { collect, native, runtimeWarnings } from './collected';
import { comm, program, rank, size } from './harness';

const live = () => native.request.live();
const warnings = runtimeWarnings();

function pattern(seed: number): Uint8Array {
  return Uint8Array.from({ length: 8 }, (_, i) => seed * 16 + i);
}

program(async () => {
  if (size !== 2) throw new Error('run on 2 ranks');
  const peer = 1 - rank;
  await collect();
  const base = live();

  // A send that has completed (its receive matched) but nobody tested: freed silently.
  (() => {
    comm.Isend(pattern(1), peer, 1);
  })();
  comm.Recv(new Uint8Array(8), peer, 1);
  comm.barrier();
  await collect();
  strictEqual(live(), base, 'a completed, dropped isend is freed once collected');
  deepStrictEqual(warnings, [], 'a completed request is freed without a warning');

  // Active receives dropped on rank 0: four into buffers (one of which the program keeps), one object receive.
  const kept = new Uint8Array(8);
  const buffers: WeakRef<Uint8Array>[] = [];
  if (rank === 0) {
    (() => {
      comm.Irecv(kept, 1, 10);
      for (let i = 1; i <= 3; i++) {
        const buf = new Uint8Array(8);
        buffers.push(new WeakRef(buf));
        comm.Irecv(buf, 1, 10 + i);
      }
      comm.irecv(1, 20);
    })();
    await collect();
    strictEqual(warnings.length, 5, `one warning per dropped active request, got: ${JSON.stringify(warnings)}`);
    for (const w of warnings) ok(/^collecting object with MPI_Request handle \d+: the request was still active; it completes in the background and is freed then/.test(w), w);
    strictEqual(live(), base + 5, 'the dropped active requests stay in the addon until they complete');
    ok(buffers.every((b) => b.deref() !== undefined), 'the buffers of dropped active receives are kept alive');
  }
  comm.barrier();
  if (rank === 1) {
    for (let i = 0; i <= 3; i++) comm.Send(pattern(10 + i), 0, 10 + i);
    comm.send({ dropped: 'but delivered' }, 0, 20);
  }
  if (rank === 0) {
    // The progress engine completes and frees them while the event loop runs.
    const deadline = Date.now() + 20_000;
    while (live() > base && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    strictEqual(live(), base, 'dropped active requests are freed once complete');
    deepStrictEqual(kept, pattern(10), 'the message of a dropped Irecv lands in its buffer');
    ok(!comm.Iprobe(1), 'every message was taken by its dropped receive');
    await collect();
    ok(buffers.every((b) => b.deref() === undefined), 'once complete, the buffers are let go');
    strictEqual(warnings.length, 5, 'no second warning when a dropped request completes');
  }
  comm.barrier();
  await collect();
  strictEqual(live(), base);
  if (rank === 1) deepStrictEqual(warnings, []);
});
