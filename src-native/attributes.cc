// Communicator attributes (mpi4py's Comm.Get_attr/Set_attr/Delete_attr and
// Create_keyval/Free_keyval). MPI keeps one pointer-sized integer per
// attribute; lib/attributes.ts decides what it means (an id in its table of
// JavaScript values, or the value itself for a `nopython` keyval) and runs the
// copy and delete functions: MPI's callbacks hand it (comm id, keyval, keyval
// state, integer) through the two dispatchers it registers here.
#include <mpi.h>
#include <napi.h>

#include <cmath>
#include <cstdint>
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

// MPI's copy callback (in MPI_Comm_dup): the dispatcher answers the new
// integer, or undefined for no copy. Runs inside MPI: never throws.
int CopyFn(MPI_Comm comm, int keyval, void* state, void* in, void* out, int* flag) {
  *flag = 0;
  if (!owner || std::this_thread::get_id() != main_thread || owner->attr_copy.IsEmpty()) return MPI_SUCCESS;
  napi_env env = owner->attr_copy.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_SUCCESS;
  napi_value result = Dispatch(owner->attr_copy, owner->comms.IdOf(comm), keyval, state, in);
  intptr_t raw = 0;
  if (result && RawOf(env, result, &raw)) {
    *static_cast<void**>(out) = reinterpret_cast<void*>(raw);
    *flag = 1;
  }
  napi_close_handle_scope(env, scope);
  return MPI_SUCCESS;
}

// MPI's delete callback (Delete_attr, Set_attr over a value, Free, Finalize on COMM_SELF).
int DeleteFn(MPI_Comm comm, int keyval, void* value, void* state) {
  if (!owner || std::this_thread::get_id() != main_thread || owner->attr_delete.IsEmpty()) return MPI_SUCCESS;
  napi_env env = owner->attr_delete.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_SUCCESS;
  Dispatch(owner->attr_delete, owner->comms.IdOf(comm), keyval, state, value);
  napi_close_handle_scope(env, scope);
  return MPI_SUCCESS;
}

// --- window attributes (issue 14): the same integers and dispatchers (lib/attributes.ts
// knows a keyval's kind from its state); a window is never copied, so only the delete callback.

// A window's id in the table (win.h), from MPI's handle: a scan (windows are few).
int32_t WinId(MPI_Win handle) {
  for (win::Window* w : owner->wins.slots.Items()) {
    if (w && w->win == handle) return owner->wins.slots.Find(w);
  }
  return 0;
}

// MPI's delete callback of a window attribute (Win.Delete_attr, Set_attr over a value, Win.Free).
int WinDeleteFn(MPI_Win win, int keyval, void* value, void* state) {
  if (!owner || std::this_thread::get_id() != main_thread || owner->attr_delete.IsEmpty()) return MPI_SUCCESS;
  napi_env env = owner->attr_delete.Env();
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_SUCCESS;
  Dispatch(owner->attr_delete, WinId(win), keyval, state, value);
  napi_close_handle_scope(env, scope);
  return MPI_SUCCESS;
}

// The window of a window attribute call: its id at info[0] (checked: a live window).
MPI_Win WinArg(const Info& info, const char* call) {
  auto env = info.Env();
  environment::EnsureActive(env);
  win::Window& w = win::Named(env, info[0], call);
  if (w.freeing) errors::ThrowDetail(env, MPI_ERR_WIN, call, "the window is being freed (an attribute's delete_fn runs)");
  return w.win;
}

bool WinPredefined(int keyval) {
  return keyval == MPI_WIN_BASE || keyval == MPI_WIN_SIZE || keyval == MPI_WIN_DISP_UNIT || keyval == MPI_WIN_CREATE_FLAVOR ||
         keyval == MPI_WIN_MODEL;
}

// winCreateKeyval(state) -> keyval
Napi::Value WinCreateKeyval(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  intptr_t state = ReadInteger<int32_t>(env, info[0], "Win.Create_keyval", "state");
  int keyval = MPI_KEYVAL_INVALID;
  Check(env, MPI_Win_create_keyval(MPI_WIN_NULL_COPY_FN, WinDeleteFn, &keyval, reinterpret_cast<void*>(state)),
        "MPI_Win_create_keyval");
  return Napi::Number::New(env, keyval);
}

// winFreeKeyval(keyval) -> MPI.KEYVAL_INVALID
Napi::Value WinFreeKeyval(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int keyval = IntArg(info, 0, "Win.Free_keyval", "keyval");
  Check(env, MPI_Win_free_keyval(&keyval), "MPI_Win_free_keyval");
  return Napi::Number::New(env, keyval);
}

