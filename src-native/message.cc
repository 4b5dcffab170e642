// Matched probes: a Message is a probed message that no other receive can take.
#include <mpi.h>
#include <napi.h>

#include "message.h"

#include "buffer.h"
#include "deadline.h"
#include "environment.h"
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
    while (request::Pending()) {
      if (improbe()) return true;
      sched_yield();
    }
    Check(env, MPI_Mprobe(source, tag, comm, msg, st), "MPI_Mprobe");
    return true;
  }
  return deadline.Until(improbe);
}

namespace {

MPI_Comm CommArg(const Info& info) {
  environment::EnsureActive(info.Env());
  return comms.Get(info.Env(), info[0]);
}

// The message at info[0]; MPI resets the handle once it is received.
MPI_Message& MessageArg(const Info& info) {
  environment::EnsureActive(info.Env());
  return messages.Get(info.Env(), info[0]);
}

// (comm, source, tag, status, timeoutMs?) -> message id, or -1 if the timeout passed first
Napi::Value Mprobe(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int source = IntArg(info, 1), tag = IntArg(info, 2);
  MPI_Status* st = status::Read(env, info[3]);
  Deadline deadline(TimeoutArg(info[4]));
  watchdog::Scope scope("Mprobe", comm, source, tag);
  MPI_Message msg;
  if (!ProbeUntil(env, comm, source, tag, deadline, &msg, st)) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, messages.Add(msg));
}

// (comm, source, tag, status) -> message id, or -1 when nothing matched
Napi::Value Improbe(const Info& info) {
  MPI_Comm comm = CommArg(info);
  request::Serve(info.Env());  // an improbe loop may wait for a sender blocked on one of them
  MPI_Message msg;
  int flag = 0;
  Check(info.Env(),
        MPI_Improbe(IntArg(info, 1), IntArg(info, 2), comm, &flag, &msg, status::Read(info.Env(), info[3])),
        "MPI_Improbe");
  return Napi::Number::New(info.Env(), flag ? messages.Add(msg) : -1);
}

// Whether the message is MESSAGE_NO_PROC (a probe of PROC_NULL).
Napi::Value IsNoProc(const Info& info) { return Napi::Boolean::New(info.Env(), MessageArg(info) == MPI_MESSAGE_NO_PROC); }

// (msg, triple, status)
void Mrecv(const Info& info) {
  MPI_Message& msg = MessageArg(info);
  buffer::Msg m = buffer::Read(info, 1);
  int32_t id = IntArg(info, 0);
  watchdog::Scope scope("Message.Recv", MPI_COMM_NULL, watchdog::kNone, watchdog::kNone);
  Check(info.Env(), MPI_Mrecv(m.ptr, m.count, m.type, &msg, status::Read(info.Env(), info[4])), "MPI_Mrecv");
  messages.Remove(id);
}

// (msg, triple) -> request id
Napi::Value Imrecv(const Info& info) {
  MPI_Message& msg = MessageArg(info);
  buffer::Msg m = buffer::Read(info, 1);
  int32_t id = IntArg(info, 0);
  MPI_Request req;
  Check(info.Env(), MPI_Imrecv(m.ptr, m.count, m.type, &msg, &req), "MPI_Imrecv");
  messages.Remove(id);
  return Napi::Number::New(info.Env(), request::Add(info.Env(), req, request::Origin{"Message.Irecv"}, {info[1]}));
}

// The probed size in bytes of a message, from its status: allocate, then receive.
Napi::Value NewBuffer(const Info& info, MPI_Status* st) {
  int count = 0;
  MPI_Get_count(st, MPI_BYTE, &count);
  return Napi::Buffer<uint8_t>::New(info.Env(), count < 0 ? 0 : count);
}

// (msg, probeStatus, status) -> Buffer with the whole message
Napi::Value MrecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  auto buf = NewBuffer(info, status::Read(env, info[1])).As<Napi::Buffer<uint8_t>>();
  int32_t id = IntArg(info, 0);
  Check(env, MPI_Mrecv(buf.Data(), static_cast<int>(buf.Length()), MPI_BYTE, &msg, status::Read(env, info[2])),
        "MPI_Mrecv");
  messages.Remove(id);
  return buf;
}

// (msg, probeStatus) -> request id whose completion hands back the Buffer
Napi::Value ImrecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Message& msg = MessageArg(info);
  auto buf = NewBuffer(info, status::Read(env, info[1])).As<Napi::Buffer<uint8_t>>();
  int32_t id = IntArg(info, 0);
  MPI_Request req;
  Check(env, MPI_Imrecv(buf.Data(), static_cast<int>(buf.Length()), MPI_BYTE, &msg, &req), "MPI_Imrecv");
  messages.Remove(id);
  return Napi::Number::New(env, request::Add(env, req, request::Origin{"Message.irecv"}, {}, buf));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto m = Napi::Object::New(env);
  m["Mprobe"] = Napi::Function::New(env, Mprobe);
  m["Improbe"] = Napi::Function::New(env, Improbe);
  m["isNoProc"] = Napi::Function::New(env, IsNoProc);
  m["Mrecv"] = Napi::Function::New(env, Mrecv);
  m["Imrecv"] = Napi::Function::New(env, Imrecv);
  m["mrecvBytes"] = Napi::Function::New(env, MrecvBytes);
  m["imrecvBytes"] = Napi::Function::New(env, ImrecvBytes);
  exports["message"] = m;
}

}  // namespace mpi4js::message
