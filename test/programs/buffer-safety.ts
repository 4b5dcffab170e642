// Bounds that cannot be bypassed (issue 11): overflowing extents, detached and
// resizable buffers, transfers during a pending operation, and received values
// that share memory with nothing else.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

// ES2024's resizable buffers, which this TypeScript lib does not declare.
type Resizable = ArrayBuffer & { resize(n: number): void };
const ResizableArrayBuffer = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable;
const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => SharedArrayBuffer;

function detach(ab: ArrayBuffer): void {
  structuredClone(ab, { transfer: [ab] });
  strictEqual(ab.byteLength, 0);
}

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;

  // (count − 1) · extent overflows int64: was a segfault, now a RangeError naming call and argument.
  // The extent is the largest an MPI_Aint argument takes exactly (2**53-1); 4096 of them pass 2**63.
  const huge = MPI.INT.Create_resized(0, 2 ** 53 - 1).Commit();
  const N = 4096;
  const eight = new Int32Array(2);
  throwsLike(() => comm.Sendrecv([eight, N, huge], rank, 0, [new Int32Array(2), N, huge], rank, 0), RangeError, /^Sendrecv: sendbuf: .*overflows/);
  throwsLike(() => comm.Recv([eight, N, huge], MPI.PROC_NULL), RangeError, /^Recv: buf: .*overflows/);
  throwsLike(() => comm.Irecv([eight, N, huge], MPI.PROC_NULL), RangeError, /^Irecv: buf: .*overflows/);
  throwsLike(() => comm.Bcast([eight, N, huge]), RangeError, /^Bcast: buf: .*overflows/);
  throwsLike(() => comm.Allgather([eight, 1, MPI.INT], [eight, N * size, huge]), RangeError, /^Allgather: recvbuf: .*overflows/);
  // One item of the huge type is 4 bytes (its true extent): that still fits.
  comm.Sendrecv([eight, 1, huge], rank, 1, [new Int32Array(2), 1, huge], rank, 1);
  huge.Free();
  const backwards = MPI.INT.Create_resized(0, -(2 ** 53 - 1)).Commit();
  // N items of it: (N − 1) × extent overflows 64 bits before it reaches back; 2 items just reach back.
  throwsLike(() => comm.Recv([eight, N, backwards], MPI.PROC_NULL), RangeError, /^Recv: buf: the count times the datatype's extent overflows 64 bits/);
  throwsLike(() => comm.Recv([eight, 2, backwards], MPI.PROC_NULL), RangeError, /^Recv: buf: the datatype's lower bound or extent is negative/);
  backwards.Free();

  // Detached buffers: a TypeError naming the call and argument, blocking or not, in every spec form.
  const gone = new Int32Array(4);
  detach(gone.buffer as ArrayBuffer);
  throwsLike(() => comm.Send(gone, right), TypeError, /^Send: buf is detached/);
  throwsLike(() => comm.Recv([gone, 0, MPI.INT], MPI.PROC_NULL), TypeError, /^Recv: buf is detached/);
  throwsLike(() => comm.Irecv(gone, left), TypeError, /^Irecv: buf is detached/);
  throwsLike(() => comm.Isend([gone, MPI.INT], right), TypeError, /^Isend: buf is detached/);
  const goneAb = new ArrayBuffer(16);
  detach(goneAb);
  throwsLike(() => comm.Send(goneAb, right), TypeError, /^Send: buf is detached/);
  throwsLike(() => comm.Irecv([goneAb, MPI.BYTE], left), TypeError, /^Irecv: buf is detached/);
  throwsLike(() => comm.Bcast(new DataView(goneAb)), TypeError, /detached/); // a DataView over it cannot even be made
  const dv = new DataView(new ArrayBuffer(8));
  detach(dv.buffer as ArrayBuffer);
  throwsLike(() => comm.Allreduce(MPI.IN_PLACE, [dv, 0, MPI.INT]), TypeError, /^Allreduce: recvbuf is detached/);

  // Resizable memory: refused by nonblocking calls, which MPI keeps using after they return…
  const resizable = new ResizableArrayBuffer(16, { maxByteLength: 64 });
  throwsLike(() => comm.Irecv(new Uint8Array(resizable), left, 3), TypeError, /^Irecv: buf is a resizable ArrayBuffer/);
  throwsLike(() => comm.Isend(new Int32Array(resizable), right, 3), TypeError, /^Isend: buf is a resizable ArrayBuffer/);
  throwsLike(() => comm.Ibcast(resizable), TypeError, /^Ibcast: buf is a resizable ArrayBuffer/);
  const growable = new GrowableSharedArrayBuffer(16, { maxByteLength: 64 });
  throwsLike(() => comm.Isend(new Uint8Array(growable), right, 3), TypeError, /^Isend: buf is a resizable ArrayBuffer \(or growable SharedArrayBuffer\)/);
  // …and accepted by blocking ones, which read its length at the call.
  const into = new Uint8Array(resizable);
  comm.Sendrecv(new Uint8Array([1, 2, 3, 4]), right, 4, [into, 4, MPI.BYTE], left, 4);
  deepStrictEqual([...into.subarray(0, 4)], [1, 2, 3, 4]);
  resizable.resize(2);
  throwsLike(() => comm.Recv([into, 4, MPI.BYTE], MPI.PROC_NULL), RangeError, /^Recv: buf too small: it holds 2 bytes/);

  // A pending receive's or send's memory cannot be transferred away: the transfer copies (or throws), never detaches.
  for (const n of [8, 1 << 20]) {
    const recvbuf = new Uint8Array(n);
    const sendbuf = new Uint8Array(n).fill(rank + 1);
    const r = comm.Irecv(recvbuf, left, 5);
    const s = comm.Isend(sendbuf, right, 5);
    for (const ab of [recvbuf.buffer, sendbuf.buffer] as ArrayBuffer[]) {
      try {
        structuredClone(ab, { transfer: [ab] });
      } catch (e) {
        strictEqual((e as Error).name, 'DataCloneError');
      }
      const { port1, port2 } = new MessageChannel();
      try {
        port1.postMessage(ab, [ab]);
      } catch (e) {
        strictEqual((e as Error).name, 'DataCloneError');
      }
      port1.close();
      port2.close();
      strictEqual(ab.byteLength, n, 'a pending buffer was detached');
    }
    await MPI.Request.waitall([r, s]);
    strictEqual(recvbuf[0], left + 1);
    strictEqual(recvbuf[n - 1], left + 1);
  }

  // Received values live in memory of their own: never Node's Buffer pool, never each other's.
  const check = (v: { a: Uint8Array; b: Float64Array; c: Buffer }, how: string) => {
    const secret = Buffer.from('secret-token-123');
    strictEqual(v.a.buffer.byteLength, 4, `${how}: a's ArrayBuffer holds more than a`);
    strictEqual(v.b.buffer.byteLength, 16, `${how}: b's ArrayBuffer holds more than b`);
    strictEqual(v.c.buffer.byteLength, 3, `${how}: c's ArrayBuffer holds more than c`);
    new Uint8Array(v.a.buffer).fill(0xff);
    new Uint8Array(v.c.buffer).fill(0xff);
    strictEqual(secret.toString(), 'secret-token-123', `${how}: writing through a received value changed another Buffer`);
    deepStrictEqual([...v.b], [1.5, -2.5], how);
  };
  const value = () => ({ a: new Uint8Array([1, 2, 3, 4]), b: new Float64Array([1.5, -2.5]), c: Buffer.from('abc') });
  check(comm.bcast(rank === 0 ? value() : null, 0) as never, 'bcast');
  check(comm.sendrecv(value(), right, 6, left, 6) as never, 'sendrecv');
  // Around a ring a blocking send first may wait for its receive (MPICH's does, even to itself).
  const sent = comm.isend(value(), right, 7);
  check(comm.recv(left, 7) as never, 'recv');
  await sent;
  const pending = comm.irecv(left, 8);
  comm.send(value(), right, 8);
  check((await pending) as never, 'irecv');
  for (const v of comm.allgather(value())) check(v as never, 'allgather');
  check(comm.scatter(rank === 0 ? Array.from({ length: size }, value) : null, 0) as never, 'scatter');
  // A bare typed array takes the fast path: its own ArrayBuffer, exactly its size.
  const t = comm.bcast(rank === 0 ? new Int16Array([1, 2, 3]) : null, 0) as Int16Array;
  strictEqual(t.buffer.byteLength, 6);
});
