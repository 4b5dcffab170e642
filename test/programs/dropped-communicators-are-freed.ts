// Communicators a program makes and drops are freed (lib/comm/collect.ts):
// 20,000 dropped Dups (5,000 over each harness communicator; half on 4 ranks) leave the addon's
// communicator table bounded (MPICH, with its 2,048 context ids, would fail
// with "too many communicators" long before), with one RuntimeWarning. What
// must never be freed is not: the predefined communicators, one that another
// object still holds, one a pending request uses (freed only once it
// completed), one freed explicitly. Dropped Info objects are freed as well.
// Run with node --expose-gc.
import { ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';

import { collect, native, runtimeWarnings, turn } from './collected';
import { comm, MPI, program, rank, size } from './harness';

interface Collector {
  collected(): { freed: number; queued: number; live: number };
}
const collector = require(path.join(__dirname, '../../../dist/comm/collect.js')) as Collector;

/**
 * Per harness communicator: 20,000 in a launch over the four (10,000 on more
 * than 2 ranks, where oversubscribed MPICH polls slowly); either way more than
 * MPICH's 2,048 context ids over each communicator.
 */
const DUPS = MPI.COMM_WORLD.size > 2 ? 2_500 : 5_000; // COMM_WORLD itself: fewer Dups when more processes share the machine
const warnings = runtimeWarnings();

program(async () => {
  const start = collector.collected();
  // A loop of dropped Dups; the finalizers run between turns of the event loop.
  let peak = 0;
  for (let i = 0; i < DUPS; i++) {
    const d = comm.Dup();
    if (i % 500 === 0) strictEqual(d.allreduce(1), size);
    if (i % 250 === 249) {
      await collect(1);
      peak = Math.max(peak, collector.collected().live);
    }
  }
  await collect();
  comm.Dup().Free(); // a creation: frees what the last collection queued
  const end = collector.collected();
  ok(end.freed - start.freed >= DUPS - 500, `freed ${end.freed - start.freed} of ${DUPS}`);
  ok(peak < 2000, `the table peaked at ${peak} communicators`);
  ok(end.live < 600, `${end.live} communicators left alive`);

  // Held by a second object: the handle stays until both are gone (neither is freed here).
  const kept = comm.Dup();
  const same = comm.Dup();
  await collect();
  comm.Dup().Free();
  strictEqual(kept.allreduce(rank), (size * (size - 1)) / 2);
  strictEqual(same.allreduce(1), size);

  // In use by a pending receive: not freed while it waits, though its communicator was dropped; freed once it is done.
  const settled = Symbol('settled');
  const pending = ((): InstanceType<typeof MPI.Request> => comm.Dup().irecv((rank + 1) % size, 11))();
  await collect();
  comm.Dup().Free();
  const waiting = collector.collected().freed;
  await collect();
  comm.Dup().Free();
  strictEqual(collector.collected().freed, waiting, 'a communicator with a pending receive was freed');
  strictEqual(await Promise.race([pending.then(() => settled, () => settled), turn().then(() => 'pending')]), 'pending');
  pending.Cancel();
  await pending.then(undefined, () => undefined);
  await collect();
  comm.Dup().Free();
  strictEqual(collector.collected().freed, waiting + 1, 'the communicator of the cancelled receive was not freed');

  // Freed explicitly: its collection frees nothing again (no error, no second free).
  const before = collector.collected().freed;
  for (let i = 0; i < 50; i++) comm.Dup().Free();
  await collect();
  comm.Dup().Free();
  strictEqual(collector.collected().freed, before);

  // The predefined ones are never freed: still working.
  strictEqual(MPI.COMM_WORLD.allreduce(1), MPI.COMM_WORLD.size); // COMM_WORLD itself: the predefined communicators are never collected
  strictEqual(MPI.COMM_SELF.allreduce(1), 1);
  kept.Free();
  same.Free();
  await turn();
  // Dropped Info objects are freed too (a local call: by the finalizer itself), a freed one not again.
  const infos = native.info.live();
  for (let i = 0; i < 2_000; i++) MPI.Info.Create({ [`k${i % 7}`]: 'v' });
  for (let i = 0; i < 100; i++) MPI.Info.Create().Free();
  const keptInfo = MPI.Info.Create({ kept: 'yes' });
  await collect();
  ok(native.info.live() <= infos + 10, `${native.info.live() - infos} dropped Info objects left alive`);
  strictEqual(keptInfo.Get('kept'), 'yes');
  keptInfo.Free();

  // One warning for the whole program, as mpi4py's "collecting object with MPI_Comm handle".
  ok(warnings.filter((w) => /^collecting object with MPI_Comm handle \d+: freed with MPI_Comm_free/.test(w)).length <= 1, warnings.join('\n'));
});
