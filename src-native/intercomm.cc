// Intercommunicators (mirrors lib/comm/intercomm.ts): making one from two
// groups' leaders, merging one into an intracommunicator, its remote group, and
// the test every communicator answers. Collectives on one are comm.cc's, whose
// buffer checks count the remote group (call_args::Peers, AtRoot).
#include <mpi.h>
#include <napi.h>

#include <string>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "register.h"
#include "request.h"

namespace mpi4js::intercomm {

namespace {

using call_args::CommArg;
using errors::Check;
using Info = Napi::CallbackInfo;

// A new communicator's id, reporting errors by return as comm.cc's do.
Napi::Value NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Napi::Number::New(env, Addon::Of(env).comms.Add(comm));
}

Napi::Value TestInter(const Info& info) {
  int flag = 0;
  Check(info.Env(), MPI_Comm_test_inter(CommArg(info), &flag), "MPI_Comm_test_inter");
  return Napi::Boolean::New(info.Env(), flag != 0);
}

Napi::Value RemoteSize(const Info& info) {
  int n = 0;
  Check(info.Env(), MPI_Comm_remote_size(CommArg(info), &n), "MPI_Comm_remote_size");
  return Napi::Number::New(info.Env(), n);
}

Napi::Value RemoteGroup(const Info& info) {
  MPI_Group g;
  Check(info.Env(), MPI_Comm_remote_group(CommArg(info), &g), "MPI_Comm_remote_group");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).groups.Add(g));
}

// (local comm, local_leader, peer comm, remote_leader, tag) -> id. The peer
// communicator is significant at the local leader only: elsewhere it may be COMM_NULL.
Napi::Value Create(const Info& info) {
  MPI_Comm local = CommArg(info), out;
  int local_leader = IntArg(info, 1, "MPI_Intercomm_create", "local_leader");
  MPI_Comm peer = Addon::Of(info.Env()).comms.Get(info.Env(), info[2]);
  int remote_leader = IntArg(info, 3, "MPI_Intercomm_create", "remote_leader");
  int tag = IntArg(info, 4, "MPI_Intercomm_create", "tag");
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Intercomm_create(local, local_leader, peer, remote_leader, tag, &out), "MPI_Intercomm_create");
  return NewComm(info.Env(), out);
}

// (intercomm, high) -> id of the merged intracommunicator
Napi::Value Merge(const Info& info) {
  MPI_Comm comm = CommArg(info), out;
  bool high = info[1].As<Napi::Boolean>();
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Intercomm_merge(comm, high ? 1 : 0, &out), "MPI_Intercomm_merge");
  return NewComm(info.Env(), out);
}

#if MPI4JS_MPI4
MPI_Group GroupArg(const Info& info, size_t i) { return Addon::Of(info.Env()).groups.Get(info.Env(), info[i]); }

// (local group, local_leader, remote group, remote_leader, stringtag) -> id (MPI-4.0)
Napi::Value CreateFromGroups(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Group local = GroupArg(info, 0), remote = GroupArg(info, 2);
  int local_leader = IntArg(info, 1, "MPI_Intercomm_create_from_groups", "local_leader");
  int remote_leader = IntArg(info, 3, "MPI_Intercomm_create_from_groups", "remote_leader");
  std::string tag = info[4].As<Napi::String>();
  MPI_Comm out;
  request::ServedCollective served(info.Env());
  Check(info.Env(),
        MPI_Intercomm_create_from_groups(local, local_leader, remote, remote_leader, tag.c_str(), MPI_INFO_NULL,
                                         MPI_ERRORS_RETURN, &out),
        "MPI_Intercomm_create_from_groups");
  return NewComm(info.Env(), out);
}
#endif

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "testInter", TestInter);
  Register(env, comm, "remoteSize", RemoteSize);
  Register(env, comm, "remoteGroup", RemoteGroup);
  Register(env, comm, "Intercomm_create", Create);
  Register(env, comm, "Intercomm_merge", Merge);
#if MPI4JS_MPI4
  Register(env, comm, "Intercomm_create_from_groups", CreateFromGroups);
#endif
}

}  // namespace mpi4js::intercomm
