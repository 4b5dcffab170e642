// Reduction operations: the predefined MPI_Op handles at fixed ids (their
// meaning on JavaScript values lives in lib/op.ts), and user ops on buffers
// (op.h): 32 trampolines, one per slot, calling JavaScript from inside MPI.
#include "op.h"

#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <utility>

#include "addon.h"
#include "buffer.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "register.h"
#include "request.h"
#include "watchdog.h"

namespace mpi4js::op {

namespace {

// Process-wide, because MPI_User_function carries no user data: the Addon whose
// ops the trampolines serve (one environment per process loads the addon,
// addon.cc), and the thread that may run JavaScript.
Addon* owner = nullptr;
std::thread::id main_thread;

Table& T(napi_env env) { return Addon::Of(env).user_ops; }

// ---- the view MPI's memory is shown through ----

// The typed-array kind of a predefined datatype, and elements per item (2 for
// complex); false for anything else (derived, pairs, long double, char), shown
// as bytes. Integers by size and signedness: MPI_LONG is 4 bytes on armv7.
bool KindOf(MPI_Datatype t, napi_typedarray_type* kind, int* per_item) {
  *per_item = 1;
  bool is_signed = t == MPI_INT8_T || t == MPI_INT16_T || t == MPI_INT32_T || t == MPI_INT64_T || t == MPI_SIGNED_CHAR ||
                   t == MPI_SHORT || t == MPI_INT || t == MPI_LONG || t == MPI_LONG_LONG || t == MPI_AINT ||
                   t == MPI_OFFSET || t == MPI_COUNT;
  bool is_unsigned = t == MPI_UINT8_T || t == MPI_UINT16_T || t == MPI_UINT32_T || t == MPI_UINT64_T ||
                     t == MPI_UNSIGNED_CHAR || t == MPI_UNSIGNED_SHORT || t == MPI_UNSIGNED || t == MPI_UNSIGNED_LONG ||
                     t == MPI_UNSIGNED_LONG_LONG;
  if (is_signed || is_unsigned) {
    int size = 0;
    MPI_Type_size(t, &size);
    switch (size) {
      case 1: *kind = is_signed ? napi_int8_array : napi_uint8_array; return true;
      case 2: *kind = is_signed ? napi_int16_array : napi_uint16_array; return true;
      case 4: *kind = is_signed ? napi_int32_array : napi_uint32_array; return true;
      case 8: *kind = is_signed ? napi_bigint64_array : napi_biguint64_array; return true;
      default: return false;
    }
  }
  if (t == MPI_C_BOOL) { *kind = napi_uint8_array; return true; }
  if (t == MPI_FLOAT) { *kind = napi_float32_array; return true; }
  if (t == MPI_DOUBLE) { *kind = napi_float64_array; return true; }
  *per_item = 2;
  if (t == MPI_C_FLOAT_COMPLEX) { *kind = napi_float32_array; return true; }
  if (t == MPI_C_DOUBLE_COMPLEX) { *kind = napi_float64_array; return true; }
#ifdef MPI_CXX_FLOAT_COMPLEX
  if (t == MPI_CXX_FLOAT_COMPLEX) { *kind = napi_float32_array; return true; }
  if (t == MPI_CXX_DOUBLE_COMPLEX) { *kind = napi_float64_array; return true; }
#endif
  *per_item = 1;
  return false;
}

// One view handed to the function: over MPI's memory (an external ArrayBuffer),
// or over a copy when the runtime refuses external buffers or the memory is
// misaligned for the kind. Detached afterwards either way.
struct View {
  napi_value arraybuffer = nullptr;
  napi_value array = nullptr;
  void* copy = nullptr;  // the copy's memory, when copied
};

bool MakeView(napi_env env, void* data, size_t bytes, napi_typedarray_type kind, size_t element, View* v) {
  bool aligned = reinterpret_cast<uintptr_t>(data) % element == 0;
  if (bytes == 0 || !aligned ||
      napi_create_external_arraybuffer(env, data, bytes, nullptr, nullptr, &v->arraybuffer) != napi_ok) {
    bool pending = false;
    napi_value ignored;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &ignored);
    if (napi_create_arraybuffer(env, bytes, &v->copy, &v->arraybuffer) != napi_ok) return false;
    if (bytes > 0) std::memcpy(v->copy, data, bytes);
  }
  return napi_create_typedarray(env, kind, bytes / element, v->arraybuffer, 0, &v->array) == napi_ok;
}

// Stores an error for the entry, unless one is stored already (one per reduction).
// In a holder object: Node-API 8 references objects only, and JS may throw anything.
void Fail(napi_env env, Entry& e, napi_value error) {
  napi_value holder;
  if (e.error || !error || napi_create_object(env, &holder) != napi_ok) return;
  napi_set_named_property(env, holder, "value", error);
  napi_create_reference(env, holder, 1, &e.error);
}

void FailWith(napi_env env, Entry& e, const char* message) {
  napi_value text, error;
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &text);
  napi_create_error(env, nullptr, text, &error);
  Fail(env, e, error);
}

