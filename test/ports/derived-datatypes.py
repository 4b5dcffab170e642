# A column of a matrix, a struct of mixed fields and the face of a 3-D block,
# each described by a derived datatype and sent as is.
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
right = (rank + 1) % size
left = (rank - 1) % size

# Column 2 of a 4 x 5 matrix of doubles, in row-major order.
column = MPI.DOUBLE.Create_vector(4, 1, 5).Commit()
matrix = np.arange(20, dtype='d') + 100 * rank
col = np.zeros(4, dtype='d')
comm.Sendrecv([matrix[2:], 1, column], dest=right, recvbuf=[col, MPI.DOUBLE], source=left)
print(f"rank {rank}: column {' '.join(str(int(x)) for x in col)}")
print(f"rank {rank}: column type size {column.Get_size()} extent {column.Get_extent()[1]}")

# A record of an int and two doubles, 24 bytes with padding.
record = MPI.Datatype.Create_struct([1, 2], [0, 8], [MPI.INT, MPI.DOUBLE]).Commit()
raw = np.zeros(3 * 24, dtype='u1')
ints = raw.view('i4')
doubles = raw.view('f8')
for i in range(3):
    ints[6 * i] = 10 * rank + i
    doubles[3 * i + 1] = 0.5 * i
    doubles[3 * i + 2] = rank + 0.25
comm.Bcast([raw, 3, record], root=size - 1)
print(f"rank {rank}: records {[(int(ints[6 * i]), float(doubles[3 * i + 1]), float(doubles[3 * i + 2])) for i in range(3)]}")

# The x = 1 face of a 3 x 4 x 5 block of ints, as a subarray.
face = MPI.INT.Create_subarray([3, 4, 5], [1, 4, 5], [1, 0, 0]).Commit()
block = np.arange(60, dtype='i') + 1000 * rank
got = np.zeros(20, dtype='i')
comm.Sendrecv([block, 1, face], dest=right, recvbuf=[got, MPI.INT], source=left)
print(f"rank {rank}: face {int(got[0])}..{int(got[-1])} sum {int(got.sum())}")
print(f"rank {rank}: face type size {face.Get_size()} extent {face.Get_extent()[1]} true extent {face.Get_true_extent()}")

# Pack a column and a record, unpack them elsewhere.
packed = bytearray(column.Pack_size(1, comm) + record.Pack_size(3, comm))
position = column.Pack(matrix, packed, 0, comm)
position = record.Pack(raw, packed, position, comm)
again = np.zeros(20, dtype='d')
column.Unpack(packed, 0, again, comm)
print(f"rank {rank}: packed {position} bytes, column back {' '.join(str(int(x)) for x in again[::5])}")

for t in (column, record, face):
    t.Free()
