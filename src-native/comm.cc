// Communicators: point-to-point, collectives and management, each a thin
// wrapper: read the arguments lib/comm.ts prepared, make the MPI call, check it.
#include <mpi.h>
#include <napi.h>

#include <vector>

#include "buffer.h"
#include "environment.h"
#include "errors.h"
#include "handles.h"
#include "request.h"
#include "status.h"

namespace mpi4js::comm {

namespace {

using buffer::Msg;
using buffer::MsgV;
using errors::Check;
using Info = Napi::CallbackInfo;

MPI_Comm CommArg(const Info& info, size_t i = 0) {
  environment::EnsureActive(info.Env());
  return comms.Get(info.Env(), info[i]);
}

MPI_Op OpArg(const Info& info, size_t i) { return ops.Get(info.Env(), info[i]); }

int Size(Napi::Env env, MPI_Comm comm) {
  int size = 0;
  Check(env, MPI_Comm_size(comm, &size), "MPI_Comm_size");
  return size;
}

int Rank(Napi::Env env, MPI_Comm comm) {
  int rank = 0;
  Check(env, MPI_Comm_rank(comm, &rank), "MPI_Comm_rank");
  return rank;
}

Napi::Value NewRequest(const Info& info, MPI_Request req, std::initializer_list<napi_value> keep) {
  return Napi::Number::New(info.Env(), request::Add(info.Env(), req, keep));
}

Napi::Value NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Napi::Number::New(env, comms.Add(comm));
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

void Send(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  Check(info.Env(), MPI_Send(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm), "MPI_Send");
}

void Ssend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  Check(info.Env(), MPI_Ssend(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm), "MPI_Ssend");
}

void Recv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  MPI_Status* st = status::Read(info.Env(), info[6]);
  Check(info.Env(), MPI_Recv(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm, st), "MPI_Recv");
}

// (comm, send triple, dest, sendtag, recv triple, source, recvtag, status)
void Sendrecv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1);
  Msg r = buffer::Read(info, 6);
  MPI_Status* st = status::Read(info.Env(), info[11]);
  Check(info.Env(),
        MPI_Sendrecv(s.ptr, s.count, s.type, IntArg(info, 4), IntArg(info, 5), r.ptr, r.count, r.type,
                     IntArg(info, 9), IntArg(info, 10), comm, st),
        "MPI_Sendrecv");
}

Napi::Value Isend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  MPI_Request req;
  Check(info.Env(), MPI_Isend(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm, &req), "MPI_Isend");
  return NewRequest(info, req, {info[1]});
}

Napi::Value Issend(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  MPI_Request req;
  Check(info.Env(), MPI_Issend(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm, &req),
        "MPI_Issend");
  return NewRequest(info, req, {info[1]});
}

Napi::Value Irecv(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  MPI_Request req;
  Check(info.Env(), MPI_Irecv(m.ptr, m.count, m.type, IntArg(info, 4), IntArg(info, 5), comm, &req), "MPI_Irecv");
  return NewRequest(info, req, {info[1]});
}

// (comm, source, tag, status) -> true
Napi::Value Probe(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Check(info.Env(), MPI_Probe(IntArg(info, 1), IntArg(info, 2), comm, status::Read(info.Env(), info[3])),
        "MPI_Probe");
  return Napi::Boolean::New(info.Env(), true);
}

Napi::Value Iprobe(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int flag = 0;
  Check(info.Env(), MPI_Iprobe(IntArg(info, 1), IntArg(info, 2), comm, &flag, status::Read(info.Env(), info[3])),
        "MPI_Iprobe");
  return Napi::Boolean::New(info.Env(), flag != 0);
}

// Object receive: (comm, source, tag, status) -> Buffer holding exactly the
// message, sized by a matched probe so no other receive can take it meanwhile.
Napi::Value RecvBytes(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  MPI_Status* st = status::Read(env, info[3]);
  MPI_Status local;
  if (st == MPI_STATUS_IGNORE) st = &local;
  MPI_Message msg;
  Check(env, MPI_Mprobe(IntArg(info, 1), IntArg(info, 2), comm, &msg, st), "MPI_Mprobe");
  int count = 0;
  MPI_Get_count(st, MPI_BYTE, &count);
  auto buf = Napi::Buffer<uint8_t>::New(env, count);
  Check(env, MPI_Mrecv(buf.Data(), count, MPI_BYTE, &msg, st), "MPI_Mrecv");
  return buf;
}

