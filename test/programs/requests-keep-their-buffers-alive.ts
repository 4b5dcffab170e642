// What a nonblocking call was given stays alive until it completes, even when
// the caller keeps no reference: run with --expose-gc, collect garbage while
// messages are in flight, check every byte.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, program, rank, size } from './harness';

const gc = (globalThis as { gc?: () => void }).gc;

function pattern(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

program(async () => {
  if (!gc) throw new Error('run with --expose-gc');
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const n = 64;
  const sizes = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 200_000));
  // Receives into buffers only the requests hold; sends of buffers and objects nobody holds.
  const receives = sizes.map((len, i) => {
    const buf = new Uint8Array(len);
    return { req: comm.Irecv(buf, left, i), ref: new WeakRef(buf), len };
  });
  const objects = sizes.map((_, i) => comm.irecv(left, 1000 + i));
  comm.barrier();
  for (let i = 0; i < n; i++) {
    comm.Isend(pattern(sizes[i], rank), right, i);
    comm.isend({ i, data: pattern(1000, i) }, right, 1000 + i);
    if (i % 8 === 0) gc();
  }
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  for (let i = 0; i < n; i++) {
    await receives[i].req;
    const buf = receives[i].ref.deref();
    // The buffer may legitimately be gone once complete and unreferenced; if
    // it is still here, every byte must be right.
    if (buf) deepStrictEqual(buf, pattern(receives[i].len, left));
    const obj = (await objects[i]) as { i: number; data: Uint8Array };
    strictEqual(obj.i, i);
    deepStrictEqual(new Uint8Array(obj.data), pattern(1000, i));
  }
  // Now with checks that cannot be skipped: the receiver keeps its buffers, the
  // sender drops everything and collects garbage before the receives are posted.
  comm.barrier();
  for (let i = 0; i < n; i++) comm.Isend(pattern(sizes[i], rank), right, 5000 + i);
  gc();
  comm.barrier();
  gc();
  for (let i = 0; i < n; i++) {
    const into = new Uint8Array(sizes[i]);
    comm.Recv(into, left, 5000 + i);
    deepStrictEqual(into, pattern(sizes[i], left));
  }
});
