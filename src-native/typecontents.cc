// Datatype.Get_envelope/Get_contents, Match_size and the f90 types (lib/pack.ts).
//
// A datatype MPI hands back is either one the table already knows (a predefined
// type at its fixed id, or a predefined-like one made earlier: Match_size, f90),
// found by handle, or a derived one, entered anew: MPI_Type_get_contents gives
// a new reference to each derived type, which its JavaScript object owns.
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "addon.h"
#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "implementation.h"
#include "integers.h"
#include "register.h"

namespace mpi4js::typecontents {

namespace {

datatype::Table& Types(napi_env env) { return Addon::Of(env).datatypes; }

int Combiner(Napi::Env env, MPI_Datatype type) {
  int ni = 0, na = 0, nd = 0, combiner = MPI_UNDEFINED;
  errors::Check(env, MPI_Type_get_envelope(type, &ni, &na, &nd, &combiner), "MPI_Type_get_envelope");
  return combiner;
}

// NAMED and the f90 types are never freed: one entry per handle, shared.
bool PredefinedLike(int combiner) {
  return combiner == MPI_COMBINER_NAMED || combiner == MPI_COMBINER_F90_INTEGER || combiner == MPI_COMBINER_F90_REAL ||
         combiner == MPI_COMBINER_F90_COMPLEX;
}

// A new entry for a type MPI made, measured as datatype.cc measures. MPI does not
// say whether a returned derived type is committed (Open MPI hands back the
// original's object): a pack of zero items asks it, as pack.cc does.
int32_t Enter(Napi::Env env, MPI_Datatype type) {
  datatype::Info info = datatype::Measure(type);
  if (!info.committed) {
    unsigned char scratch = 0;
    int pos = 0;
    info.committed = MPI_Pack(&scratch, 0, type, &scratch, 1, &pos, MPI_COMM_SELF) == MPI_SUCCESS;
  }
  int32_t id = Types(env).Add(info);
  if (id < 0) throw Napi::RangeError::New(env, "too many datatypes in use (2**20)");
  return id;
}

// The id of a handle MPI returned, and whether it is shared (predefined-like)
// rather than a new reference the caller owns.
std::pair<int32_t, bool> Adopt(Napi::Env env, MPI_Datatype type) {
  if (type == MPI_DATATYPE_NULL) return {0, true};
  if (!PredefinedLike(Combiner(env, type))) return {Enter(env, type), false};
  // Predefined ids are their slots (generation 0), and so are the shared entries
  // made here, which are never removed: a scan finds either.
  auto& table = Types(env);
  for (int32_t id = 0; table.Known(id); ++id) {
    const datatype::Info* e = table.Find(id);
    if (e && e->type == type) return {id, true};
  }
  return {Enter(env, type), true};
}

// The MPI handle as a number, the same for every id entered for it (a pointer
// in Open MPI, below 2**48 in user space; an int in MPICH).
template <typename Handle>
double HandleKey(Handle type) {
  if constexpr (std::is_pointer_v<Handle>) {
    return static_cast<double>(reinterpret_cast<uintptr_t>(type));
  } else {
    return static_cast<double>(type);
  }
}

// [id, shared, key]: lib/pack.ts keeps one object per key of a shared type.
Napi::Value Pair(Napi::Env env, MPI_Datatype type, std::pair<int32_t, bool> p) {
  auto out = Napi::Array::New(env, 3);
  out[0u] = Napi::Number::New(env, p.first);
  out[1u] = Napi::Boolean::New(env, p.second);
  out[2u] = Napi::Number::New(env, HandleKey(type));
  return out;
}

// forget(id): drops a second entry of a shared type (the scan above misses entries
// in reused slots, whose ids carry a generation); it is never freed in MPI.
Napi::Value Forget(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdValue(env, info[0], "datatype");
  const datatype::Info* e = Types(env).Find(id);
  if (!e || !PredefinedLike(Combiner(env, e->type))) throw Napi::TypeError::New(env, "datatype.forget: not a shared datatype's id");
  Types(env).Remove(id);
  return env.Undefined();
}

struct Envelope {
  int64_t ni = 0, na = 0, nc = 0, nd = 0;
  int combiner = MPI_UNDEFINED;
};

Envelope GetEnvelope(Napi::Env env, MPI_Datatype type) {
  Envelope e;
#if MPI4JS_LARGE_COUNT
  MPI_Count ni, na, nc, nd;
  errors::Check(env, MPI_Type_get_envelope_c(type, &ni, &na, &nc, &nd, &e.combiner), "MPI_Type_get_envelope");
  e.ni = ni, e.na = na, e.nc = nc, e.nd = nd;
#else
  int ni, na, nd;
  errors::Check(env, MPI_Type_get_envelope(type, &ni, &na, &nd, &e.combiner), "MPI_Type_get_envelope");
  e.ni = ni, e.na = na, e.nd = nd;  // no counts before MPI-4
#endif
  return e;
}

// envelope(type) -> [ni, na, nc, nd, combiner]
Napi::Value GetEnvelopeJs(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Envelope e = GetEnvelope(env, datatype::Get(env, info[0]).type);
  auto out = Napi::Array::New(env, 5);
  uint32_t k = 0;
  for (double x : {double(e.ni), double(e.na), double(e.nc), double(e.nd), double(e.combiner)}) out[k++] = Napi::Number::New(env, x);
  return out;
}

template <typename T>
Napi::Array Numbers(Napi::Env env, const std::vector<T>& v) {
  auto out = Napi::Array::New(env, v.size());
  for (uint32_t k = 0; k < v.size(); ++k) out[k] = Napi::Number::New(env, static_cast<double>(v[k]));
  return out;
}

// contents(type) -> [integers, addresses, counts, [[id, shared, key], ...]]
Napi::Value GetContents(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Datatype type = datatype::Get(env, info[0]).type;
  Envelope e = GetEnvelope(env, type);
  // MPI calls Get_contents on a named type erroneous (implementations differ): refused here.
  if (e.combiner == MPI_COMBINER_NAMED) {
    errors::Throw(env, MPI_ERR_TYPE, "MPI_Type_get_contents (a predefined datatype has no contents)");
  }
  std::vector<int> ints(e.ni);
  std::vector<MPI_Aint> addrs(e.na);
  std::vector<MPI_Datatype> types(e.nd);
#if MPI4JS_LARGE_COUNT
  std::vector<MPI_Count> counts(e.nc);
  errors::Check(env, MPI_Type_get_contents_c(type, e.ni, e.na, e.nc, e.nd, ints.data(), addrs.data(), counts.data(), types.data()),
                "MPI_Type_get_contents");
#else
  std::vector<int64_t> counts;
  errors::Check(env, MPI_Type_get_contents(type, e.ni, e.na, e.nd, ints.data(), addrs.data(), types.data()), "MPI_Type_get_contents");
#endif
  auto out = Napi::Array::New(env, 4);
  out[0u] = Numbers(env, ints);
  out[1u] = Numbers(env, addrs);
  out[2u] = Numbers(env, counts);
  auto ids = Napi::Array::New(env, types.size());
  for (uint32_t k = 0; k < types.size(); ++k) ids[k] = Pair(env, types[k], Adopt(env, types[k]));
  out[3u] = ids;
  return out;
}

// matchSize(typeclass, size) -> [id, shared, key]
Napi::Value MatchSize(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int typeclass = ReadInt(env, info[0], "Datatype.Match_size", "typeclass");
  int size = ReadInt(env, info[1], "Datatype.Match_size", "size");
  MPI_Datatype type = MPI_DATATYPE_NULL;
  errors::Check(env, MPI_Type_match_size(typeclass, size, &type), "MPI_Type_match_size");
  return Pair(env, type, Adopt(env, type));
}

// f90(kind, p, r) -> [id, shared, key]; kind 0 integer (r only), 1 real, 2 complex
Napi::Value F90(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int kind = ReadInt(env, info[0], "Datatype.Create_f90", "kind");
  if (kind < 0 || kind > 2) throw Napi::RangeError::New(env, "Datatype.Create_f90: kind must be 0, 1 or 2");
  const char* call = kind == 0 ? "Datatype.Create_f90_integer" : kind == 1 ? "Datatype.Create_f90_real" : "Datatype.Create_f90_complex";
  int p = ReadInt(env, info[1], call, "p");
  int r = ReadInt(env, info[2], call, "r");
  MPI_Datatype type = MPI_DATATYPE_NULL;
  if (kind == 0) errors::Check(env, MPI_Type_create_f90_integer(r, &type), "MPI_Type_create_f90_integer");
  if (kind == 1) errors::Check(env, MPI_Type_create_f90_real(p, r, &type), "MPI_Type_create_f90_real");
  if (kind == 2) errors::Check(env, MPI_Type_create_f90_complex(p, r, &type), "MPI_Type_create_f90_complex");
  return Pair(env, type, Adopt(env, type));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto group = exports.Get("datatype").As<Napi::Object>();
  Register(env, group, "envelope", GetEnvelopeJs);
  Register(env, group, "contents", GetContents);
  Register(env, group, "matchSize", MatchSize);
  Register(env, group, "f90", F90);
  Register(env, group, "forget", Forget);
}

}  // namespace mpi4js::typecontents

// --- parallel I/O (datatype.h)
Napi::Value mpi4js::datatype::Returned(Napi::Env env, MPI_Datatype type) {
  return typecontents::Pair(env, type, typecontents::Adopt(env, type));
}
