// A rank whose only work is a pending receive, awaited for 3 s, uses little CPU
// (measured from /proc/self/stat: user + system time of all its threads).
import { ok } from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { comm, program, rank, size } from './harness';

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
  const t0 = performance.now();
  ok((await comm.irecv(left, 8)) === 'wake up');
  const wall = (performance.now() - t0) / 1000;
  const share = (cpuSeconds() - cpu0) / wall;
  process.stderr.write(`rank ${rank}: ${(share * 100).toFixed(1)} % of a core while awaiting for ${wall.toFixed(2)} s\n`);
  ok(share < 0.1, `used ${(share * 100).toFixed(1)} % of a core while idle-waiting`);
  await sent;
});
