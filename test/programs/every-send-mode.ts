// Every send mode (issue 12): Send, Ssend, Bsend, Rsend and their I-forms, the
// lowercase bsend/ibsend, around a ring over comm; the attached buffer (sized
// n·(bytes + BSEND_OVERHEAD), Detach returning the same object), a Bsend with
// no room (MPI.Exception, the rank goes on), Rsend after a handshake, and the
// MPI-4.1 names where the library lacks them.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import * as path from 'node:path';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

// What the headers the addon was built against provide (src-native/implementation.h).
const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean; mpi41: boolean } } } }).native.environment;

const N = 5;

program(async () => {
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const mine = (from: number, mode: number) => Float64Array.from({ length: N }, (_, i) => from * 100 + mode * 10 + i);

  // The attached buffer: room for the buffered messages this body has in flight at once (2 buffer, 2 objects).
  const room = 4 * (N * 8 + 256 + MPI.BSEND_OVERHEAD);
  const attachedBuf = new Uint8Array(room);
  MPI.Attach_buffer(attachedBuf);
  // A second attach is MPI's error, and the first stays attached.
  throwsLike(() => MPI.Attach_buffer(new Uint8Array(64)), MPI.Exception, /MPI_Buffer_attach/);
  // While attached, MPI may write into it: a transfer copies (or throws), never detaches it.
  try {
    structuredClone(attachedBuf.buffer, { transfer: [attachedBuf.buffer] });
  } catch (err) {
    strictEqual((err as Error).name, 'DataCloneError');
  }
  strictEqual(attachedBuf.byteLength, room, 'the attached buffer was detached by a transfer');

  // Blocking modes around the ring: each rank posts its receive first (Irecv),
  // then sends; Rsend needs that receive posted on the peer, which a barrier
  // after the Irecvs guarantees (the handshake).
  const modes = ['Send', 'Ssend', 'Bsend', 'Rsend'] as const;
  for (const [m, mode] of modes.entries()) {
    const got = new Float64Array(N);
    const r = comm.Irecv(got, left, 10 + m);
    comm.Barrier();
    comm[mode](mine(rank, m), right, 10 + m);
    r.Wait();
    deepStrictEqual([...got], [...mine(left, m)], `${mode} around the ring`);
  }

  // Their nonblocking forms.
  const iModes = ['Isend', 'Issend', 'Ibsend', 'Irsend'] as const;
  for (const [m, mode] of iModes.entries()) {
    const got = new Float64Array(N);
    const r = comm.Irecv(got, left, 20 + m);
    comm.Barrier();
    const s = comm[mode](mine(rank, m), right, { tag: 20 + m });
    if (m % 2 === 0) await Promise.all([s, r]);
    else MPI.Request.Waitall([s, r]);
    deepStrictEqual([...got], [...mine(left, m)], `${mode} around the ring`);
  }

  // Lowercase bsend/ibsend: values through the attached buffer.
  comm.bsend({ from: rank, text: 'bsend' }, right, 30);
  deepStrictEqual(comm.recv(left, 30), { from: left, text: 'bsend' });
  const ib = comm.ibsend([rank, 'ibsend'], right, { tag: 31 });
  deepStrictEqual(await comm.irecv(left, 31), [left, 'ibsend']);
  await ib;

  // Detach returns the very object attached, once its messages have left.
  strictEqual(MPI.Detach_buffer(), attachedBuf);

  // A Bsend with too little room is MPI's error on this rank only; the rank goes on.
  // Sent to itself over a Dup of its own: Open MPI 4.1 sends a message it can deliver
  // eagerly without buffering it at all (no error), and a failed large Bsend to a peer
  // leaves the peer's side of the connection stuck (a later collective hangs there).
  const small = new ArrayBuffer(MPI.BSEND_OVERHEAD + 8);
  const own = comm.Dup();
  MPI.Attach_buffer(small);
  const big = new Float64Array(1024);
  throwsLike(() => own.Bsend(big, own.rank, 40), MPI.Exception, /MPI_Bsend/);
  strictEqual(MPI.Detach_buffer(), small);
  own.Free();
  // … and the communicator still works.
  deepStrictEqual(comm.allgather(rank), Array.from({ length: size }, (_, i) => i));

  // Automatic buffering and per-communicator buffers are MPI-4.1: where the
  // library lacks them the error names it; on an MPI-4.1 library mpi4js does not call them yet.
  const library = MPI.Get_library_version().split(/[,\n]/)[0].trim();
  const e = throwsLike(() => MPI.Attach_buffer(undefined), MPI.NotImplementedError, /^Attach_buffer: /);
  ok(e.message.includes(features.mpi41 ? 'not implemented by mpi4js' : `not provided by ${library} (an MPI-4.1 routine)`), e.message);
  strictEqual(e.name, 'NotImplementedError');
  throwsLike(() => MPI.Attach_buffer(MPI.BUFFER_AUTOMATIC), MPI.NotImplementedError, /Attach_buffer/);
  ok(Object.isFrozen(MPI.BUFFER_AUTOMATIC));
  throwsLike(() => comm.Attach_buffer(new Uint8Array(8)), MPI.NotImplementedError, /Comm\.Attach_buffer/);
  throwsLike(() => comm.Flush_buffer(), MPI.NotImplementedError, /Comm\.Flush_buffer/);
  throwsLike(() => MPI.Flush_buffer(), MPI.NotImplementedError, /Flush_buffer/);
  throwsLike(() => MPI.Iflush_buffer(), MPI.NotImplementedError, /Iflush_buffer/);
  // Bad input is named.
  throwsLike(() => MPI.Attach_buffer(42 as never), TypeError, /Attach_buffer: buf/);
});
