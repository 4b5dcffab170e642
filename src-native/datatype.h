// Datatypes: the predefined ones at fixed ids, derived ones as they are made.
// Each entry caches its extents, which the buffer bounds checks need on every call.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>

#include "handles.h"

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

// The datatypes of one environment (owned by its Addon, addon.h).
using Table = Slots<Info>;

const Info& Get(Napi::Env env, const Napi::Value& v);

// Measures the predefined types; MPI must be initialised.
void Setup(napi_env env);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::datatype