// Object receive that has not found its message yet -> request id.
Napi::Value IrecvBytes(const Info& info) {
  MPI_Comm comm = CommArg(info);
  return Napi::Number::New(info.Env(), request::AddObjectReceive(comm, IntArg(info, 1), IntArg(info, 2)));
}

// ---- collectives ------------------------------------------------------------

void Barrier(const Info& info) { Check(info.Env(), MPI_Barrier(CommArg(info)), "MPI_Barrier"); }

Napi::Value Ibarrier(const Info& info) {
  MPI_Request req;
  Check(info.Env(), MPI_Ibarrier(CommArg(info), &req), "MPI_Ibarrier");
  return NewRequest(info, req, {});
}

// (comm, triple, root)
void Bcast(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  Check(info.Env(), MPI_Bcast(m.ptr, m.count, m.type, IntArg(info, 4), comm), "MPI_Bcast");
}

Napi::Value Ibcast(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg m = buffer::Read(info, 1);
  MPI_Request req;
  Check(info.Env(), MPI_Ibcast(m.ptr, m.count, m.type, IntArg(info, 4), comm, &req), "MPI_Ibcast");
  return NewRequest(info, req, {info[1]});
}

// Gather and Scatter: (comm, send triple, recv triple, root). The side that
// holds one block per rank is read only at the root.
struct Rooted {
  MPI_Comm comm;
  Msg s, r;
  int root;
};

Rooted ReadGather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7);
  bool at_root = Rank(info.Env(), comm) == root;
  Msg s = buffer::Read(info, 1);
  Msg r = at_root ? buffer::Read(info, 4, Size(info.Env(), comm)) : Msg{nullptr, 0, MPI_BYTE, false};
  return {comm, s, r, root};
}

Rooted ReadScatter(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 7);
  bool at_root = Rank(info.Env(), comm) == root;
  Msg s = at_root ? buffer::Read(info, 1, Size(info.Env(), comm)) : Msg{nullptr, 0, MPI_BYTE, false};
  Msg r = buffer::Read(info, 4);
  return {comm, s, r, root};
}

void Gather(const Info& info) {
  Rooted a = ReadGather(info);
  Check(info.Env(), MPI_Gather(a.s.ptr, a.s.count, a.s.type, a.r.ptr, a.r.count, a.r.type, a.root, a.comm),
        "MPI_Gather");
}

Napi::Value Igather(const Info& info) {
  Rooted a = ReadGather(info);
  MPI_Request req;
  Check(info.Env(), MPI_Igather(a.s.ptr, a.s.count, a.s.type, a.r.ptr, a.r.count, a.r.type, a.root, a.comm, &req),
        "MPI_Igather");
  return NewRequest(info, req, {info[1], info[4]});
}

void Scatter(const Info& info) {
  Rooted a = ReadScatter(info);
  Check(info.Env(), MPI_Scatter(a.s.ptr, a.s.count, a.s.type, a.r.ptr, a.r.count, a.r.type, a.root, a.comm),
        "MPI_Scatter");
}

Napi::Value Iscatter(const Info& info) {
  Rooted a = ReadScatter(info);
  MPI_Request req;
  Check(info.Env(),
        MPI_Iscatter(a.s.ptr, a.s.count, a.s.type, a.r.ptr, a.r.count, a.r.type, a.root, a.comm, &req),
        "MPI_Iscatter");
  return NewRequest(info, req, {info[1], info[4]});
}

// (comm, send triple, recvV quad, root)
void Gatherv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8);
  Msg s = buffer::Read(info, 1);
  MsgV r = Rank(env, comm) == root ? buffer::ReadV(info, 4, Size(env, comm)) : MsgV{nullptr, nullptr, nullptr, MPI_BYTE, false};
  Check(env, MPI_Gatherv(s.ptr, s.count, s.type, r.ptr, r.counts, r.displs, r.type, root, comm), "MPI_Gatherv");
}

// (comm, sendV quad, recv triple, root)
void Scatterv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int root = IntArg(info, 8);
  MsgV s = Rank(env, comm) == root ? buffer::ReadV(info, 1, Size(env, comm)) : MsgV{nullptr, nullptr, nullptr, MPI_BYTE, false};
  Msg r = buffer::Read(info, 5);
  Check(env, MPI_Scatterv(s.ptr, s.counts, s.displs, s.type, r.ptr, r.count, r.type, root, comm), "MPI_Scatterv");
}

// (comm, send triple, recv triple)
void Allgather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1);
  Msg r = buffer::Read(info, 4, Size(info.Env(), comm));
  Check(info.Env(), MPI_Allgather(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm), "MPI_Allgather");
}

