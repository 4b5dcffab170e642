#include "buffer.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include "addon.h"
#include "datatype.h"
#include "call_args.h"
#include "errors.h"
#include "integers.h"

namespace mpi4js::buffer {

namespace {

const auto kUnknownKind = static_cast<napi_typedarray_type>(-1);

// The typed array's kind as JavaScript names it (Float16Array, …), for errors.
std::string KindName(napi_env env, napi_value v) {
  napi_value ctor, name;
  size_t len = 0;
  char buf[64];
  if (napi_get_named_property(env, v, "constructor", &ctor) == napi_ok &&
      napi_get_named_property(env, ctor, "name", &name) == napi_ok &&
      napi_get_value_string_utf8(env, name, buf, sizeof buf, &len) == napi_ok && len > 0) {
    return std::string(buf, len);
  }
  return "typed array of an unknown kind";
}

// The call and argument an error names ("Isend: buf"): kept as two pointers and
// joined only when a message needs them, so the checks cost no string per call.
struct Where {
  const char* call;
  const char* arg;
  std::string str() const { return std::string(call) + ": " + arg; }
};

std::string operator+(const Where& w, const char* s) { return w.str() + s; }

struct View {
  void* data = nullptr;
  size_t bytes = 0;
  bool none = false;
  bool in_place = false;
  napi_value arraybuffer = nullptr;  // the (Shared)ArrayBuffer under the view, when there is one
};

// Who is calling, for error messages: the name lives in the function's data.
const char* Call(const Napi::CallbackInfo& info) {
  const char* name = static_cast<const char*>(info.Data());
  return name ? name : "mpi4js";
}

// Isend, Irecv, Ibcast, …, Message.Irecv: MPI keeps the pointer after the call returns.
// So do the persistent requests (Send_init … Recv_init, Bcast_init …), across all their rounds.
bool Nonblocking(const char* call) {
  if (std::strncmp(call, "Message.", 8) == 0) call += 8;
  if (std::strncmp(call, "File.", 5) == 0) call += 5;  // File.Iread … (file.cc)
  size_t n = std::strlen(call);
  if (n > 5 && std::strcmp(call + n - 5, "_init") == 0) return true;
  return call[0] == 'I' && call[1] != '\0' && std::strcmp(call, "Iprobe") != 0 && std::strcmp(call, "Improbe") != 0;
}

[[noreturn]] void Fail(Napi::Env env, bool range, const std::string& text) {
  if (range) throw Napi::RangeError::New(env, text);
  throw Napi::TypeError::New(env, text);
}

bool Flag(napi_env env, napi_value object, const char* name) {
  napi_value v;
  bool b = false;
  if (napi_get_named_property(env, object, name, &v) != napi_ok) return false;
  napi_valuetype t;
  napi_typeof(env, v, &t);
  return t == napi_boolean && napi_get_value_bool(env, v, &b) == napi_ok && b;
}

void CheckAttached(napi_env env, napi_value arraybuffer, const Where& where) {
  bool detached = false;
  if (arraybuffer && napi_is_detached_arraybuffer(env, arraybuffer, &detached) == napi_ok && detached) {
    Fail(env, false, where + " is detached (its ArrayBuffer was transferred); it holds no memory");
  }
}

// `pin`: the caller will pin the memory (a nonblocking call), so it needs the ArrayBuffer.
View ReadView(napi_env env, napi_value v, const Where& where, bool pin) {
  View view;
  bool is = false;
  size_t offset = 0;
  // Node-API versions that predate a kind (Float16Array) report napi_ok and leave
  // the type unwritten: start from a value no kind has.
  napi_typedarray_type type = kUnknownKind;
  size_t length = 0;
  // The common case first, in one call: it fails on anything but a typed array.
  // The ArrayBuffer handle costs a third of the call: asked for only when needed.
  if (napi_get_typedarray_info(env, v, &type, &length, &view.data, pin ? &view.arraybuffer : nullptr, nullptr) ==
      napi_ok) {
    size_t size = ElementSize(type);
    if (size == 0) {
      Fail(env, false, where + " is a " + KindName(env, v) +
                           ", which has no MPI datatype (MPI has no 16-bit float: copy a Float16Array into a Float32Array)");
    }
    if (__builtin_mul_overflow(length, size, &view.bytes)) Fail(env, true, where + ": its byte length overflows");
    if (view.bytes == 0) {
      if (!view.arraybuffer) napi_get_typedarray_info(env, v, nullptr, nullptr, nullptr, &view.arraybuffer, nullptr);
      CheckAttached(env, view.arraybuffer, where);
    }
    return view;
  }
  if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    napi_get_dataview_info(env, v, &view.bytes, &view.data, &view.arraybuffer, &offset);
    if (view.bytes == 0) CheckAttached(env, view.arraybuffer, where);
    return view;
  }
  // lib/buffer.ts views ArrayBuffers itself, except a detached one, which it cannot view.
  if (napi_is_arraybuffer(env, v, &is) == napi_ok && is) {
    CheckAttached(env, v, where);
    napi_get_arraybuffer_info(env, v, &view.data, &view.bytes);
    view.arraybuffer = v;
    return view;
  }
  napi_valuetype vt;
  napi_typeof(env, v, &vt);
  if (vt == napi_undefined || vt == napi_null) {
    view.none = true;
    return view;
  }
  napi_value marker;
  bool same = false;
  if (napi_get_reference_value(env, Addon::Of(env).in_place, &marker) == napi_ok &&
      napi_strict_equals(env, v, marker, &same) == napi_ok && same) {
    view.in_place = true;
    view.data = MPI_IN_PLACE;
    return view;
  }
  Fail(env, false, where + " must be a TypedArray, Buffer or DataView");
}

// Marks an ArrayBuffer that Pin has checked and made untransferable: both last
// as long as the ArrayBuffer (resizability is fixed when it is made), so later
// calls skip the property reads and the JavaScript call.
constexpr napi_type_tag kPinned = {0x6d7069346a730001ULL, 0x70696e6e65642121ULL};

// A nonblocking call's memory must stay where it is until MPI is done with it:
// a resizable buffer could shrink under MPI, so it is refused; a transfer would
// move the memory to another owner (who may free it), so the ArrayBuffer is made
// untransferable (permanently: Node has no way back).
void Pin(napi_env env, const View& view, const Where& where) {
  if (!view.arraybuffer) return;
  bool pinned = false;
  if (napi_check_object_type_tag(env, view.arraybuffer, &kPinned, &pinned) == napi_ok && pinned) return;
  if (Flag(env, view.arraybuffer, "resizable") || Flag(env, view.arraybuffer, "growable")) {
    Fail(env, false, where + " is a resizable ArrayBuffer (or growable SharedArrayBuffer): a nonblocking call "
                             "cannot use one, as resizing it while MPI works would free the memory MPI uses");
  }
  bool plain = false;
  napi_is_arraybuffer(env, view.arraybuffer, &plain);
  if (plain) {
    // A SharedArrayBuffer cannot be transferred; a plain one is marked through Node's own function.
    napi_value mark;
    const Napi::Reference<Napi::Value>& untransferable = Addon::Of(env).untransferable;
    if (untransferable.IsEmpty() || napi_get_reference_value(env, untransferable, &mark) != napi_ok || mark == nullptr) {
      return;  // not handed over yet: checked again next time
    }
    napi_value global, result;
    napi_get_global(env, &global);
    if (napi_call_function(env, global, mark, 1, &view.arraybuffer, &result) != napi_ok) {
      throw Napi::Error::New(env);  // takes the pending exception: rethrown
    }
  }
  napi_type_tag_object(env, view.arraybuffer, &kPinned);  // another addon's tag: checked every time instead
}


void CheckFits(Napi::Env env, int64_t need, size_t have, const Where& where) {
  if (need == -2) {
    Fail(env, true, where + ": the count times the datatype's extent overflows 64 bits; no buffer holds that");
  }
  if (need == -1) {
    Fail(env, true, where + ": the datatype's lower bound or extent is negative, reaching before the buffer's start");
  }
  if (static_cast<uint64_t>(need) > have) {
    Fail(env, true, where + " too small: it holds " + std::to_string(have) + " bytes but the count and datatype need " +
                        std::to_string(need));
  }
}

int64_t Required(const datatype::Info& t, int64_t count, int64_t offset = 0) {
  return RequiredBytesFrom(offset, t.true_lb, t.extent, t.true_extent, count);
}

// MPI may only use a committed type in communication: refused here, not left to
// MPI (MPICH built without error checking would not catch it). DATATYPE_NULL is
// lib/buffer.ts's to refuse, and MPI's.
void CheckCommitted(Napi::Env env, const datatype::Info& t, const Where& where) {
  if (!t.committed && t.type != MPI_DATATYPE_NULL) {
    errors::ThrowDetail(env, MPI_ERR_TYPE, where.call, std::string(where.arg) + "'s datatype is not committed: call Commit()");
  }
}

const int* Int32s(Napi::Env env, const Napi::Value& v, int n, const Where& where, const char* which) {
  napi_typedarray_type type = kUnknownKind;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_int32_array) {
    Fail(env, false, where + which + " must be an Int32Array");
  }
  if (length < static_cast<size_t>(n)) {
    Fail(env, true, where + which + " has " + std::to_string(length) + " items, expected " + std::to_string(n));
  }
  return static_cast<const int*>(data);
}