int32_t TypeId(const Table& t, MPI_Datatype type) {
  for (const auto& [handle, id] : t.types) {
    if (handle == type) return id;
  }
  return -1;
}

// The body of every trampoline. Runs inside MPI: it must never throw (a C++
// exception cannot cross MPI's C frames) nor block.
void Invoke(int slot, void* in, void* inout, int len, MPI_Datatype type) {
  Addon* addon = owner;
  if (!addon) return;
  Entry& e = addon->user_ops.entries[slot];
  if (std::this_thread::get_id() != main_thread) {
    e.off_thread.store(true);  // JavaScript cannot run here: the reduction fails after MPI returns
    return;
  }
  if (e.error || !e.fn || len <= 0) return;  // after a throw, the rest of this reduction is skipped
  napi_env env = addon->user_ops.env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_typedarray_type kind = napi_uint8_array;
  int per_item = 1;
  size_t element = 1;
  MPI_Aint lb = 0, extent = 0;
  MPI_Type_get_extent(type, &lb, &extent);
  if (KindOf(type, &kind, &per_item)) element = buffer::ElementSize(kind);
  else kind = napi_uint8_array;
  size_t bytes = 0;
  View a, b;
  if (extent < 0 || __builtin_mul_overflow(static_cast<size_t>(len), static_cast<size_t>(extent), &bytes) ||
      !MakeView(env, in, bytes, kind, element, &a) || !MakeView(env, inout, bytes, kind, element, &b)) {
    FailWith(env, e, "a user-defined reduction operation could not view MPI's buffers");
    napi_close_handle_scope(env, scope);
    return;
  }
  napi_value fn, global, id, result;
  napi_value args[3] = {a.array, b.array, nullptr};
  napi_create_int32(env, TypeId(addon->user_ops, type), &id);
  args[2] = id;
  napi_get_reference_value(env, e.fn, &fn);
  napi_get_global(env, &global);
  bool was = addon->user_ops.in_user_op;
  addon->user_ops.in_user_op = true;
  napi_status status = napi_call_function(env, global, fn, 3, args, &result);
  addon->user_ops.in_user_op = was;
  if (status != napi_ok) {
    napi_value error = nullptr;
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) napi_get_and_clear_last_exception(env, &error);
    if (error) Fail(env, e, error);
    else FailWith(env, e, "a user-defined reduction operation's function could not be called");
  } else if (b.copy) {
    std::memcpy(inout, b.copy, bytes);
  }
  // A view the function kept must not reach MPI's memory later (it is freed or
  // reused once the reduction ends): detached, it holds nothing.
  napi_detach_arraybuffer(env, a.arraybuffer);
  napi_detach_arraybuffer(env, b.arraybuffer);
  napi_close_handle_scope(env, scope);
}

template <int I>
void Trampoline(void* in, void* inout, int* len, MPI_Datatype* type) {
  Invoke(I, in, inout, *len, *type);
}

template <int... I>
constexpr std::array<MPI_User_function*, sizeof...(I)> MakeTrampolines(std::integer_sequence<int, I...>) {
  return {&Trampoline<I>...};
}

constexpr std::array<MPI_User_function*, kMaxUserOps> kTrampolines =
    MakeTrampolines(std::make_integer_sequence<int, kMaxUserOps>{});

