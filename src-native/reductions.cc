// The reductions comm.cc lacks (issue 12, WP3): Reduce_scatter with per-rank
// counts, and the nonblocking Ireduce_scatter, Ireduce_scatter_block, Iscan and
// Iexscan. Arguments as comm.cc's reductions: (comm, send triple, recv triple,
// [recvcounts,] op), the op an id from the op table (lib/comm/comm.ts mpiOp).
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>

#include "addon.h"
#include "buffer.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "largecount.h"
#include "op.h"
#include "register.h"
#include "request.h"
#include "watchdog.h"

namespace mpi4js::reductions {

namespace {

using call_args::CommArg;
using call_args::OpArg;
using call_args::Size;
using call_args::Rank;
using call_args::NewRequest;
using buffer::Msg;
using errors::Check;
using Info = Napi::CallbackInfo;
using request::Origin;
using watchdog::kNone;

const char* Call(const Info& info) { return static_cast<const char*>(info.Data()); }

// A Reduce_scatter's sides: MPI reads sum(recvcounts) items from the send
// buffer (or, in place, from the receive buffer) and writes recvcounts[rank]
// items to the receive buffer. The counts are checked here against what the
// views were found to hold, so MPI never leaves them.
struct Scatter {
  MPI_Comm comm;
  Msg s, r;
  const int* counts;
};

Scatter ReadScatter(const Info& info, bool blocking) {
  auto env = info.Env();
  const char* call = Call(info);
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm), rank = Rank(env, comm);
  auto counts = info[7];
  if (!counts.IsTypedArray() || counts.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      counts.As<Napi::TypedArray>().ElementLength() != static_cast<size_t>(size)) {
    throw Napi::TypeError::New(env, std::string(call) + ": recvcounts must be an Int32Array of one count per rank");
  }
  const int* c = counts.As<Napi::Int32Array>().Data();
  int64_t total = 0;
  for (int i = 0; i < size; ++i) {
    if (c[i] < 0) throw Napi::RangeError::New(env, std::string(call) + ": negative recvcounts[" + std::to_string(i) + "]");
    total += c[i];
  }
  // A user op runs JavaScript inside a blocking call: its buffers are pinned (op.h).
  bool pin = blocking && op::IsUser(env, OpArg(info, 8));
  Msg s = buffer::Read(info, 1, "sendbuf", 1, pin);
  Msg r = buffer::Read(info, 4, "recvbuf", 1, pin);
  if (total > INT32_MAX) throw Napi::RangeError::New(env, std::string(call) + ": the recvcounts add up to more than 2**31-1");
  if (s.in_place ? r.count < total : (s.count < total || r.count < c[rank])) {
    throw Napi::RangeError::New(env, std::string(call) + ": the buffers hold fewer items than recvcounts move");
  }
  return {comm, s, r, c};
}

// (comm, send triple, recv triple, recvcounts: Int32Array, op)
Napi::Value ReduceScatter(const Info& info) {
  Scatter a = ReadScatter(info, true);
  MPI_Op op = OpArg(info, 8);
  watchdog::Scope scope("Reduce_scatter", a.comm, kNone, kNone);
  op::Call user(info.Env(), op, a.r.type, info[6], true);
  request::ServedCollective served(info.Env());
  int rc = MPI_Reduce_scatter(a.s.ptr, a.r.ptr, a.counts, a.r.type, op, a.comm);
  user.Rethrow();
  Check(info.Env(), rc, "MPI_Reduce_scatter");
  return info.Env().Undefined();
}

Napi::Value IreduceScatter(const Info& info) {
  Scatter a = ReadScatter(info, false);
  MPI_Op op = OpArg(info, 8);
  MPI_Request req;
  op::Call user(info.Env(), op, a.r.type, info[6], false);
  Check(info.Env(), MPI_Ireduce_scatter(a.s.ptr, a.r.ptr, a.counts, a.r.type, op, a.comm, &req), "MPI_Ireduce_scatter");
  // The counts array too: MPI may read it until completion.
  Napi::Value id = NewRequest(info, req, Origin{"Ireduce_scatter", a.comm}, {info[1], info[4], info[7]});
  user.Attach(id.As<Napi::Number>().Int32Value());
  return id;
}

// (comm, send triple (size blocks), recv triple (one block; size in place), op), as comm.cc's blocking form.
Napi::Value IreduceScatterBlock(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf", s.in_place ? size : 1);
  if (!s.in_place && (s.type != r.type || static_cast<int64_t>(s.count) < static_cast<int64_t>(r.count) * size)) {
    throw Napi::RangeError::New(env, "Ireduce_scatter_block: send buffer must hold size * receive count items of the receive datatype");
  }
  MPI_Request req;
  MPI_Op op = OpArg(info, 7);
  op::Call user(env, op, r.type, info[6], false);
  largecount::RequireRoundless(env, r.count, "Ireduce_scatter_block");
  Check(env, MPI4JS_C(MPI_Ireduce_scatter_block)(s.ptr, r.ptr, static_cast<largecount::Int>(r.count), r.type, op, comm, &req),
        "MPI_Ireduce_scatter_block");
  Napi::Value id = NewRequest(info, req, Origin{"Ireduce_scatter_block", comm}, {info[1], info[4]});
  user.Attach(id.As<Napi::Number>().Int32Value());
  return id;
}

// (comm, send triple, recv triple, op): one count serves both sides.
using StartScan = int (*)(const void*, void*, largecount::Int, MPI_Datatype, MPI_Op, MPI_Comm, MPI_Request*);

Napi::Value StartIn(const Info& info, StartScan start, const char* name, const char* call) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf");
  MPI_Count count = s.in_place ? r.count : s.count;
  if (r.count < count) throw Napi::RangeError::New(info.Env(), std::string(name) + ": receive buffer holds fewer items than the send buffer");
  largecount::RequireRoundless(info.Env(), count, name);
  MPI_Request req;
  MPI_Op op = OpArg(info, 7);
  op::Call user(info.Env(), op, s.in_place ? r.type : s.type, info[s.in_place ? 6 : 3], false);
  Check(info.Env(), start(s.ptr, r.ptr, static_cast<largecount::Int>(count), s.in_place ? r.type : s.type, op, comm, &req), call);
  Napi::Value id = NewRequest(info, req, Origin{name, comm}, {info[1], info[4]});
  user.Attach(id.As<Napi::Number>().Int32Value());
  return id;
}

