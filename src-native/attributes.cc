// Communicator attributes (mpi4py's Comm.Get_attr/Set_attr/Delete_attr and
// Create_keyval/Free_keyval). MPI keeps one pointer-sized integer per
// attribute; lib/attributes.ts decides what it means (an id in its table of
// JavaScript values, or the value itself for a `nopython` keyval) and runs the
// copy and delete functions: MPI's callbacks hand it (comm id, keyval, keyval
// state, integer) through the two dispatchers it registers here.
#include <mpi.h>
#include <napi.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <thread>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "win.h"
#include "integers.h"

namespace mpi4js::attributes {

namespace {

using call_args::CommArg;
using errors::Check;
using Info = Napi::CallbackInfo;

// Process-wide, because MPI's callbacks carry no Node environment: the Addon of
// the one environment that loads the addon (addon.cc), and the thread that may
// run JavaScript (the watchdog's probes could reach a callback from another).
Addon* owner = nullptr;
std::thread::id main_thread;

bool Predefined(int keyval) {
  return keyval == MPI_TAG_UB || keyval == MPI_HOST || keyval == MPI_IO || keyval == MPI_WTIME_IS_GLOBAL ||
         keyval == MPI_UNIVERSE_SIZE || keyval == MPI_APPNUM || keyval == MPI_LASTUSEDCODE;
}

// What a JS number can carry exactly into an intptr_t: ±(2**53-1), or a 32-bit intptr_t's range.
constexpr int64_t kSafe = (int64_t{1} << 53) - 1;
constexpr int64_t kRawMin = INTPTR_MIN < -kSafe ? -kSafe : INTPTR_MIN;
constexpr int64_t kRawMax = INTPTR_MAX > kSafe ? kSafe : INTPTR_MAX;

// An attribute integer from what a dispatcher returned; false for anything else.
bool RawOf(napi_env env, napi_value v, intptr_t* out) {
  napi_valuetype type;
  if (napi_typeof(env, v, &type) != napi_ok) return false;
  if (type == napi_number) {
    double d = 0;
    napi_get_value_double(env, v, &d);
    if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) >= 9007199254740992.0) return false;
    if (d < static_cast<double>(INTPTR_MIN) || d > static_cast<double>(INTPTR_MAX)) return false;
    *out = static_cast<intptr_t>(d);
    return true;
  }
  if (type == napi_bigint) {
    int64_t w = 0;
    bool lossless = false;
    napi_get_value_bigint_int64(env, v, &w, &lossless);
    if (!lossless || w < INTPTR_MIN || w > INTPTR_MAX) return false;
    *out = static_cast<intptr_t>(w);
    return true;
  }
  return false;
}

// The attribute integer JS passes: a number or a bigint that an intptr_t holds, exactly.
intptr_t RawArg(const Info& info, size_t i, const char* call) {
  auto env = info.Env();
  if (info[i].IsBigInt()) {
    bool lossless = false;
    int64_t v = info[i].As<Napi::BigInt>().Int64Value(&lossless);
    if (!lossless || v < INTPTR_MIN || v > INTPTR_MAX) {
      throw Napi::RangeError::New(env, std::string(call) + ": attrval does not fit in a pointer-sized integer");
    }
    return static_cast<intptr_t>(v);
  }
  intptr_t raw = 0;
  if (RawOf(env, info[i], &raw)) return raw;
  ReadInteger<int64_t>(env, info[i], call, "attrval", kRawMin, kRawMax);  // throws what is wrong
  throw Napi::RangeError::New(env, std::string(call) + ": attrval does not fit in a pointer-sized integer");
}

// An attribute integer for JS: a number while a double holds it exactly, else a bigint.
napi_value RawValue(napi_env env, intptr_t v) {
  napi_value out;
  int64_t w = static_cast<int64_t>(v);
  if (w > -(int64_t{1} << 53) && w < (int64_t{1} << 53)) napi_create_double(env, static_cast<double>(w), &out);
  else napi_create_bigint_int64(env, w, &out);
  return out;
}

