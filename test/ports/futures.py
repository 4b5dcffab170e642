# A task farm over the world's processes: MPICommExecutor with rank 0 as the
# client and the others as workers; map (in order, in chunks, unordered),
# submit, a task that raises, starmap, and done callbacks.
from mpi4py import MPI
from mpi4py.futures import MPICommExecutor


def square(x):
    return x * x


def fail(x):
    raise ValueError(f"bad input {x}")


comm = MPI.COMM_WORLD
rank = comm.Get_rank()
with MPICommExecutor(comm, root=0) as executor:
    if executor is not None:
        print(f"rank {rank}: map {' '.join(str(y) for y in executor.map(square, range(10)))}")
        print(f"rank {rank}: chunked sum {sum(executor.map(square, range(100), chunksize=7))}")
        print(f"rank {rank}: unordered {' '.join(str(y) for y in sorted(executor.map(square, range(10), unordered=True)))}")
        future = executor.submit(square, 12)
        print(f"rank {rank}: submit {future.result()} done {future.done()}")
        failing = executor.submit(fail, 3)
        try:
            failing.result()
        except ValueError as e:
            print(f"rank {rank}: error {type(e).__name__}: {e}")
        print(f"rank {rank}: starmap {' '.join(str(y) for y in executor.starmap(pow, [(2, 3), (3, 2), (5, 0)]))}")
print(f"rank {rank}: done")
