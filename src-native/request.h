// Requests in flight, kept in a table in C++ so that the progress engine can
// test them all in one MPI call without calling into JavaScript, and so that
// whatever a nonblocking call was given stays alive until MPI is done with it,
// whether or not the caller still holds a reference.
//
// A slot is either an MPI_Request, or an object receive (lowercase irecv) that
// does not know its size yet: it probes for its message, then receives exactly
// that many bytes into a fresh Buffer.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <array>
#include <initializer_list>
#include <memory>
#include <vector>

#include "watchdog.h"

namespace mpi4js::request {

// What started a request, for the watchdog's report.
struct Origin {
  const char* call = "";
  MPI_Comm comm = MPI_COMM_NULL;
  int source = watchdog::kNone;
  int tag = watchdog::kNone;
  int root = watchdog::kNone;
};

// One request in flight.
struct Slot {
  // The slot's generation: bumped on release, so a stale id is refused.
  int32_t gen = 0;
  bool in_use = false;
  bool done = false;
  bool orphan = false;
  MPI_Request req = MPI_REQUEST_NULL;
  std::array<napi_ref, 6> keep{};
  // Object receive that has not matched its message yet (origin has comm, source, tag).
  bool probing = false;
  Origin origin;
  napi_ref result = nullptr;  // the Buffer an object receive fills
  MPI_Status status{};
  int error = MPI_SUCCESS;
  const char* failed_call = "";
  int user_op = -1;  // a reduction's user op slot (op.h): its function's throw is this request's error
  // --- persistent and generalized requests
  // A persistent request (MPI_Send_init …) keeps its slot, handle and buffers
  // across rounds: Start makes it active, completing a round makes it inactive.
  bool persistent = false;
  bool active = false;
  // A generalized request (MPI_Grequest_start): never left to the progress
  // engine once dropped, as only its owner's Complete can finish it.
  bool generalized = false;
};

// The requests of one environment (owned by its Addon, addon.h).
struct Table {
  // Ids carry their slot's generation (handles.h): slot | generation << kSlotBits.
  std::vector<Slot> slots;
  std::vector<int32_t> free_slots;
  // Object receives still looking for their message, oldest first: a message
  // goes to the oldest that matches it, as MPI matches posted receives in order.
  std::vector<int32_t> probing;
  // PollAll's scratch, reused: the progress engine polls on every loop turn.
  std::vector<int32_t> pending;
  std::vector<MPI_Request> reqs;
  std::vector<int> indices;
  std::vector<MPI_Status> statuses;
};

// A slot for an MPI_Request. keep: JS values MPI reads or writes until
// completion (buffers, counts); result: what completion hands back (a Buffer).
int32_t Add(Napi::Env env, MPI_Request req, const Origin& origin, std::initializer_list<napi_value> keep,
            napi_value result = nullptr);

// A slot for an inactive persistent request (Start makes it active).
int32_t AddPersistent(Napi::Env env, MPI_Request req, const Origin& origin, std::initializer_list<napi_value> keep);

// The slot of an id JS gave (checked: in use, current generation), else a TypeError.
Slot& Checked(Napi::Env env, const Napi::Value& id);

// A slot for an object receive of any size.
int32_t AddObjectReceive(napi_env env, MPI_Comm comm, int source, int tag);

// Makes progress on the given slots without blocking, in one MPI_Testsome;
// appends those that completed (or failed: errors are kept for take) to done.
void PollAll(napi_env env, const std::vector<int32_t>& ids, std::vector<int32_t>& done);

// A message that a blocking object receive probed for: if an older object
// receive (irecv) matches it, it goes there instead (true) — MPI's order of
// posted receives — and the caller probes again.
bool Divert(napi_env env, MPI_Comm comm, MPI_Message msg, MPI_Status* st);

// Whether a pending object receive (irecv) matches the probed message st on comm:
// it is that receive's, so a probe must not report it.
bool Claimed(napi_env env, MPI_Comm comm, const MPI_Status& st);

// Lets the pending object receives on comm probe first; true if some still
// wait there (a blocking object receive must then poll rather than block).
bool OlderReceivesOn(napi_env env, MPI_Comm comm);

// Whether some object receive (lowercase irecv) still waits for its message.
// It is not posted to MPI, so a send that needs it completes only if this rank
// serves it: every blocking call checks this first (the common answer, no,
// costs one comparison) and, if so, runs as its nonblocking form plus Serve.
bool Pending(napi_env env);

// Lets every pending object receive probe once, oldest first, on every
// communicator; one that finds its message starts receiving it (MPI then
// progresses it like any posted receive).
void Serve(napi_env env);

// Completes n nonblocking operations (MPI_Testall) while serving the pending
// object receives; blocks in MPI_Waitall once none is pending. MPI's error code.
int WaitServing(napi_env env, int n, MPI_Request* reqs, MPI_Status* statuses);

// Serves the pending object receives while a blocking collective runs: made
// before the collective's MPI call, when some irecv is pending (and MPI granted
// MPI_THREAD_MULTIPLE), it starts a thread that probes for them and starts their
// receives into memory of its own, so a peer blocked in a send to this rank
// completes and reaches the collective; destroyed after the call, it stops the
// thread and hands what it matched to the receives' slots. The collective stays
// the blocking MPI call on every rank: MPI does not match a nonblocking
// collective on one rank with a blocking one on another (Open MPI hangs), and a
// rank cannot know whether the others have irecvs pending. With none pending
// (the usual case) it costs one comparison.
class ServedCollective {
 public:
  explicit ServedCollective(napi_env env);
  ~ServedCollective();
  ServedCollective(const ServedCollective&) = delete;
  ServedCollective& operator=(const ServedCollective&) = delete;
  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Ends the object receives still probing on comm, which is being freed, and
// forgets comm in the origins of the other requests on it (MPI completes those).
void FailReceivesOn(napi_env env, MPI_Comm comm);

// Whether the slot was released by its owner (Request.Free) and only awaits completion.
bool Orphaned(napi_env env, int32_t id);

// Where a slot came from.
const Origin& OriginOf(napi_env env, int32_t id);

// The request is a reduction with user op `slot` (op.h).
void MarkUserOp(napi_env env, int32_t id, int slot);

// Forgets a completed slot, dropping what it kept alive.
void Release(napi_env env, int32_t id);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::request
