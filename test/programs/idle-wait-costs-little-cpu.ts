// A rank whose only work is a pending receive, awaited for 3 s, uses little CPU
// (measured from /proc/self/stat: user + system time of all its threads): its
// event loop sleeps. With MPI4JS_PROGRESS=spin the loop never sleeps instead:
// its utilization (performance.eventLoopUtilization, the share of wall time
// outside the poll for I/O) is near 1. The adaptive engine's utilization is
// printed, not asserted: it wakes every millisecond, and on an oversubscribed,
// loaded machine each wake-up can wait long for a core, which counts as busy
// (56 % was seen at 2 % of a core); the CPU share is what says it sleeps.
import { ok } from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { comm, MPI, program, rank, size } from './harness';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
}

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const waitMs = 3000;
  // Our own send to the right, due at the same time; awaited below so that no
  // rank goes on to a blocking call while its timer still owes a message.
  const sent = new Promise((resolve) => setTimeout(() => resolve(comm.isend('wake up', right, 8)), waitMs));
  const cpu0 = cpuSeconds();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  ok((await comm.irecv(left, 8)) === 'wake up');
  const wall = (performance.now() - t0) / 1000;
  const share = (cpuSeconds() - cpu0) / wall;
  const busy = performance.eventLoopUtilization(elu0).utilization;
  const mode = MPI.rc.progress;
  process.stderr.write(
    `rank ${rank} (${mode}): ${(share * 100).toFixed(1)} % of a core, event loop ${(busy * 100).toFixed(1)} % busy, while awaiting for ${wall.toFixed(2)} s\n`,
  );
  if (mode === 'spin') {
    ok(busy > 0.9, `MPI4JS_PROGRESS=spin: the event loop was busy ${(busy * 100).toFixed(1)} % of the wait; spinning keeps it at ~100 %`);
  } else {
    ok(share < 0.1, `used ${(share * 100).toFixed(1)} % of a core while idle-waiting`);
  }
  await sent;
});
