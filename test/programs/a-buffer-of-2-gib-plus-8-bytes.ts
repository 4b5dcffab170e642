// A buffer of 2**31 + 8 bytes, one count beyond a C int, with the real limit:
// Send/Recv as one message (MPI_Send_c where the library has it, else one item
// of a derived datatype), Status.Get_count above INT_MAX (from the 64-bit byte
// count), and a Bcast back. Both ranks check every byte (SHA-256 over the whole
// buffer, and the bytes around each 2**31 boundary one by one).
import { strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { comm, MPI, program, rank } from './harness';

const N = 2 ** 31 + 8;

/** N bytes of a pattern that is not periodic in any power of two (251 is prime). */
function big(): Uint8Array {
  const a = new Uint8Array(N);
  for (let i = 0; i < 251; i++) a[i] = i;
  for (let n = 251; n < N; n *= 2) a.copyWithin(n, 0, Math.min(n, N - n));
  return a;
}

function sha(a: Uint8Array): string {
  const h = createHash('sha256');
  for (let at = 0; at < a.length; at += 2 ** 30) h.update(a.subarray(at, at + 2 ** 30)); // under 2 GiB at a time
  return h.digest('hex');
}

function checkEdges(a: Uint8Array, what: string): void {
  for (let i = 2 ** 31 - 16; i < N; i++) strictEqual(a[i], i % 251, `${what}: byte ${i}`);
}

program(() => {
  const t0 = Date.now();
  strictEqual(comm.size, 2, 'run on 2 ranks');
  if (rank === 0) {
    const a = big();
    const digest = sha(a);
    comm.send(digest, 1, 1);
    const t = Date.now();
    comm.Send([a, N, MPI.BYTE], 1, 2);
    process.stderr.write(`rank 0: Send of ${N} bytes took ${Date.now() - t} ms\n`);
    a.fill(0);
    const tb = Date.now();
    comm.Bcast(a, 1);
    process.stderr.write(`rank 0: Bcast of ${N} bytes took ${Date.now() - tb} ms\n`);
    strictEqual(sha(a), digest, 'Bcast: the bytes rank 1 received');
    checkEdges(a, 'Bcast');
  } else {
    const digest = comm.recv(0, 1) as string;
    const a = new Uint8Array(N);
    const st = new MPI.Status();
    comm.Recv(a, 0, 2, st);
    strictEqual(st.Get_count(MPI.BYTE), N, 'Get_count above INT_MAX');
    strictEqual(st.Get_elements(MPI.BYTE), N, 'Get_elements');
    strictEqual(st.Get_count(MPI.INT), N / 4, 'Get_count of 4-byte items');
    const three = MPI.BYTE.Create_contiguous(3).Commit();
    strictEqual(st.Get_count(three), MPI.UNDEFINED, 'Get_count of 3-byte items: not a whole number of them');
    three.Free();
    strictEqual(sha(a), digest, 'Recv: every byte');
    checkEdges(a, 'Recv');
    comm.Bcast(a, 1);
  }
  process.stderr.write(`rank ${rank}: ${Date.now() - t0} ms in all\n`);
});
