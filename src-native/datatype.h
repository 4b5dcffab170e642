// Datatypes: the predefined ones at fixed ids, derived ones as they are made.
// Each entry caches its extents, which the buffer bounds checks need on every call.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>

namespace mpi4js::datatype {

struct Info {
  MPI_Datatype type = MPI_DATATYPE_NULL;
  bool measured = false;
  int size = 0;
  MPI_Aint lb = 0;
  MPI_Aint extent = 0;
  MPI_Aint true_lb = 0;
  MPI_Aint true_extent = 0;
};

const Info& Get(Napi::Env env, const Napi::Value& v);

// Measures the predefined types; MPI must be initialised.
void Setup();

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::datatype
