// A matched message dropped unreceived is received whole before it is thrown
// away, whatever its size: the addon sizes it 64-bit from the probe, so the
// discarding receive raises no truncation through the communicator's handler
// (a user handler here records any; ERRORS_ARE_FATAL would end the job). Its
// size in bytes is argv[2] (default 70,000): past MPI4JS_TEST_CHUNK it goes as
// one item of a derived type; past 2**31 (MPI4JS_TEST_HUGE, test/large-values.test.ts)
// an int count could not even say it. Run with --expose-gc.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { collect, native } from './collected';
import { comm, MPI, program, rank, size } from './harness';

const bytes = Number(process.argv[2] ?? 70_000);
if (!Number.isSafeInteger(bytes) || bytes < 1) throw new RangeError(`argv[2] must be a byte count, got ${process.argv[2]}`);
const live = () => native.message.live();
const TAG = 52;

program(async () => {
  const sender = size - 1; // COMM_SELF: rank 0 sends to itself
  await collect();
  const base = live();
  const raised: number[] = [];
  const handler = MPI.Comm.Create_errhandler((_c, code) => {
    raised.push(code);
  });
  comm.Set_errhandler(handler);
  handler.Free();
  try {
    let sent: InstanceType<typeof MPI.Request> | undefined;
    if (rank === sender) {
      const data = new Uint8Array(bytes);
      data[bytes - 1] = 1;
      sent = comm.Isend(data, 0, TAG);
    }
    if (rank === 0) {
      (() => {
        const status = new MPI.Status();
        comm.Mprobe(sender, TAG, status); // matched, never received
        strictEqual(status.Get_elements(MPI.BYTE), bytes, 'the probe sized it 64-bit');
      })();
      strictEqual(live(), base + 1, 'the matched message is held');
      await collect();
      strictEqual(live(), base, 'dropped, then received and freed once collected');
      deepStrictEqual(raised, [], 'the discarding receive raised no error (a truncated one runs the handler)');
      ok(!comm.Iprobe(sender, TAG), 'nothing of it is left waiting');
    }
    sent?.Wait(); // completes once rank 0 has received it
    deepStrictEqual(raised, []);
  } finally {
    comm.Set_errhandler(MPI.ERRORS_RETURN);
  }
  comm.Barrier();
});
