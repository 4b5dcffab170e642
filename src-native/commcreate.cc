// The communicator calls that take or give info objects (issue 13), Idup, and
// what lib/comm/collect.ts needs to free communicators dropped by JavaScript.
// They add to exports.comm; the ones without info stay in comm.cc.
#include <mpi.h>
#include <napi.h>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "request.h"

namespace mpi4js::commcreate {

namespace {

using call_args::CommArg;
using call_args::InfoArg;
using errors::Check;
using Info = Napi::CallbackInfo;

// As comm.cc's: errors of the new communicator come back as codes (MPI.Exception).
Napi::Value NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Napi::Number::New(env, Addon::Of(env).comms.Add(comm));
}

// (comm, info)
Napi::Value DupWithInfo(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  MPI_Info hints = InfoArg(info, 1);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_dup_with_info(comm, hints, &out), "MPI_Comm_dup_with_info");
  return NewComm(info.Env(), out);
}

// (comm, info?) -> [request id, cell]: MPI may write the new handle only at
// completion (Open MPI does), so it goes to a cell the request keeps alive;
// idupResult reads it once the request completed.
Napi::Value Idup(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  bool with_info = info.Length() > 1 && !info[1].IsUndefined();
  MPI_Info hints = with_info ? InfoArg(info, 1) : MPI_INFO_NULL;
  auto cell = Napi::ArrayBuffer::New(env, sizeof(MPI_Comm));
  MPI_Comm* out = static_cast<MPI_Comm*>(cell.Data());
  *out = MPI_COMM_NULL;
  MPI_Request req;
  if (with_info) {
#if MPI4JS_HAVE_IDUP_WITH_INFO
    Check(env, MPI_Comm_idup_with_info(comm, hints, out, &req), "MPI_Comm_idup_with_info");
#else
    (void)hints;
    errors::Throw(env, MPI_ERR_OTHER, "MPI_Comm_idup_with_info");  // lib/ refuses it first (NotImplementedError)
#endif
  } else {
    Check(env, MPI_Comm_idup(comm, out, &req), "MPI_Comm_idup");
  }
  auto result = Napi::Array::New(env, 2);
  result[0u] = call_args::NewRequest(info, req, request::Origin{"Idup", comm}, {cell});
  result[1u] = cell;
  return result;
}

// (cell) -> the id of the communicator an idup completed with
Napi::Value IdupResult(const Info& info) {
  environment::EnsureActive(info.Env());
  auto cell = info[0].As<Napi::ArrayBuffer>();
  return NewComm(info.Env(), *static_cast<MPI_Comm*>(cell.Data()));
}

// (comm, group, tag): only the group's members call it
Napi::Value CreateGroup(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  MPI_Group group = Addon::Of(info.Env()).groups.Get(info.Env(), info[1]);
  int tag = IntArg(info, 2, "MPI_Comm_create_group", "tag");
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_create_group(comm, group, tag, &out), "MPI_Comm_create_group");
  return NewComm(info.Env(), out);
}

// (comm, split_type, key, info)
Napi::Value SplitType(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  int type = IntArg(info, 1, "MPI_Comm_split_type", "split_type"), key = IntArg(info, 2, "MPI_Comm_split_type", "key");
  MPI_Info hints = InfoArg(info, 3);
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_split_type(comm, type, key, hints, &out), "MPI_Comm_split_type");
  return NewComm(info.Env(), out);
}

void SetInfo(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Check(info.Env(), MPI_Comm_set_info(comm, InfoArg(info, 1)), "MPI_Comm_set_info");
}

Napi::Value GetInfo(const Info& info) {
  MPI_Info out;
  Check(info.Env(), MPI_Comm_get_info(CommArg(info), &out), "MPI_Comm_get_info");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).infos.Add(out));
}

// (id) -> whether lib/comm/collect.ts may free the communicator now: a live
// handle of its own (not predefined) that no request in flight names (MPI
// would complete those, but the watchdog and the object receives still use
// the handle). A stale id (freed since) is not.
Napi::Value Collectable(const Info& info) {
  auto env = info.Env();
  if (!environment::Active()) return Napi::Boolean::New(env, false);
  int32_t id = IdValue(env, info[0], "communicator");
  Addon& addon = Addon::Of(env);
  if (id <= kCommSelf || !addon.comms.Live(id)) return Napi::Boolean::New(env, false);
  MPI_Comm comm = addon.comms.Get(env, info[0]);
  for (const request::Slot& s : addon.requests.slots) {
    if (s.in_use && s.origin.comm == comm) return Napi::Boolean::New(env, false);
  }
  return Napi::Boolean::New(env, true);
}

// Communicators alive in the table (the null and predefined ones included), for tests of leaks.
Napi::Value Live(const Info& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).comms.Count()));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  auto add = [&](const char* name, auto fn) { comm[name] = Napi::Function::New(env, fn, name); };
  add("Dup_with_info", DupWithInfo);
  add("Idup", Idup);
  add("idupResult", IdupResult);
  add("Create_group", CreateGroup);
  add("Split_type_info", SplitType);
  add("Set_info", SetInfo);
  add("Get_info", GetInfo);
  add("collectable", Collectable);
  add("live", Live);
}

}  // namespace mpi4js::commcreate
