// A generalized request that is never completed, dropped: the program still
// exits (nothing polls it), and so does one kept but never awaited.
import { ok, strictEqual } from 'node:assert/strict';

import { collect, native } from './collected';
import { MPI, program } from './harness';

let kept: InstanceType<typeof MPI.Grequest> | undefined;

program(async () => {
  const base = native.request.live();
  let frees = 0;
  MPI.Grequest.Start(undefined, () => frees++);
  kept = MPI.Grequest.Start();
  await collect();
  strictEqual(native.request.live(), base + 1, 'the dropped one was freed');
  // MPI calls free_fn once the request is complete and freed: Open MPI 4.1 waits for a
  // completion that never comes, MPICH calls it at the free.
  ok(frees <= 1, 'free_fn at most once');
  strictEqual(kept.active, true);
});
