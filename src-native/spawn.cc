// Dynamic processes (mirrors lib/spawn.ts): spawning programs, the parent
// intercommunicator, ports, the name service, joining over a socket, and
// disconnecting. Arguments arrive checked by TypeScript (strings, arrays of
// strings, ints through the checked reader); here they become C strings.
#include <mpi.h>
#include <fcntl.h>
#include <napi.h>

#include <memory>
#include <string>
#include <vector>

#include "addon.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "register.h"
#include "request.h"

namespace mpi4js::spawn {

namespace {

using call_args::CommArg;
using errors::Check;
using Info = Napi::CallbackInfo;

// A new communicator's id, reporting errors by return as every other one does.
int32_t NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm == MPI_COMM_NULL) return 0;
  MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Addon::Of(env).comms.Add(comm);
}

MPI_Info InfoArg(const Info& info, size_t i) { return Addon::Of(info.Env()).infos.Get(info.Env(), info[i]); }

// An array of JavaScript strings as owned C strings, and the NULL-ended argv MPI reads.
struct Argv {
  std::vector<std::string> items;
  std::vector<char*> ptrs;
  explicit Argv(Napi::Array a) {
    for (uint32_t k = 0; k < a.Length(); k++) items.push_back(a.Get(k).As<Napi::String>());
    for (auto& s : items) ptrs.push_back(s.data());
    ptrs.push_back(nullptr);
  }
};

// What both spawns return: [the new intercommunicator's id, the errcodes MPI filled].
Napi::Value Spawned(Napi::Env env, MPI_Comm out, const std::vector<int>& codes) {
  auto errcodes = Napi::Array::New(env, codes.size());
  for (size_t k = 0; k < codes.size(); k++) errcodes.Set(static_cast<uint32_t>(k), Napi::Number::New(env, codes[k]));
  auto result = Napi::Array::New(env, 2);
  result.Set(0u, Napi::Number::New(env, NewComm(env, out)));
  result.Set(1u, errcodes);
  return result;
}

// (comm, command|null, args|null, maxprocs, info, root) -> [intercomm id, errcodes]
// command and args are read at the root only (null elsewhere).
Napi::Value Spawn(const Info& info) {
  Napi::Env env = info.Env();
  MPI_Comm comm = CommArg(info);
  int maxprocs = IntArg(info, 3, "MPI_Comm_spawn", "maxprocs");
  MPI_Info hints = InfoArg(info, 4);
  int root = IntArg(info, 5, "MPI_Comm_spawn", "root");
  std::string command;
  char* cmd = nullptr;
  if (info[1].IsString()) {
    command = info[1].As<Napi::String>().Utf8Value();
    cmd = command.data();
  }
  std::unique_ptr<Argv> argv;
  if (info[2].IsArray()) argv = std::make_unique<Argv>(info[2].As<Napi::Array>());
  std::vector<int> codes(maxprocs > 0 ? static_cast<size_t>(maxprocs) : 0, MPI_SUCCESS);
  MPI_Comm out = MPI_COMM_NULL;
  request::ServedCollective served(env);
  Check(env,
        MPI_Comm_spawn(cmd, argv ? argv->ptrs.data() : MPI_ARGV_NULL, maxprocs, hints, root, comm, &out,
                       codes.empty() ? MPI_ERRCODES_IGNORE : codes.data()),
        "MPI_Comm_spawn");
  return Spawned(env, out, codes);
}

