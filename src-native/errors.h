// MPI error codes become MPI.Exception (lib/errors.ts), constructed here from the
// class that JavaScript hands over once at load.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <string>

namespace mpi4js::errors {

void Init(Napi::Env env, Napi::Object exports);

// Throws MPI.Exception(code) naming the MPI call.
[[noreturn]] void Throw(Napi::Env env, int code, const char* call);

// Throws MPI.Exception of an error class that mpi4js finds before calling MPI:
// `detail` (what is wrong) replaces MPI's text in the message, naming `call`.
[[noreturn]] void ThrowDetail(Napi::Env env, int error_class, const char* call, const std::string& detail);

// MPI's text for an error code, or MPI's error when it has none (rc).
std::string Text(int code, int* rc);

// The MPI.Exception for code, for code that rejects rather than throws.
Napi::Value Make(Napi::Env env, int code, const char* call);

inline void Check(Napi::Env env, int rc, const char* call) {
  if (rc != MPI_SUCCESS) Throw(env, rc, call);
}

}  // namespace mpi4js::errors
