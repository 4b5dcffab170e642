// Error handlers (mpi4py's MPI.Errhandler, and Create/Get/Set/Call_errhandler
// of communicators, windows, files and sessions), one path for the four kinds
// of object. MPI calls a user handler with (object, code) and nothing else, so
// each of the 32 user handlers of a kind (as mpi4py: at most 32 per kind and
// process) gets its own trampoline, a function of that kind's C type; every
// trampoline calls lib/errhandler.ts's one dispatcher with (kind, index,
// object id, code), and the dispatcher holds the JavaScript functions.
#include <mpi.h>
#include <napi.h>

#include <array>
#include <string>
#include <thread>
#include <utility>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "win.h"

namespace mpi4js::errhandler {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

constexpr int kMaxUserErrhandlers = 32;

// The kinds of object, mirrored in lib/errhandler.ts (KINDS).
enum Kind : int { kComm = 0, kWin = 1, kFile = 2, kSession = 3 };
constexpr int kKinds = 4;

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
// that may run JavaScript (the watchdog's probes, or a library's progress
// thread, could fail on another).
Addon* owner = nullptr;
std::thread::id main_thread;

// ---- the object of each kind: its id from MPI's handle, and MPI's calls ------

template <int K>
struct Of;

template <>
struct Of<kComm> {
  using Handle = MPI_Comm;
  using Fn = MPI_Comm_errhandler_function;
  static int32_t Id(Addon& a, MPI_Comm h) { return a.comms.IdOf(h); }
  static MPI_Comm Arg(Napi::Env env, const Napi::Value& v, const char* call) { return Addon::Of(env).comms.Get(env, v, call); }
  static int Create(Fn* f, MPI_Errhandler* e) { return MPI_Comm_create_errhandler(f, e); }
  static int Get(MPI_Comm h, MPI_Errhandler* e) { return MPI_Comm_get_errhandler(h, e); }
  static int Set(MPI_Comm h, MPI_Errhandler e) { return MPI_Comm_set_errhandler(h, e); }
  static int Call(MPI_Comm h, int code) { return MPI_Comm_call_errhandler(h, code); }
  static constexpr const char* kName = "Comm";
};

template <>
struct Of<kWin> {
  using Handle = MPI_Win;
  using Fn = MPI_Win_errhandler_function;
  static int32_t Id(Addon& a, MPI_Win h) {
    return a.wins.slots.FindIf([h](win::Window* w) { return w != nullptr && w->win == h; });
  }
  static MPI_Win Arg(Napi::Env env, const Napi::Value& v, const char* call) { return win::Named(env, v, call).win; }
  static int Create(Fn* f, MPI_Errhandler* e) { return MPI_Win_create_errhandler(f, e); }
  static int Get(MPI_Win h, MPI_Errhandler* e) { return MPI_Win_get_errhandler(h, e); }
  static int Set(MPI_Win h, MPI_Errhandler e) { return MPI_Win_set_errhandler(h, e); }
  static int Call(MPI_Win h, int code) { return MPI_Win_call_errhandler(h, code); }
  static constexpr const char* kName = "Win";
};

template <>
struct Of<kFile> {
  using Handle = MPI_File;
  using Fn = MPI_File_errhandler_function;
  static int32_t Id(Addon& a, MPI_File h) { return a.files.IdOf(h); }
  // Id 0 is MPI_FILE_NULL, whose handler is the default of files (MPI's rule): Get/Set take it.
  static MPI_File Arg(Napi::Env env, const Napi::Value& v, const char* call) { return Addon::Of(env).files.Get(env, v, call); }
  static int Create(Fn* f, MPI_Errhandler* e) { return MPI_File_create_errhandler(f, e); }
  static int Get(MPI_File h, MPI_Errhandler* e) { return MPI_File_get_errhandler(h, e); }
  static int Set(MPI_File h, MPI_Errhandler e) { return MPI_File_set_errhandler(h, e); }
  static int Call(MPI_File h, int code) { return MPI_File_call_errhandler(h, code); }
  static constexpr const char* kName = "File";
};

#if MPI4JS_MPI4
template <>
struct Of<kSession> {
  using Handle = MPI_Session;
  using Fn = MPI_Session_errhandler_function;
  static int32_t Id(Addon& a, MPI_Session h) { return a.sessions.IdOf(h); }
  static MPI_Session Arg(Napi::Env env, const Napi::Value& v, const char* call) { return Addon::Of(env).sessions.Get(env, v, call); }
  static int Create(Fn* f, MPI_Errhandler* e) { return MPI_Session_create_errhandler(f, e); }
  static int Get(MPI_Session h, MPI_Errhandler* e) { return MPI_Session_get_errhandler(h, e); }
  static int Set(MPI_Session h, MPI_Errhandler e) { return MPI_Session_set_errhandler(h, e); }
  static int Call(MPI_Session h, int code) { return MPI_Session_call_errhandler(h, code); }
  static constexpr const char* kName = "Session";
};
#endif

// ---- the trampolines --------------------------------------------------------

// The body of every trampoline: the dispatcher's (kind, index, object id, code).
// Runs inside MPI: never throws. What the JavaScript function throws is the
// dispatcher's to handle (it aborts, as mpi4py).
void Invoke(int kind, int index, int32_t id, int code) {
  napi_env env = owner->errhandler_call.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value args[4], global, result;
  napi_create_int32(env, kind, &args[0]);
  napi_create_int32(env, index, &args[1]);
  napi_create_int32(env, id, &args[2]);
  napi_create_int32(env, code, &args[3]);
  napi_get_global(env, &global);
  if (napi_call_function(env, global, owner->errhandler_call.Value(), 4, args, &result) != napi_ok) {
    bool pending = false;
    napi_value ignored;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &ignored);
  }
  napi_close_handle_scope(env, scope);
}

