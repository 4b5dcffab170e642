// Graph and distributed graph topologies, the placement queries (Cart_map,
// Graph_map) and every topology's neighbour counts (topology.h), for
// lib/comm/graphcomm.ts, lib/comm/distgraphcomm.ts and lib/comm/topocomm.ts.
// lib/ checks the arguments' meaning (ranks in range, index nondecreasing);
// this side derives every length MPI reads from the arrays themselves and
// checks again what MPI would read past, so no argument makes it leave them.
#include "topology.h"

#include <mpi.h>
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "addon.h"
#include "call_args.h"
#include "errors.h"
#include "handles.h"
#include "register.h"
#include "request.h"

namespace mpi4js::topology {

Degrees Neighbours(Napi::Env env, MPI_Comm comm, const char* call) {
  int topo = MPI_UNDEFINED;
  errors::Check(env, MPI_Topo_test(comm, &topo), call);
  Degrees d;
  if (topo == MPI_CART) {
    int ndim = 0;
    errors::Check(env, MPI_Cartdim_get(comm, &ndim), call);
    d.in = d.out = 2 * ndim;
  } else if (topo == MPI_GRAPH) {
    int rank = call_args::Rank(env, comm), n = 0;
    errors::Check(env, MPI_Graph_neighbors_count(comm, rank, &n), call);
    d.in = d.out = n;
  } else if (topo == MPI_DIST_GRAPH) {
    int weighted = 0;
    errors::Check(env, MPI_Dist_graph_neighbors_count(comm, &d.in, &d.out, &weighted), call);
  } else {
    errors::ThrowDetail(env, MPI_ERR_TOPOLOGY, call, "the communicator has no topology");
  }
  return d;
}

namespace {

using call_args::CommArg;
using errors::Check;
using Info = Napi::CallbackInfo;

const char* Call(const Info& info) { return static_cast<const char*>(info.Data()); }

// info[i] as an Int32Array (lib/ built it with A.ints, which checked every item).
Napi::Int32Array Ints(const Info& info, size_t i, const char* what) {
  auto v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(info.Env(), std::string(Call(info)) + ": " + what + " must be an Int32Array");
  }
  return v.As<Napi::Int32Array>();
}

// An array's items for MPI: never a null pointer, which an empty typed array's
// data may be and Open MPI refuses (MPI_ERR_ARG) even where nothing is read.
const int* Items(const Napi::Int32Array& a) {
  static const int kNone[1] = {0};
  return a.ElementLength() == 0 || a.Data() == nullptr ? kNone : a.Data();
}

int Length(const Info& info, const Napi::Int32Array& a, const char* what) {
  if (a.ElementLength() > static_cast<size_t>(INT32_MAX)) {
    throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": " + what + " is longer than a C int counts");
  }
  return static_cast<int>(a.ElementLength());
}

// A weights argument: an Int32Array of exactly n weights, or the number 0
// (MPI_UNWEIGHTED) or 1 (MPI_WEIGHTS_EMPTY). Explicit weights of a degree of
// zero are MPI_WEIGHTS_EMPTY: an empty array's data may be a null pointer,
// which MPI reads as no weights given.
const int* Weights(const Info& info, size_t i, size_t n, const char* what) {
  auto v = info[i];
  if (v.IsNumber()) {
    int mode = v.As<Napi::Number>().Int32Value();
    if (mode == 0) return MPI_UNWEIGHTED;
    if (mode == 1) return MPI_WEIGHTS_EMPTY;
  }
  auto a = Ints(info, i, what);
  if (a.ElementLength() != n) {
    throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": " + what + " has " +
                                                std::to_string(a.ElementLength()) + " items, expected " +
                                                std::to_string(n));
  }
  return n == 0 ? MPI_WEIGHTS_EMPTY : a.Data();
}

// A graph's (index, edges): MPI reads index[0…nnodes-1] and edges[0…index[nnodes-1]-1].
void CheckGraph(const Info& info, const Napi::Int32Array& index, const Napi::Int32Array& edges) {
  int nnodes = Length(info, index, "index"), nedges = Length(info, edges, "edges");
  int previous = 0;
  for (int i = 0; i < nnodes; ++i) {
    if (index[static_cast<size_t>(i)] < previous) {
      throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": index must be nondecreasing from 0");
    }
    previous = index[static_cast<size_t>(i)];
  }
  if (previous != nedges) {
    throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": index ends at " + std::to_string(previous) +
                                                " but edges has " + std::to_string(nedges) + " items");
  }
}

Napi::Value NewComm(Napi::Env env, MPI_Comm comm) {
  if (comm != MPI_COMM_NULL) MPI_Comm_set_errhandler(comm, MPI_ERRORS_RETURN);
  return Napi::Number::New(env, Addon::Of(env).comms.Add(comm));
}

