// The per-rank-datatype side of Alltoallw (alltoallw.cc), shared with
// Neighbor_alltoallw (neighbor.cc), whose sides have a block per neighbour.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::alltoallw {

struct Side {
  void* ptr;
  const int* counts;
  const int* displs;
  MPI_Datatype* types;
  bool in_place;
};

// The side at info[i..i+2] (view, counts then byte displacements, datatype ids)
// for n blocks, each checked to lie inside the view; its MPI datatypes go to
// types (n of them). `pin`: MPI keeps the memory after the call.
Side ReadSide(const Napi::CallbackInfo& info, size_t i, const char* arg, int n, bool pin, MPI_Datatype* types);

}  // namespace mpi4js::alltoallw
