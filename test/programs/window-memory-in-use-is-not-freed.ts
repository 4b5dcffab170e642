// Win.Free of an Allocate or Allocate_shared window frees MPI's memory: while a
// view of it (tomemory(), Shared_query) is still MPI's to use — a pending or
// persistent request's buffer, another window's memory, an attached bsend
// buffer, a begun split collective's buffer, an unsynchronized one-sided
// operation's origin — Free is refused on EVERY rank (one rank going on into
// MPI_Win_free would wait for the others forever), the window stays usable,
// and once the use ends Free succeeds.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, sharedTempPath, size, throwsLike } from './harness';

/** Every rank's Free refused: `what` on the rank that uses the memory (every rank: 'all'), its number on the others. */
function refused(win: InstanceType<typeof MPI.Win>, user: number | 'all', what: RegExp): void {
  const why = user === 'all' || rank === user ? what : new RegExp(`rank ${user} of the window still uses its memory`);
  throwsLike(() => win.Free(), MPI.Exception, new RegExp(`^Win\\.Free: MPI_ERR_OTHER: .*${why.source}.*not freed, on any rank`));
  strictEqual(String(win), 'MPI.Win');
  win.Fence(); // still a window, on every rank
}

program(async () => {
  const last = size - 1; // of the harness communicator this run is over
  // --- a pending Irecv into tomemory(), on the last rank only: every rank refuses.
  {
    const win = MPI.Win.Allocate(64, 1, MPI.INFO_NULL, comm);
    const mem = win.tomemory();
    const req = rank === last ? comm.Irecv([mem, 8, MPI.BYTE], last, 11) : null;
    refused(win, last, /in use by a pending request of Irecv/);
    if (req) {
      comm.Send(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), last, 11);
      await req;
      deepStrictEqual([...mem.subarray(0, 8)], [1, 2, 3, 4, 5, 6, 7, 8]);
    }
    win.Free();
    strictEqual(String(win), 'MPI.Win(WIN_NULL)');
  }

  // --- a persistent receive on rank 0, inactive (Start would use the memory): until Request.Free.
  {
    const win = MPI.Win.Allocate(32, 1, MPI.INFO_NULL, comm);
    const pr = rank === 0 ? comm.Recv_init(win.tomemory(), 0, 12) : null;
    refused(win, 0, /in use by a persistent request of Recv_init/);
    pr?.Free();
    win.Free();
  }

  // --- another window over its memory (Create), then a dynamic window's Attach.
  {
    const win = MPI.Win.Allocate(32, 1, MPI.INFO_NULL, comm);
    const over = MPI.Win.Create(win.tomemory(), 1, MPI.INFO_NULL, comm);
    refused(win, 'all', /in use by a window's memory \(Win\.Create or Win\.Attach/);
    over.Free();
    const dyn = MPI.Win.Create_dynamic(MPI.INFO_NULL, comm);
    const part = win.tomemory().subarray(8, 16);
    if (rank === last) dyn.Attach(part);
    refused(win, last, /in use by a window's memory/);
    if (rank === last) dyn.Detach(part);
    win.Free();
    dyn.Free();
  }

  // --- a Shared_query view of rank 0's segment, as the buffer of an Irecv on the last rank.
  {
    const win = MPI.Win.Allocate_shared(16, 1, MPI.INFO_NULL, comm);
    const [peer] = win.Shared_query(0);
    strictEqual(peer.byteLength, 16);
    const req = rank === last ? comm.Irecv([peer, 4, MPI.BYTE], last, 13) : null;
    refused(win, last, /in use by a pending request of Irecv/);
    if (req) {
      comm.Send(Uint8Array.of(9, 8, 7, 6), last, 13);
      await req;
    }
    comm.Barrier();
    if (rank === 0) deepStrictEqual([...win.tomemory().subarray(0, 4)], [9, 8, 7, 6]);
    comm.Barrier();
    win.Free();
  }

  // --- a one-sided operation's origin not yet synchronized (held by another window until Unlock).
  {
    const win = MPI.Win.Allocate(16, 1, MPI.INFO_NULL, comm);
    const target = new Uint8Array(16);
    const other = MPI.Win.Create(target, 1, MPI.INFO_NULL, comm);
    const mem = win.tomemory();
    mem.fill(rank + 1);
    other.Lock(rank);
    other.Put([mem, 4, MPI.BYTE], rank);
    refused(win, 'all', /in use by a one-sided operation not yet completed/);
    other.Unlock(rank);
    deepStrictEqual([...target.subarray(0, 4)], [rank + 1, rank + 1, rank + 1, rank + 1]);
    win.Free();
    other.Free();
  }

  // --- the buffer of buffered sends.
  {
    const win = MPI.Win.Allocate(MPI.BSEND_OVERHEAD + 64, 1, MPI.INFO_NULL, comm);
    if (rank === 0) MPI.Attach_buffer(win.tomemory());
    refused(win, 0, /in use by the buffer of buffered sends/);
    if (rank === 0) MPI.Detach_buffer();
    win.Free();
  }

  // --- a split collective begun over it, and a nonblocking file access (a request).
  {
    const path = sharedTempPath('win-in-use');
    const f = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
    const win = MPI.Win.Allocate(8, 1, MPI.INFO_NULL, comm);
    const mem = win.tomemory();
    mem.fill(rank);
    f.Write_at_all_begin(rank * 8, mem);
    refused(win, 'all', /in use by a begun File\.Write_at_all_begin/);
    f.Write_at_all_end(mem);
    const req = f.Iread_at(rank * 8, mem);
    refused(win, 'all', /in use by a pending request of File\.Iread_at/);
    await req;
    deepStrictEqual([...mem], Array(8).fill(rank));
    win.Free();
    f.Close();
  }

  // --- completed uses no longer count; a Create window's memory is the user's, never refused.
  {
    const win = MPI.Win.Allocate(8, 1, MPI.INFO_NULL, comm);
    const mem = win.tomemory();
    const req = comm.Irecv(mem, rank, 14);
    comm.Send(new Uint8Array(8).fill(3), rank, 14);
    await req;
    win.Free();
    strictEqual(mem.byteLength, 0); // detached at Free
    const mine = new Uint8Array(8);
    const created = MPI.Win.Create(mine, 1, MPI.INFO_NULL, comm);
    const r2 = comm.Irecv(mine, rank, 15);
    created.Free();
    comm.Send(new Uint8Array(8).fill(5), rank, 15);
    await r2;
    deepStrictEqual([...mine], Array(8).fill(5));
  }
});
