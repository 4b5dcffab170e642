// User-defined reduction operations (MPI.Op.Create) on buffers: MPI calls a C
// function with (invec, inoutvec, len, datatype) and nothing else, so each of
// the 32 user ops gets its own trampoline (op.cc), which calls the op's
// JavaScript function with typed-array views over MPI's memory.
//
// A reduction call site wraps its MPI call in an op::Call: with a predefined op
// it costs one comparison; with a user op it marks JavaScript as possibly
// running inside MPI (so mpi4js's helper threads make no MPI call, which could
// run the op off the main thread), and after a blocking call Rethrow() throws
// whatever the function threw, on this rank only. A nonblocking call hands the
// op to its request (request::MarkUserOp), whose completion takes the error.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace mpi4js::op {

// As mpi4py: at most 32 user ops exist at once.
constexpr int kMaxUserOps = 32;

struct Entry {
  bool in_use = false;
  MPI_Op op = MPI_OP_NULL;
  int32_t id = 0;          // in Addon::ops, while not freed
  bool freed = false;      // Op.Free() was called: the slot returns once no request uses it
  napi_ref fn = nullptr;   // (invec, inoutvec, datatypeId) => void, made by lib/op.ts
  napi_ref error = nullptr;  // what fn threw, until its reduction takes it
  int requests = 0;          // nonblocking reductions in flight with this op
  // MPI called the op from a thread other than the main one (the gates should
  // make this impossible): the reduction fails with an Error instead.
  std::atomic<bool> off_thread{false};
};

// The user ops of one environment (owned by its Addon, addon.h).
struct Table {
  std::array<Entry, kMaxUserOps> entries;
  napi_env env = nullptr;
  int live = 0;        // entries in use: none, and every reduction skips the rest
  int requests = 0;    // nonblocking user-op reductions in flight
  int blocking = 0;    // blocking user-op reductions under way (JS may run mid-MPI)
  bool in_user_op = false;  // a user op's function is running: MPI calls are refused
  // Datatype handles seen in user-op reductions, with the ids JS knows them by,
  // so the trampoline can tell JS which Datatype object MPI passed.
  std::vector<std::pair<MPI_Datatype, int32_t>> types;
};

// Around one reduction's MPI call (see the top of this file). type_id: the
// datatype's id as JS passed it. blocking: a blocking call (or Reduce_local).
class Call {
 public:
  Call(napi_env env, MPI_Op op, MPI_Datatype type, napi_value type_id, bool blocking);
  ~Call();
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;
  bool user() const { return slot_ >= 0; }
  // After a blocking MPI call returns: throws what the op's function threw.
  void Rethrow();
  // After a nonblocking MPI call posted request id: its completion takes the error.
  void Attach(int32_t request_id);

 private:
  napi_env env_ = nullptr;
  int slot_ = -1;
  bool blocking_ = false;
};

// Whether op is a user op (one with a JavaScript function).
bool IsUser(napi_env env, MPI_Op op);

// Whether a user op may run now (requests in flight or a blocking reduction):
// helper threads must then make no MPI call.
bool Busy(napi_env env);

// Whether a user op's function is running (MPI calls are refused then).
bool InUserOp(napi_env env);

// A request of user op `slot` completed: what its function threw (or nullptr), taken.
napi_value TakeError(napi_env env, int slot);

// A request of user op `slot` was released.
void RequestEnded(napi_env env, int slot);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::op
