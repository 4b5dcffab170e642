// MPI's lifetime and the module-level calls of mpi4py's MPI module.
#pragma once
#include <napi.h>

namespace mpi4js::environment {

// Throws unless MPI is initialised and not yet finalised: Open MPI aborts the
// whole job on a call made after MPI_Finalize, so none may reach it.
void EnsureActive(Napi::Env env);

// Whether MPI calls may be made now.
bool Active();

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::environment
