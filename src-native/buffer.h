// Message buffers: lib/buffer.ts resolves every buffer form mpi4py accepts to
// (view, count, datatype) — or (view, counts, displs, datatype) for the v-variants —
// and this side turns that into the pointer MPI needs, checking that the view
// really holds what MPI will read or write. Data moves straight between the
// view's memory and MPI: no copy.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::buffer {

struct Msg {
  void* ptr;
  int count;
  MPI_Datatype type;
  bool in_place;
};

struct MsgV {
  void* ptr;
  const int* counts;
  const int* displs;
  MPI_Datatype type;
  bool in_place;
};

// The triple at info[i..i+2]. `blocks` is how many blocks of count items the view
// must hold (comm size for a Gather's receive side, 1 otherwise).
Msg Read(const Napi::CallbackInfo& info, size_t i, int blocks = 1);

// The quadruple at info[i..i+3]; counts and displs are Int32Arrays of at least n items.
MsgV ReadV(const Napi::CallbackInfo& info, size_t i, int n);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::buffer