// (trueLb, extent, trueExtent, count, offset = 0), each an exact int64 (integers.h).
Napi::Value RequiredBytesJs(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto arg = [&](size_t i, const char* what) { return ReadInt64(env, info[i], "requiredBytes", what); };
  int64_t offset = info[4].IsUndefined() ? 0 : arg(4, "offset");
  return Napi::Number::New(env, static_cast<double>(RequiredBytesFrom(offset, arg(0, "trueLb"), arg(1, "extent"),
                                                                      arg(2, "trueExtent"), arg(3, "count"))));
}

Napi::Value ElementSizeJs(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(ElementSize(
                                           static_cast<napi_typedarray_type>(info[0].As<Napi::Number>().Int32Value()))));
}

void SetUntransferable(const Napi::CallbackInfo& info) {
  Addon::Of(info.Env()).untransferable = Napi::Persistent(info[0]);
}

}  // namespace

// Every kind Node-API names today; a kind added later falls to 0 and is refused, never guessed.
size_t ElementSize(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array:
    case napi_uint8_array:
    case napi_uint8_clamped_array:
      return 1;
    case napi_int16_array:
    case napi_uint16_array:
      return 2;
    case napi_int32_array:
    case napi_uint32_array:
    case napi_float32_array:
      return 4;
    case napi_float64_array:
    case napi_bigint64_array:
    case napi_biguint64_array:
      return 8;
    default:
      return 0;
  }
}

