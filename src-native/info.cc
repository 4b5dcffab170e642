// Info objects: ids into the info table, and the MPI_Info_* calls lib/info.ts
// needs. Keys and values arrive checked (length, no NUL) by lib/info.ts.
#include <mpi.h>
#include <napi.h>

#include <string>
#include <vector>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"

namespace mpi4js::info {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

MPI_Info InfoArg(const Info& info, size_t i) {
  environment::EnsureActive(info.Env());
  return call_args::InfoArg(info, i);
}

Napi::Value NewInfo(Napi::Env env, MPI_Info i) { return Napi::Number::New(env, Addon::Of(env).infos.Add(i)); }

Napi::Value Create(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Info out;
  Check(info.Env(), MPI_Info_create(&out), "MPI_Info_create");
  return NewInfo(info.Env(), out);
}

Napi::Value Dup(const Info& info) {
  MPI_Info out;
  Check(info.Env(), MPI_Info_dup(InfoArg(info, 0), &out), "MPI_Info_dup");
  return NewInfo(info.Env(), out);
}

void Free(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Info& i = Addon::Of(info.Env()).infos.Get(info.Env(), info[0]);
  Check(info.Env(), MPI_Info_free(&i), "MPI_Info_free");
  Addon::Of(info.Env()).infos.Remove(IdValue(info.Env(), info[0], "info"));
}

// (info, key, value)
void Set(const Info& info) {
  MPI_Info i = InfoArg(info, 0);
  std::string key = info[1].As<Napi::String>(), value = info[2].As<Napi::String>();
  Check(info.Env(), MPI_Info_set(i, key.c_str(), value.c_str()), "MPI_Info_set");
}

// (info, key) -> the value, or undefined when the key is absent
Napi::Value Get(const Info& info) {
  auto env = info.Env();
  MPI_Info i = InfoArg(info, 0);
  std::string key = info[1].As<Napi::String>();
  int flag = 0;
  // Room for the longest value MPI stores, and its terminating NUL.
  std::vector<char> value(MPI_MAX_INFO_VAL + 1, '\0');
#if MPI4JS_MPI4
  int buflen = MPI_MAX_INFO_VAL + 1;
  Check(env, MPI_Info_get_string(i, key.c_str(), &buflen, value.data(), &flag), "MPI_Info_get_string");
#else
  Check(env, MPI_Info_get(i, key.c_str(), MPI_MAX_INFO_VAL, value.data(), &flag), "MPI_Info_get");
#endif
  if (!flag) return env.Undefined();
  value[MPI_MAX_INFO_VAL] = '\0';
  return Napi::String::New(env, value.data());
}

void Delete(const Info& info) {
  MPI_Info i = InfoArg(info, 0);
  std::string key = info[1].As<Napi::String>();
  Check(info.Env(), MPI_Info_delete(i, key.c_str()), "MPI_Info_delete");
}

Napi::Value Nkeys(const Info& info) {
  int n = 0;
  Check(info.Env(), MPI_Info_get_nkeys(InfoArg(info, 0), &n), "MPI_Info_get_nkeys");
  return Napi::Number::New(info.Env(), n);
}

// (info, n): n is checked against Get_nkeys by lib/info.ts
Napi::Value Nthkey(const Info& info) {
  MPI_Info i = InfoArg(info, 0);
  int n = IntArg(info, 1, "MPI_Info_get_nthkey", "n");
  char key[MPI_MAX_INFO_KEY + 1] = {0};
  Check(info.Env(), MPI_Info_get_nthkey(i, n, key), "MPI_Info_get_nthkey");
  key[MPI_MAX_INFO_KEY] = '\0';
  return Napi::String::New(info.Env(), key);
}

// Info objects alive in the table (the null and predefined ones included), for tests of leaks.
Napi::Value Live(const Info& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).infos.Count()));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  Addon::Of(env).infos.Reserve(kInfoEnv, MPI_INFO_ENV);
  auto o = Napi::Object::New(env);
  o["create"] = Napi::Function::New(env, Create);
  o["dup"] = Napi::Function::New(env, Dup);
  o["free"] = Napi::Function::New(env, Free);
  o["set"] = Napi::Function::New(env, Set);
  o["get"] = Napi::Function::New(env, Get);
  o["delete"] = Napi::Function::New(env, Delete);
  o["nkeys"] = Napi::Function::New(env, Nkeys);
  o["nthkey"] = Napi::Function::New(env, Nthkey);
  o["live"] = Napi::Function::New(env, Live);
  exports["info"] = o;
}

}  // namespace mpi4js::info
