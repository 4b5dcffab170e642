// Error handlers of communicators (mpi4py's MPI.Errhandler, Comm.Create_errhandler,
// Get/Set/Call_errhandler). MPI calls a user handler with (comm, code) and
// nothing else, so each of the 32 user handlers (as mpi4py: at most 32 per
// process) gets its own trampoline, which calls lib/errhandler.ts's dispatcher
// with (index, comm id, code); the dispatcher holds the JavaScript functions.
#include <mpi.h>
#include <napi.h>

#include <array>
#include <thread>
#include <utility>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"

namespace mpi4js::errhandler {

namespace {

using call_args::CommArg;
using errors::Check;
using Info = Napi::CallbackInfo;

constexpr int kMaxUserErrhandlers = 32;

// Fixed ids of the predefined handlers, mirrored in lib/errhandler.ts (0 is ERRHANDLER_NULL).
constexpr int32_t kErrorsReturn = 1;
constexpr int32_t kErrorsAreFatal = 2;
constexpr int32_t kErrorsAbort = 3;  // MPI-4.0 only

// MPI_ERRORS_ABORT where it works: MPICH before 4.1 has the name but fails an
// assertion when it is set (mpi4py skips it there too).
#if MPI4JS_MPI4 && !(defined(MPICH_NUMVERSION) && MPICH_NUMVERSION < 40100000)
#define MPI4JS_ERRORS_ABORT 1
#else
#define MPI4JS_ERRORS_ABORT 0
#endif

// Process-wide, because MPI's handler functions carry no Node environment: the
// Addon of the one environment that loads the addon (addon.cc), and the thread
// that may run JavaScript (the watchdog's probes could fail on another).
Addon* owner = nullptr;
std::thread::id main_thread;

// The body of every trampoline. Runs inside MPI: never throws. What the
// JavaScript function throws is the dispatcher's to handle (it aborts, as mpi4py).
void Invoke(int index, MPI_Comm comm, int code) {
  if (!owner || std::this_thread::get_id() != main_thread || owner->errhandler_call.IsEmpty()) return;
  napi_env env = owner->errhandler_call.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value args[3], global, result;
  napi_create_int32(env, index, &args[0]);
  napi_create_int32(env, owner->comms.IdOf(comm), &args[1]);
  napi_create_int32(env, code, &args[2]);
  napi_get_global(env, &global);
  if (napi_call_function(env, global, owner->errhandler_call.Value(), 3, args, &result) != napi_ok) {
    bool pending = false;
    napi_value ignored;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &ignored);
  }
  napi_close_handle_scope(env, scope);
}

template <int I>
void Trampoline(MPI_Comm* comm, int* code, ...) {
  Invoke(I, comm ? *comm : MPI_COMM_NULL, code ? *code : MPI_ERR_UNKNOWN);
}

template <int... I>
constexpr std::array<MPI_Comm_errhandler_function*, sizeof...(I)> MakeTrampolines(std::integer_sequence<int, I...>) {
  return {&Trampoline<I>...};
}

constexpr std::array<MPI_Comm_errhandler_function*, kMaxUserErrhandlers> kTrampolines =
    MakeTrampolines(std::make_integer_sequence<int, kMaxUserErrhandlers>{});

bool Reserved(int32_t id) { return id >= 0 && id <= kErrorsAbort; }

// create(index) -> id: a handler calling the dispatcher with index (0 to 31, lib/errhandler.ts picks it).
Napi::Value Create(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int index = ReadInteger<int>(env, info[0], "Create_errhandler", "index", 0, kMaxUserErrhandlers - 1);
  MPI_Errhandler eh = MPI_ERRHANDLER_NULL;
  Check(env, MPI_Comm_create_errhandler(kTrampolines[index], &eh), "MPI_Comm_create_errhandler");
  int32_t id = Addon::Of(env).errhandlers.Add(eh);
  if (id < 0) {
    MPI_Errhandler_free(&eh);
    throw Napi::RangeError::New(env, "Create_errhandler: too many error handlers");
  }
  return Napi::Number::New(env, id);
}

// free(id): MPI_Errhandler_free, then the id is forgotten. Predefined ids are lib/errhandler.ts's to keep.
void Free(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int32_t id = IdValue(env, info[0], "errhandler");
  if (id == 0) errors::ThrowDetail(env, MPI_ERR_ARG, "Errhandler.Free", "the error handler is MPI.ERRHANDLER_NULL (or a freed one)");
  if (Reserved(id)) return;
  MPI_Errhandler eh = Addon::Of(env).errhandlers.Get(env, info[0], "Errhandler.Free");
  Check(env, MPI_Errhandler_free(&eh), "MPI_Errhandler_free");
  Addon::Of(env).errhandlers.Remove(id);
}

// get(comm) -> id: a predefined handler's fixed id, else a new id holding MPI's new reference.
Napi::Value Get(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  MPI_Errhandler eh = MPI_ERRHANDLER_NULL;
  Check(env, MPI_Comm_get_errhandler(comm, &eh), "MPI_Comm_get_errhandler");
  // A predefined handler is a constant: its reference needs no freeing (nor does
  // mpi4py's constant object lose its handle when freed).
  if (eh == MPI_ERRORS_RETURN) return Napi::Number::New(env, kErrorsReturn);
  if (eh == MPI_ERRORS_ARE_FATAL) return Napi::Number::New(env, kErrorsAreFatal);
#if MPI4JS_ERRORS_ABORT
  if (eh == MPI_ERRORS_ABORT) return Napi::Number::New(env, kErrorsAbort);
#endif
  int32_t id = Addon::Of(env).errhandlers.Add(eh);
  if (id < 0) {
    MPI_Errhandler_free(&eh);
    throw Napi::RangeError::New(env, "Get_errhandler: too many error handlers");
  }
  return Napi::Number::New(env, id);
}

// set(comm, id)
void Set(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  MPI_Errhandler eh = Addon::Of(env).errhandlers.Get(env, info[1], "Set_errhandler");
  Check(env, MPI_Comm_set_errhandler(comm, eh), "MPI_Comm_set_errhandler");
}

// call(comm, errorcode)
void Call(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int code = IntArg(info, 1, "Call_errhandler", "errorcode");
  Check(env, MPI_Comm_call_errhandler(comm, code), "MPI_Comm_call_errhandler");
}

// setDispatcher(fn): lib/errhandler.ts's (index, comm id, code) => void, once at load.
void SetDispatcher(const Info& info) {
  Addon::Of(info.Env()).errhandler_call = Napi::Persistent(info[0].As<Napi::Function>());
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  Addon& addon = Addon::Of(env);
  owner = &addon;
  main_thread = std::this_thread::get_id();
  addon.errhandlers.Reserve(kErrorsReturn, MPI_ERRORS_RETURN);
  addon.errhandlers.Reserve(kErrorsAreFatal, MPI_ERRORS_ARE_FATAL);
#if MPI4JS_ERRORS_ABORT
  addon.errhandlers.Reserve(kErrorsAbort, MPI_ERRORS_ABORT);
#else
  addon.errhandlers.Reserve(kErrorsAbort, MPI_ERRHANDLER_NULL);  // keeps the id taken; Get refuses it as null
#endif
  auto e = Napi::Object::New(env);
  e["create"] = Napi::Function::New(env, Create);
  e["free"] = Napi::Function::New(env, Free);
  e["get"] = Napi::Function::New(env, Get);
  e["set"] = Napi::Function::New(env, Set);
  e["call"] = Napi::Function::New(env, Call);
  e["setDispatcher"] = Napi::Function::New(env, SetDispatcher);
  e["maxUser"] = kMaxUserErrhandlers;
  e["hasErrorsAbort"] = Napi::Boolean::New(env, MPI4JS_ERRORS_ABORT != 0);
  exports["errhandler"] = e;
}

}  // namespace mpi4js::errhandler