int64_t RequiredBytesFrom(int64_t offset, int64_t true_lb, int64_t extent, int64_t true_extent, int64_t count) {
  if (count <= 0) return 0;
  // The first item's data starts at offset + true_lb, the last one's at that plus (count-1)·extent.
  int64_t first, span, last, hi;
  if (__builtin_add_overflow(offset, true_lb, &first) || __builtin_mul_overflow(count - 1, extent, &span) ||
      __builtin_add_overflow(first, span, &last)) {
    return -2;
  }
  int64_t lo = first < last ? first : last;
  if (__builtin_add_overflow(first < last ? last : first, true_extent, &hi)) return -2;
  if (lo < 0) return -1;
  // On 32-bit ARM size_t is 32 bits: a span beyond it must not wrap to something small.
  if (static_cast<uint64_t>(hi) > SIZE_MAX) return -2;
  return hi;
}

namespace {
// A buffer's address for MPI: never null for a buffer given (its bounds were checked: MPI moves no bytes at call_args::kUnread).
void* Addressed(const View& view) {
  return view.data != nullptr || view.none ? view.data : const_cast<char*>(&call_args::kUnread);
}
}  // namespace

Msg Read(const Napi::CallbackInfo& info, size_t i, const char* arg, int blocks, bool pin) {
  auto env = info.Env();
  const char* call = Call(info);
  Where where{call, arg};
  bool nonblocking = pin || Nonblocking(call);
  View view = ReadView(env, info[i], where, nonblocking);
  const auto& type = datatype::Get(env, info[i + 2]);
  if (view.in_place) return Msg{MPI_IN_PLACE, 0, type.type, true};
  CheckCommitted(env, type, where);
  // lib/buffer.ts resolved it; read again exactly, as the bounds check rests on it.
  // Beyond INT_MAX too: largecount.h takes it to MPI.
  // (MPI_Count is 32 bits in Debian's armhf Open MPI, which no buffer there outgrows.)
  constexpr MPI_Count kMax = std::min<int64_t>((int64_t{1} << 53) - 1, std::numeric_limits<MPI_Count>::max());
  MPI_Count count = ReadInteger<MPI_Count>(env, info[i + 1], call, "count", 0, kMax);
  if (view.none && count > 0) Fail(env, false, where + " is null but count is " + std::to_string(count));
  int64_t items = 0;
  CheckFits(env, __builtin_mul_overflow(count, blocks, &items) ? -2 : Required(type, items), view.bytes, where);
  if (nonblocking) Pin(env, view, where);
  return Msg{Addressed(view), count, type.type, false};
}

