# Every send mode between neighbours on a ring: standard, synchronous, buffered
# through an attached buffer, ready (the receive posted first), and a
# Sendrecv_replace that shifts a buffer in place.
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
right = (rank + 1) % size
left = (rank - 1) % size

data = np.arange(8, dtype='d') + 10 * rank
got = np.zeros(8, dtype='d')

# Synchronous: completes once the receive has started.
req = comm.Irecv([got, MPI.DOUBLE], source=left, tag=1)
comm.Ssend([data, MPI.DOUBLE], dest=right, tag=1)
req.Wait()
print(f"rank {rank}: ssend {' '.join(str(int(x)) for x in got)}")

# Buffered: copied into the attached buffer, returns at once.
buf = bytearray(MPI.BSEND_OVERHEAD + data.nbytes)
MPI.Attach_buffer(buf)
comm.Bsend([data, MPI.DOUBLE], dest=right, tag=2)
comm.Recv([got, MPI.DOUBLE], source=left, tag=2)
detached = MPI.Detach_buffer()
print(f"rank {rank}: bsend {' '.join(str(int(x)) for x in got)} detached {len(detached) == len(buf)}")

# Ready: the receive is posted before the barrier, the send after it.
req = comm.Irecv([got, MPI.DOUBLE], source=left, tag=3)
comm.Barrier()
comm.Rsend([data * 2, MPI.DOUBLE], dest=right, tag=3)
req.Wait()
print(f"rank {rank}: rsend {' '.join(str(int(x)) for x in got)}")

# Shift in place.
ring = np.array([rank, rank * rank], dtype='i')
status = MPI.Status()
comm.Sendrecv_replace([ring, MPI.INT], dest=right, sendtag=4, source=left, recvtag=4, status=status)
print(f"rank {rank}: replace {' '.join(str(int(x)) for x in ring)} from {status.Get_source()} tag {status.Get_tag()}")

# Nonblocking buffered and synchronous sends, waited on together.
MPI.Attach_buffer(buf)
reqs = [comm.Ibsend([data, 4, MPI.DOUBLE], dest=right, tag=5), comm.Issend([data, MPI.DOUBLE], dest=right, tag=6)]
first = np.zeros(4, dtype='d')
comm.Recv([first, MPI.DOUBLE], source=left, tag=5)
comm.Recv([got, MPI.DOUBLE], source=left, tag=6)
MPI.Request.Waitall(reqs)
MPI.Detach_buffer()
print(f"rank {rank}: ibsend {' '.join(str(int(x)) for x in first)} issend {int(got.sum())}")
