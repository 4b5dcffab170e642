// Run with MPI4JS_WATCHDOG=1. Rank 1 sends 'hello' with tag 5 to rank 0, which
// waits for it with a typo (argv[2]): `tag` receives tag 6, `source` receives
// from rank 2, `awaited` awaits irecv with tag 6. The watchdog prints what rank 0
// waits for and what is actually there; a rescue message 2.5 s later releases
// rank 0, which then takes 'hello' and all ends well.
import { strictEqual } from 'node:assert/strict';

import { comm, program, rank } from './harness';

const typo = process.argv[2] as 'tag' | 'source' | 'awaited';
const wrong = { tag: [1, 6], source: [2, 5], awaited: [1, 6] }[typo];
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

program(async () => {
  if (rank === 1) comm.send('hello', 0, 5);
  if (rank === wrong[0]) {
    await later(2500);
    comm.send('rescue', 0, wrong[1]);
  }
  if (rank === 0) {
    const [source, tag] = wrong;
    const got = typo === 'awaited' ? await comm.irecv(source, tag) : comm.recv(source, tag);
    strictEqual(got, 'rescue');
    strictEqual(comm.recv(1, 5), 'hello');
  }
});