Napi::Value IntArray(Napi::Env env, const int* v, size_t n) {
  auto out = Napi::Array::New(env, n);
  for (size_t i = 0; i < n; ++i) out[i] = Napi::Number::New(env, v[i]);
  return out;
}

// (comm, index, edges, reorder) -> comm id (COMM_NULL beyond the graph's nodes)
Napi::Value CreateGraph(const Info& info) {
  MPI_Comm comm = CommArg(info), out = MPI_COMM_NULL;
  auto index = Ints(info, 1, "index");
  auto edges = Ints(info, 2, "edges");
  CheckGraph(info, index, edges);
  request::ServedCollective served(info.Env());
  Check(info.Env(),
        MPI_Graph_create(comm, static_cast<int>(index.ElementLength()), Items(index), Items(edges),
                         info[3].ToBoolean() ? 1 : 0, &out),
        "MPI_Graph_create");
  return NewComm(info.Env(), out);
}

// (comm) -> [index, edges]
Napi::Value GraphGet(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int nnodes = 0, nedges = 0;
  Check(env, MPI_Graphdims_get(comm, &nnodes, &nedges), "MPI_Graphdims_get");
  std::vector<int> index(static_cast<size_t>(nnodes) + 1), edges(static_cast<size_t>(nedges) + 1);
  Check(env, MPI_Graph_get(comm, nnodes, nedges, index.data(), edges.data()), "MPI_Graph_get");
  auto out = Napi::Array::New(env, 2);
  out[0u] = IntArray(env, index.data(), static_cast<size_t>(nnodes));
  out[1u] = IntArray(env, edges.data(), static_cast<size_t>(nedges));
  return out;
}

// (comm, rank) -> the rank's neighbours
Napi::Value GraphNeighbors(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int rank = IntArg(info, 1, "MPI_Graph_neighbors", "rank"), n = 0;
  // Open MPI reads its index table at rank with an off-by-one bound: checked here.
  if (rank < 0 || rank >= call_args::Size(env, comm)) errors::ThrowDetail(env, MPI_ERR_RANK, Call(info), "rank out of range");
  Check(env, MPI_Graph_neighbors_count(comm, rank, &n), "MPI_Graph_neighbors_count");
  std::vector<int> v(static_cast<size_t>(n) + 1);
  Check(env, MPI_Graph_neighbors(comm, rank, n, v.data()), "MPI_Graph_neighbors");
  return IntArray(env, v.data(), static_cast<size_t>(n));
}

// (comm, sources, sourceweights, destinations, destweights, reorder, info) -> comm id
Napi::Value CreateDistGraphAdjacent(const Info& info) {
  MPI_Comm comm = CommArg(info), out = MPI_COMM_NULL;
  auto sources = Ints(info, 1, "sources");
  auto destinations = Ints(info, 3, "destinations");
  int indegree = Length(info, sources, "sources"), outdegree = Length(info, destinations, "destinations");
  const int* sw = Weights(info, 2, sources.ElementLength(), "sourceweights");
  const int* dw = Weights(info, 4, destinations.ElementLength(), "destweights");
  request::ServedCollective served(info.Env());
  Check(info.Env(),
        MPI_Dist_graph_create_adjacent(comm, indegree, Items(sources), sw, outdegree, Items(destinations), dw,
                                       call_args::InfoArg(info, 6), info[5].ToBoolean() ? 1 : 0, &out),
        "MPI_Dist_graph_create_adjacent");
  return NewComm(info.Env(), out);
}

// (comm, sources, degrees, destinations, weights, reorder, info) -> comm id
Napi::Value CreateDistGraph(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info), out = MPI_COMM_NULL;
  auto sources = Ints(info, 1, "sources");
  auto degrees = Ints(info, 2, "degrees");
  auto destinations = Ints(info, 3, "destinations");
  int n = Length(info, sources, "sources");
  if (degrees.ElementLength() != sources.ElementLength()) {
    throw Napi::RangeError::New(env, std::string(Call(info)) + ": one degree per source expected");
  }
  int64_t edges = 0;
  for (int i = 0; i < n; ++i) {
    int d = degrees[static_cast<size_t>(i)];
    if (d < 0) throw Napi::RangeError::New(env, std::string(Call(info)) + ": negative degree");
    edges += d;  // at most 2**31 items of at most 2**31: no overflow in int64
  }
  if (static_cast<uint64_t>(edges) != destinations.ElementLength()) {
    throw Napi::RangeError::New(env, std::string(Call(info)) + ": destinations has " +
                                         std::to_string(destinations.ElementLength()) +
                                         " items but the degrees add up to " + std::to_string(edges));
  }
  const int* w = Weights(info, 4, static_cast<size_t>(edges), "weights");
  request::ServedCollective served(env);
  Check(env,
        MPI_Dist_graph_create(comm, n, Items(sources), Items(degrees), Items(destinations), w, call_args::InfoArg(info, 6),
                              info[5].ToBoolean() ? 1 : 0, &out),
        "MPI_Dist_graph_create");
  return NewComm(env, out);
}

