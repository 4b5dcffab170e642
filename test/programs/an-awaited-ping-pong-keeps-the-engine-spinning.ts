// Two ranks exchanging awaited messages back and forth: the progress engine
// completes the awaited requests that were not complete when awaited, and
// counts each once, as found polling (spinning or backing off) or on a timer
// tick (progress.stats(); ranks pair up: 0 with 1, 2 with 3; an odd one out sits
// it out; a communicator of one rank checks the status only). How many are found
// polling depends on the machine's load, so that share is a benchmark's figure
// (bench/awaited.ts prints it; docs/progress.md tells why the engine must not
// fall asleep in step with its peer), not asserted here.
//
// Also: an awaited request's status says what completed it (source, tag, count),
// filled by the engine without a Status asked for beforehand.
import { deepEqual, ok } from 'node:assert/strict';
import * as path from 'node:path';

import { comm, MPI, program, rank, size } from './harness';

const native = require(path.join(path.dirname(require.resolve('mpi4js')), 'native.js')).native;
const ROUNDS = 1000;

program(async () => {
  // A communicator of one rank exchanges with itself (completed as posted: no engine counts then).
  const peer = size === 1 ? rank : rank ^ 1;
  if (peer >= size) return;
  const out = new Float64Array([rank]);
  const got = new Float64Array(1);
  // The receive is handed back in an array: an async function would unwrap a Request (a thenable) it returns.
  const exchange = async (): Promise<[MPI.Request]> => {
    if (rank <= peer) {
      const r = comm.Irecv(got, MPI.ANY_SOURCE, MPI.ANY_TAG);
      await comm.Isend(out, peer, 3);
      await r;
      return [r];
    }
    const r = comm.Irecv(got, peer, 3);
    await r;
    await comm.Isend(out, peer, 3);
    return [r];
  };
  for (let i = 0; i < 100; i++) await exchange(); // warm-up: JIT
  const [r] = await exchange();
  const st = r.status;
  deepEqual([st.Get_source(), st.Get_tag(), st.Get_count(MPI.DOUBLE), got[0]], [peer, 3, 1, peer]);

  if (peer === rank) return;
  const [spinning0, late0] = native.progress.stats();
  for (let i = 0; i < ROUNDS; i++) await exchange();
  const [spinning1, late1] = native.progress.stats();
  // Every awaited receive that was not complete when awaited is counted once, spinning or on a tick.
  // Which of the two depends on the machine's load: that share is a benchmark's figure
  // (bench/awaited.ts prints it), not this test's.
  ok(spinning1 - spinning0 + (late1 - late0) > 0, 'the engine completed the awaited receives');
  // Each rank awaits two requests a round: no completion is counted twice.
  ok(spinning1 - spinning0 + (late1 - late0) <= 2 * ROUNDS, 'each awaited completion counted once');
});