// Off the main thread (or before the dispatcher is set) nothing runs: the
// error still comes back to the call as its code, as with ERRORS_RETURN.
template <int K, int I>
void Trampoline(typename Of<K>::Handle* h, int* code, ...) {
  if (!owner || std::this_thread::get_id() != main_thread || owner->errhandler_call.IsEmpty()) return;
  Invoke(K, I, h ? Of<K>::Id(*owner, *h) : -1, code ? *code : MPI_ERR_UNKNOWN);
}

template <int K, int... I>
constexpr std::array<typename Of<K>::Fn*, sizeof...(I)> Make(std::integer_sequence<int, I...>) {
  return {&Trampoline<K, I>...};
}

template <int K>
constexpr std::array<typename Of<K>::Fn*, kMaxUserErrhandlers> Make() {
  return Make<K>(std::make_integer_sequence<int, kMaxUserErrhandlers>{});
}

// Every kind's trampolines, one constant.
struct Trampolines {
  std::array<MPI_Comm_errhandler_function*, kMaxUserErrhandlers> comm;
  std::array<MPI_Win_errhandler_function*, kMaxUserErrhandlers> win;
  std::array<MPI_File_errhandler_function*, kMaxUserErrhandlers> file;
#if MPI4JS_MPI4
  std::array<MPI_Session_errhandler_function*, kMaxUserErrhandlers> session;
#endif
};
constexpr Trampolines kTrampolines = {Make<kComm>(), Make<kWin>(), Make<kFile>()
#if MPI4JS_MPI4
                                                                        ,
                                      Make<kSession>()
#endif
};

template <int K>
constexpr typename Of<K>::Fn* TrampolineOf(int index);
template <>
constexpr MPI_Comm_errhandler_function* TrampolineOf<kComm>(int index) { return kTrampolines.comm[index]; }
template <>
constexpr MPI_Win_errhandler_function* TrampolineOf<kWin>(int index) { return kTrampolines.win[index]; }
template <>
constexpr MPI_File_errhandler_function* TrampolineOf<kFile>(int index) { return kTrampolines.file[index]; }
#if MPI4JS_MPI4
template <>
constexpr MPI_Session_errhandler_function* TrampolineOf<kSession>(int index) { return kTrampolines.session[index]; }
#endif

bool Reserved(int32_t id) { return id >= 0 && id <= kErrorsAbort; }

// A handler MPI handed out as an id: a predefined one's fixed id (a constant,
// whose reference needs no freeing), else a new id holding MPI's reference.
int32_t Returned(Napi::Env env, MPI_Errhandler eh, const char* call) {
  if (eh == MPI_ERRORS_RETURN) return kErrorsReturn;
  if (eh == MPI_ERRORS_ARE_FATAL) return kErrorsAreFatal;
#if MPI4JS_ERRORS_ABORT
  if (eh == MPI_ERRORS_ABORT) return kErrorsAbort;
#endif
  int32_t id = Addon::Of(env).errhandlers.Add(eh);
  if (id < 0) {
    MPI_Errhandler_free(&eh);
    throw Napi::RangeError::New(env, std::string(call) + ": too many error handlers");
  }
  return id;
}

