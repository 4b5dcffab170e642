// The one checked reader of integers from JavaScript.
//
// Napi's Int32Value wraps modulo 2**32 (a tag of 2**32 + 5 becomes 5) and turns
// NaN into 0, so every user-supplied integer goes through ReadInteger instead: a
// value that is not an integer is a TypeError, one the C type cannot hold a
// RangeError, both naming the call and the argument.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace mpi4js {

// What a message says a non-integer was: its number, or its type.
inline std::string Describe(const Napi::Value& v) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    return Napi::Value(v).ToString().Utf8Value();
  }
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "boolean";
    case napi_string: return "string";
    case napi_bigint: return "bigint";
    case napi_symbol: return "symbol";
    case napi_function: return "function";
    default: return "object";
  }
}

// v as an integer of type T, exactly, in [lo, hi]; else TypeError/RangeError
// "call: what ...". Doubles hold every integer up to 2**53, so a double that is
// an integer and within T's range converts exactly.
template <typename T>
T ReadInteger(Napi::Env env, const Napi::Value& v, const char* call, const char* what,
              T lo = std::numeric_limits<T>::min(), T hi = std::numeric_limits<T>::max()) {
  // One Node-API call: it fails (napi_number_expected, nothing thrown) on anything but a number.
  double d = 0;
  bool number = napi_get_value_double(env, v, &d) == napi_ok;
  // Compare as doubles: lo and hi of 64-bit types round to powers of two, and
  // the strict < on hi refuses 2**63 itself. NaN fails both.
  bool fits = number && d >= static_cast<double>(lo) &&
              (sizeof(T) < 8 ? d <= static_cast<double>(hi) : d < static_cast<double>(hi));
  // In range, the cast is defined: an integer survives the round trip, a fraction does not.
  if (fits && static_cast<double>(static_cast<T>(d)) == d) return static_cast<T>(d);
  if (!number || !std::isfinite(d) || d != std::trunc(d)) {
    throw Napi::TypeError::New(env, std::string(call) + ": " + what + " must be an integer, got " + Describe(v));
  }
  throw Napi::RangeError::New(env, std::string(call) + ": " + what + " " + Describe(v) + " is out of range (" +
                                       std::to_string(lo) + " to " + std::to_string(hi) + ")");
}

// An MPI int argument (rank, tag, color, key, error code, ...).
inline int ReadInt(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  return ReadInteger<int>(env, v, call, what);
}

// An MPI count: 0 to INT_MAX (Open MPI 4.1 has no large-count _c functions).
inline int ReadCount(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  return ReadInteger<int>(env, v, call, what, 0, std::numeric_limits<int>::max());
}

// An MPI_Aint (byte displacement or extent).
inline MPI_Aint ReadAint(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  return ReadInteger<MPI_Aint>(env, v, call, what);
}

// An MPI_Count / int64 byte count.
inline int64_t ReadInt64(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  return ReadInteger<int64_t>(env, v, call, what);
}

}  // namespace mpi4js