Napi::Value Iallgather(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1);
  Msg r = buffer::Read(info, 4, Size(info.Env(), comm));
  MPI_Request req;
  Check(info.Env(), MPI_Iallgather(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm, &req), "MPI_Iallgather");
  return NewRequest(info, req, {info[1], info[4]});
}

// (comm, send triple, recvV quad)
void Allgatherv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1);
  MsgV r = buffer::ReadV(info, 4, Size(env, comm));
  Check(env, MPI_Allgatherv(s.ptr, s.count, s.type, r.ptr, r.counts, r.displs, r.type, comm), "MPI_Allgatherv");
}

void Alltoall(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int size = Size(info.Env(), comm);
  Msg s = buffer::Read(info, 1, size);
  Msg r = buffer::Read(info, 4, size);
  Check(info.Env(), MPI_Alltoall(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm), "MPI_Alltoall");
}

Napi::Value Ialltoall(const Info& info) {
  MPI_Comm comm = CommArg(info);
  int size = Size(info.Env(), comm);
  Msg s = buffer::Read(info, 1, size);
  Msg r = buffer::Read(info, 4, size);
  MPI_Request req;
  Check(info.Env(), MPI_Ialltoall(s.ptr, s.count, s.type, r.ptr, r.count, r.type, comm, &req), "MPI_Ialltoall");
  return NewRequest(info, req, {info[1], info[4]});
}

// (comm, sendV quad, recvV quad)
void Alltoallv(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm);
  MsgV s = buffer::ReadV(info, 1, size);
  MsgV r = buffer::ReadV(info, 5, size);
  Check(env, MPI_Alltoallv(s.ptr, s.counts, s.displs, s.type, r.ptr, r.counts, r.displs, r.type, comm),
        "MPI_Alltoallv");
}

// Reductions: (comm, send triple, recv triple, op[, root]). One count serves
// both sides; the receive side must hold it wherever it is significant.
struct Reduction {
  MPI_Comm comm;
  Msg s, r;
  int count;
  MPI_Op op;
};

Reduction ReadReduction(const Info& info, bool recv_significant) {
  MPI_Comm comm = CommArg(info);
  Msg s = buffer::Read(info, 1);
  Msg r = recv_significant ? buffer::Read(info, 4) : Msg{nullptr, 0, s.type, false};
  int count = s.in_place ? r.count : s.count;
  if (recv_significant && r.count < count) {
    throw Napi::RangeError::New(info.Env(), "receive buffer holds fewer items than the send buffer");
  }
  return {comm, s, r, count, OpArg(info, 7)};
}

bool IsRoot(const Info& info, MPI_Comm comm, size_t root_arg) { return Rank(info.Env(), comm) == IntArg(info, root_arg); }

void Reduce(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Reduction a = ReadReduction(info, IsRoot(info, comm, 8));
  Check(info.Env(), MPI_Reduce(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, IntArg(info, 8), comm),
        "MPI_Reduce");
}

Napi::Value Ireduce(const Info& info) {
  MPI_Comm comm = CommArg(info);
  Reduction a = ReadReduction(info, IsRoot(info, comm, 8));
  MPI_Request req;
  Check(info.Env(),
        MPI_Ireduce(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, IntArg(info, 8), comm, &req),
        "MPI_Ireduce");
  return NewRequest(info, req, {info[1], info[4]});
}

void Allreduce(const Info& info) {
  Reduction a = ReadReduction(info, true);
  Check(info.Env(), MPI_Allreduce(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, a.comm),
        "MPI_Allreduce");
}

Napi::Value Iallreduce(const Info& info) {
  Reduction a = ReadReduction(info, true);
  MPI_Request req;
  Check(info.Env(),
        MPI_Iallreduce(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, a.comm, &req),
        "MPI_Iallreduce");
  return NewRequest(info, req, {info[1], info[4]});
}

void Scan(const Info& info) {
  Reduction a = ReadReduction(info, true);
  Check(info.Env(), MPI_Scan(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, a.comm),
        "MPI_Scan");
}

void Exscan(const Info& info) {
  Reduction a = ReadReduction(info, true);
  Check(info.Env(), MPI_Exscan(a.s.ptr, a.r.ptr, a.count, a.s.in_place ? a.r.type : a.s.type, a.op, a.comm),
        "MPI_Exscan");
}

