// Datatypes: the predefined ones at fixed ids (predefined.cc), derived ones as they are made.
// Each entry caches its layout, which the buffer bounds checks need on every call.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "handles.h"

namespace mpi4js::datatype {

struct Info {
  MPI_Datatype type = MPI_DATATYPE_NULL;
  bool measured = false;
  // Usable in communication: predefined types always, derived ones after Commit (Dup inherits it).
  bool committed = false;
  // NAMED (and f90) types: never passed to MPI_Type_free.
  bool predefined = false;
  // MPI_COMBINER_*, from MPI_Type_get_envelope.
  int combiner = MPI_COMBINER_NAMED;
  // 64-bit (the _x queries): MPI_Type_size says MPI_UNDEFINED above INT_MAX.
  int64_t size = 0;
  int64_t lb = 0;
  int64_t extent = 0;
  int64_t true_lb = 0;
  int64_t true_extent = 0;
};

// The datatypes of one environment (owned by its Addon, addon.h): ids to entries,
// and back from a handle to its id (a predefined handle to its fixed id), for the
// code that receives handles from MPI (Get_contents, a user op's datatype).
class Table {
 public:
  explicit Table(const Info& null) : slots_(null) {}

  int32_t Add(const Info& info) {
    int32_t id = slots_.Add(info);
    if (id > 0) ids_.emplace(info.type, id);
    return id;
  }

  // A predefined handle at a fixed id; a handle reserved twice (a missing type is
  // DATATYPE_NULL) keeps its first id.
  void Reserve(int32_t id, const Info& info) {
    slots_.Reserve(id, info);
    ids_.emplace(info.type, id);
  }

  Info* Find(int32_t id) { return slots_.Find(id); }
  bool Known(int32_t id) const { return slots_.Known(id); }
  size_t Count() const { return slots_.Count(); }

  void Remove(int32_t id) {
    Info* info = slots_.Find(id);
    if (id <= 0 || !info) return;
    auto it = ids_.find(info->type);
    if (it != ids_.end() && it->second == id) ids_.erase(it);
    slots_.Remove(id);
  }

  // The id of a handle this table holds, -1 for one it does not.
  int32_t IdOf(MPI_Datatype type) const {
    auto it = ids_.find(type);
    return it == ids_.end() ? -1 : it->second;
  }

 private:
  Slots<Info> slots_;
  std::unordered_map<MPI_Datatype, int32_t> ids_;
};

const Info& Get(Napi::Env env, const Napi::Value& v);

// The id of a handle in the calling environment's table, -1 when it holds none.
int32_t IdOf(napi_env env, MPI_Datatype type);

// The layout of a handle, as the table caches it (MPI must be initialised for a real type).
Info Measure(MPI_Datatype type);

// Measures the predefined types; MPI must be initialised.
void Setup(napi_env env);

void Init(Napi::Env env, Napi::Object exports);

// predefined.cc: the predefined datatypes, at the ids of their order.
struct Named {
  const char* name;
  MPI_Datatype type;
};
const std::vector<Named>& Predefined();
void InitPredefined(Napi::Env env, Napi::Object group);

// --- parallel I/O (file.cc): a datatype MPI handed back (File.Get_view) as
// [id, shared, key], which lib/pack.ts turns into its Datatype (typecontents.cc).
Napi::Value Returned(Napi::Env env, MPI_Datatype type);

}  // namespace mpi4js::datatype
