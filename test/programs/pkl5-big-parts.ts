// mpi4js/util's pkl5 with its block size lowered (mpi4py's testBigMPI): every
// part beyond it goes as one item of a contiguous datatype, in sendrecv,
// issend + mprobe().irecv(), and bcast; values of several sizes around each
// block size arrive whole, statuses count their bytes.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { pkl5 } from 'mpi4js/util';
import { comm as base, MPI, program, rank, size } from './harness';

program(async () => {
  const comm = new pkl5.Intracomm(base);
  const dest = (rank + 1) % size;
  const source = (rank - 1 + size) % size;
  const defaultBlock = pkl5._bigmpi.blocksize;
  // Counts the contiguous datatypes made, to see the blocked path taken (and not taken at the default block size).
  let made = 0;
  const byte = MPI.BYTE as { Create_contiguous: (n: number) => InstanceType<typeof MPI.Datatype> };
  const original = byte.Create_contiguous;
  byte.Create_contiguous = function (this: unknown, n: number) {
    made++;
    return original.call(this, n);
  };
  deepStrictEqual(comm.sendrecv(new Uint8Array(5000), dest, 1, source, 1), new Uint8Array(5000));
  strictEqual(made, 0, 'no part is blocked at the default block size');
  ok(defaultBlock >= 2 ** 31 - 1, 'by default no part of a value under 2 GiB is blocked');
  try {
    for (const blocksize of [63, 64, 65, (1 << 12) - 1, 1 << 12, (1 << 12) + 1]) {
      pkl5._bigmpi.blocksize = blocksize;
      strictEqual(pkl5._bigmpi.blocksize, blocksize);
      const a = new Int32Array(1024).fill(rank);
      const b = new Int32Array(1024).fill(dest);
      const c = new Int32Array(1024).fill(42);
      const s = new MPI.Status();
      const got = comm.sendrecv([a, b], dest, 42, source, 42, s) as Int32Array[];
      ok(got[0].every((x) => x === source));
      ok(got[1].every((x) => x === rank));
      ok(s.Get_elements(MPI.BYTE) > 8192);
      ok(made > 0, 'a part beyond the block size went as a contiguous datatype');
      comm.barrier();
      const req = comm.issend([a, b], dest, 123);
      const s2 = new MPI.Status();
      const got2 = comm.mprobe(source, 123).irecv().wait(s2) as Int32Array[];
      ok(got2[0].every((x) => x === source));
      ok(got2[1].every((x) => x === rank));
      ok(s2.Get_elements(MPI.BYTE) > 0);
      req.wait();
      comm.barrier();
      for (let root = 0; root < size; root++) {
        const v = comm.bcast(rank === root ? [c, c.slice()] : undefined, root) as Int32Array[];
        ok(v[0].every((x) => x === 42) && v[1].every((x) => x === 42));
      }
      for (const n of [0, 1, blocksize - 1, blocksize, blocksize + 1, 3 * blocksize + 7]) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7 + rank) % 251);
        deepStrictEqual(comm.sendrecv(bytes, dest, 1, source, 1), Uint8Array.from({ length: n }, (_, i) => (i * 7 + source) % 251));
        deepStrictEqual(comm.allgather(bytes.length), new Array(size).fill(n));
        const m = comm.mprobe(MPI.PROC_NULL);
        strictEqual(m.recv(), undefined);
        const r = comm.isend(bytes, rank, 2);
        deepStrictEqual(comm.mprobe(rank, 2).recv(), bytes);
        await r;
      }
    }
  } finally {
    pkl5._bigmpi.blocksize = defaultBlock;
    byte.Create_contiguous = original;
  }
  comm.barrier();
});
