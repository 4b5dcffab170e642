// Communicators: point-to-point, collectives and management, each a thin
// wrapper: read the arguments lib/comm/comm.ts prepared, make the MPI call, check it.
#include <mpi.h>
#include <napi.h>

#include <string>
#include <vector>

#include "buffer.h"
#include "call_args.h"
#include "bytes.h"
#include "datatype.h"
#include "deadline.h"
#include "environment.h"
#include "addon.h"
#include "errors.h"
#include "handles.h"
#include "largecount.h"
#include "message.h"
#include "op.h"
#include "reduction_args.h"
#include "request.h"
#include "status.h"
#include "watchdog.h"

namespace mpi4js::comm {

namespace {

using call_args::CommArg;
using call_args::OpArg;
using call_args::Size;
using call_args::Peers;
using call_args::AtRoot;
using call_args::Rank;
using call_args::NewRequest;
using buffer::Msg;
using buffer::MsgV;
using errors::Check;
using Info = Napi::CallbackInfo;
using request::Origin;
using watchdog::kNone;
using Blocking = watchdog::Scope;
using largecount::Fit;

// The communicator of a call that may probe with MPI_Mprobe/MPI_Improbe: Open
// MPI 4.1 reports MPI_COMM_NULL there through COMM_NULL's own handler,
// MPI_ERRORS_ARE_FATAL (the job ends), so it is refused first with the
// MPI.Exception (ERR_COMM) every other call gives.
MPI_Comm ProbingCommArg(const Info& info, const char* call) {
  MPI_Comm comm = CommArg(info);
  if (comm == MPI_COMM_NULL) errors::Throw(info.Env(), MPI_ERR_COMM, call);
  return comm;
}

Napi::Value NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Napi::Number::New(env, Addon::Of(env).comms.Add(comm));
}

// ---- queries --------------------------------------------------------------

Napi::Value GetRank(const Info& info) { return Napi::Number::New(info.Env(), Rank(info.Env(), CommArg(info))); }
Napi::Value GetSize(const Info& info) { return Napi::Number::New(info.Env(), Size(info.Env(), CommArg(info))); }

Napi::Value TopoTest(const Info& info) {
  int topo = 0;
  Check(info.Env(), MPI_Topo_test(CommArg(info), &topo), "MPI_Topo_test");
  return Napi::Number::New(info.Env(), topo);
}

Napi::Value GetName(const Info& info) {
  char name[MPI_MAX_OBJECT_NAME];
  int len = 0;
  Check(info.Env(), MPI_Comm_get_name(CommArg(info), name, &len), "MPI_Comm_get_name");
  return Napi::String::New(info.Env(), name, len);
}

void SetName(const Info& info) {
  std::string name = info[1].As<Napi::String>();
  Check(info.Env(), MPI_Comm_set_name(CommArg(info), name.c_str()), "MPI_Comm_set_name");
}

// ---- point-to-point (args: comm, view, count, datatype, peer, tag, ...) ----

// Blocking calls while lowercase irecvs are pending (request::Pending): those
// are not posted to MPI, so the call runs as its nonblocking form completed
// while serving them, or a send that needs one of them (a synchronous or large
// send, to this rank or to one blocked waiting for this one) never completes.
// Otherwise (the usual case) the blocking MPI call itself, at no extra cost.
void Finish(Napi::Env env, int rc, MPI_Request* req, MPI_Status* st, const char* call) {
  Check(env, rc, call);
  Check(env, request::WaitServing(env, 1, req, st == MPI_STATUS_IGNORE ? MPI_STATUSES_IGNORE : st), call);
}

void Send(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, "MPI_Send", "dest"), tag = IntArg(info, 5, "MPI_Send", "tag");
  Fit f(info.Env(), m, "Send");
  Blocking scope("Send", comm, kNone, tag);
  if (request::Pending(info.Env())) {
    MPI_Request req;
    return Finish(info.Env(), MPI4JS_C(MPI_Isend)(m.ptr, f.count, f.type, dest, tag, comm, &req), &req, MPI_STATUS_IGNORE,
                  "MPI_Send");
  }
  Check(info.Env(), MPI4JS_C(MPI_Send)(m.ptr, f.count, f.type, dest, tag, comm), "MPI_Send");
}

void Ssend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, "MPI_Ssend", "dest"), tag = IntArg(info, 5, "MPI_Ssend", "tag");
  Fit f(info.Env(), m, "Ssend");
  Blocking scope("Ssend", comm, kNone, tag);
  if (request::Pending(info.Env())) {
    MPI_Request req;
    return Finish(info.Env(), MPI4JS_C(MPI_Issend)(m.ptr, f.count, f.type, dest, tag, comm, &req), &req, MPI_STATUS_IGNORE,
                  "MPI_Ssend");
  }
  Check(info.Env(), MPI4JS_C(MPI_Ssend)(m.ptr, f.count, f.type, dest, tag, comm), "MPI_Ssend");
}

