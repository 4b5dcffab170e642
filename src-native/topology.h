// Topologies (topology.cc): how many neighbours a process has, as the neighbour
// collectives (neighbor.cc) count their blocks.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::topology {

struct Degrees {
  int in = 0;
  int out = 0;
};

// comm's in- and out-degree: 2·ndim both for a Cartesian grid, the neighbour
// count both for a graph, the distributed graph's own two. A communicator
// without a topology is MPI's ERR_TOPOLOGY naming `call`.
Degrees Neighbours(Napi::Env env, MPI_Comm comm, const char* call);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::topology
