# mpi4py's side of bench/tree.ts: lowercase allreduce of a 1 MiB numpy array
# (2**17 doubles) by MPI.SUM, with mpi4py's default fast_reduce (its tree).
# One JSON line, as bench/tree.ts prints it.
#
#   python3 bench/mpi4py/tree.py object-allreduce <scale> [case...]   (the time only, whatever the cases)
import json
import sys

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, nprocs = comm.Get_rank(), comm.Get_size()
REPS = 5
DOUBLES = 1 << 17

mode, scale = sys.argv[1], int(sys.argv[2])
assert mode == "object-allreduce", mode
iters = max(2, 40 // scale)
value = np.full(DOUBLES, rank + 1, dtype='d')
total = nprocs * (nprocs + 1) // 2


def once():
    r = comm.allreduce(value, MPI.SUM)
    assert r[0] == total and r[-1] == total


# The values received per rank are not countable from outside mpi4py: the time only.
t = []
for _ in range(REPS):
    comm.Barrier()
    once()
    t0 = MPI.Wtime()
    for _ in range(iters):
        once()
    t.append(comm.allreduce((MPI.Wtime() - t0) / iters, MPI.MAX))
if rank == 0:
    value_ms = sorted(t)[REPS // 2] * 1e3
    line = {"bench": "object allreduce", "impl": "mpi4py", "size": None, "case": "Float64Array, 1 MiB", "np": nprocs, "value": float("%.4g" % value_ms), "unit": "ms"}
    print(json.dumps(line), flush=True)