// (comm, send triple (size blocks), recv triple (one block), op)
void ReduceScatterBlock(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int size = Size(env, comm);
  Msg r = buffer::Read(info, 4);
  Msg s = buffer::Read(info, 1);
  // The send side holds one block of the receive count per rank.
  if (!s.in_place && static_cast<int64_t>(s.count) < static_cast<int64_t>(r.count) * size) {
    throw Napi::RangeError::New(env, "send buffer must hold size * receive count items");
  }
  Check(env, MPI_Reduce_scatter_block(s.ptr, r.ptr, r.count, r.type, OpArg(info, 7), comm),
        "MPI_Reduce_scatter_block");
}

// ---- management ---------------------------------------------------------------

Napi::Value Dup(const Info& info) {
  MPI_Comm out;
  Check(info.Env(), MPI_Comm_dup(CommArg(info), &out), "MPI_Comm_dup");
  return NewComm(info.Env(), out);
}

Napi::Value Split(const Info& info) {
  MPI_Comm out;
  Check(info.Env(), MPI_Comm_split(CommArg(info), IntArg(info, 1), IntArg(info, 2), &out), "MPI_Comm_split");
  return NewComm(info.Env(), out);
}

Napi::Value SplitType(const Info& info) {
  MPI_Comm out;
  Check(info.Env(), MPI_Comm_split_type(CommArg(info), IntArg(info, 1), IntArg(info, 2), MPI_INFO_NULL, &out),
        "MPI_Comm_split_type");
  return NewComm(info.Env(), out);
}

Napi::Value Create(const Info& info) {
  MPI_Comm out;
  Check(info.Env(), MPI_Comm_create(CommArg(info), groups.Get(info.Env(), info[1]), &out), "MPI_Comm_create");
  return NewComm(info.Env(), out);
}

void Free(const Info& info) {
  environment::EnsureActive(info.Env());
  MPI_Comm& comm = comms.Get(info.Env(), info[0]);
  Check(info.Env(), MPI_Comm_free(&comm), "MPI_Comm_free");
  comms.Remove(IntArg(info, 0));
}

Napi::Value Compare(const Info& info) {
  int result = 0;
  Check(info.Env(), MPI_Comm_compare(CommArg(info, 0), CommArg(info, 1), &result), "MPI_Comm_compare");
  return Napi::Number::New(info.Env(), result);
}

Napi::Value GetGroup(const Info& info) {
  MPI_Group group;
  Check(info.Env(), MPI_Comm_group(CommArg(info), &group), "MPI_Comm_group");
  return Napi::Number::New(info.Env(), groups.Add(group));
}

void Abort(const Info& info) { MPI_Abort(CommArg(info), IntArg(info, 1)); }

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
  MPI_Comm out;
  Check(info.Env(),
        MPI_Cart_create(CommArg(info), static_cast<int>(dims.size()), dims.data(), periods.data(),
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
  Check(env, MPI_Cart_coords(comm, IntArg(info, 1), ndim, coords.data()), "MPI_Cart_coords");
  return IntArray(env, coords);
}

Napi::Value CartShift(const Info& info) {
  int source = 0, dest = 0;
  Check(info.Env(), MPI_Cart_shift(CommArg(info), IntArg(info, 1), IntArg(info, 2), &source, &dest), "MPI_Cart_shift");
  return IntArray(info.Env(), {source, dest});
}

Napi::Value CartSub(const Info& info) {
  std::vector<int> remain = Ints(info[1]);
  MPI_Comm out;
  Check(info.Env(), MPI_Cart_sub(CommArg(info), remain.data(), &out), "MPI_Cart_sub");
  return NewComm(info.Env(), out);
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  comms.Reserve(kCommWorld, MPI_COMM_WORLD);
  comms.Reserve(kCommSelf, MPI_COMM_SELF);
  auto comm = Napi::Object::New(env);
  auto add = [&](const char* name, auto fn) { comm[name] = Napi::Function::New(env, fn, name); };
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
  add("Barrier", Barrier);
  add("Ibarrier", Ibarrier);
  add("Bcast", Bcast);
  add("Ibcast", Ibcast);
  add("Gather", Gather);
  add("Igather", Igather);
  add("Gatherv", Gatherv);
  add("Scatter", Scatter);
  add("Iscatter", Iscatter);
  add("Scatterv", Scatterv);
  add("Allgather", Allgather);
  add("Iallgather", Iallgather);
  add("Allgatherv", Allgatherv);
  add("Alltoall", Alltoall);
  add("Ialltoall", Ialltoall);
  add("Alltoallv", Alltoallv);
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
  exports["comm"] = comm;
}

}  // namespace mpi4js::comm