// (comm, triple, source, tag, status, timeoutMs?) -> false if the timeout passed
// first, leaving the message (if it comes later) to the next receive.
Napi::Value Recv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = ProbingCommArg(info, "MPI_Recv");
  Msg m = buffer::Read(info, 1);
  int source = IntArg(info, 4, "MPI_Recv", "source"), tag = IntArg(info, 5, "MPI_Recv", "tag");
  MPI_Status* st = status::Read(env, info[6]);
  Deadline deadline(TimeoutArg(info[7]));
  Fit f(env, m, "Recv");
  Blocking scope("Recv", comm, source, tag);
  if (deadline.Unbounded() && request::Pending(env)) {
    request::Serve(env);  // older object receives take what is already waiting first
    MPI_Request req;
    Finish(env, MPI4JS_C(MPI_Irecv)(m.ptr, f.count, f.type, source, tag, comm, &req), &req, st, "MPI_Recv");
    return Napi::Boolean::New(env, true);
  }
  if (deadline.Unbounded()) {
    Check(env, MPI4JS_C(MPI_Recv)(m.ptr, f.count, f.type, source, tag, comm, st), "MPI_Recv");
    return Napi::Boolean::New(env, true);
  }
  MPI_Message msg;
  MPI_Status probed;
  if (!message::ProbeUntil(env, comm, source, tag, deadline, &msg, &probed)) return Napi::Boolean::New(env, false);
  Check(env, MPI4JS_C(MPI_Mrecv)(m.ptr, f.count, f.type, &msg, st), "MPI_Recv");
  return Napi::Boolean::New(env, true);
}

// (comm, send triple, dest, sendtag, recv triple, source, recvtag, status)
void Sendrecv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 6, "recvbuf");
  MPI_Status* st = status::Read(info.Env(), info[11]);
  int dest = IntArg(info, 4, "MPI_Sendrecv", "dest"), sendtag = IntArg(info, 5, "MPI_Sendrecv", "sendtag");
  int source = IntArg(info, 9, "MPI_Sendrecv", "source"), recvtag = IntArg(info, 10, "MPI_Sendrecv", "recvtag");
  Fit fs(info.Env(), s, "Sendrecv"), fr(info.Env(), r, "Sendrecv");
  Blocking scope("Sendrecv", comm, source, recvtag);
  if (request::Pending(info.Env())) {
    auto env = info.Env();
    request::Serve(env);
    MPI_Request reqs[2];
    MPI_Status sts[2];
    Check(env, MPI4JS_C(MPI_Irecv)(r.ptr, fr.count, fr.type, source, recvtag, comm, &reqs[0]), "MPI_Sendrecv");
    int rc = MPI4JS_C(MPI_Isend)(s.ptr, fs.count, fs.type, dest, sendtag, comm, &reqs[1]);
    if (rc != MPI_SUCCESS) {
      MPI_Cancel(&reqs[0]);
      MPI_Wait(&reqs[0], MPI_STATUS_IGNORE);
      Check(env, rc, "MPI_Sendrecv");
    }
    rc = request::WaitServing(env, 2, reqs, sts);
    Check(env, rc == MPI_ERR_IN_STATUS ? (sts[0].MPI_ERROR != MPI_SUCCESS ? sts[0].MPI_ERROR : sts[1].MPI_ERROR) : rc,
          "MPI_Sendrecv");
    if (st != MPI_STATUS_IGNORE) *st = sts[0];
    return;
  }
  Check(info.Env(),
        MPI4JS_C(MPI_Sendrecv)(s.ptr, fs.count, fs.type, dest, sendtag, r.ptr, fr.count, fr.type, source, recvtag, comm, st),
        "MPI_Sendrecv");
}

Napi::Value Isend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int tag = IntArg(info, 5, "MPI_Isend", "tag"), dest = IntArg(info, 4, "MPI_Isend", "dest");
  Fit f(info.Env(), m, "Isend");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Isend)(m.ptr, f.count, f.type, dest, tag, comm, &req), "MPI_Isend");
  return NewRequest(info, req, Origin{"Isend", comm, kNone, tag}, {info[1]});
}

Napi::Value Issend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int tag = IntArg(info, 5, "MPI_Issend", "tag"), dest = IntArg(info, 4, "MPI_Issend", "dest");
  Fit f(info.Env(), m, "Issend");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Issend)(m.ptr, f.count, f.type, dest, tag, comm, &req), "MPI_Issend");
  return NewRequest(info, req, Origin{"Issend", comm, kNone, tag}, {info[1]});
}

Napi::Value Irecv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int source = IntArg(info, 4, "MPI_Irecv", "source"), tag = IntArg(info, 5, "MPI_Irecv", "tag");
  Fit f(info.Env(), m, "Irecv");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Irecv)(m.ptr, f.count, f.type, source, tag, comm, &req), "MPI_Irecv");
  return NewRequest(info, req, Origin{"Irecv", comm, source, tag}, {info[1]});
}

// (comm, source, tag, status, timeoutMs?) -> false if the timeout passed first
Napi::Value Probe(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = ProbingCommArg(info, "MPI_Probe");
  int source = IntArg(info, 1, "MPI_Probe", "source"), tag = IntArg(info, 2, "MPI_Probe", "tag");
  MPI_Status* st = status::Read(env, info[3]);
  Deadline deadline(TimeoutArg(info[4]));
  Blocking scope("Probe", comm, source, tag);
  return Napi::Boolean::New(env, message::PeekInOrder(env, comm, source, tag, deadline, true, st));
}

Napi::Value Iprobe(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = ProbingCommArg(info, "MPI_Iprobe");
  return Napi::Boolean::New(env, message::PeekInOrder(env, comm, IntArg(info, 1, "MPI_Iprobe", "source"), IntArg(info, 2, "MPI_Iprobe", "tag"), Deadline(-1), false,
                                                       status::Read(env, info[3])));
}