int SlotOf(const Table& t, MPI_Op op) {
  if (t.live == 0 || op == MPI_OP_NULL) return -1;
  for (int i = 0; i < kMaxUserOps; ++i) {
    if (t.entries[i].in_use && t.entries[i].op == op) return i;
  }
  return -1;
}

// Forgets a slot's function and error: the slot may serve a new op.
void Clear(napi_env env, Entry& e) {
  if (e.fn) napi_delete_reference(env, e.fn);
  if (e.error) napi_delete_reference(env, e.error);
  e.fn = e.error = nullptr;
  e.in_use = false;
  e.freed = false;
  e.op = MPI_OP_NULL;
  e.id = 0;
  e.requests = 0;
  e.off_thread.store(false);
}

void Release(napi_env env, int slot) {
  Table& t = T(env);
  Clear(env, t.entries[slot]);
  --t.live;
}

// The error stored for slot (the function's throw, or a refusal off the main thread), taken.
napi_value Take(napi_env env, int slot) {
  Entry& e = T(env).entries[slot];
  napi_value error = nullptr;
  if (e.error) {
    napi_value holder;
    napi_get_reference_value(env, e.error, &holder);
    napi_get_named_property(env, holder, "value", &error);
    napi_delete_reference(env, e.error);
    e.error = nullptr;
  }
  if (e.off_thread.exchange(false) && !error) {
    napi_value text;
    napi_create_string_utf8(env,
                            "MPI ran a user-defined reduction operation off the main thread, where JavaScript cannot "
                            "run: the result is not reduced",
                            NAPI_AUTO_LENGTH, &text);
    napi_create_error(env, nullptr, text, &error);
  }
  return error;
}

// create(fn, commute) -> the op's id: MPI_Op_create with a free slot's trampoline.
Napi::Value Create(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Table& t = T(env);
  if (!info[0].IsFunction()) throw Napi::TypeError::New(env, "Op.Create: expecting a function");
  int slot = 0;
  while (slot < kMaxUserOps && t.entries[slot].in_use) ++slot;
  if (slot == kMaxUserOps) {
    // Only ops freed while their requests are in flight can hold slots lib/op.ts counts as free.
    auto error = Napi::Error::New(env, "cannot create too many user-defined reduction operations");
    error.Set("name", Napi::String::New(env, "RuntimeError"));
    throw error;
  }
  MPI_Op op = MPI_OP_NULL;
  errors::Check(env, MPI_Op_create(kTrampolines[slot], info[1].ToBoolean() ? 1 : 0, &op), "MPI_Op_create");
  Entry& e = t.entries[slot];
  e.in_use = true;
  e.op = op;
  e.id = Addon::Of(env).ops.Add(op);
  napi_create_reference(env, info[0], 1, &e.fn);
  ++t.live;
  if (!owner) {
    owner = &Addon::Of(env);
    main_thread = std::this_thread::get_id();
    t.env = env;
  }
  return Napi::Number::New(env, e.id);
}

// free(id): MPI_Op_free; the slot returns once no request still uses the op.
Napi::Value Free(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Addon& addon = Addon::Of(env);
  MPI_Op& handle = addon.ops.Get(env, info[0], "MPI_Op_free");
  int slot = SlotOf(addon.user_ops, handle);
  if (slot < 0) errors::Throw(env, MPI_ERR_OP, "MPI_Op_free");
  MPI_Op op = handle;
  if (environment::Active()) MPI_Op_free(&op);
  addon.ops.Remove(IdValue(env, info[0], "op"));
  Entry& e = addon.user_ops.entries[slot];
  e.freed = true;
  if (e.requests == 0) Release(env, slot);
  return env.Undefined();
}

// Reduce_local(inbuf triple, inoutbuf triple, op): MPI_Reduce_local.
Napi::Value ReduceLocal(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Op op = Addon::Of(env).ops.Get(env, info[6], "MPI_Reduce_local");
  bool pin = IsUser(env, op);  // JavaScript runs inside the call: the buffers must stay put
  buffer::Msg in = buffer::Read(info, 0, "inbuf", 1, pin);
  buffer::Msg inout = buffer::Read(info, 3, "inoutbuf", 1, pin);
  if (in.count != inout.count || in.type != inout.type) {
    throw Napi::RangeError::New(env, "Reduce_local: inbuf and inoutbuf must have the same count and datatype");
  }
  Call call(env, op, inout.type, info[5], true);
  int rc = MPI_Reduce_local(in.ptr, inout.ptr, inout.count, inout.type, op);
  call.Rethrow();
  errors::Check(env, rc, "MPI_Reduce_local");
  return env.Undefined();
}

}  // namespace

