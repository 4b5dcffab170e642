# Reductions with operations of one's own, on buffers: a complex product, an
# elementwise max of absolute values, and a scan that carries a running maximum.
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()


def complex_product(invec, inoutvec, datatype):
    a = np.frombuffer(invec, dtype='d')
    b = np.frombuffer(inoutvec, dtype='d')
    for i in range(0, len(a), 2):
        re = a[i] * b[i] - a[i + 1] * b[i + 1]
        im = a[i] * b[i + 1] + a[i + 1] * b[i]
        b[i] = re
        b[i + 1] = im


def max_abs(invec, inoutvec, datatype):
    a = np.frombuffer(invec, dtype='i')
    b = np.frombuffer(inoutvec, dtype='i')
    for i in range(len(a)):
        b[i] = max(abs(a[i]), abs(b[i]))


cprod = MPI.Op.Create(complex_product, commute=True)
maxabs = MPI.Op.Create(max_abs, commute=True)
print(f"rank {rank}: commutative {cprod.Is_commutative()}")

# (1 + rank i) multiplied over every rank, twice over.
z = np.array([1.0, float(rank), 0.0, 1.0], dtype='d')
zz = np.zeros(4, dtype='d')
comm.Allreduce([z, MPI.DOUBLE], [zz, MPI.DOUBLE], op=cprod)
print(f"rank {rank}: product {' '.join(str(int(x)) for x in zz)}")

v = np.array([(-1) ** rank * (rank + i) for i in range(3)], dtype='i')
m = np.zeros(3, dtype='i')
comm.Reduce([v, MPI.INT], [m, MPI.INT], op=maxabs, root=0)
if rank == 0:
    print(f"rank {rank}: max abs {' '.join(str(int(x)) for x in m)}")

# A running maximum of absolute values up to each rank.
s = np.zeros(3, dtype='i')
comm.Scan([v, MPI.INT], [s, MPI.INT], op=maxabs)
print(f"rank {rank}: scan {' '.join(str(int(x)) for x in s)}")

# The same op on local buffers.
w = np.array([5, -7, 2], dtype='i')
maxabs.Reduce_local([v, MPI.INT], [w, MPI.INT])
print(f"rank {rank}: local {' '.join(str(int(x)) for x in w)}")

cprod.Free()
maxabs.Free()
