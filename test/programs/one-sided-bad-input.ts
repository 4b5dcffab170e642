// Bad input to MPI.Win is a clear error naming the call, thrown before MPI
// touches memory, and the rank goes on: a displacement past the target's
// window, an origin read past its buffer, a freed window, a rank outside the
// window's group, a user op, mpi4py's single-element rules, bad targets.
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  const right = (rank + 1) % size;
  const mem = new Float64Array(4);
  const win = MPI.Win.Create(mem, 8, MPI.INFO_NULL, comm);
  win.Fence();
  // Past the target's window: by displacement, by count, by a datatype's extent.
  throwsLike(() => win.Put(new Float64Array(1), right, 4), RangeError, /^Win\.Put: target displacement 4 \(disp_unit 8\) and 1 item\(s\) of the target datatype reach 40 bytes into rank \d+'s window of 32 bytes/);
  throwsLike(() => win.Get(new Float64Array(5), right), RangeError, /^Win\.Get: .*reach 40 bytes into rank \d+'s window of 32 bytes/);
  throwsLike(() => win.Put(new Float64Array(1), right, -1), RangeError, /^Win\.Put: target displacement -1 .* reach outside rank/);
  throwsLike(() => win.Accumulate(new Float64Array(1), right, [0, 1, MPI.DOUBLE.Create_contiguous(5).Commit()]), RangeError, /^Win\.Accumulate: .*window of 32 bytes/);
  // The origin read (or written) past its buffer.
  throwsLike(() => win.Put([new Float64Array(2), 3, MPI.DOUBLE], right), RangeError, /^Win\.Put: origin too small: it holds 16 bytes but the count and datatype need 24/);
  throwsLike(() => win.Get_accumulate(new Float64Array(1), [new Float64Array(1), 2, MPI.DOUBLE], right), RangeError, /^Win\.Get_accumulate: result too small/);
  // Ranks, targets, ops.
  throwsLike(() => win.Put(new Float64Array(1), size), MPI.Exception, /^Win\.Put: MPI_ERR_RANK: target_rank \d+ is not a rank of the window's group/);
  throwsLike(() => win.Put(new Float64Array(1), 1.5), TypeError, /^Win\.Put: target_rank must be an integer/);
  throwsLike(() => win.Put(new Float64Array(1), right, [0, 1, MPI.DOUBLE, 0] as never), RangeError, /^Win\.Put: target: expecting 3 items at most/);
  throwsLike(() => win.Put(new Float64Array(1), right, 'x' as never), TypeError, /^Win\.Put: target must be/);
  throwsLike(() => win.Put(new Float64Array(1), right, [0, 1, MPI.DOUBLE.Create_contiguous(1)]), MPI.Exception, /^Win\.Put: MPI_ERR_TYPE: the target datatype is not committed/);
  throwsLike(() => win.Accumulate(new Float64Array(1), right, 0, MPI.Op.Create((a: number, b: number) => a + b)), MPI.Exception, /^Win\.Accumulate: MPI_ERR_OP: one-sided accumulates take predefined ops only/);
  throwsLike(() => win.Accumulate(new Float64Array(1), right, 0, 'sum' as never), TypeError, /^Win\.Accumulate: op must be an MPI\.Op/);
  throwsLike(() => win.Fetch_and_op(new Float64Array(2), new Float64Array(1), right), RangeError, /^Win\.Fetch_and_op: origin: expecting a single element, got 2/);
  throwsLike(() => win.Compare_and_swap(new Float64Array(1), new Int32Array(1), new Float64Array(1), right), TypeError, /^Win\.Compare_and_swap: mismatch in origin and compare MPI datatypes/);
  throwsLike(() => win.Put(MPI.IN_PLACE as never, right), TypeError, /^Win\.Put: origin cannot be MPI\.IN_PLACE/);
  throwsLike(() => win.Fence(2 ** 31), RangeError, /^Win\.Fence: assertion 2147483648 does not fit in a C int/);
  throwsLike(() => win.Lock(right, { bogus: 1 } as never), TypeError, /^Win\.Lock: unexpected option 'bogus'/);
  throwsLike(() => win.Start('group' as never), TypeError, /^Win\.Start: group must be an MPI\.Group/);
  throwsLike(() => win.Get_attr(12345), MPI.Exception, /^Win\.Get_attr: MPI_ERR_KEYVAL/);
  // (-5: no special rank on Open MPI nor MPICH, whose PROC_NULL is -2 and -1.)
  throwsLike(() => win.Flush(-5), MPI.Exception, /^Win\.Flush: MPI_ERR_RANK: rank -5 is not a rank of the window's group/);
  throwsLike(() => win.Lock(size), MPI.Exception, /^Win\.Lock: MPI_ERR_RANK/);
  // MPI's own refusal of a synchronization out of order is an exception too, not the end of the job.
  throwsLike(() => win.Complete(), MPI.Exception, /MPI_Win_complete: MPI_ERR_RMA_SYNC/);
  win.Fence();
  // Creation arguments.
  throwsLike(() => MPI.Win.Create(mem, 0, MPI.INFO_NULL, comm), RangeError, /^Win\.Create: disp_unit 0 is out of range/);
  throwsLike(() => MPI.Win.Create(mem, 1, MPI.INFO_NULL, MPI.COMM_NULL), TypeError, /^Win\.Create: comm must be an MPI\.Intracomm, got MPI\.Comm/); // mpi4py alike
  throwsLike(() => MPI.Win.Create(mem, 1, MPI.INFO_NULL, 'world' as never), TypeError, /^Win\.Create: comm must be an MPI\.Intracomm/);
  throwsLike(() => MPI.Win.Create(42 as never), TypeError, /^Win\.Create: memory must be/);
  throwsLike(() => MPI.Win.Allocate(-1, { comm }), RangeError, /^Win\.Allocate: size -1 is negative/);
  throwsLike(() => MPI.Win.Allocate_shared(8, 1, 'info' as never, comm), TypeError, /^Win\.Allocate_shared: info must be an MPI\.Info/);
  // A dynamic window freed with memory still attached (two regions in one page, one detached):
  // the addon detaches the rest first (Open MPI 4.1's osc/ucx would crash in MPI_Win_free).
  const dyn = MPI.Win.Create_dynamic({ comm });
  const [a, b] = [new Uint8Array(8), new Uint8Array(8)];
  dyn.Attach(a);
  dyn.Attach(b);
  dyn.Detach(a);
  dyn.Free();
  // A freed window: every call is MPI.Exception ERR_WIN naming the call; the rank lives on.
  win.Free();
  throwsLike(() => win.Put(new Float64Array(1), right), MPI.Exception, /^Win\.Put: MPI_ERR_WIN: the window is MPI\.WIN_NULL \(or a freed window\)/);
  throwsLike(() => win.tomemory(), MPI.Exception, /^Win\.tomemory: MPI_ERR_WIN/);
  throwsLike(() => MPI.WIN_NULL.Lock_all(), MPI.Exception, /^Win\.Lock_all: MPI_ERR_WIN/);
  strictEqual(comm.allreduce(1, MPI.SUM), size);
});
