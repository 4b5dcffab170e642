// Send modes beyond Send/Ssend (buffered, ready) and the Sendrecv variants
// (issue 12, WP3). Arguments as comm.cc's point-to-point calls: (comm, view,
// count, datatype, peer, tag, ...), resolved by lib/comm/comm.ts.
#include <mpi.h>
#include <napi.h>

#include <cstring>
#include <vector>

#include "addon.h"
#include "buffer.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "largecount.h"
#include "implementation.h"
#include "register.h"
#include "request.h"
#include "status.h"
#include "watchdog.h"

namespace mpi4js::sendmodes {

namespace {

using call_args::CommArg;
using call_args::NewRequest;
using buffer::Msg;
using errors::Check;
using Info = Napi::CallbackInfo;
using request::Origin;
using watchdog::kNone;
using Blocking = watchdog::Scope;

// As comm.cc's blocking sends: while lowercase irecvs are pending (not posted
// to MPI), the send runs as its nonblocking form completed while serving them.
void Finish(Napi::Env env, int rc, MPI_Request* req, const char* call) {
  Check(env, rc, call);
  Check(env, request::WaitServing(env, 1, req, MPI_STATUSES_IGNORE), call);
}

using BlockingSend = int (*)(const void*, largecount::Int, MPI_Datatype, int, int, MPI_Comm);
using StartSend = int (*)(const void*, largecount::Int, MPI_Datatype, int, int, MPI_Comm, MPI_Request*);

Napi::Value SendIn(const Info& info, BlockingSend send, StartSend start, const char* name, const char* call) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, call, "dest"), tag = IntArg(info, 5, call, "tag");
  Blocking scope(name, comm, kNone, tag);
  largecount::Fit f(info.Env(), m, call);
  if (request::Pending(info.Env())) {
    MPI_Request req;
    Finish(info.Env(), start(m.ptr, f.count, f.type, dest, tag, comm, &req), &req, call);
    return info.Env().Undefined();
  }
  Check(info.Env(), send(m.ptr, f.count, f.type, dest, tag, comm), call);
  return info.Env().Undefined();
}

Napi::Value StartIn(const Info& info, StartSend start, const char* name, const char* call) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, call, "dest"), tag = IntArg(info, 5, call, "tag");
  MPI_Request req;
  largecount::Fit f(info.Env(), m, call);
  Check(info.Env(), start(m.ptr, f.count, f.type, dest, tag, comm, &req), call);
  return NewRequest(info, req, Origin{name, comm, kNone, tag}, {info[1]});
}

Napi::Value Bsend(const Info& info) { return SendIn(info, MPI4JS_C(MPI_Bsend), MPI4JS_C(MPI_Ibsend), "Bsend", "MPI_Bsend"); }
Napi::Value Rsend(const Info& info) { return SendIn(info, MPI4JS_C(MPI_Rsend), MPI4JS_C(MPI_Irsend), "Rsend", "MPI_Rsend"); }
Napi::Value Ibsend(const Info& info) { return StartIn(info, MPI4JS_C(MPI_Ibsend), "Ibsend", "MPI_Ibsend"); }
Napi::Value Irsend(const Info& info) { return StartIn(info, MPI4JS_C(MPI_Irsend), "Irsend", "MPI_Irsend"); }

// The bytes a message of m's count and datatype spans from the buffer's start
// (buffer::Read has checked the buffer holds them).
size_t Span(Napi::Env env, const Napi::Value& type, MPI_Count count) {
  const auto& t = datatype::Get(env, type);
  int64_t need = buffer::RequiredBytes(t.true_lb, t.extent, t.true_extent, count);
  return need > 0 ? static_cast<size_t>(need) : 0;
}

