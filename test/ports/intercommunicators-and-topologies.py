# Two groups joined by an intercommunicator (values and buffers across them,
# MPI.ROOT and MPI.PROC_NULL roots, Merge), a ring as a graph and as a
# distributed graph with neighbour collectives, and the communicator object:
# names, Info hints, a user attribute with copy and delete callbacks.
from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
join = lambda xs: ' '.join(str(int(x)) for x in xs)
opt = lambda xs: 'None' if xs is None else join(xs)

# Names and Info.
dup = comm.Dup()
dup.Set_name(f"ring-{size}")
print(f"rank {rank}: name {dup.Get_name()}")
info = MPI.Info.Create()
info.Set("cb_nodes", "4")
info.Set("striping_unit", "1024")
info.Delete("cb_nodes")
print(f"rank {rank}: info {info.Get_nkeys()} {info.Get_nthkey(0)}={info.Get('striping_unit')} {info.Get('cb_nodes')}")
info.Free()

# A user attribute: copied by Dup, deleted by Free.
log = []
def copy_fn(c, k, v):
    log.append(f"copy {v}")
    return v + 1
def delete_fn(c, k, v):
    log.append(f"delete {v}")
key = MPI.Comm.Create_keyval(copy_fn, delete_fn)
dup.Set_attr(key, 10)
twice = dup.Dup()
print(f"rank {rank}: attr {dup.Get_attr(key)} {twice.Get_attr(key)} tag_ub_positive {'yes' if comm.Get_attr(MPI.TAG_UB) > 0 else 'no'}")
twice.Free()
dup.Delete_attr(key)
print(f"rank {rank}: attr after delete {dup.Get_attr(key)} log {' | '.join(log)}")
MPI.Comm.Free_keyval(key)

# A ring as a graph and as a distributed graph.
index = [2 * (k + 1) for k in range(size)]
edges = [e for k in range(size) for e in ((k - 1) % size, (k + 1) % size)]
graph = dup.Create_graph(index, edges)
print(f"rank {rank}: graph {join(graph.Get_dims())} neighbors {join(graph.Get_neighbors(rank))} topo {'graph' if graph.Get_topology() == MPI.GRAPH else '?'}")
got = graph.neighbor_allgather(rank * 10)
print(f"rank {rank}: graph neighbor_allgather {join(got)}")
dist = dup.Create_dist_graph_adjacent([(rank - 1) % size], [(rank + 1) % size])
indegree, outdegree, weighted = dist.Get_dist_neighbors_count()
sources, destinations, _ = dist.Get_dist_neighbors()
print(f"rank {rank}: dist {indegree} {outdegree} {'weighted' if weighted else 'unweighted'} from {join(sources)} to {join(destinations)}")
recv = np.full(2, -1, dtype='i')
dist.Neighbor_alltoall(np.array([rank, rank + 100], dtype='i'), recv)
print(f"rank {rank}: dist Neighbor_alltoall {join(recv)}")
graph.Free()
dist.Free()

# Two groups: all but the last rank, and the last rank.
if size < 2:
    print(f"rank {rank}: no intercommunicator on one process")
else:
    color = 0 if rank < size - 1 else 1
    local = dup.Split(color, rank)
    inter = local.Create_intercomm(0, dup, size - 1 if color == 0 else 0, 7)
    mine = local.Get_rank()
    print(f"rank {rank}: inter {'yes' if inter.Is_inter() else 'no'} size {inter.Get_size()} remote {inter.Get_remote_size()}")
    for side in (0, 1):
        root = (MPI.ROOT if mine == 0 else MPI.PROC_NULL) if color == side else 0
        value = inter.bcast({"from": side, "rank": rank} if root == MPI.ROOT else None, root=root)
        gathered = inter.gather(rank * rank, root=root)
        reduced = inter.reduce(rank + 1, op=MPI.SUM, root=root)
        buf = np.full(3, -1, dtype='i')
        if root == MPI.ROOT:
            buf[:] = [side, 5, rank]
        inter.Bcast(buf, root=root)
        shown = 'None' if value is None else f"from {value['from']} rank {value['rank']}"
        print(f"rank {rank}: side {side} bcast {shown} gather {opt(gathered)} reduce {reduced} Bcast {join(buf)}")
    print(f"rank {rank}: allgather {join(inter.allgather(rank))} allreduce {inter.allreduce(rank + 1, op=MPI.PROD)}")
    merged = inter.Merge(high=(color == 0))
    print(f"rank {rank}: merged rank {merged.Get_rank()} of {merged.Get_size()}")
    merged.Free()
    inter.Free()
    local.Free()
dup.Free()