// Object receive: (comm, source, tag, status, timeoutMs?, pool?) -> the
// message's bytes, sized by a matched probe so no other receive can take it
// meanwhile: the byte count when it fits the reusable pool (a Uint8Array the
// caller decodes at once), else a fresh Buffer; null if the timeout passed
// first (nothing was received).
Napi::Value RecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = ProbingCommArg(info, "recv");
  int source = IntArg(info, 1, "recv", "source"), tag = IntArg(info, 2, "recv", "tag");
  MPI_Status* st = status::Read(env, info[3]);
  MPI_Status local;
  if (st == MPI_STATUS_IGNORE) st = &local;
  Blocking scope("recv", comm, source, tag);
  Deadline deadline(TimeoutArg(info[4]));
  MPI_Message msg;
  if (request::OlderReceivesOn(env, comm)) {
    // Pending irecvs come first: poll, serving them, instead of blocking in MPI_Mprobe.
    bool found = deadline.Until([&] {
      request::Serve(env);  // the older receives first, every time, and those on other communicators
      int flag = 0;
      Check(env, MPI_Improbe(source, tag, comm, &flag, &msg, st), "MPI_Improbe");
      return flag && !request::Divert(env, comm, msg, st);
    });
    if (!found) return env.Null();
  } else {
    do {
      if (!message::ProbeUntil(env, comm, source, tag, deadline, &msg, st)) return env.Null();
    } while (request::Divert(env, comm, msg, st));
  }
  const int64_t n = bytes::Of(*st);
  bytes::Span span(n);
  if (info.Length() > 5 && info[5].IsTypedArray()) {
    auto pool = info[5].As<Napi::Uint8Array>();
    if (static_cast<uint64_t>(n) <= pool.ByteLength()) {
      Check(env, MPI_Mrecv(pool.Data(), span.count, span.type, &msg, st), "MPI_Mrecv");
      return Napi::Number::New(env, static_cast<double>(n));
    }
  }
  napi_value out;
  void* data = nullptr;
  if (napi_create_buffer(env, static_cast<size_t>(n), &data, &out) != napi_ok) {
    MPI_Mrecv(nullptr, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);  // the message is consumed, as a failed decode's is
    throw Napi::RangeError::New(env, "recv: cannot allocate a Buffer of " + std::to_string(n) + " bytes for the message");
  }
  Check(env, MPI_Mrecv(data, span.count, span.type, &msg, st), "MPI_Mrecv");
  return Napi::Value(env, out);
}

// A lowercase call's bytes: a Uint8Array of any length, or null for none.
struct Bytes {
  void* ptr = nullptr;
  int64_t n = 0;
};

Bytes BytesArg(const Info& info, size_t i) {
  if (info[i].IsNull() || info[i].IsUndefined()) return {};
  // One Node-API call (the hot path of every lowercase send): data is already at the view's offset.
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (napi_get_typedarray_info(info.Env(), info[i], &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_uint8_array) {
    throw Napi::TypeError::New(info.Env(), "mpi4js: the bytes of a value must be a Uint8Array");
  }
  return {data, static_cast<int64_t>(length)};
}

// The bytes of a value: (comm, bytes, dest, tag, mode), any size (bytes.h).
// mode: false/0 standard, true/1 synchronous, 2 buffered (bsend; issue 12, WP3).
int ModeArg(const Napi::Value& v) {
  int mode = v.IsNumber() ? v.As<Napi::Number>().Int32Value() : (v.ToBoolean() ? 1 : 0);
  return mode == 1 || mode == 2 ? mode : 0;
}

// A mode's name, for the watchdog (lowercase) or for errors (the MPI call). No
// tables: a static array of pointers would be process-wide writable data.
const char* ModeName(int mode, bool start, bool mpi) {
  switch (mode) {
    case 1: return mpi ? (start ? "MPI_Issend" : "MPI_Ssend") : (start ? "issend" : "ssend");
    case 2: return mpi ? (start ? "MPI_Ibsend" : "MPI_Bsend") : (start ? "ibsend" : "bsend");
    default: return mpi ? (start ? "MPI_Isend" : "MPI_Send") : (start ? "isend" : "send");
  }
}

void SendBytes(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Bytes b = BytesArg(info, 1);
  int dest = IntArg(info, 2, "send", "dest"), tag = IntArg(info, 3, "send", "tag");
  int mode = ModeArg(info[4]);
  bytes::Span span(b.n);
  Blocking scope(ModeName(mode, false, false), comm, kNone, tag);
  if (request::Pending(env)) {
    MPI_Request req;
    int rc = (mode == 1 ? MPI_Issend : mode == 2 ? MPI_Ibsend : MPI_Isend)(b.ptr, span.count, span.type, dest, tag, comm, &req);
    return Finish(env, rc, &req, MPI_STATUS_IGNORE, ModeName(mode, false, true));
  }
  Check(env, (mode == 1 ? MPI_Ssend : mode == 2 ? MPI_Bsend : MPI_Send)(b.ptr, span.count, span.type, dest, tag, comm),
        ModeName(mode, false, true));
}

// (comm, bytes, dest, tag, mode) -> request id; the bytes stay alive until it completes.
Napi::Value IsendBytes(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Bytes b = BytesArg(info, 1);
  int dest = IntArg(info, 2, "isend", "dest"), tag = IntArg(info, 3, "isend", "tag");
  int mode = ModeArg(info[4]);
  bytes::Span span(b.n);
  MPI_Request req;
  Check(info.Env(), (mode == 1 ? MPI_Issend : mode == 2 ? MPI_Ibsend : MPI_Isend)(b.ptr, span.count, span.type, dest, tag, comm, &req),
        ModeName(mode, true, true));
  return NewRequest(info, req, Origin{ModeName(mode, true, false), comm, kNone, tag}, {info[1]});
}

// (comm, bytes, root): the root's bytes into every rank's, which is already their size.
void BcastBytes(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Bytes b = BytesArg(info, 1);
  int root = IntArg(info, 2, "bcast", "root");
  bytes::Span span(b.n);
  Blocking scope("bcast", comm, kNone, kNone, root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Bcast(b.ptr, span.count, span.type, root, comm), "MPI_Bcast");
}

// Object receive that has not found its message yet -> request id.
Napi::Value IrecvBytes(const Info& info) {
  MPI_Comm comm = ProbingCommArg(info, "irecv");
  return Napi::Number::New(info.Env(), request::AddObjectReceive(info.Env(), comm, IntArg(info, 1, "irecv", "source"), IntArg(info, 2, "irecv", "tag")));
}

// ---- collectives ------------------------------------------------------------
//
// Blocking ones mark themselves for the watchdog; nonblocking ones keep their
// buffers (and counts) alive in the request table until they complete.

void Barrier(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Blocking scope("Barrier", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Barrier(comm), "MPI_Barrier");
}

Napi::Value Ibarrier(const Info& info) {
  MPI_Comm comm = CommArg(info);
  MPI_Request req;
  Check(info.Env(), MPI_Ibarrier(comm, &req), "MPI_Ibarrier");
  return NewRequest(info, req, Origin{"Ibarrier", comm}, {});
}

// (comm, triple, root)
void Bcast(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int root = IntArg(info, 4, "MPI_Bcast", "root");
  Fit f(info.Env(), m, "Bcast");
  Blocking scope("Bcast", comm, kNone, kNone, root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI4JS_C(MPI_Bcast)(m.ptr, f.count, f.type, root, comm), "MPI_Bcast");
}

Napi::Value Ibcast(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int root = IntArg(info, 4, "MPI_Ibcast", "root");
  Fit f(info.Env(), m, "Ibcast");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Ibcast)(m.ptr, f.count, f.type, root, comm, &req), "MPI_Ibcast");
  return NewRequest(info, req, Origin{"Ibcast", comm, kNone, kNone, root}, {info[1]});
}

