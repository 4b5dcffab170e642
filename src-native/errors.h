// MPI error codes become MPI.Exception (lib/errors.ts), constructed here from the
// class that JavaScript hands over once at load.
#pragma once
#include <mpi.h>
#include <napi.h>

namespace mpi4js::errors {

void Init(Napi::Env env, Napi::Object exports);

// Throws MPI.Exception(code) naming the MPI call.
[[noreturn]] void Throw(Napi::Env env, int code, const char* call);

// The MPI.Exception for code, for code that rejects rather than throws.
Napi::Value Make(Napi::Env env, int code, const char* call);

inline void Check(Napi::Env env, int rc, const char* call) {
  if (rc != MPI_SUCCESS) Throw(env, rc, call);
}

}  // namespace mpi4js::errors
