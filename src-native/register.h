// Adds a native function to one of the addon's export groups (exports.comm,
// exports.datatype, …). The name rides along as the function's data, so
// buffer::Read and the error paths can name the call.
#pragma once
#include <napi.h>

namespace mpi4js {

inline void Register(Napi::Env env, Napi::Object group, const char* name, Napi::Function::Callback fn) {
  group[name] = Napi::Function::New(env, fn, name, const_cast<char*>(name));
}

}  // namespace mpi4js
