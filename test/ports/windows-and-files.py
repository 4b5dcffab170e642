# One-sided communication and parallel I/O: a window of four ints per rank
# (Put, Get and Accumulate between fences; Fetch_and_op and Compare_and_swap
# under locks), a shared window read through Shared_query, and one file written
# by every rank with one collective call and read back through a strided view.
from mpi4py import MPI
import numpy as np
import os
import tempfile

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
right = (rank + 1) % size
left = (rank - 1) % size
join = lambda xs: ' '.join(str(int(x)) for x in xs)

win = MPI.Win.Allocate(4 * 4, 4, comm=comm)
mem = np.frombuffer(win.tomemory(), dtype='i')
mem[:] = -1
flavor = 'allocate' if win.Get_attr(MPI.WIN_CREATE_FLAVOR) == MPI.WIN_FLAVOR_ALLOCATE else '?'
print(f"rank {rank}: window size {win.Get_attr(MPI.WIN_SIZE)} disp_unit {win.Get_attr(MPI.WIN_DISP_UNIT)} flavor {flavor}")
win.Fence()
win.Put(np.array([rank, rank * 10], dtype='i'), right, target=(0, 2, MPI.INT))
win.Fence()
print(f"rank {rank}: after Put {join(mem)}")
comm.Barrier()  # nobody accumulates into a window still being printed
win.Accumulate(np.array([rank + 1, 1], dtype='i'), 0, target=(2, 2, MPI.INT), op=MPI.SUM)
win.Fence()
got = np.full(4, -7, dtype='i')
win.Get(got, left)
win.Fence()
print(f"rank {rank}: after Accumulate {join(mem)} Get from left {join(got)}")

# Passive target: a counter on rank 0 and one winner of a compare-and-swap.
comm.Barrier()
if rank == 0:
    win.Lock(0)
    mem[:] = [0, -1, 0, 0]
    win.Unlock(0)
comm.Barrier()
fetched = np.zeros(1, dtype='i')
win.Lock(0, MPI.LOCK_SHARED)
win.Fetch_and_op(np.array([5], dtype='i'), fetched, 0, 0, MPI.SUM)
win.Unlock(0)
old = np.zeros(1, dtype='i')
win.Lock(0, MPI.LOCK_EXCLUSIVE)
win.Compare_and_swap(np.array([rank], dtype='i'), np.array([-1], dtype='i'), old, 0, 1)
win.Unlock(0)
comm.Barrier()
fetches = comm.gather(int(fetched[0]), root=0)
winners = comm.allreduce(1 if old[0] == -1 else 0)
if rank == 0:
    win.Lock(0, MPI.LOCK_SHARED)
    final = np.zeros(2, dtype='i')
    win.Get(final, 0)
    win.Unlock(0)
    print(f"rank {rank}: counter {final[0]} fetched {join(sorted(fetches))} winner {'valid' if 0 <= final[1] < size else final[1]}")
print(f"rank {rank}: compare_and_swap winners {winners}")
win.Free()

# A shared window: each rank writes its segment, reads its right neighbour's.
shared = MPI.Win.Allocate_shared(2 * 8, 8, comm=comm)
mine = np.frombuffer(shared.tomemory(), dtype='d')
shared.Fence()
mine[:] = [rank + 0.5, -rank]
shared.Fence()
memory, unit = shared.Shared_query(right)
theirs = np.frombuffer(memory, dtype='d')
print(f"rank {rank}: shared unit {unit} right holds {' '.join(str(float(x)) for x in theirs[:2])}")
shared.Fence()
shared.Free()

# One file: rank r writes four copies of r at 16 r, then reads every size-th int from r on.
path = comm.bcast(os.path.join(tempfile.mkdtemp(), 'data.bin') if rank == 0 else None, root=0)
fh = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_RDWR)
fh.Write_at_all(rank * 16, np.full(4, rank, dtype='i'))
fh.Sync()
comm.Barrier()
fh.Sync()
print(f"rank {rank}: file size {fh.Get_size()} amode rdwr {'yes' if fh.Get_amode() & MPI.MODE_RDWR else 'no'}")
strided = MPI.INT.Create_vector(4, 1, size).Commit()
fh.Set_view(rank * 4, MPI.INT, strided)
back = np.full(4, -1, dtype='i')
fh.Read_all(back)
print(f"rank {rank}: strided read {join(back)}")
fh.Set_view(0, MPI.BYTE, MPI.BYTE)
head = np.full(4, -1, dtype='i')
fh.Read_at(0, head)
print(f"rank {rank}: head {join(head)}")
strided.Free()
fh.Close()
comm.Barrier()
if rank == 0:
    MPI.File.Delete(path)
    os.rmdir(os.path.dirname(path))
comm.Barrier()
try:
    MPI.File.Open(MPI.COMM_SELF, path, MPI.MODE_RDONLY)
except MPI.Exception as e:
    print(f"rank {rank}: reopen {'ERR_NO_SUCH_FILE' if e.Get_error_class() == MPI.ERR_NO_SUCH_FILE else e.Get_error_class()}")
