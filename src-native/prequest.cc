// Persistent requests (mpi4py: Comm.Send_init … Recv_init, Bcast_init …): made
// inactive, started by request.start/startall (request.cc), reusable round
// after round. Their buffers are pinned (buffer.cc lists the *_init calls) and
// kept by the slot until the request is freed. The persistent collectives are
// MPI-4.0: compiled only where the headers have them (MPI4JS_MPI4); lib/
// refuses them with NotImplementedError elsewhere.
#include <mpi.h>
#include <napi.h>

#include "addon.h"
#include "buffer.h"
#include "call_args.h"
#include "environment.h"
#include "errors.h"
#include "largecount.h"
#include "handles.h"
#include "implementation.h"
#include "reduction_args.h"
#include "register.h"
#include "request.h"

namespace mpi4js::prequest {

namespace {

using call_args::CommArg;
using call_args::OpArg;
using call_args::Size;
using call_args::Peers;
using call_args::AtRoot;
using call_args::Rank;
using call_args::InfoArg;
using buffer::Msg;
using errors::Check;
using Info = Napi::CallbackInfo;
using request::Origin;
using watchdog::kNone;

Napi::Value NewPersistent(const Info& info, MPI_Request req, const Origin& origin, std::initializer_list<napi_value> keep) {
  return Napi::Number::New(info.Env(), request::AddPersistent(info.Env(), req, origin, keep));
}

// ---- point-to-point: (comm, view, count, datatype, peer, tag) -------------------

using SendInit = int (*)(const void*, largecount::Int, MPI_Datatype, int, int, MPI_Comm, MPI_Request*);

template <SendInit F>
Napi::Value SendLike(const Info& info) {
  const char* call = static_cast<const char*>(info.Data());
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int dest = IntArg(info, 4, call, "dest"), tag = IntArg(info, 5, call, "tag");
  MPI_Request req;
  // A derived type made by Fit may be freed once the request holds it (MPI keeps its own reference).
  largecount::Fit f(info.Env(), m, call);
  Check(info.Env(), F(m.ptr, f.count, f.type, dest, tag, comm, &req), call);
  return NewPersistent(info, req, Origin{call, comm, kNone, tag}, {info[1]});
}

Napi::Value RecvInit(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int source = IntArg(info, 4, "Recv_init", "source"), tag = IntArg(info, 5, "Recv_init", "tag");
  MPI_Request req;
  largecount::Fit f(info.Env(), m, "MPI_Recv_init");
  Check(info.Env(), MPI4JS_C(MPI_Recv_init)(m.ptr, f.count, f.type, source, tag, comm, &req), "MPI_Recv_init");
  return NewPersistent(info, req, Origin{"Recv_init", comm, source, tag}, {info[1]});
}

#if MPI4JS_MPI4
// ---- collectives: the arguments of their I-forms (comm.cc), then info (hints) --

using buffer::MsgV;

const Msg kNoMsg{nullptr, 0, MPI_BYTE, false};
const MsgV kNoMsgV{nullptr, nullptr, nullptr, MPI_BYTE, false};

Napi::Value BarrierInit(const Info& info) {
  MPI_Comm comm = CommArg(info);
  MPI_Request req;
  Check(info.Env(), MPI_Barrier_init(comm, InfoArg(info, 1), &req), "MPI_Barrier_init");
  return NewPersistent(info, req, Origin{"Barrier_init", comm}, {});
}

// (comm, triple, root)
Napi::Value BcastInit(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  int root = IntArg(info, 4, "MPI_Bcast_init", "root");
  MPI_Request req;
  Check(info.Env(), MPI_Bcast_init_c(m.ptr, m.count, m.type, root, comm, InfoArg(info, 5), &req), "MPI_Bcast_init");
  return NewPersistent(info, req, Origin{"Bcast_init", comm, kNone, kNone, root}, {info[1]});
}

// (comm, send triple, recv triple, root): the side of one block per rank is read at the root only.
Napi::Value GatherInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7, "MPI_Gather_init", "root");
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = AtRoot(env, comm, root) ? buffer::Read(info, 4, "recvbuf", Peers(env, comm)) : kNoMsg;
  MPI_Request req;
  Check(env, MPI_Gather_init_c(s.ptr, s.count, s.type, r.ptr, r.count, r.type, root, comm, InfoArg(info, 8), &req), "MPI_Gather_init");
  return NewPersistent(info, req, Origin{"Gather_init", comm, kNone, kNone, root}, {info[1], info[4]});
}

