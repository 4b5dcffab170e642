// 200,000 fire-and-forget Isends (each to the other rank, which receives them
// all): the requests nobody waits for are collected, and their addon slots and
// buffers freed, so neither the live slots nor the RSS grow with the count.
// Run with --expose-gc; argv[2] overrides the count, MPI4JS_TEST_REPORT=1 prints the numbers.
import { ok } from 'node:assert/strict';

import { collect, gc, native, turn } from './collected';
import { comm, program, rank, size } from './harness';

const N = Number(process.argv[2] ?? 200_000);
const MiB = 2 ** 20;

program(async () => {
  if (size !== 2) throw new Error('run on 2 ranks');
  const peer = 1 - rank;
  const into = new Uint8Array(64);
  // Warm up (allocators, MPI's eager buffers) before the baseline.
  for (let i = 0; i < 2000; i++) {
    comm.Isend(new Uint8Array(64).fill(i & 0xff), peer, 3);
    comm.Recv(into, peer, 3);
  }
  await collect(2);
  const base = { live: native.request.live(), rss: process.memoryUsage().rss };
  let peak = base.live;
  for (let i = 0; i < N; i++) {
    comm.Isend(new Uint8Array(64).fill(i & 0xff), peer, 3);
    comm.Recv(into, peer, 3);
    if (into[0] !== (i & 0xff)) throw new Error(`message ${i} has byte ${into[0]}`);
    // A program that never lets the event loop run never runs finalizers: yield now and then, as any would.
    if (i % 1000 === 999) {
      peak = Math.max(peak, native.request.live());
      // A full collection now and then, so the bound below does not depend on V8's heuristics.
      if (i % 10_000 === 9999) gc();
      await turn();
    }
  }
  comm.barrier(); // every send has been received: all complete
  await collect(2);
  const after = { live: native.request.live(), rss: process.memoryUsage().rss };
  const grown = (after.rss - base.rss) / MiB;
  if (process.env.MPI4JS_TEST_REPORT) {
    process.stderr.write(`rank ${rank}: ${N} isends: live slots ${base.live} -> peak ${peak} -> ${after.live}; RSS ${(base.rss / MiB).toFixed(1)} -> ${(after.rss / MiB).toFixed(1)} MiB (+${grown.toFixed(1)})\n`);
  }
  ok(after.live <= base.live + 10, `live request slots: ${base.live} before, ${after.live} after ${N} completed isends`);
  ok(peak <= base.live + 15_000, `live request slots peaked at ${peak} (${base.live} before)`);
  ok(grown < 64, `RSS grew by ${grown.toFixed(1)} MiB over ${N} isends`);
});
