// MPI.Win's four flavours over the harness communicator: Create, Allocate,
// Allocate_shared (Shared_query), Create_dynamic (Attach/Detach); the
// attributes and properties; names, info, group, error handlers; Free turning
// a window into WIN_NULL, `using`, and the views over MPI's memory detached at Free.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const ResizableArrayBuffer = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;

program(() => {
  // --- Create: memory held by MPI, seen through tomemory; mpi4py's defaults (disp_unit 1, COMM_SELF).
  const mem = new Float64Array(4).fill(rank);
  const win = MPI.Win.Create(mem, 8, MPI.INFO_NULL, comm);
  strictEqual(win.flavor, MPI.WIN_FLAVOR_CREATE);
  strictEqual(win.Get_attr(MPI.WIN_CREATE_FLAVOR), MPI.WIN_FLAVOR_CREATE);
  strictEqual(win.Get_attr(MPI.WIN_SIZE), 32);
  strictEqual(win.Get_attr(MPI.WIN_DISP_UNIT), 8);
  strictEqual(win.Get_attr(MPI.WIN_BASE), MPI.Get_address(mem));
  ok([MPI.WIN_SEPARATE, MPI.WIN_UNIFIED].includes(win.model));
  strictEqual(win.Get_attr(MPI.WIN_MODEL), win.model);
  deepStrictEqual(win.attrs, [MPI.Get_address(mem), 32, 8]);
  strictEqual(win.group_size, size);
  strictEqual(win.group_rank, rank);
  const g = win.Get_group();
  strictEqual(g.Compare(comm.Get_group()), MPI.IDENT);
  g.Free();
  const bytes = win.tomemory();
  ok(bytes instanceof Uint8Array);
  strictEqual(bytes.byteLength, 32);
  strictEqual(bytes.buffer, mem.buffer);
  win.Set_name('table');
  strictEqual(win.Get_name(), 'table');
  win.name = 'table 2';
  strictEqual(win.name, 'table 2');
  const info = win.Get_info();
  ok(info instanceof MPI.Info);
  info.Free();
  const hints = MPI.Info.Create({ no_locks: 'false' });
  win.Set_info(hints);
  win.info = hints;
  hints.Free();
  strictEqual(win.Get_errhandler(), MPI.ERRORS_RETURN);
  win.Set_errhandler(MPI.ERRORS_RETURN);
  throwsLike(() => win.Set_errhandler(MPI.ERRHANDLER_NULL), MPI.Exception, /Win\.Set_errhandler/);
  win.Free();
  strictEqual(String(win), 'MPI.Win(WIN_NULL)');
  throwsLike(() => win.Fence(), MPI.Exception, /Win\.Fence: MPI_ERR_WIN/);
  throwsLike(() => win.Free(), MPI.Exception, /Win\.Free: MPI_ERR_WIN/);
  strictEqual(String(new MPI.Win()), String(MPI.WIN_NULL));

  // --- options objects for the keywords; COMM_SELF by default; null memory; an ArrayBuffer.
  const self = MPI.Win.Create(null);
  strictEqual(self.group_size, 1);
  strictEqual(self.Get_attr(MPI.WIN_SIZE), 0);
  strictEqual(self.tomemory().byteLength, 0);
  self.Free();
  const ab = new ArrayBuffer(16);
  const w2 = MPI.Win.Create(ab, { comm, disp_unit: 4 });
  strictEqual(w2.Get_attr(MPI.WIN_DISP_UNIT), 4);
  strictEqual(w2.tomemory().buffer, ab);
  w2.Free();

  // --- memory that could move under MPI is refused.
  throwsLike(() => MPI.Win.Create(new Uint8Array(new ResizableArrayBuffer(8, { maxByteLength: 16 })), 1, MPI.INFO_NULL, comm), TypeError, /Win\.Create: memory is a resizable ArrayBuffer/);
  const gone = new Float64Array(4);
  structuredClone(gone.buffer, { transfer: [gone.buffer] });
  throwsLike(() => MPI.Win.Create(gone, 1, MPI.INFO_NULL, comm), TypeError, /Win\.Create: memory is detached/);
  // Window memory cannot be transferred away while MPI holds it.
  const held = new Int32Array(4);
  const w3 = MPI.Win.Create(held, 4, MPI.INFO_NULL, comm);
  try {
    structuredClone(held.buffer, { transfer: [held.buffer] });
  } catch (e) {
    strictEqual((e as Error).name, 'DataCloneError');
  }
  strictEqual(held.byteLength, 16, 'window memory was detached');
  w3.Free();

  // --- Allocate: MPI's memory, viewed until Free, then detached (no JavaScript reaches freed memory).
  {
    using a = MPI.Win.Allocate(24, 4, { comm });
    strictEqual(a.flavor, MPI.WIN_FLAVOR_ALLOCATE);
    const m = a.tomemory();
    strictEqual(m.byteLength, 24);
    m.fill(rank + 1);
    strictEqual(a.tomemory(), m);
    strictEqual(a.Get_attr(MPI.WIN_SIZE), 24);
    a.Free();
    strictEqual(m.byteLength, 0);
    strictEqual(m.buffer.byteLength, 0);
    strictEqual(m[0], undefined);
  }
  const zero = MPI.Win.Allocate(0, { comm });
  strictEqual(zero.tomemory().byteLength, 0);
  zero.Free();

  // --- Allocate_shared over the ranks that share memory with this one; every segment is reachable.
  const node = comm.Split_type(MPI.COMM_TYPE_SHARED);
  const sh = MPI.Win.Allocate_shared(8 * (node.rank + 1), 8, MPI.INFO_NULL, node);
  strictEqual(sh.flavor, MPI.WIN_FLAVOR_SHARED);
  const mine = new Float64Array(sh.tomemory().buffer);
  mine.fill(node.rank);
  sh.Fence();
  const views: Uint8Array[] = [];
  for (let r = 0; r < node.size; r++) {
    const [seg, unit] = sh.Shared_query(r);
    strictEqual(unit, 8);
    strictEqual(seg.byteLength, 8 * (r + 1));
    deepStrictEqual(Array.from(new Float64Array(seg.buffer, seg.byteOffset, r + 1)), new Array(r + 1).fill(r));
    views.push(seg);
  }
  sh.Fence();
  sh.Free();
  for (const v of views) strictEqual(v.byteLength, 0);
  node.Free();

  // --- Create_dynamic: Attach exposes memory at its address, Detach takes it back.
  const dyn = MPI.Win.Create_dynamic({ comm });
  strictEqual(dyn.flavor, MPI.WIN_FLAVOR_DYNAMIC);
  strictEqual(dyn.tomemory().byteLength, 0);
  const region = new Int32Array(4).fill(rank * 10);
  dyn.Attach(region);
  const addrs = comm.allgather<number>(MPI.Get_address(region));
  comm.Barrier();
  dyn.Lock(( rank + 1) % size, MPI.LOCK_SHARED);
  const got = new Int32Array(4);
  dyn.Get(got, (rank + 1) % size, [addrs[(rank + 1) % size], 4, MPI.INT]);
  dyn.Unlock((rank + 1) % size);
  deepStrictEqual(Array.from(got), new Array(4).fill(((rank + 1) % size) * 10));
  comm.Barrier();
  dyn.Detach(region);
  dyn.Free();
});