// (comm, commands|null, argvs|null, maxprocs[], infos[], root) -> [intercomm id, errcodes (flat)]
// maxprocs is given everywhere (it sizes errcodes); the rest is read at the root only.
Napi::Value SpawnMultiple(const Info& info) {
  Napi::Env env = info.Env();
  MPI_Comm comm = CommArg(info);
  // MPI reads `count` entries of each list at the root: every list given must
  // have that many (lib/spawn.ts checks; this side does not trust it).
  if (!info[3].IsArray()) throw Napi::TypeError::New(env, "Spawn_multiple: maxprocs must be an array");
  auto counts = info[3].As<Napi::Array>();
  if (counts.Length() > static_cast<uint32_t>(INT32_MAX)) throw Napi::RangeError::New(env, "Spawn_multiple: too many commands");
  int count = static_cast<int>(counts.Length());
  auto sameLength = [&](const Napi::Value& v, const char* what) {
    if (!v.IsArray()) throw Napi::TypeError::New(env, std::string("Spawn_multiple: ") + what + " must be an array");
    uint32_t n = v.As<Napi::Array>().Length();
    if (n != counts.Length()) {
      throw Napi::RangeError::New(env, std::string("Spawn_multiple: ") + what + " has " + std::to_string(n) + " entries for " +
                                           std::to_string(count) + " commands");
    }
  };
  if (info[1].IsArray()) {
    sameLength(info[1], "command");
    sameLength(info[4], "info");
    if (info[2].IsArray()) sameLength(info[2], "args");
  }
  std::vector<int> maxprocs;
  size_t total = 0;
  for (uint32_t k = 0; k < counts.Length(); k++) {
    maxprocs.push_back(ReadInt(env, counts.Get(k), "MPI_Comm_spawn_multiple", "maxprocs"));
    if (maxprocs.back() > 0) total += static_cast<size_t>(maxprocs.back());
  }
  int root = IntArg(info, 5, "MPI_Comm_spawn_multiple", "root");
  std::vector<std::string> commands;
  std::vector<char*> cmds;
  std::vector<Argv> argvs;
  std::vector<char**> argvp;
  std::vector<MPI_Info> hints;
  if (info[1].IsArray()) {
    auto a = info[1].As<Napi::Array>();
    for (uint32_t k = 0; k < a.Length(); k++) commands.push_back(a.Get(k).As<Napi::String>());
    for (auto& s : commands) cmds.push_back(s.data());
    auto infos = info[4].As<Napi::Array>();
    for (uint32_t k = 0; k < infos.Length(); k++) hints.push_back(Addon::Of(env).infos.Get(env, infos.Get(k)));
    if (info[2].IsArray()) {
      auto lists = info[2].As<Napi::Array>();
      argvs.reserve(lists.Length());
      for (uint32_t k = 0; k < lists.Length(); k++) {
        if (!lists.Get(k).IsArray()) throw Napi::TypeError::New(env, "Spawn_multiple: args[" + std::to_string(k) + "] must be an array");
        argvs.emplace_back(lists.Get(k).As<Napi::Array>());
      }
      for (auto& v : argvs) argvp.push_back(v.ptrs.data());
    }
  }
  std::vector<int> codes(total, MPI_SUCCESS);
  MPI_Comm out = MPI_COMM_NULL;
  request::ServedCollective served(env);
  Check(env,
        MPI_Comm_spawn_multiple(count, cmds.empty() ? nullptr : cmds.data(),
                                argvp.empty() ? MPI_ARGVS_NULL : argvp.data(), maxprocs.data(),
                                hints.empty() ? nullptr : hints.data(), root, comm, &out,
                                codes.empty() ? MPI_ERRCODES_IGNORE : codes.data()),
        "MPI_Comm_spawn_multiple");
  return Spawned(env, out, codes);
}

// () -> the parent intercommunicator's id, 0 (COMM_NULL) when not spawned
Napi::Value GetParent(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Comm parent = MPI_COMM_NULL;
  Check(info.Env(), MPI_Comm_get_parent(&parent), "MPI_Comm_get_parent");
  return Napi::Number::New(info.Env(), NewComm(info.Env(), parent));
}

// (comm) -> undefined; the id is released once MPI disconnected it
Napi::Value Disconnect(const Info& info) {
  MPI_Comm comm = CommArg(info);
  MPI_Comm gone = comm;
  request::ServedCollective served(info.Env());
  Check(info.Env(), MPI_Comm_disconnect(&comm), "MPI_Comm_disconnect");
  request::FailReceivesOn(info.Env(), gone);
  Addon::Of(info.Env()).comms.Remove(IdValue(info.Env(), info[0], "communicator"));
  return info.Env().Undefined();
}

// (info) -> port name
Napi::Value OpenPort(const Info& info) {
  environment::EnsureActive(info.Env());
  char port[MPI_MAX_PORT_NAME + 1] = {0};
  Check(info.Env(), MPI_Open_port(InfoArg(info, 0), port), "MPI_Open_port");
  return Napi::String::New(info.Env(), port);
}

