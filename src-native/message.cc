// Matched probes: a Message is a probed message that no other receive can take.
#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <exception>
#include <vector>

#include "message.h"

#include "bytes.h"
#include "largecount.h"

#include "buffer.h"
#include "deadline.h"
#include "environment.h"
#include "addon.h"
#include "errors.h"
#include "handles.h"
#include "request.h"
#include "status.h"

namespace mpi4js::message {

namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

}  // namespace

bool ProbeUntil(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, MPI_Message* msg,
                MPI_Status* st) {
  auto improbe = [&] {
    // Pending object receives: older ones take what is waiting first, and the
    // sender of the message probed for may be blocked on one of them.
    request::Serve(env);
    int flag = 0;
    Check(env, MPI_Improbe(source, tag, comm, &flag, msg, st), "MPI_Improbe");
    return flag != 0;
  };
  if (deadline.Unbounded()) {
    while (request::Pending(env)) {
      if (improbe()) return true;
      sched_yield();
    }
    Check(env, MPI_Mprobe(source, tag, comm, msg, st), "MPI_Mprobe");
    return true;
  }
  return deadline.Until(improbe);
}

bool MatchInOrder(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, bool blocking,
                  MPI_Message* msg, MPI_Status* st) {
  MPI_Status local;
  if (st == MPI_STATUS_IGNORE) st = &local;  // Divert reads the source and tag
  auto attempt = [&] {
    for (;;) {
      // Older irecvs take theirs first, on every communicator (a sender may be blocked on one).
      request::Serve(env);
      int flag = 0;
      Check(env, MPI_Improbe(source, tag, comm, &flag, msg, st), "MPI_Improbe");
      if (!flag) return false;
      // A probe of PROC_NULL matches at once, and is no irecv's message.
      if (st->MPI_SOURCE == MPI_PROC_NULL || !request::Divert(env, comm, *msg, st)) return true;
    }
  };
  if (!blocking) return attempt();
  if (request::OlderReceivesOn(env, comm)) return deadline.Until(attempt);  // poll, serving them
  // No irecv waits on comm, and none can be posted while this call blocks.
  return ProbeUntil(env, comm, source, tag, deadline, msg, st);
}

bool PeekInOrder(Napi::Env env, MPI_Comm comm, int source, int tag, const Deadline& deadline, bool blocking,
                 MPI_Status* st) {
  MPI_Status local;
  if (st == MPI_STATUS_IGNORE) st = &local;
  auto attempt = [&] {
    for (;;) {
      request::Serve(env);  // as in MatchInOrder
      int flag = 0;
      Check(env, MPI_Iprobe(source, tag, comm, &flag, st), "MPI_Iprobe");
      if (!flag) return false;
      if (st->MPI_SOURCE == MPI_PROC_NULL || !request::Claimed(env, comm, *st)) return true;  // else it arrived for an irecv: serve it, look again
    }
  };
  if (!blocking) return attempt();
  // Poll while any irecv waits (it may be what the sender needs) or a timeout applies.
  if (request::Pending(env) || !deadline.Unbounded()) return deadline.Until(attempt);
  Check(env, MPI_Probe(source, tag, comm, st), "MPI_Probe");
  return true;
}

namespace {

// Open MPI 4.1's matched probes report MPI_COMM_NULL through COMM_NULL's own
// handler, MPI_ERRORS_ARE_FATAL (the job ends), unlike its other calls: it is
// refused here with the MPI.Exception (ERR_COMM) every other call gives.
MPI_Comm CommArg(const Info& info, const char* call) {
  environment::EnsureActive(info.Env());
  MPI_Comm comm = Addon::Of(info.Env()).comms.Get(info.Env(), info[0], call);
  if (comm == MPI_COMM_NULL) errors::Throw(info.Env(), MPI_ERR_COMM, call);
  return comm;
}

// The message at info[0]; MPI resets the handle once it is received.
MPI_Message& MessageArg(const Info& info) {
  environment::EnsureActive(info.Env());
  return Addon::Of(info.Env()).messages.Get(info.Env(), info[0]);
}

// (comm, source, tag, status, timeoutMs?) -> message id, or -1 if the timeout passed first
Napi::Value Mprobe(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info, "MPI_Mprobe");
  int source = IntArg(info, 1, "MPI_Mprobe", "source"), tag = IntArg(info, 2, "MPI_Mprobe", "tag");
  MPI_Status* st = status::Read(env, info[3]);
  Deadline deadline(TimeoutArg(info[4]));
  watchdog::Scope scope("Mprobe", comm, source, tag);
  MPI_Message msg;
  if (!MatchInOrder(env, comm, source, tag, deadline, true, &msg, st)) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, Addon::Of(env).messages.Add(msg));
}

