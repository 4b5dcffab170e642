#include "buffer.h"

#include <climits>
#include <string>

#include "datatype.h"

namespace mpi4js::buffer {

namespace {

napi_ref in_place_ref = nullptr;  // the MPI.IN_PLACE marker object

struct View {
  void* data = nullptr;
  size_t bytes = 0;
  bool none = false;
  bool in_place = false;
};

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
    default:
      return 8;
  }
}

void CheckAttached(napi_env env, napi_value arraybuffer) {
  bool detached = false;
  if (arraybuffer && napi_is_detached_arraybuffer(env, arraybuffer, &detached) == napi_ok && detached) {
    throw Napi::TypeError::New(env, "buffer is detached (its ArrayBuffer was transferred)");
  }
}

View ReadView(napi_env env, napi_value v) {
  View view;
  bool is = false;
  napi_value arraybuffer = nullptr;
  size_t offset = 0;
  napi_typedarray_type type;
  size_t length = 0;
  // The common case first, in one call: it fails on anything but a typed array.
  if (napi_get_typedarray_info(env, v, &type, &length, &view.data, &arraybuffer, &offset) == napi_ok) {
    view.bytes = length * ElementSize(type);
    if (view.bytes == 0) CheckAttached(env, arraybuffer);
    return view;
  }
  if (napi_is_dataview(env, v, &is) == napi_ok && is) {
    napi_get_dataview_info(env, v, &view.bytes, &view.data, &arraybuffer, &offset);
    if (view.bytes == 0) CheckAttached(env, arraybuffer);
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
  if (napi_get_reference_value(env, in_place_ref, &marker) == napi_ok &&
      napi_strict_equals(env, v, marker, &same) == napi_ok && same) {
    view.in_place = true;
    view.data = MPI_IN_PLACE;
    return view;
  }
  throw Napi::TypeError::New(env, "message buffer must be a TypedArray, Buffer or DataView");
}

int ReadCount(Napi::Env env, const Napi::Value& v) {
  double count = v.As<Napi::Number>().DoubleValue();
  if (!(count >= 0) || count > INT_MAX) {
    throw Napi::RangeError::New(env, "message count " + std::to_string(count) +
                                         " is out of range (0 to 2147483647 items of its datatype)");
  }
  return static_cast<int>(count);
}

[[noreturn]] void TooSmall(Napi::Env env, size_t need, size_t have) {
  throw Napi::RangeError::New(env, "message buffer too small: it holds " + std::to_string(have) +
                                       " bytes but the count and datatype need " + std::to_string(need));
}

const int* Int32s(Napi::Env env, const Napi::Value& v, int n, const char* what) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_int32_array) {
    throw Napi::TypeError::New(env, std::string(what) + " must be an Int32Array");
  }
  if (length < static_cast<size_t>(n)) {
    throw Napi::RangeError::New(env, std::string(what) + " has " + std::to_string(length) + " items, expected " +
                                         std::to_string(n));
  }
  return static_cast<const int*>(data);
}

}  // namespace

Msg Read(const Napi::CallbackInfo& info, size_t i, int blocks) {
  auto env = info.Env();
  View view = ReadView(env, info[i]);
  const auto& type = datatype::Get(env, info[i + 2]);
  if (view.in_place) return Msg{MPI_IN_PLACE, 0, type.type, true};
  int count = ReadCount(env, info[i + 1]);
  size_t need = datatype::RequiredBytes(type, static_cast<int64_t>(count) * blocks);
  if (view.none && count > 0) {
    throw Napi::TypeError::New(env, "message buffer is null but count is " + std::to_string(count));
  }
  if (need > view.bytes) TooSmall(env, need, view.bytes);
  return Msg{view.data, count, type.type, false};
}

MsgV ReadV(const Napi::CallbackInfo& info, size_t i, int n) {
  auto env = info.Env();
  View view = ReadView(env, info[i]);
  const auto& type = datatype::Get(env, info[i + 3]);
  if (view.in_place) return MsgV{MPI_IN_PLACE, nullptr, nullptr, type.type, true};
  if (view.none && info[i + 1].IsNull()) return MsgV{nullptr, nullptr, nullptr, type.type, false};
  const int* counts = Int32s(env, info[i + 1], n, "counts");
  const int* displs = Int32s(env, info[i + 2], n, "displacements");
  for (int r = 0; r < n; ++r) {
    if (counts[r] < 0 || displs[r] < 0) {
      throw Napi::RangeError::New(env, "negative count or displacement for rank " + std::to_string(r));
    }
    if (counts[r] == 0) continue;
    size_t need = datatype::RequiredBytes(type, static_cast<int64_t>(displs[r]) + counts[r]);
    if (need > view.bytes) TooSmall(env, need, view.bytes);
  }
  return MsgV{view.data, counts, displs, type.type, false};
}

void Init(Napi::Env env, Napi::Object exports) {
  auto marker = Napi::Object::New(env);
  marker.Freeze();
  napi_create_reference(env, marker, 1, &in_place_ref);
  exports["IN_PLACE"] = marker;
}

}  // namespace mpi4js::buffer
