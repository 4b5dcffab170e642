// The arguments of the reductions, (comm, send triple, recv triple, op[, root]),
// read one way for every form: the blocking and nonblocking ones (comm.cc) and
// the persistent ones (prequest.cc). One count serves both sides; the receive
// side must hold it wherever it is significant.
#pragma once
#include <mpi.h>
#include <napi.h>

#include "buffer.h"
#include "call_args.h"
#include "handles.h"
#include "op.h"

namespace mpi4js::reduction_args {

struct Reduction {
  MPI_Comm comm;
  buffer::Msg s, r;
  MPI_Count count;
  MPI_Datatype type;
  MPI_Op op;
  napi_value type_id;  // the datatype's id, for a user op's function (op.h)
};

// comm is read once by the caller (a rooted reduction needs it first, to know
// whether the receive side is significant here).
inline Reduction ReadReduction(const Napi::CallbackInfo& info, MPI_Comm comm, bool recv_significant) {
  // A user op runs JavaScript inside a blocking call too: its buffers are pinned
  // (a nonblocking or persistent call's always are: buffer::Read).
  bool pin = op::IsUser(info.Env(), call_args::OpArg(info, 7));
  buffer::Msg s = buffer::Read(info, 1, "sendbuf", 1, pin);
  buffer::Msg r = recv_significant ? buffer::Read(info, 4, "recvbuf", 1, pin) : buffer::Msg{nullptr, 0, s.type, false};
  MPI_Count count = s.in_place ? r.count : s.count;
  if (recv_significant && r.count < count) {
    throw Napi::RangeError::New(info.Env(), "receive buffer holds fewer items than the send buffer");
  }
  return {comm, s, r, count, s.in_place ? r.type : s.type, call_args::OpArg(info, 7), info[s.in_place ? 6 : 3]};
}

// The reductions with a root (comm, send triple, recv triple, op, root): the
// receive side is read at the root only. Each argument is read once.
struct RootedReduction {
  Reduction a;
  int root;
};

inline RootedReduction ReadRootedReduction(const Napi::CallbackInfo& info, const char* call) {
  MPI_Comm comm = call_args::CommArg(info);
  int root = IntArg(info, 8, call, "root");
  Reduction a = ReadReduction(info, comm, call_args::AtRoot(info.Env(), comm, root));
  // An intercommunicator's MPI_ROOT sends nothing: the count and datatype are the receive side's.
  if (root == MPI_ROOT && call_args::Inter(info.Env(), comm)) {
    a.count = a.r.count;
    a.type = a.r.type;
    a.type_id = info[6];
    a.s.ptr = const_cast<char*>(&call_args::kUnread);
  }
  return {a, root};
}

}  // namespace mpi4js::reduction_args
