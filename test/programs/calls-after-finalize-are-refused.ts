// After MPI.Finalize(): a call into MPI is a clear error, never an abort of the
// job (Compute_dims) or a made-up value (Wtime gave 0: MPI-3.1 §8.7 allows only
// the version and state queries then), and an awaited request rejects instead
// of never settling.
import { ok, strictEqual } from 'node:assert/strict';

import { MPI } from 'mpi4js';

import { throwsLike } from './harness';

const comm = MPI.COMM_WORLD;
const rank = comm.rank;
const size = comm.size;

async function main(): Promise<void> {
  const pending = comm.irecv(rank, 77); // nothing is ever sent with tag 77
  const outcome = pending.then(
    () => new Error('the receive completed'),
    (e: unknown) => e,
  );
  comm.barrier();
  MPI.Finalize();
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise((resolve) => (timer = setTimeout(() => resolve(new Error('the awaited request never settled')), 5000)));
  const e = await Promise.race([outcome, never]);
  clearTimeout(timer);
  ok(e instanceof MPI.Exception, String(e));
  strictEqual(e.error_class, MPI.ERR_OTHER);
  ok(/^MPI_Finalize: .*MPI was finalized while this request was awaited/.test(e.message), e.message);

  throwsLike(() => MPI.Compute_dims(4, 2), Error, /^MPI has been finalized: no MPI call may follow MPI\.Finalize\(\)$/);
  throwsLike(() => MPI.Wtime(), Error, /^MPI has been finalized/);
  throwsLike(() => MPI.Wtick(), Error, /^MPI has been finalized/);
  throwsLike(() => comm.Get_group(), Error, /^MPI has been finalized/);
  // What MPI allows after finalize still answers.
  ok(MPI.Is_finalized());
  strictEqual(MPI.Get_version().length, 2);
  ok(MPI.Get_library_version().length > 0);
  process.stdout.write(`ok ${rank}/${size}\n`);
}

void main();
