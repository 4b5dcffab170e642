// mpi4js/util's pkl5 collectives over the harness communicator, from every
// root, as mpi4py's test_util_pkl5: bcast, gather, scatter (an array, an
// iterable, null), allgather, alltoall (an array, an iterable, null); a root
// out of range is MPI.Exception ERR_ROOT, a wrong number of items a
// RangeError; a value one rank cannot serialize fails the call on that rank
// with its own error and on the ranks that would receive it with an Error
// naming it, and the communicator works on.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size, throwsLike, VALUES } from './harness';

program(() => {
  const comm = new pkl5.Intracomm(base);
  const all = (v: unknown) => new Array(size).fill(v);
  for (const v of VALUES) {
    for (let root = 0; root < size; root++) {
      deepStrictEqual(comm.bcast(rank === root ? v : undefined, root), v);
      deepStrictEqual(comm.gather(v, root), rank === root ? all(v) : undefined);
      strictEqual(comm.scatter(null, root), undefined);
      deepStrictEqual(comm.scatter(rank === root ? all(v) : undefined, root), v);
      deepStrictEqual(comm.scatter(rank === root ? all(v).values() : undefined, root), v);
    }
    deepStrictEqual(comm.allgather(undefined), all(undefined));
    deepStrictEqual(comm.allgather(v), all(v));
    deepStrictEqual(comm.alltoall(null), all(undefined));
    deepStrictEqual(comm.alltoall(all(v)), all(v));
    deepStrictEqual(comm.alltoall(all(v).values()), all(v));
  }
  // Each rank's own value, in rank order; options forms.
  deepStrictEqual(comm.gather({ r: rank }, { root: 0 }), rank === 0 ? Array.from({ length: size }, (_, r) => ({ r })) : undefined);
  deepStrictEqual(comm.allgather(`r${rank}`), Array.from({ length: size }, (_, r) => `r${r}`));
  deepStrictEqual(comm.alltoall(Array.from({ length: size }, (_, to) => [rank, to])), Array.from({ length: size }, (_, from) => [from, rank]));
  strictEqual(comm.bcast(rank === size - 1 ? 'last' : undefined, { root: size - 1 }), 'last');
  deepStrictEqual(comm.scatter(rank === 0 ? Array.from({ length: size }, (_, i) => i * 10) : undefined, { root: 0 }), rank * 10);

  // Refused before any message, on every rank alike.
  for (const root of [-1, size]) {
    throwsLike(() => comm.bcast(1, root), MPI.Exception, /bcast/);
    throwsLike(() => comm.gather(1, root), MPI.Exception, /gather/);
    throwsLike(() => comm.scatter(all(1), root), MPI.Exception, /scatter/);
  }
  throwsLike(() => comm.alltoall(all(1).slice(1)), RangeError, /alltoall: expecting \d+ items/);
  throwsLike(() => comm.alltoall([...all(1), 1]), RangeError, /alltoall: expecting \d+ items/);
  if (size === 1) throwsLike(() => comm.scatter([1, 2], 0), RangeError, /scatter: expecting 1 items/);

  // A value that cannot be sent: its rank throws its own error, the receivers one naming it.
  const bad = size - 1;
  const mine = (v: unknown) => (rank === bad ? Symbol('not serializable') : v);
  throwsLike(() => comm.allgather(mine(1)), rank === bad ? TypeError : Error, rank === bad ? /allgather: cannot serialize/ : new RegExp(`allgather: rank ${bad} could not send its value`));
  if (rank === 0 || rank === bad) {
    throwsLike(() => comm.gather(mine(1), 0), rank === bad ? TypeError : Error, rank === bad ? /gather: cannot serialize/ : new RegExp(`gather: rank ${bad} could not send`));
  } else strictEqual(comm.gather(mine(1), 0), undefined);
  throwsLike(() => comm.bcast(mine(1), bad), rank === bad ? TypeError : Error, rank === bad ? /bcast: cannot serialize/ : /bcast: rank \d+ could not send/);
  throwsLike(() => comm.scatter(rank === bad ? all(1).map((x, i) => (i === 0 ? Symbol('s') : x)) : undefined, bad), rank === bad ? TypeError : Error, rank === bad ? /scatter: cannot serialize/ : /scatter: rank \d+ could not send/);
  throwsLike(() => comm.alltoall(rank === bad ? 'not an array' : all(1)), rank === bad ? TypeError : Error, rank === bad ? /alltoall: expecting an array/ : /alltoall: rank \d+ could not send/);
  // The communicator works on.
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, r) => r));
  ok(comm.iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG) === false);
  comm.barrier();
});