// ---- the four operations, per kind ----------------------------------------------

template <int K>
struct Ops {
  static std::string Name(const char* op) { return std::string(Of<K>::kName) + "." + op; }

  static int32_t Create(Napi::Env env, int index) {
    std::string call = Name("Create_errhandler");
    MPI_Errhandler eh = MPI_ERRHANDLER_NULL;
    Check(env, Of<K>::Create(TrampolineOf<K>(index), &eh), call.c_str());
    int32_t id = Addon::Of(env).errhandlers.Add(eh);
    if (id < 0) {
      MPI_Errhandler_free(&eh);
      throw Napi::RangeError::New(env, call + ": too many error handlers");
    }
    return id;
  }

  static int32_t Get(Napi::Env env, const Napi::Value& object) {
    std::string call = Name("Get_errhandler");
    MPI_Errhandler eh = MPI_ERRHANDLER_NULL;
    Check(env, Of<K>::Get(Of<K>::Arg(env, object, call.c_str()), &eh), call.c_str());
    return Returned(env, eh, call.c_str());
  }

  static void Set(Napi::Env env, const Napi::Value& object, const Napi::Value& errhandler) {
    std::string call = Name("Set_errhandler");
    auto h = Of<K>::Arg(env, object, call.c_str());
    MPI_Errhandler eh = Addon::Of(env).errhandlers.Get(env, errhandler, call.c_str());
    Check(env, Of<K>::Set(h, eh), call.c_str());
  }

  static void Call(Napi::Env env, const Napi::Value& object, int code) {
    std::string call = Name("Call_errhandler");
    Check(env, Of<K>::Call(Of<K>::Arg(env, object, call.c_str()), code), call.c_str());
  }
};

// The kind at info[0]: 0 to 3 (a session only where the library is MPI-4; lib/errhandler.ts asks no other).
int KindArg(const Info& info) {
  int kind = ReadInteger<int>(info.Env(), info[0], "Errhandler", "kind", 0, kKinds - 1);
  if (kind == kSession && !MPI4JS_MPI4) throw Napi::RangeError::New(info.Env(), "Errhandler: sessions are MPI-4.0");
  return kind;
}

// Runs Ops<kind>::fn(args...) for the kind at info[0].
#if MPI4JS_MPI4
#define MPI4JS_BY_KIND(kind, expr)              \
  switch (kind) {                               \
    case kComm: { using O = Ops<kComm>; expr; } \
    case kWin: { using O = Ops<kWin>; expr; }   \
    case kFile: { using O = Ops<kFile>; expr; } \
    default: { using O = Ops<kSession>; expr; } \
  }
#else
#define MPI4JS_BY_KIND(kind, expr)              \
  switch (kind) {                               \
    case kComm: { using O = Ops<kComm>; expr; } \
    case kWin: { using O = Ops<kWin>; expr; }   \
    default: { using O = Ops<kFile>; expr; }    \
  }
#endif

// create(kind, index) -> id: a handler calling the dispatcher with (kind, index), index 0 to 31 (lib/errhandler.ts picks it).
Napi::Value Create(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int kind = KindArg(info);
  int index = ReadInteger<int>(env, info[1], "Create_errhandler", "index", 0, kMaxUserErrhandlers - 1);
  MPI4JS_BY_KIND(kind, return Napi::Number::New(env, O::Create(env, index)))
}

// get(kind, object) -> id
Napi::Value Get(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int kind = KindArg(info);
  MPI4JS_BY_KIND(kind, return Napi::Number::New(env, O::Get(env, info[1])))
}

// set(kind, object, errhandler id): lib/errhandler.ts lets a handler of that kind, or a predefined one, through
void Set(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int kind = KindArg(info);
  MPI4JS_BY_KIND(kind, O::Set(env, info[1], info[2]); return)
}

// call(kind, object, errorcode)
void Call(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int kind = KindArg(info);
  int code = IntArg(info, 2, "Call_errhandler", "errorcode");
  MPI4JS_BY_KIND(kind, O::Call(env, info[1], code); return)
}
#undef MPI4JS_BY_KIND

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

// setDispatcher(fn): lib/errhandler.ts's (kind, index, object id, code) => void, once at load.
void SetDispatcher(const Info& info) {
  if (!info[0].IsFunction()) throw Napi::TypeError::New(info.Env(), "setDispatcher: a function");
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