Napi::Value ClosePort(const Info& info) {
  environment::EnsureActive(info.Env());
  std::string port = info[0].As<Napi::String>();
  Check(info.Env(), MPI_Close_port(port.c_str()), "MPI_Close_port");
  return info.Env().Undefined();
}

// (comm, port|null, info, root, connect?) -> intercomm id; the port is read at the root only
Napi::Value AcceptOrConnect(const Info& info, bool connect) {
  const char* call = connect ? "MPI_Comm_connect" : "MPI_Comm_accept";
  MPI_Comm comm = CommArg(info);
  std::string port;
  if (info[1].IsString()) port = info[1].As<Napi::String>();
  MPI_Info hints = InfoArg(info, 2);
  int root = IntArg(info, 3, call, "root");
  MPI_Comm out = MPI_COMM_NULL;
  request::ServedCollective served(info.Env());
  int rc = connect ? MPI_Comm_connect(port.c_str(), hints, root, comm, &out)
                   : MPI_Comm_accept(port.c_str(), hints, root, comm, &out);
  Check(info.Env(), rc, call);
  return Napi::Number::New(info.Env(), NewComm(info.Env(), out));
}
Napi::Value Accept(const Info& info) { return AcceptOrConnect(info, false); }
Napi::Value Connect(const Info& info) { return AcceptOrConnect(info, true); }

// (service, info, port)
Napi::Value PublishName(const Info& info) {
  environment::EnsureActive(info.Env());
  std::string service = info[0].As<Napi::String>(), port = info[2].As<Napi::String>();
  Check(info.Env(), MPI_Publish_name(service.c_str(), InfoArg(info, 1), port.c_str()), "MPI_Publish_name");
  return info.Env().Undefined();
}

Napi::Value UnpublishName(const Info& info) {
  environment::EnsureActive(info.Env());
  std::string service = info[0].As<Napi::String>(), port = info[2].As<Napi::String>();
  Check(info.Env(), MPI_Unpublish_name(service.c_str(), InfoArg(info, 1), port.c_str()), "MPI_Unpublish_name");
  return info.Env().Undefined();
}

// (service, info) -> port name
Napi::Value LookupName(const Info& info) {
  environment::EnsureActive(info.Env());
  std::string service = info[0].As<Napi::String>();
  char port[MPI_MAX_PORT_NAME + 1] = {0};
  Check(info.Env(), MPI_Lookup_name(service.c_str(), InfoArg(info, 1), port), "MPI_Lookup_name");
  return Napi::String::New(info.Env(), port);
}

// (fd) -> intercomm id
Napi::Value Join(const Info& info) {
  environment::EnsureActive(info.Env());
  int fd = IntArg(info, 0, "MPI_Comm_join", "fd");
  MPI_Comm out = MPI_COMM_NULL;
  // MPI reads and writes the socket expecting it to block; Node's sockets are
  // non-blocking (Open MPI then fails with EAGAIN): blocking for the call only.
  int flags = fcntl(fd, F_GETFL);
  if (flags != -1 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  int rc = MPI_Comm_join(fd, &out);
  if (flags != -1 && (flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags);
  Check(info.Env(), rc, "MPI_Comm_join");
  return Napi::Number::New(info.Env(), NewComm(info.Env(), out));
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto s = Napi::Object::New(env);
  Register(env, s, "Spawn", Spawn);
  Register(env, s, "Spawn_multiple", SpawnMultiple);
  Register(env, s, "Get_parent", GetParent);
  Register(env, s, "Disconnect", Disconnect);
  Register(env, s, "Open_port", OpenPort);
  Register(env, s, "Close_port", ClosePort);
  Register(env, s, "Accept", Accept);
  Register(env, s, "Connect", Connect);
  Register(env, s, "Publish_name", PublishName);
  Register(env, s, "Unpublish_name", UnpublishName);
  Register(env, s, "Lookup_name", LookupName);
  Register(env, s, "Join", Join);
  s.Set("MAX_PORT_NAME", Napi::Number::New(env, MPI_MAX_PORT_NAME));
  exports.Set("spawn", s);
}

}  // namespace mpi4js::spawn
