// User-defined error classes, codes and strings (mpi4py's MPI.Add_error_class,
// Add_error_code, Add_error_string); lib/errorcode.ts. MPI.Exception,
// Get_error_class and Get_error_string read them back from MPI as any other code.
#include <mpi.h>
#include <napi.h>

#include <string>

#include "environment.h"
#include "errors.h"
#include "handles.h"

namespace mpi4js::errorcode {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

// addErrorClass() -> the new class
Napi::Value AddErrorClass(const Info& info) {
  environment::EnsureActive(info.Env());
  int errorclass = MPI_SUCCESS;
  Check(info.Env(), MPI_Add_error_class(&errorclass), "MPI_Add_error_class");
  return Napi::Number::New(info.Env(), errorclass);
}

// addErrorCode(errorclass) -> the new code
Napi::Value AddErrorCode(const Info& info) {
  environment::EnsureActive(info.Env());
  int errorclass = IntArg(info, 0, "Add_error_code", "errorclass");
  int errorcode = MPI_SUCCESS;
  Check(info.Env(), MPI_Add_error_code(errorclass, &errorcode), "MPI_Add_error_code");
  return Napi::Number::New(info.Env(), errorcode);
}

// addErrorString(errorcode, string): lib/errorcode.ts checks the string's length first.
void AddErrorString(const Info& info) {
  environment::EnsureActive(info.Env());
  int errorcode = IntArg(info, 0, "Add_error_string", "errorcode");
  std::string text = info[1].As<Napi::String>();
  Check(info.Env(), MPI_Add_error_string(errorcode, text.c_str()), "MPI_Add_error_string");
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto e = Napi::Object::New(env);
  e["addErrorClass"] = Napi::Function::New(env, AddErrorClass);
  e["addErrorCode"] = Napi::Function::New(env, AddErrorCode);
  e["addErrorString"] = Napi::Function::New(env, AddErrorString);
  exports["errorcode"] = e;
}

}  // namespace mpi4js::errorcode