Napi::Value ScatterInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7, "MPI_Scatter_init", "root");
  Msg s = AtRoot(env, comm, root) ? buffer::Read(info, 1, "sendbuf", Peers(env, comm)) : kNoMsg;
  Msg r = buffer::Read(info, 4, "recvbuf");
  MPI_Request req;
  Check(env, MPI_Scatter_init_c(s.ptr, s.count, s.type, r.ptr, r.count, r.type, root, comm, InfoArg(info, 8), &req), "MPI_Scatter_init");
  return NewPersistent(info, req, Origin{"Scatter_init", comm, kNone, kNone, root}, {info[1], info[4]});
}

// (comm, send triple, recvV quad, root)
Napi::Value GathervInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8, "MPI_Gatherv_init", "root");
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = AtRoot(env, comm, root) ? buffer::ReadV(info, 4, "recvbuf", Peers(env, comm)) : kNoMsgV;
  MPI_Request req;
  Check(env, MPI_Gatherv_init(s.ptr, largecount::Int32(env, s.count, "Gatherv_init"), s.type, r.ptr, r.counts, r.displs, r.type, root, comm, InfoArg(info, 9), &req),
        "MPI_Gatherv_init");
  return NewPersistent(info, req, Origin{"Gatherv_init", comm, kNone, kNone, root}, {info[1], info[4], info[5], info[6]});
}

// (comm, sendV quad, recv triple, root)
Napi::Value ScattervInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8, "MPI_Scatterv_init", "root");
  MsgV s = AtRoot(env, comm, root) ? buffer::ReadV(info, 1, "sendbuf", Peers(env, comm)) : kNoMsgV;
  Msg r = buffer::Read(info, 5, "recvbuf");
  MPI_Request req;
  Check(env, MPI_Scatterv_init(s.ptr, s.counts, s.displs, s.type, r.ptr, largecount::Int32(env, r.count, "Scatterv_init"), r.type, root, comm, InfoArg(info, 9), &req),
        "MPI_Scatterv_init");
  return NewPersistent(info, req, Origin{"Scatterv_init", comm, kNone, kNone, root}, {info[1], info[2], info[3], info[5]});
}

// (comm, send triple, recv triple)
Napi::Value AllgatherInit(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf", Peers(info.Env(), comm));
  MPI_Request req;
  Check(info.Env(), MPI_Allgather_init_c(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm, InfoArg(info, 7), &req), "MPI_Allgather_init");
  return NewPersistent(info, req, Origin{"Allgather_init", comm}, {info[1], info[4]});
}

// (comm, send triple, recvV quad)
Napi::Value AllgathervInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = buffer::ReadV(info, 4, "recvbuf", Peers(env, comm));
  MPI_Request req;
  Check(env, MPI_Allgatherv_init(s.ptr, largecount::Int32(env, s.count, "Allgatherv_init"), s.type, r.ptr, r.counts, r.displs, r.type, comm, InfoArg(info, 8), &req),
        "MPI_Allgatherv_init");
  return NewPersistent(info, req, Origin{"Allgatherv_init", comm}, {info[1], info[4], info[5], info[6]});
}

Napi::Value AlltoallInit(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int size = Peers(info.Env(), comm);
  Msg s = buffer::Read(info, 1, "sendbuf", size);
  Msg r = buffer::Read(info, 4, "recvbuf", size);
  MPI_Request req;
  Check(info.Env(), MPI_Alltoall_init_c(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm, InfoArg(info, 7), &req), "MPI_Alltoall_init");
  return NewPersistent(info, req, Origin{"Alltoall_init", comm}, {info[1], info[4]});
}

// (comm, sendV quad, recvV quad)
Napi::Value AlltoallvInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Peers(env, comm);
  MsgV s = buffer::ReadV(info, 1, "sendbuf", size);
  MsgV r = buffer::ReadV(info, 5, "recvbuf", size);
  MPI_Request req;
  Check(env, MPI_Alltoallv_init(s.ptr, s.counts, s.displs, s.type, r.ptr, r.counts, r.displs, r.type, comm, InfoArg(info, 9), &req),
        "MPI_Alltoallv_init");
  return NewPersistent(info, req, Origin{"Alltoallv_init", comm}, {info[1], info[2], info[3], info[5], info[6], info[7]});
}

