// mpi4js/util's pkl5 with a value of more than 2 GiB (2**31 + 16 bytes) and the
// real block size: send/recv (its part one item of a contiguous datatype),
// issend + mprobe().irecv(), and bcast. The receiver checks every byte against
// the sender's SHA-256. Run on 2 ranks over COMM_WORLD by test/util-pkl5.test.ts
// when MPI4JS_TEST_HUGE=1 and memory allows.
import { ok, strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { pkl5 } from 'mpi4js/util';
import { comm as base, program, rank } from './harness';

const N = 2 ** 31 + 16;

/** N bytes of a pattern that is not periodic in any power of two (251 is prime). */
function big(): Uint8Array {
  const a = new Uint8Array(N);
  for (let i = 0; i < 251; i++) a[i] = i;
  for (let n = 251; n < N; n *= 2) a.copyWithin(n, 0, Math.min(n, N - n));
  a[N - 1] = 0xab;
  return a;
}

function sha(a: Uint8Array): string {
  const h = createHash('sha256');
  for (let at = 0; at < a.length; at += 2 ** 30) h.update(a.subarray(at, at + 2 ** 30));
  return h.digest('hex');
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function check(what: string, got: Uint8Array, digest: string): void {
  strictEqual(got.length, N, `${what}: length`);
  strictEqual(got[N - 1], 0xab, `${what}: last byte`);
  strictEqual(sha(got), digest, `${what}: every byte`);
}

program(async () => {
  const comm = new pkl5.Intracomm(base);
  ok(comm.Get_size() >= 2, 'runs on 2 ranks');
  const t0 = Date.now();
  if (rank === 0) {
    let a: Uint8Array | undefined = big();
    comm.send(sha(a), 1, 6);
    comm.send(a, 1, 5);
    collect();
    await comm.issend(a, 1, 7);
    collect();
    comm.bcast(a, 0);
    a = undefined;
    collect();
  } else if (rank === 1) {
    const digest = comm.recv(0, 6) as string;
    check('recv', comm.recv(0, 5) as Uint8Array, digest);
    collect();
    check('mprobe().irecv()', (await comm.mprobe(0, 7).irecv()) as Uint8Array, digest);
    collect();
    check('bcast', comm.bcast(undefined, 0) as Uint8Array, digest);
  } else comm.bcast(undefined, 0);
  process.stderr.write(`rank ${rank}: ${((Date.now() - t0) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB\n`);
});
