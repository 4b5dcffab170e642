// The progress engine: completes awaited requests from libuv's loop, so that
// awaiting MPI leaves timers and I/O running.
//
// Every loop iteration a check handle polls the watched requests. Right after
// activity an idle handle keeps the loop from sleeping (lowest latency: the
// loop spins); after a quiet spell the engine falls back to a 1 ms timer so an
// idle rank costs almost no CPU. While anything is watched a handle stays
// referenced, so a pending request keeps the process alive like a socket.
#pragma once
#include <napi.h>

namespace mpi4js::progress {

void Watch(napi_env env, int32_t id);
void Unwatch(int32_t id);

// Stops the engine (before MPI_Finalize).
void Stop();

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::progress