MsgV ReadV(const Napi::CallbackInfo& info, size_t i, const char* arg, int n) {
  auto env = info.Env();
  const char* call = Call(info);
  Where where{call, arg};
  bool nonblocking = Nonblocking(call);
  View view = ReadView(env, info[i], where, nonblocking);
  const auto& type = datatype::Get(env, info[i + 3]);
  if (view.in_place) return MsgV{MPI_IN_PLACE, nullptr, nullptr, type.type, true};
  CheckCommitted(env, type, where);
  if (view.none && info[i + 1].IsNull()) return MsgV{nullptr, nullptr, nullptr, type.type, false};
  const int* counts = Int32s(env, info[i + 1], n, where, " counts");
  const int* displs = Int32s(env, info[i + 2], n, where, " displacements");
  for (int r = 0; r < n; ++r) {
    if (counts[r] < 0 || displs[r] < 0) {
      Fail(env, true, where + ": negative count or displacement for rank " + std::to_string(r));
    }
    if (counts[r] == 0) continue;
    // Rank r's block starts displs[r] extents in (exact: an int times an extent that fits int64 fits 96 bits).
    int64_t offset;
    if (__builtin_mul_overflow(static_cast<int64_t>(displs[r]), type.extent, &offset)) offset = INT64_MAX;
    CheckFits(env, offset == INT64_MAX ? -2 : Required(type, counts[r], offset), view.bytes, where);
  }
  if (nonblocking) Pin(env, view, where);
  return MsgV{Addressed(view), counts, displs, type.type, false};
}

// --- send modes and collectives (issue 12, WP3)
Raw ReadRaw(const Napi::CallbackInfo& info, size_t i, const char* arg, bool pin) {
  Where where{Call(info), arg};
  View view = ReadView(info.Env(), info[i], where, pin);
  if (pin && !view.in_place && !view.none) Pin(info.Env(), view, where);
  return Raw{view.data, view.bytes, view.none, view.in_place};
}

void Init(Napi::Env env, Napi::Object exports) {
  auto marker = Napi::Object::New(env);
  marker.Freeze();
  Addon::Of(env).in_place = Napi::Persistent(marker);
  exports["IN_PLACE"] = marker;
  auto b = Napi::Object::New(env);
  b["requiredBytes"] = Napi::Function::New(env, RequiredBytesJs);
  b["elementSize"] = Napi::Function::New(env, ElementSizeJs);
  b["setUntransferable"] = Napi::Function::New(env, SetUntransferable);
  exports["buffer"] = b;
}

}  // namespace mpi4js::buffer
