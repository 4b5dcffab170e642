// Datatype.Pack/Unpack, their external32 forms and sizes, and MPI.Get_address
// (lib/pack.ts). Every bound is checked here, before MPI: the input covers the
// datatype's layout for the count, the position lies within its buffer and the
// packed bytes fit after it, so MPI never reads or writes outside the views.
// lib/pack.ts hands over plain Uint8Arrays and counts it derived from them.
#include <mpi.h>
#include <napi.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "addon.h"
#include "buffer.h"
#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "implementation.h"
#include "integers.h"
#include "register.h"

namespace mpi4js::pack {

namespace {

struct Bytes {
  void* data = nullptr;
  int64_t size = 0;
};

[[noreturn]] void Range(Napi::Env env, const std::string& text) { throw Napi::RangeError::New(env, text); }

// A Uint8Array (lib/pack.ts views every buffer form as one).
Bytes ReadBytes(Napi::Env env, const Napi::Value& v, const char* call, const char* what) {
  napi_typedarray_type type;
  size_t length = 0;
  Bytes b;
  if (napi_get_typedarray_info(env, v, &type, &length, &b.data, nullptr, nullptr) != napi_ok || type != napi_uint8_array) {
    throw Napi::TypeError::New(env, std::string(call) + ": " + what + " must be a Uint8Array");
  }
  b.size = static_cast<int64_t>(length);
  return b;
}

// Bytes count items of t span from a buffer's first byte (buffer::RequiredBytes),
// refused when they reach before it or beyond `have`.
void CheckCovers(Napi::Env env, const datatype::Info& t, int64_t count, int64_t have, const char* call, const char* what) {
  int64_t need = buffer::RequiredBytes(t.true_lb, t.extent, t.true_extent, count);
  if (need == -1) Range(env, std::string(call) + ": the datatype's layout reaches before " + what + "'s first byte (a negative lower bound)");
  if (need < 0) Range(env, std::string(call) + ": the layout of " + std::to_string(count) + " items overflows 64 bits");
  if (need > have) {
    Range(env, std::string(call) + ": " + what + " holds " + std::to_string(have) + " bytes; " + std::to_string(count) +
                   " items of the datatype span " + std::to_string(need));
  }
}

// The position, 0 to the packed buffer's size.
int64_t ReadPosition(Napi::Env env, const Napi::Value& v, int64_t limit, const char* call, const char* what) {
  int64_t pos = ReadInt64(env, v, call, "position");
  if (pos < 0) Range(env, std::string(call) + ": position " + std::to_string(pos) + " is negative");
  if (pos > limit) {
    Range(env, std::string(call) + ": position " + std::to_string(pos) + " is past the end of " + what + " (" +
                   std::to_string(limit) + " bytes)");
  }
  return pos;
}

// packed bytes must fit between pos and the end of the packed buffer.
void CheckRoom(Napi::Env env, int64_t pos, int64_t packed, int64_t size, const char* call, const char* what) {
  if (packed > size - pos) {
    Range(env, std::string(call) + ": " + what + " has " + std::to_string(size - pos) + " bytes from position " +
                   std::to_string(pos) + "; " + std::to_string(packed) + " packed bytes do not fit");
  }
}

// Bytes of count items in the native representation (exact on a homogeneous cluster).
int64_t NativeSize(Napi::Env env, const datatype::Info& t, int64_t count, const char* call) {
  int64_t packed;
  if (__builtin_mul_overflow(static_cast<int64_t>(t.size), count, &packed)) Range(env, std::string(call) + ": the packed size overflows 64 bits");
  return packed;
}

#if !MPI4JS_LARGE_COUNT
// Without the MPI-4 `_c` calls, MPI_Pack takes int sizes and positions.
int FitInt(Napi::Env env, int64_t v, const char* call, const char* what) {
  if (v > std::numeric_limits<int>::max()) {
    Range(env, std::string(call) + ": " + what + " " + std::to_string(v) + " exceeds 2**31-1 bytes, which " MPI4JS_FAMILY
                                                                            " takes without MPI-4 large counts");
  }
  return static_cast<int>(v);
}
#endif

// An uncommitted datatype is MPI.Exception ERR_TYPE. MPI_Pack checks it, but Open
// MPI 4.1's MPI_Pack_size (a crash) and external32 calls (an endless loop) do not:
// a pack of zero items asks MPI_Pack before those run.
void RequireCommitted(Napi::Env env, MPI_Datatype type, const char* call) {
  unsigned char scratch = 0;
  int pos = 0;
  int rc = MPI_Pack(&scratch, 0, type, &scratch, 1, &pos, MPI_COMM_SELF);
  if (rc != MPI_SUCCESS) errors::Throw(env, rc, call);
}

MPI_Comm CommArg(Napi::Env env, const Napi::Value& v, const char* call) { return Addon::Of(env).comms.Get(env, v, call); }

// pack(type, inbuf, icount, outbuf, position, comm) -> new position
Napi::Value Pack(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Pack";
  environment::EnsureActive(env);
  const datatype::Info& t = datatype::Get(env, info[0]);
  Bytes in = ReadBytes(env, info[1], call, "inbuf");
  int count = ReadCount(env, info[2], call, "count");
  Bytes out = ReadBytes(env, info[3], call, "outbuf");
  int64_t pos = ReadPosition(env, info[4], out.size, call, "outbuf");
  MPI_Comm comm = CommArg(env, info[5], call);
  CheckCovers(env, t, count, in.size, call, "inbuf");
  CheckRoom(env, pos, NativeSize(env, t, count, call), out.size, call, "outbuf");
#if MPI4JS_LARGE_COUNT
  MPI_Count p = pos;
  errors::Check(env, MPI_Pack_c(in.data, count, t.type, out.data, out.size, &p, comm), "MPI_Pack");
#else
  // MPI never writes past position + packed size, checked within outbuf above.
  int p = FitInt(env, pos, call, "position");
  int outsize = static_cast<int>(std::min<int64_t>(out.size, std::numeric_limits<int>::max()));
  errors::Check(env, MPI_Pack(in.data, count, t.type, out.data, outsize, &p, comm), "MPI_Pack");
#endif
  return Napi::Number::New(env, static_cast<double>(p));
}

// unpack(type, inbuf, position, outbuf, ocount, comm) -> new position
Napi::Value Unpack(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Unpack";
  environment::EnsureActive(env);
  const datatype::Info& t = datatype::Get(env, info[0]);
  Bytes in = ReadBytes(env, info[1], call, "inbuf");
  int64_t pos = ReadPosition(env, info[2], in.size, call, "inbuf");
  Bytes out = ReadBytes(env, info[3], call, "outbuf");
  int count = ReadCount(env, info[4], call, "count");
  MPI_Comm comm = CommArg(env, info[5], call);
  CheckCovers(env, t, count, out.size, call, "outbuf");
  CheckRoom(env, pos, NativeSize(env, t, count, call), in.size, call, "inbuf");
#if MPI4JS_LARGE_COUNT
  MPI_Count p = pos;
  errors::Check(env, MPI_Unpack_c(in.data, in.size, &p, out.data, count, t.type, comm), "MPI_Unpack");
#else
  int p = FitInt(env, pos, call, "position");
  int insize = static_cast<int>(std::min<int64_t>(in.size, std::numeric_limits<int>::max()));
  errors::Check(env, MPI_Unpack(in.data, insize, &p, out.data, count, t.type, comm), "MPI_Unpack");
#endif
  return Napi::Number::New(env, static_cast<double>(p));
}

// packSize(count, type, comm) -> an upper bound in bytes
Napi::Value PackSize(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Pack_size";
  environment::EnsureActive(env);
  int count = ReadCount(env, info[0], call, "count");
  const datatype::Info& t = datatype::Get(env, info[1]);
  MPI_Comm comm = CommArg(env, info[2], call);
  RequireCommitted(env, t.type, "MPI_Pack_size");  // Open MPI 4.1 crashes on an uncommitted one
#if MPI4JS_LARGE_COUNT
  MPI_Count size = 0;
  errors::Check(env, MPI_Pack_size_c(count, t.type, comm, &size), "MPI_Pack_size");
#else
  int size = 0;
  errors::Check(env, MPI_Pack_size(count, t.type, comm, &size), "MPI_Pack_size");
#endif
  return Napi::Number::New(env, static_cast<double>(size));
}

// The exact external size of count items (MPI_Pack_external_size).
// mpi_call names the call in errors (MPI_Unpack_external, …).
int64_t ExternalSize(Napi::Env env, const std::string& datarep, int count, MPI_Datatype type, const char* mpi_call) {
  RequireCommitted(env, type, mpi_call);
#if MPI4JS_LARGE_COUNT
  MPI_Count size = 0;
  errors::Check(env, MPI_Pack_external_size_c(datarep.c_str(), count, type, &size), mpi_call);
#else
  MPI_Aint size = 0;
  errors::Check(env, MPI_Pack_external_size(datarep.c_str(), count, type, &size), mpi_call);
#endif
  return static_cast<int64_t>(size);
}

std::string Datarep(Napi::Env env, const Napi::Value& v, const char* call) {
  if (!v.IsString()) throw Napi::TypeError::New(env, std::string(call) + ": datarep must be a string");
  return v.As<Napi::String>().Utf8Value();
}

// packExternal(datarep, type, inbuf, icount, outbuf, position) -> new position
Napi::Value PackExternal(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Pack_external";
  environment::EnsureActive(env);
  std::string datarep = Datarep(env, info[0], call);
  const datatype::Info& t = datatype::Get(env, info[1]);
  Bytes in = ReadBytes(env, info[2], call, "inbuf");
  int count = ReadCount(env, info[3], call, "count");
  Bytes out = ReadBytes(env, info[4], call, "outbuf");
  int64_t pos = ReadPosition(env, info[5], out.size, call, "outbuf");
  CheckCovers(env, t, count, in.size, call, "inbuf");
  CheckRoom(env, pos, ExternalSize(env, datarep, count, t.type, "MPI_Pack_external"), out.size, call, "outbuf");
#if MPI4JS_LARGE_COUNT
  MPI_Count p = pos;
  errors::Check(env, MPI_Pack_external_c(datarep.c_str(), in.data, count, t.type, out.data, out.size, &p), "MPI_Pack_external");
#else
  MPI_Aint p = static_cast<MPI_Aint>(pos);
  MPI_Aint outsize = static_cast<MPI_Aint>(out.size);  // a view's length fits size_t, so MPI_Aint
  errors::Check(env, MPI_Pack_external(datarep.c_str(), in.data, count, t.type, out.data, outsize, &p), "MPI_Pack_external");
#endif
  return Napi::Number::New(env, static_cast<double>(p));
}

// unpackExternal(datarep, type, inbuf, position, outbuf, ocount) -> new position
Napi::Value UnpackExternal(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Unpack_external";
  environment::EnsureActive(env);
  std::string datarep = Datarep(env, info[0], call);
  const datatype::Info& t = datatype::Get(env, info[1]);
  Bytes in = ReadBytes(env, info[2], call, "inbuf");
  int64_t pos = ReadPosition(env, info[3], in.size, call, "inbuf");
  Bytes out = ReadBytes(env, info[4], call, "outbuf");
  int count = ReadCount(env, info[5], call, "count");
  CheckCovers(env, t, count, out.size, call, "outbuf");
  CheckRoom(env, pos, ExternalSize(env, datarep, count, t.type, "MPI_Unpack_external"), in.size, call, "inbuf");
#if MPI4JS_LARGE_COUNT
  MPI_Count p = pos;
  errors::Check(env, MPI_Unpack_external_c(datarep.c_str(), in.data, in.size, &p, out.data, count, t.type), "MPI_Unpack_external");
#else
  MPI_Aint p = static_cast<MPI_Aint>(pos);
  errors::Check(env, MPI_Unpack_external(datarep.c_str(), in.data, static_cast<MPI_Aint>(in.size), &p, out.data, count, t.type),
                "MPI_Unpack_external");
#endif
  return Napi::Number::New(env, static_cast<double>(p));
}

// packExternalSize(datarep, count, type) -> bytes
Napi::Value PackExternalSize(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const char* call = "Datatype.Pack_external_size";
  environment::EnsureActive(env);
  std::string datarep = Datarep(env, info[0], call);
  int count = ReadCount(env, info[1], call, "count");
  const datatype::Info& t = datatype::Get(env, info[2]);
  return Napi::Number::New(env, static_cast<double>(ExternalSize(env, datarep, count, t.type, "MPI_Pack_external_size")));
}

// getAddress(view) -> the address of its first byte
Napi::Value GetAddress(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  Bytes b = ReadBytes(env, info[0], "Get_address", "location");
  MPI_Aint address = 0;
  errors::Check(env, MPI_Get_address(b.data, &address), "MPI_Get_address");
  // A double holds it exactly below 2**53: user-space addresses on x86-64 and arm64 are below 2**48.
  if (static_cast<int64_t>(address) > (int64_t{1} << 53) || static_cast<int64_t>(address) < -(int64_t{1} << 53)) {
    Range(env, "Get_address: the address does not fit a double exactly");
  }
  return Napi::Number::New(env, static_cast<double>(address));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto group = exports.Get("datatype").As<Napi::Object>();
  Register(env, group, "pack", Pack);
  Register(env, group, "unpack", Unpack);
  Register(env, group, "packSize", PackSize);
  Register(env, group, "packExternal", PackExternal);
  Register(env, group, "unpackExternal", UnpackExternal);
  Register(env, group, "packExternalSize", PackExternalSize);
  Register(env, group, "getAddress", GetAddress);
}

}  // namespace mpi4js::pack