// Gather and Scatter: (comm, send triple, recv triple, root). The side that
// holds one block per rank is read only at the root.
struct Rooted {
  MPI_Comm comm;
  Msg s, r;
  int root;
};

const Msg kNoMsg{nullptr, 0, MPI_BYTE, false};
const MsgV kNoMsgV{nullptr, nullptr, nullptr, MPI_BYTE, false};

Rooted ReadGather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7, "MPI_Gather", "root");
  bool at_root = AtRoot(info.Env(), comm, root);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = at_root ? buffer::Read(info, 4, "recvbuf", Peers(info.Env(), comm)) : kNoMsg;
  return {comm, s, r, root};
}

Rooted ReadScatter(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7, "MPI_Scatter", "root");
  bool at_root = AtRoot(info.Env(), comm, root);
  Msg s = at_root ? buffer::Read(info, 1, "sendbuf", Peers(info.Env(), comm)) : kNoMsg;
  Msg r = buffer::Read(info, 4, "recvbuf");
  return {comm, s, r, root};
}

void Gather(const Info& info) {
  Rooted a = ReadGather(info);
  Fit fs(info.Env(), a.s, "Gather"), fr(info.Env(), a.r, "Gather");
  Blocking scope("Gather", a.comm, kNone, kNone, a.root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI4JS_C(MPI_Gather)(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.root, a.comm),
        "MPI_Gather");
}

Napi::Value Igather(const Info& info) {
  Rooted a = ReadGather(info);
  Fit fs(info.Env(), a.s, "Igather"), fr(info.Env(), a.r, "Igather");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Igather)(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.root, a.comm, &req),
        "MPI_Igather");
  return NewRequest(info, req, Origin{"Igather", a.comm, kNone, kNone, a.root}, {info[1], info[4]});
}

void Scatter(const Info& info) {
  Rooted a = ReadScatter(info);
  Fit fs(info.Env(), a.s, "Scatter"), fr(info.Env(), a.r, "Scatter");
  Blocking scope("Scatter", a.comm, kNone, kNone, a.root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI4JS_C(MPI_Scatter)(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.root, a.comm),
        "MPI_Scatter");
}

Napi::Value Iscatter(const Info& info) {
  Rooted a = ReadScatter(info);
  Fit fs(info.Env(), a.s, "Iscatter"), fr(info.Env(), a.r, "Iscatter");
  MPI_Request req;
  Check(info.Env(),
        MPI4JS_C(MPI_Iscatter)(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.root, a.comm, &req),
        "MPI_Iscatter");
  return NewRequest(info, req, Origin{"Iscatter", a.comm, kNone, kNone, a.root}, {info[1], info[4]});
}

// Gatherv: (comm, send triple, recvV quad, root)
struct RootedV {
  MPI_Comm comm;
  Msg s;
  MsgV r;
  int root;
};

RootedV ReadGatherv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8, "MPI_Gatherv", "root");
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = AtRoot(env, comm, root) ? buffer::ReadV(info, 4, "recvbuf", Peers(env, comm)) : kNoMsgV;
  return {comm, s, r, root};
}

void Gatherv(const Info& info) {
  RootedV a = ReadGatherv(info);
  largecount::Derived fs(info.Env(), a.s.count, a.s.type, "Gatherv");
  Blocking scope("Gatherv", a.comm, kNone, kNone, a.root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Gatherv(a.s.ptr, fs.count, fs.type, a.r.ptr, a.r.counts, a.r.displs, a.r.type, a.root, a.comm),
        "MPI_Gatherv");
}

Napi::Value Igatherv(const Info& info) {
  RootedV a = ReadGatherv(info);
  largecount::Derived fs(info.Env(), a.s.count, a.s.type, "Igatherv");
  MPI_Request req;
  Check(info.Env(),
        MPI_Igatherv(a.s.ptr, fs.count, fs.type, a.r.ptr, a.r.counts, a.r.displs, a.r.type, a.root, a.comm, &req),
        "MPI_Igatherv");
  return NewRequest(info, req, Origin{"Igatherv", a.comm, kNone, kNone, a.root}, {info[1], info[4], info[5], info[6]});
}