#if MPI4JS_MPI4
// Persistent Reduce_scatter (MPI-4.0), read as Reduce_scatter; the request keeps the counts array.
Napi::Value ReduceScatterInit(const Info& info) {
  Scatter a = ReadScatter(info, false);
  MPI_Request req;
  Check(info.Env(), MPI_Reduce_scatter_init(a.s.ptr, a.r.ptr, a.counts, a.r.type, OpArg(info, 8), a.comm, call_args::InfoArg(info, 9), &req),
        "MPI_Reduce_scatter_init");
  int32_t id = request::AddPersistent(info.Env(), req, Origin{"Reduce_scatter_init", a.comm}, {info[1], info[4], info[7]});
  return Napi::Number::New(info.Env(), id);
}
#endif

Napi::Value Iscan(const Info& info) { return StartIn(info, MPI4JS_C(MPI_Iscan), "Iscan", "MPI_Iscan"); }
Napi::Value Iexscan(const Info& info) { return StartIn(info, MPI4JS_C(MPI_Iexscan), "Iexscan", "MPI_Iexscan"); }

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Reduce_scatter", ReduceScatter);
  Register(env, comm, "Ireduce_scatter", IreduceScatter);
  Register(env, comm, "Ireduce_scatter_block", IreduceScatterBlock);
  Register(env, comm, "Iscan", Iscan);
  Register(env, comm, "Iexscan", Iexscan);
#if MPI4JS_MPI4
  Register(env, exports.Get("comm").As<Napi::Object>(), "Reduce_scatter_init", ReduceScatterInit);
#endif
}

}  // namespace mpi4js::reductions
