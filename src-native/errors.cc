#include "errors.h"

#include <cstdio>

#include "addon.h"
#include "environment.h"

namespace mpi4js::errors {

Napi::Value Make(Napi::Env env, int code, const char* call) {
  int error_class = code;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  // Before MPI_Init or after MPI_Finalize, Open MPI aborts on these calls.
  if (environment::Active()) {
    MPI_Error_class(code, &error_class);
    if (MPI_Error_string(code, text, &len) != MPI_SUCCESS) len = 0;
  }
  if (len == 0) len = snprintf(text, sizeof text, "MPI error %d", code);
  Napi::FunctionReference& exception_class = Addon::Of(env).exception_class;
  if (exception_class.IsEmpty()) return Napi::Error::New(env, std::string(call) + ": " + std::string(text, len)).Value();
  return exception_class.New({Napi::Number::New(env, code), Napi::Number::New(env, error_class),
                              Napi::String::New(env, text, len), Napi::String::New(env, call)});
}

void Throw(Napi::Env env, int code, const char* call) { throw Napi::Error(env, Make(env, code, call)); }

void ThrowDetail(Napi::Env env, int error_class, const char* call, const std::string& detail) {
  Napi::FunctionReference& exception_class = Addon::Of(env).exception_class;
  if (exception_class.IsEmpty()) throw Napi::Error::New(env, std::string(call) + ": " + detail);
  // errorString undefined: lib/errors.ts asks MPI for the class's text.
  throw Napi::Error(env, exception_class.New({Napi::Number::New(env, error_class), Napi::Number::New(env, error_class),
                                              env.Undefined(), Napi::String::New(env, call),
                                              Napi::String::New(env, detail)}));
}

static void SetExceptionClass(const Napi::CallbackInfo& info) {
  Addon::Of(info.Env()).exception_class = Napi::Persistent(info[0].As<Napi::Function>());
}

void Init(Napi::Env env, Napi::Object exports) {
  auto errors = Napi::Object::New(env);
  errors["setExceptionClass"] = Napi::Function::New(env, SetExceptionClass);
  exports["errors"] = errors;
}

}  // namespace mpi4js::errors