// Calls a dispatcher with (comm id, keyval, state, value); nullptr when it
// could not run. It catches what the user's function throws itself (kept for
// the MPI call's caller, lib/attributes.ts), so anything pending here is cleared.
napi_value Dispatch(const Napi::FunctionReference& fn, int32_t object, int keyval, void* state, void* value) {
  napi_env env = fn.Env();
  napi_value args[4], result = nullptr;
  napi_create_int32(env, object, &args[0]);
  napi_create_int32(env, keyval, &args[1]);
  args[2] = RawValue(env, reinterpret_cast<intptr_t>(state));
  args[3] = RawValue(env, reinterpret_cast<intptr_t>(value));
  napi_value global;
  napi_get_global(env, &global);
  if (napi_call_function(env, global, fn.Value(), 4, args, &result) != napi_ok) {
    bool pending = false;
    napi_value ignored;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &ignored);
    return nullptr;
  }
  return result;
}

// Runs body(env) in a handle scope when a dispatcher may run: on the main
// thread, once lib/attributes.ts has registered it. MPI's callbacks return
// MPI_SUCCESS whatever happens (they run inside MPI: never throw).
template <typename Body>
int OnMainThread(const Napi::FunctionReference& fn, Body&& body) {
  if (!owner || std::this_thread::get_id() != main_thread || fn.IsEmpty()) return MPI_SUCCESS;
  napi_env env = fn.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_SUCCESS;
  body(env);
  napi_close_handle_scope(env, scope);
  return MPI_SUCCESS;
}

// ---- the objects with attributes: communicators, and windows (issue 14) ------
// The same integers and dispatchers for both (lib/attributes.ts knows a
// keyval's kind from its state); each kind's MPI calls, ids and names here.

enum Kind : int { kComm, kWin };

template <int K>
struct Of;

// MPI's delete callback (Delete_attr, Set_attr over a value, Free; Finalize on COMM_SELF).
template <int K>
int DeleteFn(typename Of<K>::Handle object, int keyval, void* value, void* state) {
  return OnMainThread(owner->attr_delete,
                      [&](napi_env) { Dispatch(owner->attr_delete, Of<K>::Id(object), keyval, state, value); });
}

// MPI's copy callback (in MPI_Comm_dup): the dispatcher answers the new
// integer, or undefined for no copy. A window is never copied.
int CopyFn(MPI_Comm comm, int keyval, void* state, void* in, void* out, int* flag) {
  *flag = 0;
  return OnMainThread(owner->attr_copy, [&](napi_env env) {
    napi_value result = Dispatch(owner->attr_copy, owner->comms.IdOf(comm), keyval, state, in);
    intptr_t raw = 0;
    if (result && RawOf(env, result, &raw)) {
      *static_cast<void**>(out) = reinterpret_cast<void*>(raw);
      *flag = 1;
    }
  });
}

template <>
struct Of<kComm> {
  using Handle = MPI_Comm;
  static constexpr const char* kKind = "Comm";
  static constexpr const char* kPrefix = "";  // a communicator's calls are named bare, as every Comm method's
  static int32_t Id(MPI_Comm h) { return owner->comms.IdOf(h); }
  static MPI_Comm Arg(const Info& info, const char*) { return CommArg(info); }
  static int CreateKeyval(int* keyval, void* state) { return MPI_Comm_create_keyval(CopyFn, DeleteFn<kComm>, keyval, state); }
  static int FreeKeyval(int* keyval) { return MPI_Comm_free_keyval(keyval); }
  static int SetAttr(MPI_Comm h, int keyval, void* v) { return MPI_Comm_set_attr(h, keyval, v); }
  static int GetAttr(MPI_Comm h, int keyval, void* v, int* flag) { return MPI_Comm_get_attr(h, keyval, v, flag); }
  static int DeleteAttr(MPI_Comm h, int keyval) { return MPI_Comm_delete_attr(h, keyval); }
  // Predefined attributes are pointers to an int, as mpi4py reads them.
  static bool PointsToInt(int keyval) { return Predefined(keyval); }
  static const char* NotHere(int) { return nullptr; }
};