// (comm) -> [indegree, outdegree, weighted]
Napi::Value DistGraphNeighborsCount(const Info& info) {
  auto env = info.Env();
  int in = 0, out = 0, weighted = 0;
  Check(env, MPI_Dist_graph_neighbors_count(CommArg(info), &in, &out, &weighted), "MPI_Dist_graph_neighbors_count");
  auto r = Napi::Array::New(env, 3);
  r[0u] = Napi::Number::New(env, in);
  r[1u] = Napi::Number::New(env, out);
  r[2u] = Napi::Boolean::New(env, weighted != 0);
  return r;
}

// (comm) -> [sources, destinations, sourceweights or null, destweights or null]
Napi::Value DistGraphNeighbors(const Info& info) {
  auto env = info.Env();
  MPI_Comm comm = CommArg(info);
  int in = 0, out = 0, weighted = 0;
  Check(env, MPI_Dist_graph_neighbors_count(comm, &in, &out, &weighted), "MPI_Dist_graph_neighbors_count");
  // One spare item each: never a zero-length vector's null data, which MPI could take for no array.
  std::vector<int> src(static_cast<size_t>(in) + 1), dst(static_cast<size_t>(out) + 1);
  std::vector<int> sw(static_cast<size_t>(in) + 1, 1), dw(static_cast<size_t>(out) + 1, 1);
  Check(env,
        MPI_Dist_graph_neighbors(comm, in, src.data(), weighted ? sw.data() : MPI_UNWEIGHTED, out, dst.data(),
                                 weighted ? dw.data() : MPI_UNWEIGHTED),
        "MPI_Dist_graph_neighbors");
  auto r = Napi::Array::New(env, 4);
  r[0u] = IntArray(env, src.data(), static_cast<size_t>(in));
  r[1u] = IntArray(env, dst.data(), static_cast<size_t>(out));
  r[2u] = weighted ? IntArray(env, sw.data(), static_cast<size_t>(in)) : env.Null();
  r[3u] = weighted ? IntArray(env, dw.data(), static_cast<size_t>(out)) : env.Null();
  return r;
}

// (comm, dims, periods) -> this process's rank in the grid, or UNDEFINED
Napi::Value CartMap(const Info& info) {
  MPI_Comm comm = CommArg(info);
  auto dims = Ints(info, 1, "dims");
  auto periods = Ints(info, 2, "periods");
  if (periods.ElementLength() != dims.ElementLength()) {
    throw Napi::RangeError::New(info.Env(), std::string(Call(info)) + ": one period per dimension expected");
  }
  int rank = MPI_UNDEFINED;
  Check(info.Env(), MPI_Cart_map(comm, Length(info, dims, "dims"), Items(dims), Items(periods), &rank), "MPI_Cart_map");
  return Napi::Number::New(info.Env(), rank);
}

// (comm, index, edges) -> this process's rank in the graph, or UNDEFINED
Napi::Value GraphMap(const Info& info) {
  MPI_Comm comm = CommArg(info);
  auto index = Ints(info, 1, "index");
  auto edges = Ints(info, 2, "edges");
  CheckGraph(info, index, edges);
  int rank = MPI_UNDEFINED;
  Check(info.Env(), MPI_Graph_map(comm, static_cast<int>(index.ElementLength()), Items(index), Items(edges), &rank),
        "MPI_Graph_map");
  return Napi::Number::New(info.Env(), rank);
}

// (comm) -> [indegree, outdegree], as the neighbour collectives count them
Napi::Value DegreesJs(const Info& info) {
  auto env = info.Env();
  Degrees d = Neighbours(env, CommArg(info), "MPI_Topo_test");
  auto r = Napi::Array::New(env, 2);
  r[0u] = Napi::Number::New(env, d.in);
  r[1u] = Napi::Number::New(env, d.out);
  return r;
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto comm = exports.Get("comm").As<Napi::Object>();
  Register(env, comm, "Create_graph", CreateGraph);
  Register(env, comm, "Graph_get", GraphGet);
  Register(env, comm, "Graph_neighbors", GraphNeighbors);
  Register(env, comm, "Create_dist_graph_adjacent", CreateDistGraphAdjacent);
  Register(env, comm, "Create_dist_graph", CreateDistGraph);
  Register(env, comm, "Dist_graph_neighbors_count", DistGraphNeighborsCount);
  Register(env, comm, "Dist_graph_neighbors", DistGraphNeighbors);
  Register(env, comm, "Cart_map", CartMap);
  Register(env, comm, "Graph_map", GraphMap);
  Register(env, comm, "degrees", DegreesJs);
}

}  // namespace mpi4js::topology
