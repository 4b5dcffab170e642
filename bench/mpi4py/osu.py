# mpi4py's side of the benchmarks: the same method and output as bench/c/osu.c
# (one JSON line per figure), with numpy buffers (uppercase calls) and pickled
# objects (lowercase calls).
#
#   python3 bench/mpi4py/osu.py latency|bw|allreduce|bcast <scale> <size>...
#   python3 bench/mpi4py/osu.py object-pingpong|object-bcast <scale> tiny|array1000|nested...
import json
import sys

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, nprocs = comm.Get_rank(), comm.Get_size()
REPS = 5


def emit(bench, label, value, unit):
    if rank != 0:
        return
    size = label if isinstance(label, int) else None
    case = label if isinstance(label, str) else None
    line = {"bench": bench, "impl": "mpi4py", "size": size, "case": case, "np": nprocs, "value": float("%.6g" % value), "unit": unit}
    print(json.dumps(line), flush=True)


def iterations(nbytes, scale, small, large, huge):
    n = (small if nbytes <= 8192 else large if nbytes <= 1 << 20 else huge) // scale
    return max(2, n)


def timed(iters, body):
    skip = iters // 10 + 1
    t = []
    for _ in range(REPS):
        comm.Barrier()
        for _ in range(skip):
            body()
        t0 = MPI.Wtime()
        for _ in range(iters):
            body()
        t.append((MPI.Wtime() - t0) / iters)
    return sorted(t)[len(t) // 2]


def latency(nbytes, scale):
    s = np.ones(nbytes, dtype='B')
    r = np.empty(nbytes, dtype='B')
    def body():
        if rank == 0:
            comm.Send(s, 1, 1)
            comm.Recv(r, 1, 1)
        elif rank == 1:
            comm.Recv(r, 0, 1)
            comm.Send(s, 0, 1)
    emit("latency", nbytes, timed(iterations(nbytes, scale, 10000, 1000, 40), body) / 2 * 1e6, "us")


def bandwidth(nbytes, scale):
    window = 64
    s = np.ones(nbytes, dtype='B')
    r = [np.empty(nbytes, dtype='B') for _ in range(window)]
    ack = np.empty(4, dtype='B')
    def body():
        if rank == 0:
            reqs = [comm.Isend(s, 1, 2) for _ in range(window)]
            MPI.Request.Waitall(reqs)
            comm.Recv(ack, 1, 3)
        elif rank == 1:
            reqs = [comm.Irecv(r[w], 0, 2) for w in range(window)]
            MPI.Request.Waitall(reqs)
            comm.Send(ack, 0, 3)
    t = timed(iterations(nbytes, scale, 100, 20, 3), body)
    emit("bandwidth", nbytes, nbytes * window / t / 1e6, "MB/s")


def collective(bench, n, scale):
    allreduce = bench == "allreduce"
    nbytes = n * 8 if allreduce else n
    s = np.ones(n, dtype='d' if allreduce else 'B')
    r = np.empty(n, dtype='d' if allreduce else 'B')
    iters = iterations(nbytes, scale, 1000, 100, 20)
    skip = iters // 10 + 1
    t = []
    for _ in range(REPS):
        total = 0.0
        comm.Barrier()
        for i in range(iters + skip):
            t0 = MPI.Wtime()
            if allreduce:
                comm.Allreduce(s, r, MPI.SUM)
            elif bench == "barrier":
                comm.Barrier()
            else:
                comm.Bcast(s, 0)
            if i >= skip:
                total += MPI.Wtime() - t0
            comm.Barrier()
        t.append(comm.allreduce(total / iters * 1e6) / nprocs)
    emit(bench, n, sorted(t)[len(t) // 2], "us")


def make_case(name):
    if name == "tiny":
        return 42
    if name == "array1000":
        return [i * 0.5 for i in range(1000)]
    if name == "nested":
        return {"id": 7, "name": "sensor-array", "tags": ["a", "b", "c"],
                "readings": [{"t": i, "v": i * 1.5, "ok": i % 3 == 0, "label": "r%d" % i} for i in range(200)]}
    raise ValueError(name)


def object_pingpong(name, scale):
    value = make_case(name)
    def body():
        if rank == 0:
            comm.send(value, 1, 1)
            comm.recv(source=1, tag=1)
        elif rank == 1:
            comm.send(comm.recv(source=0, tag=1), 0, 1)
    iters = iterations(8 if name == "tiny" else 100000, scale, 10000, 2000, 2000)
    emit("object ping-pong", name, timed(iters, body) / 2 * 1e6, "us")


def object_bcast(name, scale):
    value = make_case(name)
    iters = iterations(100000, scale, 1000, 1000, 1000)
    emit("object bcast", name, timed(iters, lambda: comm.bcast(value if rank == 0 else None, 0)) * 1e6, "us")


mode, scale, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for arg in args:
    if mode == "latency":
        latency(int(arg), scale)
    elif mode == "bw":
        bandwidth(int(arg), scale)
    elif mode in ("allreduce", "bcast", "barrier"):
        collective(mode, int(arg), scale)
    elif mode == "object-pingpong":
        object_pingpong(arg, scale)
    elif mode == "object-bcast":
        object_bcast(arg, scale)
    else:
        raise SystemExit("unknown benchmark " + mode)
