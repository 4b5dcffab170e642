#include "status.h"

#include <cstddef>

#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "integers.h"

namespace mpi4js::status {

MPI_Status* Read(Napi::Env env, const Napi::Value& v) {
  if (v.IsUndefined() || v.IsNull()) return MPI_STATUS_IGNORE;
  napi_typedarray_type type = static_cast<napi_typedarray_type>(-1);  // an older Node-API may leave it unwritten
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_uint8_array || length < sizeof(MPI_Status)) {
    throw Napi::TypeError::New(env, "status must be an MPI.Status");
  }
  return static_cast<MPI_Status*>(data);
}

namespace {

Napi::Value GetCount(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Status* st = Read(env, info[0]);
  MPI_Datatype type = datatype::Get(env, info[1]).type;
  int count = 0;
  errors::Check(env, MPI_Get_count(st, type, &count), "MPI_Get_count");
  if (count != MPI_UNDEFINED) return Napi::Number::New(env, count);
  // UNDEFINED also above INT_MAX: the count from the 64-bit byte count, when the bytes are whole items.
  MPI_Count bytes = 0, size = 0;
  errors::Check(env, MPI_Get_elements_x(st, MPI_BYTE, &bytes), "MPI_Get_elements_x");
  errors::Check(env, MPI_Type_size_x(type, &size), "MPI_Type_size_x");
  if (size > 0 && bytes != MPI_UNDEFINED && bytes % size == 0) return Napi::Number::New(env, static_cast<double>(bytes / size));
  return Napi::Number::New(env, MPI_UNDEFINED);
}

Napi::Value GetElements(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Count count = 0;
  errors::Check(env, MPI_Get_elements_x(Read(env, info[0]), datatype::Get(env, info[1]).type, &count),
                "MPI_Get_elements_x");
  return Napi::Number::New(env, static_cast<double>(count));
}

// A fresh status: source ANY_SOURCE, tag ANY_TAG, error SUCCESS, count 0, not
// cancelled. Returns whether MPI itself set the count and the flag (true once
// MPI runs), so that JavaScript may copy these bytes for later statuses.
Napi::Value Reset(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  MPI_Status* st = Read(env, info[0]);
  st->MPI_SOURCE = MPI_ANY_SOURCE;
  st->MPI_TAG = MPI_ANY_TAG;
  st->MPI_ERROR = MPI_SUCCESS;
  if (!environment::Active()) return Napi::Boolean::New(env, false);  // the bytes start zeroed
  MPI_Status_set_elements_x(st, MPI_BYTE, 0);
  MPI_Status_set_cancelled(st, 0);
  return Napi::Boolean::New(env, true);
}

void SetElements(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  errors::Check(env,
                MPI_Status_set_elements_x(Read(env, info[0]), datatype::Get(env, info[1]).type,
                                          ReadInteger<MPI_Count>(env, info[2], "MPI_Status_set_elements_x", "count", 0)),
                "MPI_Status_set_elements_x");
}

Napi::Value IsCancelled(const Napi::CallbackInfo& info) {
  environment::EnsureActive(info.Env());
  int flag = 0;
  MPI_Test_cancelled(Read(info.Env(), info[0]), &flag);
  return Napi::Boolean::New(info.Env(), flag != 0);
}

void SetCancelled(const Napi::CallbackInfo& info) {
  environment::EnsureActive(info.Env());
  MPI_Status_set_cancelled(Read(info.Env(), info[0]), info[1].ToBoolean() ? 1 : 0);
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto status = Napi::Object::New(env);
  // Where the public fields sit, in int32 units, so JS reads them without a call.
  auto layout = Napi::Object::New(env);
  layout["bytes"] = sizeof(MPI_Status);
  layout["source"] = offsetof(MPI_Status, MPI_SOURCE) / sizeof(int);
  layout["tag"] = offsetof(MPI_Status, MPI_TAG) / sizeof(int);
  layout["error"] = offsetof(MPI_Status, MPI_ERROR) / sizeof(int);
  status["layout"] = layout;
  status["getCount"] = Napi::Function::New(env, GetCount);
  status["getElements"] = Napi::Function::New(env, GetElements);
  status["reset"] = Napi::Function::New(env, Reset);
  status["setElements"] = Napi::Function::New(env, SetElements);
  status["isCancelled"] = Napi::Function::New(env, IsCancelled);
  status["setCancelled"] = Napi::Function::New(env, SetCancelled);
  exports["status"] = status;
}

}  // namespace mpi4js::status
