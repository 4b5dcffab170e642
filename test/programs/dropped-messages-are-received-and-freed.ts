// Messages matched by a probe and then dropped unreceived: no other receive
// can ever take them, so once collected the addon receives and discards each,
// frees its id and warns once, as mpi4py would ("collecting object with
// MPI_Message handle …"). A received Message or a MESSAGE_NO_PROC is silent.
// Run with --expose-gc on 2 ranks.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { collect, native, runtimeWarnings } from './collected';
import { MPI, comm, program, rank, size } from './harness';

const live = () => native.message.live();
const warnings = runtimeWarnings();

program(async () => {
  if (size !== 2) throw new Error('run on 2 ranks');
  await collect();
  const base = live();
  if (rank === 1) {
    for (let i = 0; i < 3; i++) comm.Send(new Uint8Array(100).fill(i), 0, 40);
    comm.Send(Uint8Array.of(7), 0, 41);
  }
  if (rank === 0) {
    (() => {
      for (let i = 0; i < 3; i++) comm.Mprobe(1, 40); // matched, never received
      comm.Mprobe(MPI.PROC_NULL, 40); // MESSAGE_NO_PROC
      const received = comm.Mprobe(1, 41);
      const into = new Uint8Array(1);
      received.Recv(into);
      strictEqual(into[0], 7);
    })();
    strictEqual(live(), base + 4, 'three matched messages and a NO_PROC one are held');
    await collect();
    strictEqual(live(), base, 'dropped messages are freed once collected');
    strictEqual(warnings.length, 3, `one warning per dropped matched message, got: ${JSON.stringify(warnings)}`);
    for (const w of warnings) ok(/^collecting object with MPI_Message handle \d+: the message was never received; it has been received and discarded$/.test(w), w);
    ok(!comm.Iprobe(1), 'nothing is left waiting');
  }
  comm.barrier();
  await collect();
  strictEqual(live(), base);
  if (rank === 1) deepStrictEqual(warnings, []);
});
