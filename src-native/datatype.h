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

// Bytes a buffer needs to hold count items of this type, starting at its first
// byte; SIZE_MAX when the items would reach before it (a negative lower bound
// or extent), which no buffer can satisfy.
inline size_t RequiredBytes(const Info& t, int64_t count) {
  if (count <= 0) return 0;
  int64_t first = t.true_lb, last = t.true_lb + (count - 1) * t.extent;
  int64_t lo = first < last ? first : last;
  int64_t hi = (first < last ? last : first) + t.true_extent;
  // On 32-bit ARM size_t is 32 bits: a span beyond it must not wrap to something small.
  if (lo < 0 || static_cast<uint64_t>(hi) > SIZE_MAX) return SIZE_MAX;
  return static_cast<size_t>(hi);
}

// Measures the predefined types; MPI must be initialised.
void Setup();

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::datatype