// Scatterv: (comm, sendV quad, recv triple, root)
struct ScatterV {
  MPI_Comm comm;
  MsgV s;
  Msg r;
  int root;
};

ScatterV ReadScatterv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8, "MPI_Scatterv", "root");
  MsgV s = AtRoot(env, comm, root) ? buffer::ReadV(info, 1, "sendbuf", Peers(env, comm)) : kNoMsgV;
  Msg r = buffer::Read(info, 5, "recvbuf");
  return {comm, s, r, root};
}

void Scatterv(const Info& info) {
  ScatterV a = ReadScatterv(info);
  largecount::Derived fr(info.Env(), a.r.count, a.r.type, "Scatterv");
  Blocking scope("Scatterv", a.comm, kNone, kNone, a.root);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Scatterv(a.s.ptr, a.s.counts, a.s.displs, a.s.type, a.r.ptr, fr.count, fr.type, a.root, a.comm),
        "MPI_Scatterv");
}

Napi::Value Iscatterv(const Info& info) {
  ScatterV a = ReadScatterv(info);
  largecount::Derived fr(info.Env(), a.r.count, a.r.type, "Iscatterv");
  MPI_Request req;
  Check(info.Env(),
        MPI_Iscatterv(a.s.ptr, a.s.counts, a.s.displs, a.s.type, a.r.ptr, fr.count, fr.type, a.root, a.comm, &req),
        "MPI_Iscatterv");
  return NewRequest(info, req, Origin{"Iscatterv", a.comm, kNone, kNone, a.root}, {info[1], info[2], info[3], info[5]});
}

// (comm, send triple, recv triple)
void Allgather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf", Peers(info.Env(), comm));
  Fit fs(info.Env(), s, "Allgather"), fr(info.Env(), r, "Allgather");
  Blocking scope("Allgather", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI4JS_C(MPI_Allgather)(s.ptr, fs.count, fs.type, r.ptr, fr.count, fr.type, comm), "MPI_Allgather");
}

Napi::Value Iallgather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf", Peers(info.Env(), comm));
  Fit fs(info.Env(), s, "Iallgather"), fr(info.Env(), r, "Iallgather");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Iallgather)(s.ptr, fs.count, fs.type, r.ptr, fr.count, fr.type, comm, &req),
        "MPI_Iallgather");
  return NewRequest(info, req, Origin{"Iallgather", comm}, {info[1], info[4]});
}

// (comm, send triple, recvV quad)
void Allgatherv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = buffer::ReadV(info, 4, "recvbuf", Peers(env, comm));
  largecount::Derived fs(env, s.count, s.type, "Allgatherv");
  Blocking scope("Allgatherv", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(env, MPI_Allgatherv(s.ptr, fs.count, fs.type, r.ptr, r.counts, r.displs, r.type, comm), "MPI_Allgatherv");
}

Napi::Value Iallgatherv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = buffer::ReadV(info, 4, "recvbuf", Peers(env, comm));
  largecount::Derived fs(env, s.count, s.type, "Iallgatherv");
  MPI_Request req;
  Check(env, MPI_Iallgatherv(s.ptr, fs.count, fs.type, r.ptr, r.counts, r.displs, r.type, comm, &req),
        "MPI_Iallgatherv");
  return NewRequest(info, req, Origin{"Iallgatherv", comm}, {info[1], info[4], info[5], info[6]});
}

void Alltoall(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int size = Peers(info.Env(), comm);
  Msg s = buffer::Read(info, 1, "sendbuf", size);
  Msg r = buffer::Read(info, 4, "recvbuf", size);
  Fit fs(info.Env(), s, "Alltoall"), fr(info.Env(), r, "Alltoall");
  Blocking scope("Alltoall", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI4JS_C(MPI_Alltoall)(s.ptr, fs.count, fs.type, r.ptr, fr.count, fr.type, comm), "MPI_Alltoall");
}

Napi::Value Ialltoall(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int size = Peers(info.Env(), comm);
  Msg s = buffer::Read(info, 1, "sendbuf", size);
  Msg r = buffer::Read(info, 4, "recvbuf", size);
  Fit fs(info.Env(), s, "Ialltoall"), fr(info.Env(), r, "Ialltoall");
  MPI_Request req;
  Check(info.Env(), MPI4JS_C(MPI_Ialltoall)(s.ptr, fs.count, fs.type, r.ptr, fr.count, fr.type, comm, &req),
        "MPI_Ialltoall");
  return NewRequest(info, req, Origin{"Ialltoall", comm}, {info[1], info[4]});
}

// (comm, sendV quad, recvV quad)
void Alltoallv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Peers(env, comm);
  MsgV s = buffer::ReadV(info, 1, "sendbuf", size);
  MsgV r = buffer::ReadV(info, 5, "recvbuf", size);
  Blocking scope("Alltoallv", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(env, MPI_Alltoallv(s.ptr, s.counts, s.displs, s.type, r.ptr, r.counts, r.displs, r.type, comm),
        "MPI_Alltoallv");
}

Napi::Value Ialltoallv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Peers(env, comm);
  MsgV s = buffer::ReadV(info, 1, "sendbuf", size);
  MsgV r = buffer::ReadV(info, 5, "recvbuf", size);
  MPI_Request req;
  Check(env, MPI_Ialltoallv(s.ptr, s.counts, s.displs, s.type, r.ptr, r.counts, r.displs, r.type, comm, &req),
        "MPI_Ialltoallv");
  return NewRequest(info, req, Origin{"Ialltoallv", comm},
                    {info[1], info[2], info[3], info[5], info[6], info[7]});
}

// Reductions: (comm, send triple, recv triple, op[, root]), read by reduction_args.h (the persistent ones' too).
using reduction_args::ReadReduction;
using reduction_args::ReadRootedReduction;
using reduction_args::Reduction;

