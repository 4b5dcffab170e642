// A value of more than 2 GiB (2**31 + 16 bytes; MPI counts are C ints) moves
// whole with the real limit: send/recv as one message of a derived datatype,
// and bcast. The receiver checks every byte against the sender's SHA-256.
import { strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { comm, program, rank } from './harness';

const N = 2 ** 31 + 16;

/** N bytes of a pattern that is not periodic in any power of two (251 is prime). */
function big(): Uint8Array {
  const a = new Uint8Array(N);
  for (let i = 0; i < 251; i++) a[i] = i;
  for (let n = 251; n < N; n *= 2) a.copyWithin(n, 0, Math.min(n, N - n));
  a[N - 1] = 0xab; // the last byte, past every 2**31 boundary, is checked on its own too
  return a;
}

function sha(a: Uint8Array): string {
  const h = createHash('sha256');
  for (let at = 0; at < a.length; at += 2 ** 30) h.update(a.subarray(at, at + 2 ** 30)); // update takes under 2 GiB at a time
  return h.digest('hex');
}

/** Lets the collector free what was dropped, when node runs with --expose-gc (the test does), to keep the peak low. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

program(() => {
  const t0 = Date.now();
  if (rank === 0) {
    const a = big();
    comm.send(sha(a), 1, 6);
    comm.send(a, 1, 5);
    collect();
    comm.bcast(a, 0);
  } else if (rank === 1) {
    const digest = comm.recv(0, 6);
    let got = comm.recv(0, 5) as Uint8Array;
    strictEqual(got.length, N, 'recv: length');
    strictEqual(got[N - 1], 0xab, 'recv: last byte');
    strictEqual(sha(got), digest, 'recv: every byte');
    got = new Uint8Array(0);
    collect();
    const b = comm.bcast(undefined, 0) as Uint8Array;
    strictEqual(b.length, N, 'bcast: length');
    strictEqual(b[N - 1], 0xab, 'bcast: last byte');
    strictEqual(sha(b), digest, 'bcast: every byte');
  }
  process.stderr.write(`rank ${rank}: ${((Date.now() - t0) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB\n`);
});