// A window's id in the table (win.h), from MPI's handle: a scan (windows are few).
int32_t WinId(MPI_Win handle) {
  for (win::Window* w : owner->wins.slots.Items()) {
    if (w && w->win == handle) return owner->wins.slots.Find(w);
  }
  return 0;
}

bool WinPredefined(int keyval) {
  return keyval == MPI_WIN_BASE || keyval == MPI_WIN_SIZE || keyval == MPI_WIN_DISP_UNIT || keyval == MPI_WIN_CREATE_FLAVOR ||
         keyval == MPI_WIN_MODEL;
}

template <>
struct Of<kWin> {
  using Handle = MPI_Win;
  static constexpr const char* kKind = "Win";
  static constexpr const char* kPrefix = "Win.";
  static int32_t Id(MPI_Win h) { return WinId(h); }
  // Its id at info[0] (checked: a live window, not being freed).
  static MPI_Win Arg(const Info& info, const char* call) {
    auto env = info.Env();
    environment::EnsureActive(env);
    win::Window& w = win::Named(env, info[0], call);
    if (w.freeing) errors::ThrowDetail(env, MPI_ERR_WIN, call, "the window is being freed (an attribute's delete_fn runs)");
    return w.win;
  }
  static int CreateKeyval(int* keyval, void* state) { return MPI_Win_create_keyval(MPI_WIN_NULL_COPY_FN, DeleteFn<kWin>, keyval, state); }
  static int FreeKeyval(int* keyval) { return MPI_Win_free_keyval(keyval); }
  static int SetAttr(MPI_Win h, int keyval, void* v) { return MPI_Win_set_attr(h, keyval, v); }
  static int GetAttr(MPI_Win h, int keyval, void* v, int* flag) { return MPI_Win_get_attr(h, keyval, v, flag); }
  static int DeleteAttr(MPI_Win h, int keyval) { return MPI_Win_delete_attr(h, keyval); }
  static bool PointsToInt(int) { return false; }
  // The predefined window attributes are lib/win.ts's getAttr's to read.
  static const char* NotHere(int keyval) { return WinPredefined(keyval) ? "a predefined keyval is read by win.getAttr" : nullptr; }
};

// ---- the calls, one path for both kinds --------------------------------------

template <int K>
struct Ops {
  // The call as lib/ names it ("Set_attr", "Win.Set_attr"), and MPI's ("MPI_Win_set_attr").
  static std::string Call(const char* op) { return std::string(Of<K>::kPrefix) + op; }
  static std::string Mpi(const char* op) {
    std::string name = std::string("MPI_") + Of<K>::kKind + "_" + op;
    for (size_t i = 4 + std::char_traits<char>::length(Of<K>::kKind); i < name.size(); i++) name[i] = static_cast<char>(std::tolower(name[i]));
    return name;
  }

  // (state) -> keyval: state (lib/attributes.ts's id for the keyval's
  // functions) comes back to every callback as MPI's extra_state.
  static Napi::Value CreateKeyval(const Info& info) {
    auto env = info.Env();
    environment::EnsureActive(env);
    intptr_t state = ReadInteger<int32_t>(env, info[0], Call("Create_keyval").c_str(), "state");
    int keyval = MPI_KEYVAL_INVALID;
    Check(env, Of<K>::CreateKeyval(&keyval, reinterpret_cast<void*>(state)), Mpi("Create_keyval").c_str());
    return Napi::Number::New(env, keyval);
  }

  // (keyval) -> MPI.KEYVAL_INVALID
  static Napi::Value FreeKeyval(const Info& info) {
    auto env = info.Env();
    environment::EnsureActive(env);
    int keyval = IntArg(info, 0, Call("Free_keyval").c_str(), "keyval");
    Check(env, Of<K>::FreeKeyval(&keyval), Mpi("Free_keyval").c_str());
    return Napi::Number::New(env, keyval);
  }

  // (object, keyval, integer): a predefined keyval is MPI's to refuse (they are read-only).
  static void SetAttr(const Info& info) {
    std::string call = Call("Set_attr");
    auto object = Of<K>::Arg(info, call.c_str());
    int keyval = IntArg(info, 1, call.c_str(), "keyval");
    intptr_t raw = RawArg(info, 2, call.c_str());
    Check(info.Env(), Of<K>::SetAttr(object, keyval, reinterpret_cast<void*>(raw)), Mpi("Set_attr").c_str());
  }