// (comm, source, tag, status) -> message id, or -1 when nothing matched
Napi::Value Improbe(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info, "MPI_Improbe");
  request::Serve(info.Env());  // an improbe loop may wait for a sender blocked on one of them
  MPI_Message msg;
  bool found = MatchInOrder(env, comm, IntArg(info, 1, "MPI_Improbe", "source"), IntArg(info, 2, "MPI_Improbe", "tag"), Deadline(-1), false, &msg,
                            status::Read(env, info[3]));
  return Napi::Number::New(env, found ? Addon::Of(env).messages.Add(msg) : -1);
}

// Whether the message is MESSAGE_NO_PROC (a probe of PROC_NULL).
Napi::Value IsNoProc(const Info& info) { return Napi::Boolean::New(info.Env(), MessageArg(info) == MPI_MESSAGE_NO_PROC); }

// Refuses, before MPI takes the message, a receive it would truncate: MPI
// consumes a matched message even when the receive fails, so the check must
// come first for the message to stay with its Message (mpi4py's semantics).
void CheckFits(Napi::Env env, const buffer::Msg& m, MPI_Status* probed, const char* call) {
  if (m.in_place || probed == MPI_STATUS_IGNORE) return;
  MPI_Count bytes = 0;
  MPI_Get_elements_x(probed, MPI_BYTE, &bytes);
  // _x: a derived type may pass INT_MAX bytes (a contiguous type of a whole part, as pkl5's), where MPI_Type_size gives MPI_UNDEFINED.
  MPI_Count size = 0;
  MPI_Type_size_x(m.type, &size);
  int64_t capacity = 0;
  if (size < 0 || __builtin_mul_overflow(static_cast<int64_t>(m.count), static_cast<int64_t>(size), &capacity)) return;  // past int64: holds any message
  if (static_cast<int64_t>(bytes) > capacity) errors::Throw(env, MPI_ERR_TRUNCATE, call);
}

// Once MPI has been called the message is gone (it resets the handle), whether
// the receive succeeded or not: forget its id, then report MPI's outcome.
void Consumed(Napi::Env env, int32_t id, int rc, const char* call) {
  Addon::Of(env).messages.Remove(id);
  Check(env, rc, call);
}

// (msg, triple, status, probeStatus)
void Mrecv(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  buffer::Msg m = buffer::Read(info, 1);
  MPI_Status* st = status::Read(env, info[4]);
  CheckFits(env, m, status::Read(env, info[5]), "Message.Recv");  // checked before MPI: named as the caller calls it
  int32_t id = IdValue(info.Env(), info[0], "message");
  largecount::Fit f(env, m, "Message.Recv");
  watchdog::Scope scope("Message.Recv", MPI_COMM_NULL, watchdog::kNone, watchdog::kNone);
  Consumed(env, id, MPI4JS_C(MPI_Mrecv)(m.ptr, f.count, f.type, &msg, st), "MPI_Mrecv");
}

// (msg, triple, probeStatus) -> request id
Napi::Value Imrecv(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  buffer::Msg m = buffer::Read(info, 1);
  CheckFits(env, m, status::Read(env, info[4]), "Message.Irecv");  // checked before MPI: named as the caller calls it
  int32_t id = IdValue(info.Env(), info[0], "message");
  largecount::Fit f(env, m, "Message.Irecv");
  MPI_Request req;
  Consumed(env, id, MPI4JS_C(MPI_Imrecv)(m.ptr, f.count, f.type, &msg, &req), "MPI_Imrecv");
  return Napi::Number::New(env, request::Add(env, req, request::Origin{"Message.Irecv"}, {info[1]}));
}

// The probed size in bytes of a message, from its status: allocate, then receive.
Napi::Value NewBuffer(const Info& info, MPI_Status* st) {
  return Napi::Buffer<uint8_t>::New(info.Env(), static_cast<size_t>(bytes::Of(*st)));  // 64-bit (bytes.h)
}

