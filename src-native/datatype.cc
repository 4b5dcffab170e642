#include "datatype.h"

#include <vector>

#include "addon.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"

namespace mpi4js::datatype {

namespace {

// Predefined datatypes, in the order of their ids (id 0 is DATATYPE_NULL).
struct Named {
  const char* name;
  MPI_Datatype type;
};
const std::vector<Named>& Predefined() {
  static const std::vector<Named> list = {
      {"DATATYPE_NULL", MPI_DATATYPE_NULL},
      {"BYTE", MPI_BYTE},
      {"PACKED", MPI_PACKED},
      {"CHAR", MPI_CHAR},
      {"WCHAR", MPI_WCHAR},
      {"SIGNED_CHAR", MPI_SIGNED_CHAR},
      {"UNSIGNED_CHAR", MPI_UNSIGNED_CHAR},
      {"SHORT", MPI_SHORT},
      {"UNSIGNED_SHORT", MPI_UNSIGNED_SHORT},
      {"INT", MPI_INT},
      {"UNSIGNED", MPI_UNSIGNED},
      {"LONG", MPI_LONG},
      {"UNSIGNED_LONG", MPI_UNSIGNED_LONG},
      {"LONG_LONG", MPI_LONG_LONG},
      {"UNSIGNED_LONG_LONG", MPI_UNSIGNED_LONG_LONG},
      {"FLOAT", MPI_FLOAT},
      {"DOUBLE", MPI_DOUBLE},
      {"LONG_DOUBLE", MPI_LONG_DOUBLE},
      {"C_BOOL", MPI_C_BOOL},
      {"INT8_T", MPI_INT8_T},
      {"INT16_T", MPI_INT16_T},
      {"INT32_T", MPI_INT32_T},
      {"INT64_T", MPI_INT64_T},
      {"UINT8_T", MPI_UINT8_T},
      {"UINT16_T", MPI_UINT16_T},
      {"UINT32_T", MPI_UINT32_T},
      {"UINT64_T", MPI_UINT64_T},
      {"C_FLOAT_COMPLEX", MPI_C_FLOAT_COMPLEX},
      {"C_DOUBLE_COMPLEX", MPI_C_DOUBLE_COMPLEX},
      {"AINT", MPI_AINT},
      {"OFFSET", MPI_OFFSET},
      {"COUNT", MPI_COUNT},
      {"FLOAT_INT", MPI_FLOAT_INT},
      {"DOUBLE_INT", MPI_DOUBLE_INT},
      {"LONG_INT", MPI_LONG_INT},
      {"TWOINT", MPI_2INT},
      {"SHORT_INT", MPI_SHORT_INT},
      {"LONG_DOUBLE_INT", MPI_LONG_DOUBLE_INT},
  };
  return list;
}

// The datatypes of the environment that calls (addon.h).
Table& Types(napi_env env) { return Addon::Of(env).datatypes; }

Info Measure(MPI_Datatype type) {
  Info info;
  info.type = type;
  info.measured = true;
  if (type == MPI_DATATYPE_NULL) return info;
  MPI_Type_size(type, &info.size);
  MPI_Type_get_extent(type, &info.lb, &info.extent);
  MPI_Type_get_true_extent(type, &info.true_lb, &info.true_extent);
  return info;
}

int32_t Add(napi_env env, MPI_Datatype type) { return Types(env).Add(Measure(type)); }

// The entry an id names; a freed datatype's id is MPI.Exception ERR_TYPE, as
// MPI gives for DATATYPE_NULL, never whatever reused its slot.
Info& Entry(Napi::Env env, const Napi::Value& v) {
  int32_t id = IdValue(env, v, "datatype");
  Info* entry = Types(env).Find(id);
  if (entry) return *entry;
  if (Types(env).Known(id)) errors::Throw(env, MPI_ERR_TYPE, "a freed datatype handle");
  throw Napi::TypeError::New(env, "invalid datatype handle");
}

Napi::Value PredefinedIds(const Napi::CallbackInfo& info) {
  auto names = Napi::Object::New(info.Env());
  const auto& list = Predefined();
  for (size_t id = 0; id < list.size(); ++id) names[list[id].name] = Napi::Number::New(info.Env(), id);
  return names;
}

// [size, lb, extent, true_lb, true_extent], as measured when the type was made
// (so it still answers after MPI_Finalize).
Napi::Value Describe(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const Info& t = Entry(env, info[0]);
  if (!t.measured) environment::EnsureActive(env);
  auto out = Napi::Array::New(env, 5);
  int i = 0;
  for (double x : {double(t.size), double(t.lb), double(t.extent), double(t.true_lb), double(t.true_extent)}) {
    out[i++] = Napi::Number::New(env, x);
  }
  return out;
}

Napi::Value CreateContiguous(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Datatype out;
  errors::Check(env, MPI_Type_contiguous(ReadCount(env, info[0], "MPI_Type_contiguous", "count"), Entry(env, info[1]).type, &out), "MPI_Type_contiguous");
  return Napi::Number::New(env, Add(env, out));
}

Napi::Value CreateVector(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Datatype out;
  errors::Check(env, MPI_Type_vector(ReadCount(env, info[0], "MPI_Type_vector", "count"),
                                     ReadCount(env, info[1], "MPI_Type_vector", "blocklength"),
                                     IntArg(info, 2, "MPI_Type_vector", "stride"), Entry(env, info[3]).type, &out),
                "MPI_Type_vector");
  return Napi::Number::New(env, Add(env, out));
}

Napi::Value CreateResized(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Datatype out;
  MPI_Aint lb = ReadAint(env, info[1], "MPI_Type_create_resized", "lb");
  MPI_Aint extent = ReadAint(env, info[2], "MPI_Type_create_resized", "extent");
  errors::Check(env, MPI_Type_create_resized(Entry(env, info[0]).type, lb, extent, &out), "MPI_Type_create_resized");
  return Napi::Number::New(env, Add(env, out));
}

void Commit(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Info& entry = Entry(env, info[0]);
  errors::Check(env, MPI_Type_commit(&entry.type), "MPI_Type_commit");
}

void Free(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int32_t id = IdValue(info.Env(), info[0], "datatype");
  Info& entry = Entry(env, info[0]);
  errors::Check(env, MPI_Type_free(&entry.type), "MPI_Type_free");
  Types(env).Remove(id);
}

}  // namespace

const Info& Get(Napi::Env env, const Napi::Value& v) { return Entry(env, v); }

void Setup(napi_env env) {
  const auto& list = Predefined();
  for (size_t id = 0; id < list.size(); ++id) Types(env).Reserve(static_cast<int32_t>(id), Measure(list[id].type));
}

void Init(Napi::Env env, Napi::Object exports) {
  for (const auto& named : Predefined()) {
    Info info;
    info.type = named.type;
    Types(env).Add(info);
  }
  auto datatype = Napi::Object::New(env);
  datatype["predefined"] = Napi::Function::New(env, PredefinedIds);
  datatype["describe"] = Napi::Function::New(env, Describe);
  datatype["createContiguous"] = Napi::Function::New(env, CreateContiguous);
  datatype["createVector"] = Napi::Function::New(env, CreateVector);
  datatype["createResized"] = Napi::Function::New(env, CreateResized);
  datatype["commit"] = Napi::Function::New(env, Commit);
  datatype["free"] = Napi::Function::New(env, Free);
  exports["datatype"] = datatype;
}

}  // namespace mpi4js::datatype
