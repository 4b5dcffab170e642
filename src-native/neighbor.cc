// The neighbour collectives (Neighbor_allgather, …v, Neighbor_alltoall, …v,
// …w) and their nonblocking forms, over any communicator with a topology.
// The number of blocks on each side is the process's in-degree (receive) or
// out-degree (send), read here from MPI (topology.h), never taken from
// JavaScript: each side is checked to hold that many blocks, so MPI never
// leaves the views. Arguments are laid out as their Allgather/Alltoall
// counterparts' in comm.cc and alltoallw.cc.
#include <mpi.h>
#include <napi.h>

#include <string>
#include <vector>

#include "alltoallw.h"
#include "buffer.h"
#include "call_args.h"
#include "errors.h"
#include "largecount.h"
#include "register.h"
#include "request.h"
#include "topology.h"
#include "watchdog.h"

namespace mpi4js::neighbor {

namespace {

using buffer::Msg;
using buffer::MsgV;
using call_args::CommArg;
using call_args::NewRequest;
using errors::Check;
using largecount::Fit;
using Info = Napi::CallbackInfo;
using request::Origin;
using watchdog::kNone;
using Blocking = watchdog::Scope;

const char* Call(const Info& info) { return static_cast<const char*>(info.Data()); }

// MPI has no in-place form of the neighbour collectives.
void NotInPlace(const Info& info, bool in_place, const char* arg) {
  if (in_place) throw Napi::TypeError::New(info.Env(), std::string(Call(info)) + ": " + arg + " cannot be MPI.IN_PLACE");
}

// Open MPI 4.1's blocking neighbour collectives (coll/basic) on a graph or a
// distributed graph go wrong (measured): where the in- and out-degree differ
// they exchange with the wrong neighbour lists (another process's bytes, then a
// hang), and a truncated receive hangs instead of failing. Their nonblocking
// forms (libnbc) are right, so there the blocking call is the nonblocking one
// and a wait. (On a Cartesian grid libnbc is the wrong one: lib/comm/topocomm.ts.)
bool ViaNonblocking(Napi::Env env, MPI_Comm comm) {
#if defined(OPEN_MPI) && OMPI_MAJOR_VERSION < 5
  int topo = MPI_UNDEFINED;
  Check(env, MPI_Topo_test(comm, &topo), "MPI_Topo_test");
  return topo != MPI_CART;
#else
  (void)env;
  (void)comm;
  return false;
#endif
}

// The blocking call: `blocking()`, or `nonblocking(&req)` and a wait where ViaNonblocking.
template <typename Call, typename Start>
void Run(Napi::Env env, MPI_Comm comm, const char* call, Call&& blocking, Start&& nonblocking) {
  if (ViaNonblocking(env, comm)) {
    MPI_Request req;
    Check(env, nonblocking(&req), call);
    Check(env, MPI_Wait(&req, MPI_STATUS_IGNORE), call);
    return;
  }
  Check(env, blocking(), call);
}

// Counts, displacements or datatypes of a side with no neighbours: never a
// null pointer (an empty typed array's data may be one), which Open MPI
// refuses (MPI_ERR_BUFFER, MPI_ERR_ARG) though it reads nothing.
const int kNoInts[1] = {0};
MPI_Datatype kNoTypes[1] = {MPI_BYTE};

// A v-side read for n neighbours: null counts (a null buffer, which lib/ passes
// as NONE_V) are MPI reading nothing only where there is no neighbour.
void Complete(const Info& info, MsgV& m, int n, const char* arg) {
  if (m.counts != nullptr && n > 0) return;
  if (n > 0) {
    throw Napi::TypeError::New(info.Env(), std::string(Call(info)) + ": " + arg + " is null but the process has " +
                                               std::to_string(n) + " neighbours on that side");
  }
  m.counts = kNoInts;
  m.displs = kNoInts;
}

// (comm, send triple, recv triple): one block to every out-neighbour, one from every in-neighbour.
struct Blocks {
  MPI_Comm comm;
  Msg s, r;
};

Blocks ReadBlocks(const Info& info, bool send_blocks) {
  MPI_Comm comm = CommArg(info);
  topology::Degrees d = topology::Neighbours(info.Env(), comm, Call(info));
  Msg s = buffer::Read(info, 1, "sendbuf", send_blocks ? d.out : 1);
  Msg r = buffer::Read(info, 4, "recvbuf", d.in);
  NotInPlace(info, s.in_place, "sendbuf");
  NotInPlace(info, r.in_place, "recvbuf");
  return {comm, s, r};
}

// Neighbor_allgather and Neighbor_alltoall differ only in their routines and in
// whether the send side holds a block per out-neighbour (alltoall) or one block.
template <auto Blocked, auto Nonblocking, bool kSendBlocks>
Napi::Value Neighbor(const Info& info, const char* call, const char* mpi_call) {
  Blocks a = ReadBlocks(info, kSendBlocks);
  Fit fs(info.Env(), a.s, call), fr(info.Env(), a.r, call);
  Blocking scope(call, a.comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Run(
      info.Env(), a.comm, mpi_call,
      [&] { return Blocked(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.comm); },
      [&](MPI_Request* req) { return Nonblocking(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.comm, req); });
  return info.Env().Undefined();
}

template <auto Nonblocking, bool kSendBlocks>
Napi::Value Ineighbor(const Info& info, const char* call, const char* mpi_call) {
  Blocks a = ReadBlocks(info, kSendBlocks);
  Fit fs(info.Env(), a.s, call), fr(info.Env(), a.r, call);
  MPI_Request req;
  Check(info.Env(), Nonblocking(a.s.ptr, fs.count, fs.type, a.r.ptr, fr.count, fr.type, a.comm, &req), mpi_call);
  return NewRequest(info, req, Origin{call, a.comm}, {info[1], info[4]});
}

Napi::Value NeighborAllgather(const Info& info) {
  return Neighbor<MPI4JS_C(MPI_Neighbor_allgather), MPI4JS_C(MPI_Ineighbor_allgather), false>(info, "Neighbor_allgather", "MPI_Neighbor_allgather");
}
Napi::Value IneighborAllgather(const Info& info) {
  return Ineighbor<MPI4JS_C(MPI_Ineighbor_allgather), false>(info, "Ineighbor_allgather", "MPI_Ineighbor_allgather");
}
Napi::Value NeighborAlltoall(const Info& info) {
  return Neighbor<MPI4JS_C(MPI_Neighbor_alltoall), MPI4JS_C(MPI_Ineighbor_alltoall), true>(info, "Neighbor_alltoall", "MPI_Neighbor_alltoall");
}
Napi::Value IneighborAlltoall(const Info& info) {
  return Ineighbor<MPI4JS_C(MPI_Ineighbor_alltoall), true>(info, "Ineighbor_alltoall", "MPI_Ineighbor_alltoall");
}

// (comm, send triple, recvV quad): counts and displacements per in-neighbour.
struct Gatherv {
  MPI_Comm comm;
  Msg s;
  MsgV r;
};

Gatherv ReadAllgatherv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  topology::Degrees d = topology::Neighbours(info.Env(), comm, Call(info));
  Msg s = buffer::Read(info, 1, "sendbuf");
  MsgV r = buffer::ReadV(info, 4, "recvbuf", d.in);
  NotInPlace(info, s.in_place, "sendbuf");
  NotInPlace(info, r.in_place, "recvbuf");
  Complete(info, r, d.in, "recvbuf");
  return {comm, s, r};
}

Napi::Value NeighborAllgatherv(const Info& info) {
  Gatherv a = ReadAllgatherv(info);
  largecount::Derived fs(info.Env(), a.s.count, a.s.type, "Neighbor_allgatherv");
  Blocking scope("Neighbor_allgatherv", a.comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Run(
      info.Env(), a.comm, "MPI_Neighbor_allgatherv",
      [&] { return MPI_Neighbor_allgatherv(a.s.ptr, fs.count, fs.type, a.r.ptr, a.r.counts, a.r.displs, a.r.type, a.comm); },
      [&](MPI_Request* req) {
        return MPI_Ineighbor_allgatherv(a.s.ptr, fs.count, fs.type, a.r.ptr, a.r.counts, a.r.displs, a.r.type, a.comm, req);
      });
  return info.Env().Undefined();
}

Napi::Value IneighborAllgatherv(const Info& info) {
  Gatherv a = ReadAllgatherv(info);
  largecount::Derived fs(info.Env(), a.s.count, a.s.type, "Ineighbor_allgatherv");
  MPI_Request req;
  Check(info.Env(),
        MPI_Ineighbor_allgatherv(a.s.ptr, fs.count, fs.type, a.r.ptr, a.r.counts, a.r.displs, a.r.type, a.comm, &req),
        "MPI_Ineighbor_allgatherv");
  return NewRequest(info, req, Origin{"Ineighbor_allgatherv", a.comm}, {info[1], info[4], info[5], info[6]});
}

// (comm, sendV quad, recvV quad): per out-neighbour on the send side, per in-neighbour on the receive side.
struct Alltoallv {
  MPI_Comm comm;
  MsgV s, r;
};

Alltoallv ReadAlltoallv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  topology::Degrees d = topology::Neighbours(info.Env(), comm, Call(info));
  MsgV s = buffer::ReadV(info, 1, "sendbuf", d.out);
  MsgV r = buffer::ReadV(info, 5, "recvbuf", d.in);
  NotInPlace(info, s.in_place, "sendbuf");
  NotInPlace(info, r.in_place, "recvbuf");
  Complete(info, s, d.out, "sendbuf");
  Complete(info, r, d.in, "recvbuf");
  return {comm, s, r};
}

Napi::Value NeighborAlltoallv(const Info& info) {
  Alltoallv a = ReadAlltoallv(info);
  Blocking scope("Neighbor_alltoallv", a.comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Run(
      info.Env(), a.comm, "MPI_Neighbor_alltoallv",
      [&] {
        return MPI_Neighbor_alltoallv(a.s.ptr, a.s.counts, a.s.displs, a.s.type, a.r.ptr, a.r.counts, a.r.displs,
                                      a.r.type, a.comm);
      },
      [&](MPI_Request* req) {
        return MPI_Ineighbor_alltoallv(a.s.ptr, a.s.counts, a.s.displs, a.s.type, a.r.ptr, a.r.counts, a.r.displs,
                                       a.r.type, a.comm, req);
      });
  return info.Env().Undefined();
}

Napi::Value IneighborAlltoallv(const Info& info) {
  Alltoallv a = ReadAlltoallv(info);
  MPI_Request req;
  Check(info.Env(),
        MPI_Ineighbor_alltoallv(a.s.ptr, a.s.counts, a.s.displs, a.s.type, a.r.ptr, a.r.counts, a.r.displs,
                                a.r.type, a.comm, &req),
        "MPI_Ineighbor_alltoallv");
  return NewRequest(info, req, Origin{"Ineighbor_alltoallv", a.comm},
                    {info[1], info[2], info[3], info[5], info[6], info[7]});
}

// (comm, sendW triple, recvW triple), as Alltoallw's; MPI takes the byte
// displacements as MPI_Aint here. types, the MPI datatypes then the
// displacements, holds out + in datatypes followed by out + in MPI_Aints.
struct Alltoallw {
  MPI_Comm comm;
  alltoallw::Side s, r;
  const MPI_Aint* sdispls;
  const MPI_Aint* rdispls;
};

Alltoallw ReadAlltoallw(const Info& info, MPI_Datatype* types, MPI_Aint* displs, topology::Degrees d, MPI_Comm comm,
                        bool pin) {
  alltoallw::Side s = alltoallw::ReadSide(info, 1, "sendbuf", d.out, pin, types);
  alltoallw::Side r = alltoallw::ReadSide(info, 4, "recvbuf", d.in, pin, types + d.out);
  NotInPlace(info, s.in_place, "sendbuf");
  NotInPlace(info, r.in_place, "recvbuf");
  for (int i = 0; i < d.out; ++i) displs[i] = s.displs[i];
  for (int i = 0; i < d.in; ++i) displs[d.out + i] = r.displs[i];
  if (d.out == 0) s.counts = kNoInts, s.types = kNoTypes;
  if (d.in == 0) r.counts = kNoInts, r.types = kNoTypes;
  return {comm, s, r, displs, displs + d.out};
}

Napi::Value NeighborAlltoallw(const Info& info) {
  MPI_Comm comm = CommArg(info);
  topology::Degrees d = topology::Neighbours(info.Env(), comm, Call(info));
  // One spare item: never a zero-length vector's null data.
  std::vector<MPI_Datatype> types(static_cast<size_t>(d.in) + d.out + 1);
  std::vector<MPI_Aint> displs(static_cast<size_t>(d.in) + d.out + 1);
  Alltoallw a = ReadAlltoallw(info, types.data(), displs.data(), d, comm, false);
  Blocking scope("Neighbor_alltoallw", comm, kNone, kNone);
  request::ServedCollective served(info.Env());
  Run(
      info.Env(), comm, "MPI_Neighbor_alltoallw",
      [&] {
        return MPI_Neighbor_alltoallw(a.s.ptr, a.s.counts, a.sdispls, a.s.types, a.r.ptr, a.r.counts, a.rdispls,
                                      a.r.types, comm);
      },
      [&](MPI_Request* req) {
        return MPI_Ineighbor_alltoallw(a.s.ptr, a.s.counts, a.sdispls, a.s.types, a.r.ptr, a.r.counts, a.rdispls,
                                       a.r.types, comm, req);
      });
  return info.Env().Undefined();
}

// The datatypes and the MPI_Aint displacements live in Buffers the request keeps until MPI completes it.
Napi::Value IneighborAlltoallw(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  topology::Degrees d = topology::Neighbours(env, comm, Call(info));
  size_t n = static_cast<size_t>(d.in) + d.out + 1;
  auto types = Napi::Buffer<MPI_Datatype>::New(env, n);
  auto displs = Napi::Buffer<MPI_Aint>::New(env, n);
  Alltoallw a = ReadAlltoallw(info, types.Data(), displs.Data(), d, comm, true);
  MPI_Request req;
  Check(env,
        MPI_Ineighbor_alltoallw(a.s.ptr, a.s.counts, a.sdispls, a.s.types, a.r.ptr, a.r.counts, a.rdispls, a.r.types,
                                comm, &req),
        "MPI_Ineighbor_alltoallw");
  return NewRequest(info, req, Origin{"Ineighbor_alltoallw", comm}, {info[1], info[2], info[4], info[5], types, displs});
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Neighbor_allgather", NeighborAllgather);
  Register(env, comm, "Ineighbor_allgather", IneighborAllgather);
  Register(env, comm, "Neighbor_allgatherv", NeighborAllgatherv);
  Register(env, comm, "Ineighbor_allgatherv", IneighborAllgatherv);
  Register(env, comm, "Neighbor_alltoall", NeighborAlltoall);
  Register(env, comm, "Ineighbor_alltoall", IneighborAlltoall);
  Register(env, comm, "Neighbor_alltoallv", NeighborAlltoallv);
  Register(env, comm, "Ineighbor_alltoallv", IneighborAlltoallv);
  Register(env, comm, "Neighbor_alltoallw", NeighborAlltoallw);
  Register(env, comm, "Ineighbor_alltoallw", IneighborAlltoallw);
}

}  // namespace mpi4js::neighbor