// Reductions: (comm, send triple, recv triple, op[, root]), read as the
// blocking and nonblocking ones are (reduction_args.h).
using reduction_args::ReadReduction;
using reduction_args::ReadRootedReduction;
using reduction_args::Reduction;

Napi::Value ReduceInit(const Info& info) {
  auto [a, root] = ReadRootedReduction(info, "MPI_Reduce_init");
  MPI_Request req;
  Check(info.Env(), MPI_Reduce_init_c(a.s.ptr, a.r.ptr, a.count, a.type, a.op, root, a.comm, InfoArg(info, 9), &req), "MPI_Reduce_init");
  return NewPersistent(info, req, Origin{"Reduce_init", a.comm, kNone, kNone, root}, {info[1], info[4]});
}

using ReductionInit = int (*)(const void*, void*, MPI_Count, MPI_Datatype, MPI_Op, MPI_Comm, MPI_Info, MPI_Request*);

template <ReductionInit F>
Napi::Value AllReduceLike(const Info& info) {
  const char* call = static_cast<const char*>(info.Data());
  Reduction a = ReadReduction(info, CommArg(info), true);
  MPI_Request req;
  Check(info.Env(), F(a.s.ptr, a.r.ptr, a.count, a.type, a.op, a.comm, InfoArg(info, 8), &req), call);
  return NewPersistent(info, req, Origin{call, a.comm}, {info[1], info[4]});
}

// (comm, send triple (size blocks), recv triple (one block), op), as Reduce_scatter_block.
Napi::Value ReduceScatterBlockInit(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm);
  Msg s = buffer::Read(info, 1, "sendbuf");
  Msg r = buffer::Read(info, 4, "recvbuf", s.in_place ? size : 1);
  if (!s.in_place && (s.type != r.type || static_cast<int64_t>(s.count) < static_cast<int64_t>(r.count) * size)) {
    throw Napi::RangeError::New(env, "send buffer must hold size * receive count items of the receive datatype");
  }
  MPI_Request req;
  Check(env, MPI_Reduce_scatter_block_init_c(s.ptr, r.ptr, r.count, r.type, OpArg(info, 7), comm, InfoArg(info, 8), &req),
        "MPI_Reduce_scatter_block_init");
  return NewPersistent(info, req, Origin{"Reduce_scatter_block_init", comm}, {info[1], info[4]});
}
#endif

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Send_init", SendLike<MPI4JS_C(MPI_Send_init)>);
  Register(env, comm, "Bsend_init", SendLike<MPI4JS_C(MPI_Bsend_init)>);
  Register(env, comm, "Ssend_init", SendLike<MPI4JS_C(MPI_Ssend_init)>);
  Register(env, comm, "Rsend_init", SendLike<MPI4JS_C(MPI_Rsend_init)>);
  Register(env, comm, "Recv_init", RecvInit);
#if MPI4JS_MPI4
  Register(env, comm, "Barrier_init", BarrierInit);
  Register(env, comm, "Bcast_init", BcastInit);
  Register(env, comm, "Gather_init", GatherInit);
  Register(env, comm, "Gatherv_init", GathervInit);
  Register(env, comm, "Scatter_init", ScatterInit);
  Register(env, comm, "Scatterv_init", ScattervInit);
  Register(env, comm, "Allgather_init", AllgatherInit);
  Register(env, comm, "Allgatherv_init", AllgathervInit);
  Register(env, comm, "Alltoall_init", AlltoallInit);
  Register(env, comm, "Alltoallv_init", AlltoallvInit);
  Register(env, comm, "Reduce_init", ReduceInit);
  Register(env, comm, "Allreduce_init", AllReduceLike<MPI_Allreduce_init_c>);
  Register(env, comm, "Scan_init", AllReduceLike<MPI_Scan_init_c>);
  Register(env, comm, "Exscan_init", AllReduceLike<MPI_Exscan_init_c>);
  Register(env, comm, "Reduce_scatter_block_init", ReduceScatterBlockInit);
#endif
}

}  // namespace mpi4js::prequest