void Reduce(const Info& info) {
  auto [a, root] = ReadRootedReduction(info, "MPI_Reduce");
  Blocking scope("Reduce", a.comm, kNone, kNone, root);
  op::Call user(info.Env(), a.op, a.type, a.type_id, true);
  request::ServedCollective served(info.Env());
  int rc = largecount::Rounds(a.s.ptr, a.r.ptr, a.count, a.type, [&](const void* s, void* r, largecount::Int n) {
          return MPI4JS_C(MPI_Reduce)(s, r, n, a.type, a.op, root, a.comm);
        });
  user.Rethrow();
  Check(info.Env(), rc, "MPI_Reduce");
}

Napi::Value Ireduce(const Info& info) {
  auto [a, root] = ReadRootedReduction(info, "MPI_Ireduce");
  largecount::RequireRoundless(info.Env(), a.count, "Ireduce");
  MPI_Request req;
  op::Call user(info.Env(), a.op, a.type, a.type_id, false);
  Check(info.Env(),
        MPI4JS_C(MPI_Ireduce)(a.s.ptr, a.r.ptr, static_cast<largecount::Int>(a.count), a.type, a.op, root, a.comm, &req),
        "MPI_Ireduce");
  Napi::Value id = NewRequest(info, req, Origin{"Ireduce", a.comm, kNone, kNone, root}, {info[1], info[4]});
  user.Attach(id.As<Napi::Number>().Int32Value());
  return id;
}

void Allreduce(const Info& info) {
  Reduction a = ReadReduction(info, CommArg(info), true);
  Blocking scope("Allreduce", a.comm, kNone, kNone);
  op::Call user(info.Env(), a.op, a.type, a.type_id, true);
  request::ServedCollective served(info.Env());
  int rc = largecount::Rounds(a.s.ptr, a.r.ptr, a.count, a.type, [&](const void* s, void* r, largecount::Int n) {
          return MPI4JS_C(MPI_Allreduce)(s, r, n, a.type, a.op, a.comm);
        });
  user.Rethrow();
  Check(info.Env(), rc, "MPI_Allreduce");
}

Napi::Value Iallreduce(const Info& info) {
  Reduction a = ReadReduction(info, CommArg(info), true);
  largecount::RequireRoundless(info.Env(), a.count, "Iallreduce");
  MPI_Request req;
  op::Call user(info.Env(), a.op, a.type, a.type_id, false);
  Check(info.Env(),
        MPI4JS_C(MPI_Iallreduce)(a.s.ptr, a.r.ptr, static_cast<largecount::Int>(a.count), a.type, a.op, a.comm, &req),
        "MPI_Iallreduce");
  Napi::Value id = NewRequest(info, req, Origin{"Iallreduce", a.comm}, {info[1], info[4]});
  user.Attach(id.As<Napi::Number>().Int32Value());
  return id;
}

void Scan(const Info& info) {
  Reduction a = ReadReduction(info, CommArg(info), true);
  Blocking scope("Scan", a.comm, kNone, kNone);
  op::Call user(info.Env(), a.op, a.type, a.type_id, true);
  request::ServedCollective served(info.Env());
  int rc = largecount::Rounds(a.s.ptr, a.r.ptr, a.count, a.type, [&](const void* s, void* r, largecount::Int n) {
          return MPI4JS_C(MPI_Scan)(s, r, n, a.type, a.op, a.comm);
        });
  user.Rethrow();
  Check(info.Env(), rc, "MPI_Scan");
}

void Exscan(const Info& info) {
  Reduction a = ReadReduction(info, CommArg(info), true);
  Blocking scope("Exscan", a.comm, kNone, kNone);
  op::Call user(info.Env(), a.op, a.type, a.type_id, true);
  request::ServedCollective served(info.Env());
  int rc = largecount::Rounds(a.s.ptr, a.r.ptr, a.count, a.type, [&](const void* s, void* r, largecount::Int n) {
          return MPI4JS_C(MPI_Exscan)(s, r, n, a.type, a.op, a.comm);
        });
  user.Rethrow();
  Check(info.Env(), rc, "MPI_Exscan");
}

// (comm, send triple (size blocks), recv triple (one block), op). In place the
// receive buffer holds all size blocks.
void ReduceScatterBlock(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm);
  MPI_Op op = OpArg(info, 7);
  bool pin = op::IsUser(env, op);  // JavaScript runs inside the call: the buffers stay put
  Msg s = buffer::Read(info, 1, "sendbuf", 1, pin);
  Msg r = buffer::Read(info, 4, "recvbuf", s.in_place ? size : 1, pin);
  // The send side holds one block of the receive count per rank, of the same datatype.
  if (!s.in_place && (s.type != r.type || s.count / size < r.count)) {
    throw Napi::RangeError::New(env, "send buffer must hold size * receive count items of the receive datatype");
  }
  Blocking scope("Reduce_scatter_block", comm, kNone, kNone);
  op::Call user(env, op, r.type, info[6], true);
  request::ServedCollective served(info.Env());
  int rc = MPI_SUCCESS;
  if (largecount::kNative || r.count <= largecount::Limit()) {
    rc = MPI4JS_C(MPI_Reduce_scatter_block)(s.ptr, r.ptr, static_cast<largecount::Int>(r.count), r.type, op, comm);
  } else if (s.in_place) {
    // Rounds cut each rank's block, which are not contiguous in the send buffer: one rooted reduction per
    // block instead, each in rounds. In place, each rank's result would land inside its block of the
    // receive buffer, not at its start: refused.
    throw Napi::RangeError::New(env, "Reduce_scatter_block: in place, a count of " + std::to_string(r.count) +
                                         " items per rank needs MPI-4 large counts (this MPI library has no _c "
                                         "routines); give a separate send buffer");
  } else if (call_args::Inter(env, comm)) {
    // The rooted rounds below address one group: no such rounds across two.
    throw Napi::RangeError::New(env, "Reduce_scatter_block: on an intercommunicator, a count of " +
                                         std::to_string(r.count) + " items per rank needs MPI-4 large counts");
  } else {
    MPI_Count lb = 0, extent = 0;
    Check(env, MPI_Type_get_extent_x(r.type, &lb, &extent), "MPI_Type_get_extent_x");
    for (int root = 0; root < size && rc == MPI_SUCCESS; ++root) {
      const char* block = static_cast<const char*>(s.ptr) + root * r.count * extent;
      rc = largecount::Rounds(block, r.ptr, r.count, r.type, [&](const void* sp, void* rp, largecount::Int n) {
        return MPI_Reduce(sp, rp, n, r.type, op, root, comm);
      });
    }
  }
  user.Rethrow();
  Check(env, rc, "MPI_Reduce_scatter_block");
}