// winSetAttr(win, keyval, integer): a predefined keyval is MPI's to refuse (they are read-only).
void WinSetAttr(const Info& info) {
  MPI_Win win = WinArg(info, "Win.Set_attr");
  int keyval = IntArg(info, 1, "Win.Set_attr", "keyval");
  intptr_t raw = RawArg(info, 2, "Win.Set_attr");
  Check(info.Env(), MPI_Win_set_attr(win, keyval, reinterpret_cast<void*>(raw)), "MPI_Win_set_attr");
}

// winGetAttr(win, keyval) -> undefined when not set; else the integer stored (predefined ones: lib/win.ts's getAttr).
Napi::Value WinGetAttr(const Info& info) {
  auto env = info.Env();
  MPI_Win win = WinArg(info, "Win.Get_attr");
  int keyval = IntArg(info, 1, "Win.Get_attr", "keyval");
  if (WinPredefined(keyval)) throw Napi::TypeError::New(env, "Win.Get_attr: a predefined keyval is read by win.getAttr");
  void* value = nullptr;
  int flag = 0;
  Check(env, MPI_Win_get_attr(win, keyval, &value, &flag), "MPI_Win_get_attr");
  if (!flag) return env.Undefined();
  return Napi::Value(env, RawValue(env, reinterpret_cast<intptr_t>(value)));
}

// winDeleteAttr(win, keyval)
void WinDeleteAttr(const Info& info) {
  MPI_Win win = WinArg(info, "Win.Delete_attr");
  int keyval = IntArg(info, 1, "Win.Delete_attr", "keyval");
  Check(info.Env(), MPI_Win_delete_attr(win, keyval), "MPI_Win_delete_attr");
}

// createKeyval(state) -> keyval: state (lib/attributes.ts's id for the keyval's
// functions) comes back to every callback as MPI's extra_state.
Napi::Value CreateKeyval(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  intptr_t state = ReadInteger<int32_t>(env, info[0], "Create_keyval", "state");
  int keyval = MPI_KEYVAL_INVALID;
  Check(env, MPI_Comm_create_keyval(CopyFn, DeleteFn, &keyval, reinterpret_cast<void*>(state)), "MPI_Comm_create_keyval");
  return Napi::Number::New(env, keyval);
}

// freeKeyval(keyval) -> MPI.KEYVAL_INVALID
Napi::Value FreeKeyval(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  int keyval = IntArg(info, 0, "Free_keyval", "keyval");
  Check(env, MPI_Comm_free_keyval(&keyval), "MPI_Comm_free_keyval");
  return Napi::Number::New(env, keyval);
}

// setAttr(comm, keyval, integer)
void SetAttr(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int keyval = IntArg(info, 1, "Set_attr", "keyval");
  intptr_t raw = RawArg(info, 2, "Set_attr");
  Check(info.Env(), MPI_Comm_set_attr(comm, keyval, reinterpret_cast<void*>(raw)), "MPI_Comm_set_attr");
}

// getAttr(comm, keyval) -> undefined when not set; a predefined attribute's int; else the integer stored.
Napi::Value GetAttr(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int keyval = IntArg(info, 1, "Get_attr", "keyval");
  void* value = nullptr;
  int flag = 0;
  Check(env, MPI_Comm_get_attr(comm, keyval, &value, &flag), "MPI_Comm_get_attr");
  if (!flag) return env.Undefined();
  // Predefined attributes are pointers to an int, as mpi4py reads them.
  if (Predefined(keyval)) return Napi::Number::New(env, value ? *static_cast<int*>(value) : 0);
  return Napi::Value(env, RawValue(env, reinterpret_cast<intptr_t>(value)));
}

// deleteAttr(comm, keyval)
void DeleteAttr(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int keyval = IntArg(info, 1, "Delete_attr", "keyval");
  Check(info.Env(), MPI_Comm_delete_attr(comm, keyval), "MPI_Comm_delete_attr");
}

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
  a["createKeyval"] = Napi::Function::New(env, CreateKeyval);
  a["freeKeyval"] = Napi::Function::New(env, FreeKeyval);
  a["setAttr"] = Napi::Function::New(env, SetAttr);
  a["getAttr"] = Napi::Function::New(env, GetAttr);
  a["deleteAttr"] = Napi::Function::New(env, DeleteAttr);
  a["setDispatchers"] = Napi::Function::New(env, SetDispatchers);
  a["winCreateKeyval"] = Napi::Function::New(env, WinCreateKeyval);
  a["winFreeKeyval"] = Napi::Function::New(env, WinFreeKeyval);
  a["winSetAttr"] = Napi::Function::New(env, WinSetAttr);
  a["winGetAttr"] = Napi::Function::New(env, WinGetAttr);
  a["winDeleteAttr"] = Napi::Function::New(env, WinDeleteAttr);
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
