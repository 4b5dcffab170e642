// Requests in flight, kept in a table in C++ so that the progress engine can
// test them all without calling into JavaScript, and so that whatever a
// nonblocking call was given stays alive until MPI is done with it, whether or
// not the caller still holds a reference.
//
// A slot is either an MPI_Request, or an object receive (lowercase irecv) that
// does not know its size yet: it probes for its message, then receives exactly
// that many bytes into a fresh Buffer.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <initializer_list>

namespace mpi4js::request {

// A slot for an MPI_Request; keep holds JS values MPI reads or writes until
// completion; result, if given, is what completion hands back (a received Buffer).
int32_t Add(Napi::Env env, MPI_Request req, std::initializer_list<napi_value> keep, napi_value result = nullptr);

// A slot for an object receive of any size.
int32_t AddObjectReceive(MPI_Comm comm, int source, int tag);

// Makes progress on a slot without blocking; true once it has completed (or
// failed). Never throws: errors are kept for Take.
bool Poll(napi_env env, int32_t id);

// Whether the slot was released by its owner (Request.Free) and only awaits completion.
bool Orphaned(int32_t id);

// Forgets a completed slot, dropping what it kept alive.
void Release(napi_env env, int32_t id);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::request
