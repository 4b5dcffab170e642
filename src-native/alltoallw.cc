// Alltoallw and Ialltoallw (issue 12, WP3): one datatype per rank and
// displacements in bytes. lib/buffer.ts (messageW) resolves each side to
// (view, ints, types): ints is an Int32Array of n counts then n byte
// displacements, types an Int32Array of n datatype ids. Each rank's block is
// checked to lie inside the view, so MPI never leaves it.
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "addon.h"
#include "alltoallw.h"
#include "buffer.h"
#include "call_args.h"
#include "datatype.h"
#include "environment.h"
#include "errors.h"
#include "implementation.h"
#include "register.h"
#include "request.h"
#include "watchdog.h"

namespace mpi4js::alltoallw {

namespace {

using call_args::CommArg;
using call_args::Size;
using call_args::Peers;
using call_args::AtRoot;
using errors::Check;
using Info = Napi::CallbackInfo;

void CheckInts(const Info& info, const Napi::Value& v, size_t n, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      v.As<Napi::TypedArray>().ElementLength() != n) {
    throw Napi::TypeError::New(info.Env(), std::string(static_cast<const char*>(info.Data())) + ": " + what +
                                               " must be an Int32Array of " + std::to_string(n) + " items");
  }
}

}  // namespace

// The side at info[i..i+2]; its MPI datatypes go to types (n of them).
Side ReadSide(const Info& info, size_t i, const char* arg, int n, bool pin, MPI_Datatype* types) {
  auto env = info.Env();
  std::string where = std::string(static_cast<const char*>(info.Data())) + ": " + arg;
  buffer::Raw raw = buffer::ReadRaw(info, i, arg, pin);
  if (raw.in_place) return Side{MPI_IN_PLACE, nullptr, nullptr, nullptr, true};
  CheckInts(info, info[i + 1], 2 * static_cast<size_t>(n), "counts and displacements");
  CheckInts(info, info[i + 2], static_cast<size_t>(n), "datatypes");
  auto ints = info[i + 1].As<Napi::Int32Array>();
  auto ids = info[i + 2].As<Napi::Int32Array>();
  const int* counts = ints.Data();
  const int* displs = ints.Data() + n;
  for (int r = 0; r < n; ++r) {
    const auto& t = datatype::Get(env, Napi::Number::New(env, ids[static_cast<size_t>(r)]));
    types[r] = t.type;
    if (counts[r] < 0 || displs[r] < 0) {
      throw Napi::RangeError::New(env, where + ": negative count or displacement for rank " + std::to_string(r));
    }
    if (counts[r] == 0) continue;
    if (raw.none) throw Napi::TypeError::New(env, where + " is null but rank " + std::to_string(r) + "'s count is " + std::to_string(counts[r]));
    int64_t need = buffer::RequiredBytes(t.true_lb, t.extent, t.true_extent, counts[r]);
    if (need < 0) throw Napi::RangeError::New(env, where + ": rank " + std::to_string(r) + "'s datatype reaches before its displacement, or overflows");
    if (static_cast<uint64_t>(need) + static_cast<uint64_t>(displs[r]) > raw.bytes) {
      throw Napi::RangeError::New(env, where + " too small: it holds " + std::to_string(raw.bytes) + " bytes but rank " +
                                           std::to_string(r) + "'s block needs " + std::to_string(need + displs[r]));
    }
  }
  return Side{raw.data, counts, displs, types, false};
}

namespace {

// (comm, send view, ints, types, recv view, ints, types)
Napi::Value Alltoallw(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int n = Peers(env, comm);
  std::vector<MPI_Datatype> types(2 * static_cast<size_t>(n));
  Side s = ReadSide(info, 1, "sendbuf", n, false, types.data());
  Side r = ReadSide(info, 4, "recvbuf", n, false, types.data() + n);
  if (r.in_place) throw Napi::TypeError::New(env, "Alltoallw: recvbuf cannot be MPI.IN_PLACE");
  watchdog::Scope scope("Alltoallw", comm, watchdog::kNone, watchdog::kNone);
#if defined(OPEN_MPI) && OMPI_MAJOR_VERSION < 5
  // Open MPI 4.1's coll/self, which serves every communicator of one process,
  // scales Alltoallw's byte displacements by the datatypes' extents: it reads
  // and writes outside the blocks checked above (measured: a displacement of 4
  // bytes on an Int32Array read 16 bytes further). Its nonblocking form (libnbc)
  // is right, and with one process there is no peer to match a blocking call
  // (an intercommunicator's remote group of one has: it takes the blocking call).
  if (n == 1 && !call_args::Inter(env, comm)) {
    MPI_Request req;
    Check(env, MPI_Ialltoallw(s.ptr, s.counts, s.displs, s.types, r.ptr, r.counts, r.displs, r.types, comm, &req),
          "MPI_Alltoallw");
    Check(env, MPI_Wait(&req, MPI_STATUS_IGNORE), "MPI_Alltoallw");
    return env.Undefined();
  }
#endif
  request::ServedCollective served(env);
  Check(env, MPI_Alltoallw(s.ptr, s.counts, s.displs, s.types, r.ptr, r.counts, r.displs, r.types, comm),
        "MPI_Alltoallw");
  return env.Undefined();
}

// The same -> request id. The MPI datatype arrays live in a Buffer the request
// keeps, with the views and the count arrays, until MPI completes it.
Napi::Value Ialltoallw(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int n = Peers(env, comm);
  auto holder = Napi::Buffer<MPI_Datatype>::New(env, 2 * static_cast<size_t>(n));
  Side s = ReadSide(info, 1, "sendbuf", n, true, holder.Data());
  Side r = ReadSide(info, 4, "recvbuf", n, true, holder.Data() + n);
  if (r.in_place) throw Napi::TypeError::New(env, "Ialltoallw: recvbuf cannot be MPI.IN_PLACE");
  MPI_Request req;
  Check(env, MPI_Ialltoallw(s.ptr, s.counts, s.displs, s.types, r.ptr, r.counts, r.displs, r.types, comm, &req),
        "MPI_Ialltoallw");
  return Napi::Number::New(env, request::Add(env, req, request::Origin{"Ialltoallw", comm},
                                             {info[1], info[2], info[4], info[5], holder}));
}

#if MPI4JS_MPI4
// Persistent Alltoallw (MPI-4.0): as Ialltoallw, its arrays kept by the request for every round.
Napi::Value AlltoallwInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int n = Peers(env, comm);
  auto holder = Napi::Buffer<MPI_Datatype>::New(env, 2 * static_cast<size_t>(n));
  Side s = ReadSide(info, 1, "sendbuf", n, true, holder.Data());
  Side r = ReadSide(info, 4, "recvbuf", n, true, holder.Data() + n);
  if (r.in_place) throw Napi::TypeError::New(env, "Alltoallw_init: recvbuf cannot be MPI.IN_PLACE");
  MPI_Request req;
  Check(env, MPI_Alltoallw_init(s.ptr, s.counts, s.displs, s.types, r.ptr, r.counts, r.displs, r.types, comm, call_args::InfoArg(info, 7), &req),
        "MPI_Alltoallw_init");
  return Napi::Number::New(env, request::AddPersistent(env, req, request::Origin{"Alltoallw_init", comm},
                                                       {info[1], info[2], info[4], info[5], holder}));
}
#endif

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Alltoallw", Alltoallw);
  Register(env, comm, "Ialltoallw", Ialltoallw);
#if MPI4JS_MPI4
  Register(env, comm, "Alltoallw_init", AlltoallwInit);
#endif
}

}  // namespace mpi4js::alltoallw
