// Status objects live in JavaScript as the raw bytes of an MPI_Status
// (lib/status.ts), which MPI fills in place: no object per receive.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::status {

// The MPI_Status inside the Uint8Array at v, or MPI_STATUS_IGNORE for undefined.
MPI_Status* Read(Napi::Env env, const Napi::Value& v);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::status
