// One-sided communication and parallel I/O: a window of four ints per rank
// (Put, Get and Accumulate between fences; Fetch_and_op and Compare_and_swap
// under locks), a shared window read through Shared_query, and one file written
// by every rank with one collective call and read back through a strided view.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MPI } from 'mpi4js';

const comm = MPI.COMM_WORLD;
const rank = comm.Get_rank();
const size = comm.Get_size();
const right = (rank + 1) % size;
const left = (rank - 1 + size) % size;
const join = (xs: ArrayLike<number>) => Array.from(xs, (x) => String(x)).join(' ');
/** Python's str() of a float. */
const pyFloat = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
const ints = (bytes: Uint8Array) => new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);

const win = MPI.Win.Allocate(4 * 4, 4, { comm });
const mem = ints(win.tomemory());
mem.fill(-1);
const flavor = win.Get_attr(MPI.WIN_CREATE_FLAVOR) === MPI.WIN_FLAVOR_ALLOCATE ? 'allocate' : '?';
console.log(`rank ${rank}: window size ${win.Get_attr(MPI.WIN_SIZE)} disp_unit ${win.Get_attr(MPI.WIN_DISP_UNIT)} flavor ${flavor}`);
win.Fence();
win.Put(Int32Array.of(rank, rank * 10), right, [0, 2, MPI.INT]);
win.Fence();
console.log(`rank ${rank}: after Put ${join(mem)}`);
comm.Barrier(); // nobody accumulates into a window still being printed
win.Accumulate(Int32Array.of(rank + 1, 1), 0, [2, 2, MPI.INT], MPI.SUM);
win.Fence();
const got = new Int32Array(4).fill(-7);
win.Get(got, left);
win.Fence();
console.log(`rank ${rank}: after Accumulate ${join(mem)} Get from left ${join(got)}`);

// Passive target: a counter on rank 0 and one winner of a compare-and-swap.
comm.Barrier();
if (rank === 0) {
  win.Lock(0);
  mem.set([0, -1, 0, 0]);
  win.Unlock(0);
}
comm.Barrier();
const fetched = new Int32Array(1);
win.Lock(0, MPI.LOCK_SHARED);
win.Fetch_and_op(Int32Array.of(5), fetched, 0, 0, MPI.SUM);
win.Unlock(0);
const old = new Int32Array(1);
win.Lock(0, MPI.LOCK_EXCLUSIVE);
win.Compare_and_swap(Int32Array.of(rank), Int32Array.of(-1), old, 0, 1);
win.Unlock(0);
comm.Barrier();
const fetches = comm.gather<number>(fetched[0], 0);
const winners = comm.allreduce(old[0] === -1 ? 1 : 0);
if (rank === 0) {
  win.Lock(0, MPI.LOCK_SHARED);
  const final = new Int32Array(2);
  win.Get(final, 0);
  win.Unlock(0);
  console.log(`rank ${rank}: counter ${final[0]} fetched ${join([...(fetches as number[])].sort((a, b) => a - b))} winner ${final[1] >= 0 && final[1] < size ? 'valid' : final[1]}`);
}
console.log(`rank ${rank}: compare_and_swap winners ${winners}`);
win.Free();

// A shared window: each rank writes its segment, reads its right neighbour's.
const shared = MPI.Win.Allocate_shared(2 * 8, 8, { comm });
const segment = shared.tomemory();
const mine = new Float64Array(segment.buffer, segment.byteOffset, 2);
shared.Fence();
mine.set([rank + 0.5, -rank]);
shared.Fence();
const [memory, unit] = shared.Shared_query(right);
const theirs = new Float64Array(memory.buffer, memory.byteOffset, 2);
console.log(`rank ${rank}: shared unit ${unit} right holds ${Array.from(theirs, pyFloat).join(' ')}`);
shared.Fence();
shared.Free();

// One file: rank r writes four copies of r at 16 r, then reads every size-th int from r on.
const file = comm.bcast<string>(rank === 0 ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tmp')), 'data.bin') : null, 0);
const fh = MPI.File.Open(comm, file, MPI.MODE_CREATE | MPI.MODE_RDWR);
fh.Write_at_all(rank * 16, new Int32Array(4).fill(rank));
fh.Sync();
comm.Barrier();
fh.Sync();
console.log(`rank ${rank}: file size ${fh.Get_size()} amode rdwr ${fh.Get_amode() & MPI.MODE_RDWR ? 'yes' : 'no'}`);
const strided = MPI.INT.Create_vector(4, 1, size).Commit();
fh.Set_view(rank * 4, MPI.INT, strided);
const back = new Int32Array(4).fill(-1);
fh.Read_all(back);
console.log(`rank ${rank}: strided read ${join(back)}`);
fh.Set_view(0, MPI.BYTE, MPI.BYTE);
const head = new Int32Array(4).fill(-1);
fh.Read_at(0, head);
console.log(`rank ${rank}: head ${join(head)}`);
strided.Free();
fh.Close();
comm.Barrier();
if (rank === 0) {
  MPI.File.Delete(file);
  fs.rmdirSync(path.dirname(file));
}
comm.Barrier();
try {
  MPI.File.Open(MPI.COMM_SELF, file, MPI.MODE_RDONLY);
} catch (e) {
  if (!(e instanceof MPI.Exception)) throw e;
  console.log(`rank ${rank}: reopen ${e.Get_error_class() === MPI.ERR_NO_SUCH_FILE ? 'ERR_NO_SUCH_FILE' : e.Get_error_class()}`);
}