// (comm, triple, dest, sendtag, source, recvtag, status)
Napi::Value SendrecvReplace(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, "MPI_Sendrecv_replace", "dest");
  int sendtag = IntArg(info, 5, "MPI_Sendrecv_replace", "sendtag");
  int source = IntArg(info, 6, "MPI_Sendrecv_replace", "source");
  int recvtag = IntArg(info, 7, "MPI_Sendrecv_replace", "recvtag");
  MPI_Status* st = status::Read(env, info[8]);
  Blocking scope("Sendrecv_replace", comm, source, recvtag);
  largecount::Fit f(env, m, "MPI_Sendrecv_replace");
  if (!request::Pending(env)) {
    Check(env, MPI4JS_C(MPI_Sendrecv_replace)(m.ptr, f.count, f.type, dest, sendtag, source, recvtag, comm, st),
          "MPI_Sendrecv_replace");
    return env.Undefined();
  }
  // Pending lowercase irecvs must be served while this waits (comm.cc's
  // Sendrecv): MPI-3 has no nonblocking replace, so the message is received
  // into a copy of the buffer (the gaps of a derived layout keep their bytes)
  // while the buffer itself is sent, then copied in.
  request::Serve(env);
  size_t span = Span(env, info[3], m.count);
  std::vector<unsigned char> copy(span);
  if (span > 0) std::memcpy(copy.data(), m.ptr, span);
  MPI_Request reqs[2];
  MPI_Status sts[2];
  Check(env, MPI4JS_C(MPI_Irecv)(copy.data(), f.count, f.type, source, recvtag, comm, &reqs[0]), "MPI_Sendrecv_replace");
  int rc = MPI4JS_C(MPI_Isend)(m.ptr, f.count, f.type, dest, sendtag, comm, &reqs[1]);
  if (rc != MPI_SUCCESS) {
    MPI_Cancel(&reqs[0]);
    MPI_Wait(&reqs[0], MPI_STATUS_IGNORE);
    Check(env, rc, "MPI_Sendrecv_replace");
  }
  rc = request::WaitServing(env, 2, reqs, sts);
  Check(env, rc == MPI_ERR_IN_STATUS ? (sts[0].MPI_ERROR != MPI_SUCCESS ? sts[0].MPI_ERROR : sts[1].MPI_ERROR) : rc,
        "MPI_Sendrecv_replace");
  if (span > 0) std::memcpy(m.ptr, copy.data(), span);
  if (st != MPI_STATUS_IGNORE) *st = sts[0];
  return env.Undefined();
}

#if MPI4JS_MPI4
// (comm, send triple, dest, sendtag, recv triple, source, recvtag) -> request id
Napi::Value Isendrecv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 6, "recvbuf");
  int dest = IntArg(info, 4, "MPI_Isendrecv", "dest"), sendtag = IntArg(info, 5, "MPI_Isendrecv", "sendtag");
  int source = IntArg(info, 9, "MPI_Isendrecv", "source"), recvtag = IntArg(info, 10, "MPI_Isendrecv", "recvtag");
  MPI_Request req;
  if (dest == MPI_PROC_NULL && source == MPI_PROC_NULL) {
    // Nothing moves. MPICH before 4.0.3 crashes or hangs here (pmodels/mpich#6004); a
    // receive from MPI_PROC_NULL completes at once with the status the standard gives.
    Check(info.Env(), MPI_Irecv_c(r.ptr, r.count, r.type, MPI_PROC_NULL, recvtag, comm, &req), "MPI_Isendrecv");
    return NewRequest(info, req, Origin{"Isendrecv", comm, source, recvtag}, {info[1], info[6]});
  }
  Check(info.Env(),
        MPI_Isendrecv_c(s.ptr, s.count, s.type, dest, sendtag, r.ptr, r.count, r.type, source, recvtag, comm, &req),
        "MPI_Isendrecv");
  return NewRequest(info, req, Origin{"Isendrecv", comm, source, recvtag}, {info[1], info[6]});
}

// (comm, triple, dest, sendtag, source, recvtag) -> request id
Napi::Value IsendrecvReplace(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, "MPI_Isendrecv_replace", "dest");
  int sendtag = IntArg(info, 5, "MPI_Isendrecv_replace", "sendtag");
  int source = IntArg(info, 6, "MPI_Isendrecv_replace", "source");
  int recvtag = IntArg(info, 7, "MPI_Isendrecv_replace", "recvtag");
  MPI_Request req;
  if (dest == MPI_PROC_NULL && source == MPI_PROC_NULL) {
    // As in Isendrecv (pmodels/mpich#6004): the buffer is left as it is.
    Check(info.Env(), MPI_Irecv(m.ptr, 0, m.type, MPI_PROC_NULL, recvtag, comm, &req), "MPI_Isendrecv_replace");
    return NewRequest(info, req, Origin{"Isendrecv_replace", comm, source, recvtag}, {info[1]});
  }
  Check(info.Env(), MPI_Isendrecv_replace_c(m.ptr, m.count, m.type, dest, sendtag, source, recvtag, comm, &req),
        "MPI_Isendrecv_replace");
  return NewRequest(info, req, Origin{"Isendrecv_replace", comm, source, recvtag}, {info[1]});
}
#endif

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Bsend", Bsend);
  Register(env, comm, "Rsend", Rsend);
  Register(env, comm, "Ibsend", Ibsend);
  Register(env, comm, "Irsend", Irsend);
  Register(env, comm, "Sendrecv_replace", SendrecvReplace);
#if MPI4JS_MPI4
  // Absent on MPI-3 libraries: lib/comm/comm.ts then throws NotImplementedError.
  Register(env, comm, "Isendrecv", Isendrecv);
  Register(env, comm, "Isendrecv_replace", IsendrecvReplace);
#endif
}

}  // namespace mpi4js::sendmodes
