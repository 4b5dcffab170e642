// Every synchronization mode over the harness communicator: Fence with its
// assertions; Post/Start/Complete/Wait and Test; Lock/Unlock exclusive and
// shared (MODE_NOCHECK too); Lock_all/Unlock_all with Flush, Flush_all,
// Flush_local, Flush_local_all and Sync.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  const right = (rank + 1) % size;
  const left = (rank + size - 1) % size;
  const mem = new Int32Array(size + 2);
  const win = MPI.Win.Create(mem, 4, { comm });

  // --- Fence, with the assertions a fence may carry.
  win.Fence(MPI.MODE_NOPRECEDE);
  win.Put(new Int32Array([rank + 1]), right, rank);
  win.Fence({ assertion: MPI.MODE_NOSTORE });
  strictEqual(mem[left], left + 1);
  win.Fence(MPI.MODE_NOPUT);
  win.Fence(MPI.MODE_NOSUCCEED);
  mem.fill(0);
  comm.Barrier();

  // --- general active target: a ring, each rank exposing to its left and accessing its right.
  const group = win.Get_group();
  const toRight = group.Incl([right]);
  const fromLeft = group.Incl([left]);
  win.Post(fromLeft);
  win.Start(toRight, { assertion: 0 });
  win.Put(new Int32Array([100 + rank]), right, 0);
  win.Complete();
  strictEqual(win.Wait(), true);
  strictEqual(mem[0], 100 + left);
  // Test instead of Wait, and MODE_NOCHECK where the matching Post is sure to have happened.
  win.Post(fromLeft, MPI.MODE_NOPUT);
  win.Start(toRight);
  const got = new Int32Array(1);
  win.Get(got, right, 0);
  win.Complete();
  strictEqual(got[0], 100 + rank);
  while (!win.Test()) { /* the left neighbour's access epoch is still open */ }
  toRight.Free();
  fromLeft.Free();
  group.Free();
  comm.Barrier();

  // --- passive target: exclusive locks serialise increments of one cell.
  for (let t = 0; t < size; t++) {
    win.Lock(t, MPI.LOCK_EXCLUSIVE);
    win.Accumulate(new Int32Array([1]), t, 1, MPI.SUM);
    win.Unlock(t);
  }
  comm.Barrier();
  win.Lock(rank, MPI.LOCK_SHARED); // a local read of one's own window goes through a lock
  strictEqual(mem[1], size);
  win.Unlock(rank);
  comm.Barrier();
  win.Lock(right, MPI.LOCK_SHARED, MPI.MODE_NOCHECK);
  const peek = new Int32Array(1);
  win.Get(peek, right, 1);
  win.Unlock(right);
  strictEqual(peek[0], size);
  win.Lock({ rank: right, lock_type: MPI.LOCK_SHARED });
  win.Unlock(right);
  comm.Barrier();

  // --- Lock_all with every flush, then Sync.
  win.Lock_all();
  win.Put(new Int32Array([rank]), right, 2);
  win.Flush(right);
  win.Put(new Int32Array([rank + 1]), right, 2);
  win.Flush_local(right);
  win.Flush_all();
  win.Accumulate(new Int32Array([1]), right, 2, MPI.SUM);
  win.Flush_local_all();
  win.Flush_all();
  win.Sync();
  win.Unlock_all();
  comm.Barrier();
  win.Lock_all(MPI.MODE_NOCHECK);
  win.Sync();
  strictEqual(mem[2], left + 2);
  win.Unlock_all();
  comm.Barrier();
  deepStrictEqual(Array.from(mem.subarray(1, 3)), [size, left + 2]);
  win.Free();
});
