// MPI is finalised when the process ends, by returning or by process.exit();
// after MPI.Finalize() every MPI call throws instead of killing the job.
import { ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, rank, size } from './harness';

const how = process.argv[2];
strictEqual(comm.allreduce(1), size);
if (how === 'explicit') {
  comm.barrier();
  MPI.Finalize();
  ok(MPI.Is_finalized());
  throws(() => comm.barrier(), /MPI has been finalized/);
  throws(() => comm.Send(new Uint8Array(1), 0), /MPI has been finalized/);
  MPI.Finalize(); // twice is harmless
  process.stdout.write(`ok ${rank}/${size}\n`);
} else if (how === 'process.exit') {
  process.stdout.write(`ok ${rank}/${size}\n`);
  process.exit(0);
} else {
  process.on('exit', () => {
    // The exit hook that finalises runs before this one: MPI is done.
    if (MPI.Is_finalized()) process.stdout.write(`ok ${rank}/${size}\n`);
  });
}
