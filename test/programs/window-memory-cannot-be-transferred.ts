// ArrayBuffer.prototype.transfer() and transferToFixedLength() (ES2024, Node 21
// and later) would detach a view of MPI's memory and hand the memory to a new
// ArrayBuffer that Win.Free cannot detach (reads and writes of the freed window)
// or, for a nonblocking call's buffer, whose collection frees what MPI still
// writes: both refuse the window's memory (tomemory(), Shared_query) and pinned
// buffers, which stay as they were; every other ArrayBuffer transfers as before.
// Run under a Node that has transfer() (test/windows.test.ts finds one).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, throwsLike } from './harness';

type Movable = ArrayBuffer & { transfer(n?: number): ArrayBuffer; transferToFixedLength(n?: number): ArrayBuffer };
const movable = (v: ArrayBufferView): Movable => v.buffer as Movable;
const REFUSED = /^ArrayBuffer\.prototype\.(transfer|transferToFixedLength): this ArrayBuffer's memory is MPI's/;

program(async () => {
  ok(typeof (ArrayBuffer.prototype as Partial<Movable>).transfer === 'function', `Node ${process.version} has no ArrayBuffer.prototype.transfer`);
  const win = MPI.Win.Allocate(16, 1, MPI.INFO_NULL, comm);
  const mem = win.tomemory();
  mem.fill(rank + 1);
  throwsLike(() => movable(mem).transfer(), TypeError, REFUSED);
  throwsLike(() => movable(mem).transferToFixedLength(), TypeError, REFUSED);
  throwsLike(() => structuredClone(mem.buffer, { transfer: [mem.buffer as ArrayBuffer] }), Error, /./);
  strictEqual(mem.byteLength, 16); // still attached, still the window's
  strictEqual(win.tomemory(), mem);
  deepStrictEqual([...mem.subarray(0, 2)], [rank + 1, rank + 1]);
  win.Free();
  strictEqual(mem.byteLength, 0); // Free detached it: no view reaches the freed memory

  const shared = MPI.Win.Allocate_shared(8, 1, MPI.INFO_NULL, comm);
  const [peer] = shared.Shared_query(0);
  throwsLike(() => movable(peer).transfer(8), TypeError, REFUSED);
  shared.Free();
  strictEqual(peer.byteLength, 0);

  // A nonblocking call's buffer: pinned for good (as markAsUntransferable is).
  const buf = new Uint8Array(8);
  const req = comm.Irecv(buf, rank, 21);
  throwsLike(() => movable(buf).transfer(), TypeError, REFUSED);
  comm.Send(new Uint8Array(8).fill(9), rank, 21);
  await req;
  deepStrictEqual([...buf], Array(8).fill(9));

  // Every other ArrayBuffer transfers as before.
  const free = new Uint8Array([1, 2, 3]);
  const moved = movable(free).transfer();
  strictEqual(free.byteLength, 0);
  deepStrictEqual([...new Uint8Array(moved)], [1, 2, 3]);
  strictEqual((new ArrayBuffer(4) as Movable).transfer(2).byteLength, 2);
});