// ---- management ---------------------------------------------------------------

Napi::Value Dup(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_dup(comm, &out), "MPI_Comm_dup");
  return NewComm(info.Env(), out);
}

Napi::Value Split(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  int color = IntArg(info, 1, "MPI_Comm_split", "color"), key = IntArg(info, 2, "MPI_Comm_split", "key");
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_split(comm, color, key, &out), "MPI_Comm_split");
  return NewComm(info.Env(), out);
}

Napi::Value SplitType(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  int type = IntArg(info, 1, "MPI_Comm_split_type", "split_type"), key = IntArg(info, 2, "MPI_Comm_split_type", "key");
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_split_type(comm, type, key, MPI_INFO_NULL, &out),
        "MPI_Comm_split_type");
  return NewComm(info.Env(), out);
}

Napi::Value Create(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  MPI_Group group = Addon::Of(info.Env()).groups.Get(info.Env(), info[1]);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_create(comm, group, &out), "MPI_Comm_create");
  return NewComm(info.Env(), out);
}

void Free(const Info& info) {
  environment::EnsureActive(info.Env());
  // A copy: MPI_Comm_free runs attribute delete functions (JavaScript), which
  // may add communicators to the table and move its slots.
  MPI_Comm comm = Addon::Of(info.Env()).comms.Get(info.Env(), info[0]);
  MPI_Comm freed = comm;
  Check(info.Env(), MPI_Comm_free(&comm), "MPI_Comm_free");
  // Only once the free succeeded: pending irecvs would probe a freed communicator.
  request::FailReceivesOn(info.Env(), freed);
  Addon::Of(info.Env()).comms.Remove(IdValue(info.Env(), info[0], "communicator"));
}

Napi::Value Compare(const Info& info) {
  int result = 0;
  Check(info.Env(), MPI_Comm_compare(CommArg(info, 0), CommArg(info, 1), &result), "MPI_Comm_compare");
  return Napi::Number::New(info.Env(), result);
}

Napi::Value GetGroup(const Info& info) {
  MPI_Group group;
  Check(info.Env(), MPI_Comm_group(CommArg(info), &group), "MPI_Comm_group");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).groups.Add(group));
}

void Abort(const Info& info) { MPI_Abort(CommArg(info), IntArg(info, 1, "MPI_Abort", "errorcode")); }

// ---- Cartesian topology ---------------------------------------------------------

std::vector<int> Ints(const Napi::Value& v) {
  auto a = v.As<Napi::Int32Array>();
  return std::vector<int>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Value IntArray(Napi::Env env, const std::vector<int>& v) {
  auto out = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = Napi::Number::New(env, v[i]);
  return out;
}

// (comm, dims: Int32Array, periods: Int32Array, reorder)
Napi::Value CreateCart(const Info& info) {
  std::vector<int> dims = Ints(info[1]), periods = Ints(info[2]);
  MPI_Comm comm = CommArg(info), out;
  request::ServedCollective served(info.Env());
  Check(info.Env(),
        MPI_Cart_create(comm, static_cast<int>(dims.size()), dims.data(), periods.data(),
                        info[3].ToBoolean() ? 1 : 0, &out),
        "MPI_Cart_create");
  return NewComm(info.Env(), out);
}

// -> [dims, periods, coords]
Napi::Value CartGet(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int ndim = 0;
  Check(env, MPI_Cartdim_get(comm, &ndim), "MPI_Cartdim_get");
  std::vector<int> dims(ndim), periods(ndim), coords(ndim);
  Check(env, MPI_Cart_get(comm, ndim, dims.data(), periods.data(), coords.data()), "MPI_Cart_get");
  auto out = Napi::Array::New(env, 3);
  out[0u] = IntArray(env, dims);
  out[1u] = IntArray(env, periods);
  out[2u] = IntArray(env, coords);
  return out;
}

Napi::Value CartRank(const Info& info) {
  std::vector<int> coords = Ints(info[1]);
  int rank = 0;
  Check(info.Env(), MPI_Cart_rank(CommArg(info), coords.data(), &rank), "MPI_Cart_rank");
  return Napi::Number::New(info.Env(), rank);
}

Napi::Value CartCoords(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int ndim = 0;
  Check(env, MPI_Cartdim_get(comm, &ndim), "MPI_Cartdim_get");
  std::vector<int> coords(ndim);
  Check(env, MPI_Cart_coords(comm, IntArg(info, 1, "MPI_Cart_coords", "rank"), ndim, coords.data()), "MPI_Cart_coords");
  return IntArray(env, coords);
}

Napi::Value CartShift(const Info& info) {
  int source = 0, dest = 0;
  Check(info.Env(), MPI_Cart_shift(CommArg(info), IntArg(info, 1, "MPI_Cart_shift", "direction"), IntArg(info, 2, "MPI_Cart_shift", "disp"), &source, &dest), "MPI_Cart_shift");
  return IntArray(info.Env(), {source, dest});
}

Napi::Value CartSub(const Info& info) {
  std::vector<int> remain = Ints(info[1]);
  MPI_Comm comm = CommArg(info), out;
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Cart_sub(comm, remain.data(), &out), "MPI_Cart_sub");
  return NewComm(info.Env(), out);
}

