# mpi4py.futures' throughput, the counterpart of `mpi4js bench futures --json`
# (mpi4py 3.1.4's `python -m mpi4py.bench` has helloworld and ringtest only):
# TASKS empty tasks through executor.map, rank 0 the client and the other
# ranks its workers (MPICommExecutor over the world), after a warm-up in
# which every worker runs a task. Prints one JSON line for bench/run.ts.
#   mpirun -n 4 python3 bench/mpi4py/futures.py [TASKS]
import json
import sys

from mpi4py import MPI
from mpi4py.futures import MPICommExecutor


def empty(*args):
    pass


def main():
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    comm = MPI.COMM_WORLD
    with MPICommExecutor(comm, root=0) as executor:
        if executor is None:
            return  # a worker, until rank 0 is done
        workers = max(1, comm.Get_size() - 1)
        for _ in executor.map(empty, range(4 * workers)):
            pass
        t0 = MPI.Wtime()
        for _ in executor.map(empty, range(tasks)):
            pass
        elapsed = MPI.Wtime() - t0
    print(json.dumps({'bench': 'futures', 'impl': 'mpi4py', 'size': None, 'case': 'empty task',
                      'np': comm.Get_size(), 'value': tasks / elapsed, 'unit': 'tasks/s'}), flush=True)


if __name__ == '__main__':
    main()