Call::Call(napi_env env, MPI_Op op, MPI_Datatype type, napi_value type_id, bool blocking) {
  Table& t = T(env);
  slot_ = SlotOf(t, op);
  if (slot_ < 0) return;
  env_ = env;
  blocking_ = blocking;
  int32_t id = -1;
  napi_get_value_int32(env, type_id, &id);
  bool known = false;
  for (auto& [handle, tid] : t.types) {
    if (handle == type) {
      tid = id;  // a freed type's handle may be reused by a new one: the latest id wins
      known = true;
    }
  }
  if (!known) t.types.emplace_back(type, id);
  if (blocking) {
    ++t.blocking;
    watchdog::user_ops.fetch_add(1);
  }
}

Call::~Call() {
  if (slot_ < 0 || !blocking_) return;
  Table& t = T(env_);
  --t.blocking;
  watchdog::user_ops.fetch_sub(1);
  // An error no one took (the call failed before Rethrow): dropped, unless a request may own it.
  Entry& e = t.entries[slot_];
  if (e.requests == 0 && e.error) {
    napi_delete_reference(env_, e.error);
    e.error = nullptr;
  }
}

void Call::Rethrow() {
  if (slot_ < 0) return;
  napi_value error = Take(env_, slot_);
  if (error) throw Napi::Error(env_, error);
}

void Call::Attach(int32_t request_id) {
  if (slot_ < 0) return;
  Table& t = T(env_);
  ++t.requests;
  ++t.entries[slot_].requests;
  watchdog::user_ops.fetch_add(1);
  request::MarkUserOp(env_, request_id, slot_);
}

bool IsUser(napi_env env, MPI_Op op) { return SlotOf(T(env), op) >= 0; }

bool Busy(napi_env env) {
  const Table& t = T(env);
  return t.requests > 0 || t.blocking > 0;
}

bool InUserOp(napi_env env) { return T(env).in_user_op; }

napi_value TakeError(napi_env env, int slot) { return Take(env, slot); }

void RequestEnded(napi_env env, int slot) {
  Table& t = T(env);
  Entry& e = t.entries[slot];
  --t.requests;
  --e.requests;
  watchdog::user_ops.fetch_sub(1);
  if (e.requests > 0) return;
  // A request released untaken (dropped or freed unwaited): its error has nowhere to go.
  if (e.error && t.blocking == 0) {
    napi_delete_reference(env, e.error);
    e.error = nullptr;
  }
  if (e.freed) Release(env, slot);
}

void Init(Napi::Env env, Napi::Object exports) {
  static const struct {
    const char* name;
    MPI_Op op;
  } predefined[] = {
      {"MAX", MPI_MAX},   {"MIN", MPI_MIN},   {"SUM", MPI_SUM},       {"PROD", MPI_PROD},       {"LAND", MPI_LAND},
      {"BAND", MPI_BAND}, {"LOR", MPI_LOR},   {"BOR", MPI_BOR},       {"LXOR", MPI_LXOR},       {"BXOR", MPI_BXOR},
      {"MAXLOC", MPI_MAXLOC}, {"MINLOC", MPI_MINLOC}, {"REPLACE", MPI_REPLACE}, {"NO_OP", MPI_NO_OP},
  };
  auto ids = Napi::Object::New(env);
  ids["OP_NULL"] = Napi::Number::New(env, 0);
  for (const auto& p : predefined) ids[p.name] = Napi::Number::New(env, Addon::Of(env).ops.Add(p.op));
  auto op = Napi::Object::New(env);
  op["predefined"] = ids;
  Register(env, op, "create", Create);
  Register(env, op, "free", Free);
  Register(env, op, "Reduce_local", ReduceLocal);
  exports["op"] = op;
}

}  // namespace mpi4js::op
