// MPI-4 sessions (mirrors lib/session.ts): ids into the Addon's session table,
// the MPI_Session_* calls, and MPI_Comm_create_from_group, the sessions' route
// from a process set's group to a communicator (lib/comm/intracomm.ts's
// Intracomm.Create_from_group). Built only against an MPI-4 library: elsewhere
// exports.session.available is false and lib/session.ts throws NotImplementedError.
// Arguments arrive checked (strings without NUL, n in range) by lib/session.ts.
#include <mpi.h>
#include <napi.h>

#include <string>
#include <vector>

#include "addon.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "implementation.h"
#include "register.h"
#include "request.h"

namespace mpi4js::session {

#if MPI4JS_MPI4
namespace {

using errors::Check;
using Info = Napi::CallbackInfo;

// info[i] as a session; MPI must be active (sessions live beside the world model here).
// A finalized session's stale id is MPI.Exception ERR_SESSION naming call.
MPI_Session SessionArg(const Info& info, const char* call) {
  environment::EnsureActive(info.Env());
  return Addon::Of(info.Env()).sessions.Get(info.Env(), info[0], call);
}

MPI_Info InfoArg(const Info& info, size_t i) { return Addon::Of(info.Env()).infos.Get(info.Env(), info[i]); }

MPI_Errhandler ErrhandlerArg(const Info& info, size_t i, const char* call) {
  return Addon::Of(info.Env()).errhandlers.Get(info.Env(), info[i], call);
}

Napi::Value NewInfo(Napi::Env env, MPI_Info i) { return Napi::Number::New(env, Addon::Of(env).infos.Add(i)); }

// (info, errhandler) -> id. lib/session.ts passes ERRORS_RETURN when none is
// given: errors come back as codes (then MPI.Exception), as on communicators.
Napi::Value SessionInit(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Info hints = InfoArg(info, 0);
  MPI_Errhandler eh = ErrhandlerArg(info, 1, "Session.Init");
  MPI_Session s = MPI_SESSION_NULL;
  Check(env, MPI_Session_init(hints, eh, &s), "MPI_Session_init");
  // MPICH 4.0.2 keeps MPI_ERRORS_ARE_FATAL whatever MPI_Session_init is given
  // (measured: Get_errhandler answers it): set the handler asked for again.
  int rc = MPI_Session_set_errhandler(s, eh);
  if (rc != MPI_SUCCESS) {
    MPI_Session_finalize(&s);
    errors::Throw(env, rc, "MPI_Session_set_errhandler");
  }
  int32_t id = Addon::Of(env).sessions.Add(s);
  if (id < 0) {
    MPI_Session_finalize(&s);
    throw Napi::RangeError::New(env, "Session.Init: too many sessions");
  }
  return Napi::Number::New(env, id);
}

// (session): MPI_Session_finalize, then the id is forgotten.
Napi::Value Finalize(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Session& s = Addon::Of(env).sessions.Get(env, info[0], "MPI_Session_finalize");
  request::ServedCollective served(env);  // may synchronise, as a disconnect of its communicators
  Check(env, MPI_Session_finalize(&s), "MPI_Session_finalize");
  Addon::Of(env).sessions.Remove(IdValue(env, info[0], "session"));
  return env.Undefined();
}

// (session, info) -> number of process sets
Napi::Value NumPsets(const Info& info) {
  int n = 0;
  MPI_Session s = SessionArg(info, "MPI_Session_get_num_psets");
  Check(info.Env(), MPI_Session_get_num_psets(s, InfoArg(info, 1), &n), "MPI_Session_get_num_psets");
  return Napi::Number::New(info.Env(), n);
}

// (session, n, info) -> the n-th process set's name (0 <= n < num_psets, lib/session.ts checks)
Napi::Value NthPset(const Info& info) {
  auto env = info.Env();
  MPI_Session s = SessionArg(info, "MPI_Session_get_nth_pset");
  int n = IntArg(info, 1, "MPI_Session_get_nth_pset", "n");
  MPI_Info hints = InfoArg(info, 2);
  // Room for the longest name and its NUL; MPI writes at most len bytes.
  std::vector<char> name(MPI_MAX_PSET_NAME_LEN + 1, '\0');
  int len = MPI_MAX_PSET_NAME_LEN;
  Check(env, MPI_Session_get_nth_pset(s, hints, n, &len, name.data()), "MPI_Session_get_nth_pset");
  name[MPI_MAX_PSET_NAME_LEN] = '\0';
  return Napi::String::New(env, name.data());
}

// (session) -> id of a new info object
Napi::Value GetInfo(const Info& info) {
  MPI_Info out = MPI_INFO_NULL;
  MPI_Session s = SessionArg(info, "MPI_Session_get_info");
  Check(info.Env(), MPI_Session_get_info(s, &out), "MPI_Session_get_info");
  return NewInfo(info.Env(), out);
}

// (session, pset name) -> id of a new info object
Napi::Value GetPsetInfo(const Info& info) {
  MPI_Session s = SessionArg(info, "MPI_Session_get_pset_info");
  std::string name = info[1].As<Napi::String>();
  MPI_Info out = MPI_INFO_NULL;
  Check(info.Env(), MPI_Session_get_pset_info(s, name.c_str(), &out), "MPI_Session_get_pset_info");
  return NewInfo(info.Env(), out);
}

// (session, pset name) -> id of a new group
Napi::Value CreateGroup(const Info& info) {
  MPI_Session s = SessionArg(info, "MPI_Group_from_session_pset");
  std::string name = info[1].As<Napi::String>();
  MPI_Group out = MPI_GROUP_NULL;
  Check(info.Env(), MPI_Group_from_session_pset(s, name.c_str(), &out), "MPI_Group_from_session_pset");
  return Napi::Number::New(info.Env(), Addon::Of(info.Env()).groups.Add(out));
}

// (group, stringtag, info, errhandler id) -> id of the new communicator (collective over group).
Napi::Value CommCreateFromGroup(const Info& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  MPI_Group group = Addon::Of(env).groups.Get(env, info[0]);
  std::string tag = info[1].As<Napi::String>();
  MPI_Info hints = InfoArg(info, 2);
  MPI_Errhandler eh = ErrhandlerArg(info, 3, "Intracomm.Create_from_group");
  MPI_Comm out = MPI_COMM_NULL;
  request::ServedCollective served(env);
  Check(env, MPI_Comm_create_from_group(group, tag.c_str(), hints, eh, &out), "MPI_Comm_create_from_group");
  return Napi::Number::New(env, Addon::Of(env).comms.Add(out));
}

// Sessions alive in the table (the null one included), for tests of leaks.
Napi::Value Live(const Info& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Addon::Of(info.Env()).sessions.Count()));
}

}  // namespace
#endif

void Init(Napi::Env env, Napi::Object exports) {
  auto o = Napi::Object::New(env);
  o["available"] = Napi::Boolean::New(env, MPI4JS_MPI4 != 0);
#if MPI4JS_MPI4
  o["ERR_SESSION"] = Napi::Number::New(env, MPI_ERR_SESSION);
  o["MAX_PSET_NAME_LEN"] = Napi::Number::New(env, MPI_MAX_PSET_NAME_LEN);
  Register(env, o, "init", SessionInit);
  Register(env, o, "finalize", Finalize);
  Register(env, o, "numPsets", NumPsets);
  Register(env, o, "nthPset", NthPset);
  Register(env, o, "getInfo", GetInfo);
  Register(env, o, "getPsetInfo", GetPsetInfo);
  Register(env, o, "createGroup", CreateGroup);
  Register(env, o, "commCreateFromGroup", CommCreateFromGroup);
  Register(env, o, "live", Live);
#endif
  exports["session"] = o;
}

}  // namespace mpi4js::session
