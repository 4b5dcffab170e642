// A collective of values in which one rank's value cannot be sent (a function:
// not serializable; scatter/alltoall: not an array) fails on every rank, never
// leaving the others blocked: the failing rank throws its own error, the others
// an Error naming it. Afterwards the communicator works (nothing half-done).
// The nonblocking forms alike: the failing rank throws at the call, the
// others' requests reject.
import { deepStrictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const fn = () => 0;

/** The failing rank's own TypeError, or everyone else's Error naming it. */
function failsEverywhere(call: string, bad: number, f: () => unknown): void {
  if (rank === bad) throwsLike(f, TypeError, new RegExp(`^${call}: (cannot serialize a function|expecting an array)`));
  else throwsLike(f, Error, new RegExp(`^${call}: rank ${bad} could not send its value`));
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, i) => i), `after ${call}`);
}

/** The same for a nonblocking collective: the failing rank throws at the call, the others' requests reject. */
async function failsEverywhereAwaited(call: string, bad: number, f: () => PromiseLike<unknown>): Promise<void> {
  if (rank === bad) throwsLike(f, TypeError, new RegExp(`^${call}: (cannot serialize a function|expecting an array)`));
  else {
    let error: unknown;
    await f().then(() => undefined, (e: unknown) => (error = e));
    throwsLike(() => { if (error) throw error; }, Error, new RegExp(`^${call}: rank ${bad} could not send its value`));
  }
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, i) => i), `after ${call}`);
}

program(async () => {
  for (let bad = 0; bad < size; bad++) {
    const mine = rank === bad ? fn : rank;
    await failsEverywhereAwaited('ibcast', bad, () => comm.ibcast(rank === bad ? fn : undefined, bad));
    await failsEverywhereAwaited('iscatter', bad, () => comm.iscatter(rank === bad ? 42 : undefined, bad));
    await failsEverywhereAwaited('igather', bad, () => comm.igather(mine, (bad + 1) % size));
    await failsEverywhereAwaited('iallgather', bad, () => comm.iallgather(mine));
    await failsEverywhereAwaited('iallreduce', bad, () => comm.iallreduce(mine));
    await failsEverywhereAwaited('ialltoall', bad, () => comm.ialltoall(rank === bad ? new Array(size).fill(fn) : new Array(size).fill(rank)));
  }
  for (let bad = 0; bad < size; bad++) {
    const mine = rank === bad ? fn : rank;
    failsEverywhere('bcast', bad, () => comm.bcast(rank === bad ? fn : undefined, bad));
    failsEverywhere('scatter', bad, () => comm.scatter(rank === bad ? [fn, ...new Array(size - 1).fill(1)] : undefined, bad));
    failsEverywhere('scatter', bad, () => comm.scatter(rank === bad ? 42 : undefined, bad));
    for (let root = 0; root < size; root++) {
      failsEverywhere('gather', bad, () => comm.gather(mine, root));
      failsEverywhere('reduce', bad, () => comm.reduce(mine, MPI.SUM, root));
    }
    failsEverywhere('allgather', bad, () => comm.allgather(mine));
    failsEverywhere('allreduce', bad, () => comm.allreduce(mine, MPI.MAX));
    failsEverywhere('scan', bad, () => comm.scan(mine));
    failsEverywhere('exscan', bad, () => comm.exscan(mine));
    failsEverywhere('alltoall', bad, () => comm.alltoall(rank === bad ? new Array(size).fill(fn) : new Array(size).fill(rank)));
    failsEverywhere('alltoall', bad, () => comm.alltoall(rank === bad ? 'no' : new Array(size).fill(rank)));
  }
  // Two ranks failing at once: each throws its own error, the others name both.
  if (size > 2) {
    const f = () => comm.allgather(rank < 2 ? fn : rank);
    if (rank < 2) throwsLike(f, TypeError, /^allgather: cannot serialize a function/);
    else throwsLike(f, Error, /^allgather: ranks 0, 1 could not send their values/);
  }
});
