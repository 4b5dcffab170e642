#include "errors.h"

#include <algorithm>
#include <string>

#include "addon.h"
#include "environment.h"
#include "implementation.h"

namespace mpi4js::errors {

std::string Text(int code, int* rc) {
  // On the heap: MPI4JS_ERROR_STRING_CAPACITY is large where the library overruns MPI_MAX_ERROR_STRING.
  std::string text(MPI4JS_ERROR_STRING_CAPACITY, '\0');
  int len = 0;
  *rc = MPI_Error_string(code, text.data(), &len);
  text.resize(*rc == MPI_SUCCESS && len > 0 ? std::min<size_t>(static_cast<size_t>(len), text.size()) : 0);
  return text;
}

Napi::Value Make(Napi::Env env, int code, const char* call) {
  int error_class = code;
  std::string text;
  // Before MPI_Init or after MPI_Finalize, Open MPI aborts on these calls.
  if (environment::Active()) {
    MPI_Error_class(code, &error_class);
    int rc = MPI_SUCCESS;
    text = Text(code, &rc);
  }
  if (text.empty()) text = "MPI error " + std::to_string(code);
  Napi::FunctionReference& exception_class = Addon::Of(env).exception_class;
  if (exception_class.IsEmpty()) return Napi::Error::New(env, std::string(call) + ": " + text).Value();
  return exception_class.New({Napi::Number::New(env, code), Napi::Number::New(env, error_class),
                              Napi::String::New(env, text), Napi::String::New(env, call)});
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