// --- largecount ------------------------------------------------------------------

// (comm, flag) -> the largest flag of any rank: lib/comm/comm.ts's v-variant agreement, so that counts only the
// root sees refuse the call on every rank (a collective like the one it precedes).
Napi::Value AgreeMax(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int flag = IntArg(info, 1, "agreeMax", "flag"), any = 0;
  Blocking scope("Allreduce", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Allreduce(&flag, &any, 1, MPI_INT, MPI_MAX, comm), "MPI_Allreduce");
  return Napi::Number::New(info.Env(), any);
}

// (count, datatype) -> [count, combiner, size, lb, extent] of what largecount::Fit hands MPI: the tests'
// look at the emulating type itself (its data paths are checked by the programs that move data).
Napi::Value FitJs(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Count count = ReadInteger<MPI_Count>(env, info[0], "fit", "count", 0);
  Fit f(env, count, datatype::Get(env, info[1]).type, "fit");
  int ni = 0, na = 0, nd = 0, combiner = 0;
  MPI_Count size = 0, lb = 0, extent = 0;
  Check(env, MPI_Type_get_envelope(f.type, &ni, &na, &nd, &combiner), "MPI_Type_get_envelope");
  Check(env, MPI_Type_size_x(f.type, &size), "MPI_Type_size_x");
  Check(env, MPI_Type_get_extent_x(f.type, &lb, &extent), "MPI_Type_get_extent_x");
  auto out = Napi::Array::New(env, 5);
  double values[5] = {static_cast<double>(f.count), static_cast<double>(combiner), static_cast<double>(size),
                      static_cast<double>(lb), static_cast<double>(extent)};
  for (uint32_t i = 0; i < 5; ++i) out[i] = Napi::Number::New(env, values[i]);
  return out;
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  Addon::Of(env).comms.Reserve(kCommWorld, MPI_COMM_WORLD);
  Addon::Of(env).comms.Reserve(kCommSelf, MPI_COMM_SELF);
  auto comm = Napi::Object::New(env);
  // The name rides along as the function's data: buffer::Read names the call in its errors.
  auto add = [&](const char* name, auto fn) {
    comm[name] = Napi::Function::New(env, fn, name, const_cast<char*>(name));
  };
  add("rank", GetRank);
  add("size", GetSize);
  add("topoTest", TopoTest);
  add("getName", GetName);
  add("setName", SetName);
  add("Send", Send);
  add("Ssend", Ssend);
  add("Recv", Recv);
  add("Sendrecv", Sendrecv);
  add("Isend", Isend);
  add("Issend", Issend);
  add("Irecv", Irecv);
  add("Probe", Probe);
  add("Iprobe", Iprobe);
  add("recvBytes", RecvBytes);
  add("irecvBytes", IrecvBytes);
  add("sendBytes", SendBytes);
  add("isendBytes", IsendBytes);
  add("bcastBytes", BcastBytes);
  // The largest byte count sent as plain MPI_BYTEs (bytes.h): lib/msgpickle.ts splits collectives above it.
  comm["bytesLimit"] = Napi::Number::New(env, static_cast<double>(bytes::Limit()));
  // --- largecount: the largest count MPI takes as is without `_c` (largecount.h); lib/comm/comm.ts's v-variant
  // agreement and the tests read it.
  comm["countLimit"] = Napi::Number::New(env, static_cast<double>(largecount::Limit()));
  add("Barrier", Barrier);
  add("Ibarrier", Ibarrier);
  add("Bcast", Bcast);
  add("Ibcast", Ibcast);
  add("Gather", Gather);
  add("Igather", Igather);
  add("Gatherv", Gatherv);
  add("Igatherv", Igatherv);
  add("Scatter", Scatter);
  add("Iscatter", Iscatter);
  add("Scatterv", Scatterv);
  add("Iscatterv", Iscatterv);
  add("Allgather", Allgather);
  add("Iallgather", Iallgather);
  add("Allgatherv", Allgatherv);
  add("Iallgatherv", Iallgatherv);
  add("Alltoall", Alltoall);
  add("Ialltoall", Ialltoall);
  add("Alltoallv", Alltoallv);
  add("Ialltoallv", Ialltoallv);
  add("Reduce", Reduce);
  add("Ireduce", Ireduce);
  add("Allreduce", Allreduce);
  add("Iallreduce", Iallreduce);
  add("Scan", Scan);
  add("Exscan", Exscan);
  add("Reduce_scatter_block", ReduceScatterBlock);
  add("Dup", Dup);
  add("Split", Split);
  add("Split_type", SplitType);
  add("Create", Create);
  add("Free", Free);
  add("Compare", Compare);
  add("Get_group", GetGroup);
  add("Abort", Abort);
  add("Create_cart", CreateCart);
  add("Cart_get", CartGet);
  add("Cart_rank", CartRank);
  add("Cart_coords", CartCoords);
  add("Cart_shift", CartShift);
  add("Cart_sub", CartSub);
  add("agreeMax", AgreeMax);
  add("fit", FitJs);
  exports["comm"] = comm;
}

}  // namespace mpi4js::comm
