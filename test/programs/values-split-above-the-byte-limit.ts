// Values whose bytes pass the largest count MPI takes as one C int travel
// whole: point to point as one message of a derived datatype, collectives in
// rounds. Run with MPI4JS_TEST_CHUNK=4096, so that limit is 4 KiB and values of
// a few KiB take the same paths as values over 2 GiB do with the real limit.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

/** n bytes that name their sender. */
function pattern(n: number, from: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + from * 31 + (i >> 8)) & 0xff);
}

const SIZES = [1, 4087, 4088, 4089, 4096, 10_000, 100_003];

program(async () => {
  strictEqual(process.env.MPI4JS_TEST_CHUNK, '4096', 'run with MPI4JS_TEST_CHUNK=4096');
  const next = (rank + 1) % size;
  const prev = (rank - 1 + size) % size;
  for (const n of SIZES) {
    const where = (call: string) => `${call} of ${n} bytes`;
    // Point to point, around a ring: blocking, nonblocking, matched probe, sendrecv.
    const r = comm.irecv(prev, 1);
    comm.send(pattern(n, rank), next, 1);
    deepStrictEqual(await r, pattern(n, prev), where('irecv'));
    const s = comm.isend({ n, bytes: pattern(n, rank) }, next, 2);
    deepStrictEqual(comm.recv(prev, 2), { n, bytes: pattern(n, prev) }, where('recv'));
    s.wait();
    const ss = comm.issend(pattern(n, rank), next, 3);
    deepStrictEqual(comm.mprobe(prev, 3).recv(), pattern(n, prev), where('mprobe().recv'));
    ss.wait();
    deepStrictEqual(comm.sendrecv(pattern(n, rank), next, 4, prev, 4), pattern(n, prev), where('sendrecv'));

    // Collectives, every rank's value of a different size (so rounds move uneven pieces).
    const m = (r: number) => n + r * 1000;
    const all = Array.from({ length: size }, (_, i) => pattern(m(i), i));
    for (let root = 0; root < size; root++) {
      deepStrictEqual(comm.bcast(rank === root ? pattern(n, root) : undefined, root), pattern(n, root), where('bcast'));
      deepStrictEqual(comm.gather(pattern(m(rank), rank), root), rank === root ? all : undefined, where('gather'));
      const items = Array.from({ length: size }, (_, i) => pattern(m(i), root));
      deepStrictEqual(comm.scatter(rank === root ? items : undefined, root), pattern(m(rank), root), where('scatter'));
    }
    deepStrictEqual(comm.allgather(pattern(m(rank), rank)), all, where('allgather'));
    const mine = Array.from({ length: size }, (_, to) => pattern(m(to) + rank, rank));
    deepStrictEqual(comm.alltoall(mine), Array.from({ length: size }, (_, from) => pattern(m(rank) + from, from)), where('alltoall'));
    const sum = Array.from({ length: 1000 }, (_, i) => i + n);
    deepStrictEqual(comm.allreduce(sum.map((x) => x * (rank + 1)), MPI.SUM), sum.map((x) => (x * size * (size + 1)) / 2), where('allreduce'));
  }
});