  // (object, keyval) -> undefined when not set; a predefined communicator attribute's int; else the integer stored.
  static Napi::Value GetAttr(const Info& info) {
    auto env = info.Env();
    std::string call = Call("Get_attr");
    auto object = Of<K>::Arg(info, call.c_str());
    int keyval = IntArg(info, 1, call.c_str(), "keyval");
    if (const char* why = Of<K>::NotHere(keyval)) throw Napi::TypeError::New(env, call + ": " + why);
    void* value = nullptr;
    int flag = 0;
    Check(env, Of<K>::GetAttr(object, keyval, &value, &flag), Mpi("Get_attr").c_str());
    if (!flag) return env.Undefined();
    if (Of<K>::PointsToInt(keyval)) return Napi::Number::New(env, value ? *static_cast<int*>(value) : 0);
    return Napi::Value(env, RawValue(env, reinterpret_cast<intptr_t>(value)));
  }

  // (object, keyval)
  static void DeleteAttr(const Info& info) {
    std::string call = Call("Delete_attr");
    auto object = Of<K>::Arg(info, call.c_str());
    int keyval = IntArg(info, 1, call.c_str(), "keyval");
    Check(info.Env(), Of<K>::DeleteAttr(object, keyval), Mpi("Delete_attr").c_str());
  }
};

// setDispatchers(copy, delete): lib/attributes.ts's functions, once at load.
void SetDispatchers(const Info& info) {
  Addon& addon = Addon::Of(info.Env());
  addon.attr_copy = Napi::Persistent(info[0].As<Napi::Function>());
  addon.attr_delete = Napi::Persistent(info[1].As<Napi::Function>());
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  owner = &Addon::Of(env);
  main_thread = std::this_thread::get_id();
  auto a = Napi::Object::New(env);
  a["createKeyval"] = Napi::Function::New(env, Ops<kComm>::CreateKeyval);
  a["freeKeyval"] = Napi::Function::New(env, Ops<kComm>::FreeKeyval);
  a["setAttr"] = Napi::Function::New(env, Ops<kComm>::SetAttr);
  a["getAttr"] = Napi::Function::New(env, Ops<kComm>::GetAttr);
  a["deleteAttr"] = Napi::Function::New(env, Ops<kComm>::DeleteAttr);
  a["setDispatchers"] = Napi::Function::New(env, SetDispatchers);
  a["winCreateKeyval"] = Napi::Function::New(env, Ops<kWin>::CreateKeyval);
  a["winFreeKeyval"] = Napi::Function::New(env, Ops<kWin>::FreeKeyval);
  a["winSetAttr"] = Napi::Function::New(env, Ops<kWin>::SetAttr);
  a["winGetAttr"] = Napi::Function::New(env, Ops<kWin>::GetAttr);
  a["winDeleteAttr"] = Napi::Function::New(env, Ops<kWin>::DeleteAttr);
  // The predefined keyvals (mpi4py: MPI.TAG_UB, …), for Get_attr on a communicator.
  auto k = Napi::Object::New(env);
  k["KEYVAL_INVALID"] = MPI_KEYVAL_INVALID;
  k["TAG_UB"] = static_cast<int>(MPI_TAG_UB);
  k["HOST"] = static_cast<int>(MPI_HOST);
  k["IO"] = static_cast<int>(MPI_IO);
  k["WTIME_IS_GLOBAL"] = static_cast<int>(MPI_WTIME_IS_GLOBAL);
  k["UNIVERSE_SIZE"] = static_cast<int>(MPI_UNIVERSE_SIZE);
  k["APPNUM"] = static_cast<int>(MPI_APPNUM);
  k["LASTUSEDCODE"] = static_cast<int>(MPI_LASTUSEDCODE);
  a["keyvals"] = k;
  exports["attributes"] = a;
}

}  // namespace mpi4js::attributes
