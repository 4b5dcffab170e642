# A ring exchange repeated in an inner loop through persistent requests: set up
# once, started every step, and a generalized request completed by hand.
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
right = (rank + 1) % size
left = (rank - 1) % size

outgoing = np.zeros(4, dtype='i')
incoming = np.zeros(4, dtype='i')
send = comm.Send_init([outgoing, MPI.INT], dest=right, tag=7)
recv = comm.Recv_init([incoming, MPI.INT], source=left, tag=7)
total = 0
for step in range(5):
    outgoing[:] = [rank, step, rank * step, 1]
    MPI.Prequest.Startall([send, recv])
    MPI.Request.Waitall([send, recv])
    total += int(incoming.sum())
    print(f"rank {rank}: step {step} got {' '.join(str(int(x)) for x in incoming)}")
print(f"rank {rank}: total {total}")
send.Free()
recv.Free()

# Synchronous-mode persistent sends, started one at a time.
ssend = comm.Ssend_init([outgoing, MPI.INT], dest=right, tag=8)
recv = comm.Recv_init([incoming, MPI.INT], source=left, tag=8)
for step in range(3):
    outgoing[:] = step + rank
    recv.Start()
    ssend.Start()
    status = MPI.Status()
    recv.Wait(status)
    ssend.Wait()
    print(f"rank {rank}: ssend step {step} from {status.Get_source()} count {status.Get_count(MPI.INT)} first {int(incoming[0])}")
ssend.Free()
recv.Free()

# A generalized request: some work done outside MPI, completed by hand.
def query(status):
    status.Set_source(rank)
    status.Set_tag(42)


def free():
    pass


def cancel(completed):
    pass


greq = MPI.Grequest.Start(query, free, cancel)
print(f"rank {rank}: grequest done before Complete {greq.Test()}")
greq.Complete()
status = MPI.Status()
greq.Wait(status)
print(f"rank {rank}: grequest done, source {status.Get_source()} tag {status.Get_tag()}")
