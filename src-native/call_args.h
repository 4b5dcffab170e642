// The readers every call's file shares: the communicator and op arguments (by
// id, through the Addon's tables), the communicator's size and rank, and a new
// request's id. One definition, so each MPI object's file stays mechanical.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <initializer_list>

#include "addon.h"
#include "environment.h"
#include "errors.h"
#include "request.h"

namespace mpi4js::call_args {

// info[i] as a communicator; MPI must be active (the first check of every call).
inline MPI_Comm CommArg(const Napi::CallbackInfo& info, size_t i = 0) {
  environment::EnsureActive(info.Env());
  return Addon::Of(info.Env()).comms.Get(info.Env(), info[i]);
}

inline MPI_Op OpArg(const Napi::CallbackInfo& info, size_t i) { return Addon::Of(info.Env()).ops.Get(info.Env(), info[i]); }

// info[i] as hints (an MPI.Info's id; INFO_NULL's for none).
inline MPI_Info InfoArg(const Napi::CallbackInfo& info, size_t i) { return Addon::Of(info.Env()).infos.Get(info.Env(), info[i]); }

// An address for a buffer MPI must not touch but MPICH wants non-null
// (MPI_ERR_BUFFER): an intercommunicator's MPI_ROOT sends nothing in a reduction
// (its count and datatype are the receive side's), and a typed array of no bytes
// has no memory (V8 gives null), which MPICH refuses with a count that is not 0
// (a neighbour collective on a process with no in-neighbours). No MPI reads or
// writes it: this constant's address.
inline constexpr char kUnread = 0;

inline int Size(Napi::Env env, MPI_Comm comm) {
  int size = 0;
  errors::Check(env, MPI_Comm_size(comm, &size), "MPI_Comm_size");
  return size;
}

inline int Rank(Napi::Env env, MPI_Comm comm) {
  int rank = 0;
  errors::Check(env, MPI_Comm_rank(comm, &rank), "MPI_Comm_rank");
  return rank;
}

// Whether comm is an intercommunicator (two groups).
inline bool Inter(Napi::Env env, MPI_Comm comm) {
  int flag = 0;
  errors::Check(env, MPI_Comm_test_inter(comm, &flag), "MPI_Comm_test_inter");
  return flag != 0;
}

// How many processes a collective's per-process blocks address: the remote
// group on an intercommunicator (MPI reads that many blocks), else comm's size.
inline int Peers(Napi::Env env, MPI_Comm comm) {
  if (!Inter(env, comm)) return Size(env, comm);
  int size = 0;
  errors::Check(env, MPI_Comm_remote_size(comm, &size), "MPI_Comm_remote_size");
  return size;
}

// Whether the root's side of a rooted collective is read here: MPI_ROOT on an
// intercommunicator (the root's own group passes MPI_PROC_NULL, the other group
// the root's rank), else the root's rank.
inline bool AtRoot(Napi::Env env, MPI_Comm comm, int root) {
  return Inter(env, comm) ? root == MPI_ROOT : Rank(env, comm) == root;
}

// The id of a request the addon now tracks, keeping `keep` alive until MPI completes it.
inline Napi::Value NewRequest(const Napi::CallbackInfo& info, MPI_Request req, const request::Origin& origin,
                              std::initializer_list<napi_value> keep) {
  return Napi::Number::New(info.Env(), request::Add(info.Env(), req, origin, keep));
}

}  // namespace mpi4js::call_args