// (msg, probeStatus, status) -> Buffer with the whole message
Napi::Value MrecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  MPI_Status* probed = status::Read(env, info[1]);
  MPI_Status* st = status::Read(env, info[2]);
  auto buf = NewBuffer(info, probed).As<Napi::Buffer<uint8_t>>();
  int32_t id = IdValue(info.Env(), info[0], "message");
  bytes::Span span(static_cast<int64_t>(buf.Length()));
  Consumed(env, id, MPI_Mrecv(buf.Data(), span.count, span.type, &msg, st), "MPI_Mrecv");
  return buf;
}

// (msg, probeStatus) -> request id whose completion hands back the Buffer
Napi::Value ImrecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  auto buf = NewBuffer(info, status::Read(env, info[1])).As<Napi::Buffer<uint8_t>>();
  int32_t id = IdValue(info.Env(), info[0], "message");
  MPI_Request req;
  bytes::Span span(static_cast<int64_t>(buf.Length()));
  Consumed(env, id, MPI_Imrecv(buf.Data(), span.count, span.type, &msg, &req), "MPI_Imrecv");
  return Napi::Number::New(env, request::Add(env, req, request::Origin{"Message.irecv"}, {}, buf));
}

// held(id) -> whether the message is still there to receive (no receive took it).
Napi::Value Held(const Info& info) {
  int32_t id = IdValue(info.Env(), info[0], "message");
  return Napi::Boolean::New(info.Env(), id > 0 && Addon::Of(info.Env()).messages.Live(id));
}

// drop(id, probeStatus) -> whether a message was discarded. Its Message was
// garbage collected unreceived (lib/message.ts): a matched message can be
// taken by no other receive, so it is received here, into scratch memory, and
// thrown away, freeing MPI's handle and the id. Never throws (a finalizer calls it).
Napi::Value Drop(const Info& info) {
  auto env = info.Env();
  int32_t id = IdValue(env, info[0], "message");
  if (!environment::Active() || id <= 0 || !Addon::Of(env).messages.Live(id)) return Napi::Boolean::New(env, false);
  MPI_Message& msg = Addon::Of(env).messages.Get(env, info[0]);
  bool real = msg != MPI_MESSAGE_NO_PROC;
  MPI_Status* probed = info[1].IsTypedArray() ? status::Read(env, info[1]) : MPI_STATUS_IGNORE;
  // 64-bit (an int MPI_Get_count is MPI_UNDEFINED past 2 GiB): the whole
  // message, so that the receive raises no truncation through the
  // communicator's handler (ERRORS_ARE_FATAL would end the job).
  int64_t bytes = probed != MPI_STATUS_IGNORE ? bytes::Of(*probed) : 0;
  std::vector<char> scratch;
  try {
    scratch.resize(static_cast<uint64_t>(bytes) <= SIZE_MAX - 1 ? static_cast<size_t>(bytes) + 1 : 0);
  } catch (const std::exception&) {  // no memory for it: receiving none still consumes it (a truncation)
  }
  if (scratch.empty()) bytes = 0;
  // As bytes, whatever its datatype (its content is not looked at); past
  // Limit() as one item of a derived type, as the byte messages travel.
  bytes::Span span(bytes);
  MPI_Mrecv(scratch.empty() ? nullptr : scratch.data(), span.count, span.type, &msg, MPI_STATUS_IGNORE);
  Addon::Of(env).messages.Remove(id);
  return Napi::Boolean::New(env, real);
}

// live() -> message ids in use (tests of leaks; not public API).
Napi::Value Live(const Info& info) { return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).messages.Count())); }

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto m = Napi::Object::New(env);
  m["Mprobe"] = Napi::Function::New(env, Mprobe);
  m["Improbe"] = Napi::Function::New(env, Improbe);
  m["isNoProc"] = Napi::Function::New(env, IsNoProc);
  m["Mrecv"] = Napi::Function::New(env, Mrecv, "Mrecv", const_cast<char*>("Message.Recv"));
  m["Imrecv"] = Napi::Function::New(env, Imrecv, "Imrecv", const_cast<char*>("Message.Irecv"));
  m["mrecvBytes"] = Napi::Function::New(env, MrecvBytes);
  m["imrecvBytes"] = Napi::Function::New(env, ImrecvBytes);
  m["held"] = Napi::Function::New(env, Held);
  m["drop"] = Napi::Function::New(env, Drop);
  m["live"] = Napi::Function::New(env, Live);
  exports["message"] = m;
}

}  // namespace mpi4js::message
