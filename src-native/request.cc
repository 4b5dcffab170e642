#include "request.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bytes.h"
#include "deadline.h"
#include "environment.h"
#include "errors.h"
#include "addon.h"
#include "handles.h"
#include "op.h"
#include "progress.h"
#include "status.h"

namespace mpi4js::request {

namespace {

// The requests of the environment that calls (addon.h).
Table& T(napi_env env) { return Addon::Of(env).requests; }

Slot& At(napi_env env, int32_t id) { return T(env).slots[SlotOf(id)]; }

void StopProbing(napi_env env, int32_t id) {
  At(env, id).probing = false;
  std::vector<int32_t>& probing = T(env).probing;
  auto it = std::find(probing.begin(), probing.end(), id);
  if (it != probing.end()) probing.erase(it);
}

bool Matches(const Origin& o, MPI_Comm comm, const MPI_Status& st) {
  return o.comm == comm && (o.source == MPI_ANY_SOURCE || o.source == st.MPI_SOURCE) &&
         (o.tag == MPI_ANY_TAG || o.tag == st.MPI_TAG);
}

// A fresh slot; when none is left, a JavaScript error if may_throw, else a fatal error.
int32_t NewSlot(napi_env env, bool may_throw) {
  std::vector<Slot>& slots = T(env).slots;
  std::vector<int32_t>& free_slots = T(env).free_slots;
  int32_t slot;
  if (!free_slots.empty()) {
    slot = free_slots.back();
    free_slots.pop_back();
  } else {
    if (slots.size() >= static_cast<size_t>(kMaxSlots)) {
      if (may_throw) throw Napi::Error::New(env, "too many pending requests (at most 1048576 at once)");
      napi_fatal_error("mpi4js", NAPI_AUTO_LENGTH, "too many pending requests (at most 1048576 at once)", NAPI_AUTO_LENGTH);
    }
    slots.emplace_back();
    slot = static_cast<int32_t>(slots.size() - 1);
  }
  int32_t gen = slots[slot].gen;
  slots[slot] = Slot{};
  slots[slot].gen = gen;
  slots[slot].in_use = true;
  return MakeId(slot, gen);
}

// The id JS gave: a request still pending, else (completed, freed: stale) a TypeError.
int32_t IdArg(Napi::Env env, const Napi::Value& v) {
  environment::EnsureActive(env);
  int32_t id = IdValue(env, v, "request");
  size_t slot = static_cast<size_t>(SlotOf(id));
  const std::vector<Slot>& slots = T(env).slots;
  if (id < 0 || slot >= slots.size() || !slots[slot].in_use || slots[slot].gen != GenerationOf(id)) {
    throw Napi::TypeError::New(env, "request is no longer active");
  }
  return id;
}

// An error ended a wait on reqs, which use the buffers of a call about to
// return: those MPI has not freed are cancelled (receives can be) and
// completed, or freed, so none outlives the call and writes into a buffer
// JavaScript has let go.
void Discard(int n, MPI_Request* reqs) {
  for (int i = 0; i < n; ++i) {
    if (reqs[i] == MPI_REQUEST_NULL) continue;
    MPI_Cancel(&reqs[i]);
    if (MPI_Wait(&reqs[i], MPI_STATUS_IGNORE) != MPI_SUCCESS && reqs[i] != MPI_REQUEST_NULL) MPI_Request_free(&reqs[i]);
  }
}

int32_t IdOf(napi_env env, const Slot& s) { return MakeId(static_cast<int32_t>(&s - T(env).slots.data()), s.gen); }

void Fail(napi_env env, Slot& s, int rc, const char* call) {
  s.error = rc;
  s.failed_call = call;
  s.done = true;
  StopProbing(env, IdOf(env, s));
}

void EmptyStatus(Slot& s, int source, bool cancelled) {
  s.status.MPI_SOURCE = source;
  s.status.MPI_TAG = MPI_ANY_TAG;
  s.status.MPI_ERROR = MPI_SUCCESS;
  MPI_Status_set_elements(&s.status, MPI_BYTE, 0);
  MPI_Status_set_cancelled(&s.status, cancelled ? 1 : 0);
}

// The message an object receive matched: receive it into a Buffer of its size.
void StartObjectReceive(napi_env env, Slot& s, MPI_Message msg, MPI_Status* st, bool blocking) {
  int64_t n = bytes::Of(*st);
  bytes::Span span(n);
  void* data = nullptr;
  napi_value buf;
  StopProbing(env, IdOf(env, s));
  if (napi_create_buffer(env, static_cast<size_t>(n), &data, &buf) != napi_ok) {
    MPI_Mrecv(nullptr, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);  // so no one else can match it
    return Fail(env, s, MPI_ERR_NO_MEM, "MPI_Mrecv");
  }
  napi_create_reference(env, buf, 1, &s.result);
  int rc = blocking ? MPI_Mrecv(data, span.count, span.type, &msg, &s.status) : MPI_Imrecv(data, span.count, span.type, &msg, &s.req);
  if (rc != MPI_SUCCESS) return Fail(env, s, rc, blocking ? "MPI_Mrecv" : "MPI_Imrecv");
  if (blocking) s.done = true;
}

// A message probed for (comm): the oldest object receive it matches takes it.
// Returns that receive's id, or -1 if none matches.
int32_t Deliver(napi_env env, MPI_Comm comm, MPI_Message msg, MPI_Status* st, bool blocking) {
  for (int32_t id : T(env).probing) {
    if (Matches(At(env, id).origin, comm, *st)) {
      StartObjectReceive(env, At(env, id), msg, st, blocking);
      return id;
    }
  }
  return -1;
}

// One object receive's own probe, without blocking, until it has its message
// or none is waiting; a message that an older receive also matches goes to
// that one (MPI's order of posted receives). True when the slot has matched (or failed).
bool ProbeOwn(napi_env env, Slot& s) {
  while (s.probing) {
    int flag = 0;
    MPI_Message msg;
    MPI_Status st;
    int rc = MPI_Improbe(s.origin.source, s.origin.tag, s.origin.comm, &flag, &msg, &st);
    if (rc != MPI_SUCCESS) {
      Fail(env, s, rc, "MPI_Improbe");
      return true;
    }
    if (!flag) return false;
    Deliver(env, s.origin.comm, msg, &st, false);
  }
  return true;
}

// Lets every object receive on comm that is older than `before` (or all, for
// -1) probe with its own pattern, oldest first, so that a newer, narrower probe
// cannot take a message an older wildcard receive would have matched first.
void ServeOlder(napi_env env, MPI_Comm comm, int32_t before) {
  const std::vector<int32_t>& probing = T(env).probing;
  for (size_t i = 0; i < probing.size();) {
    int32_t id = probing[i];
    if (id == before) return;
    Slot& o = At(env, id);
    if (o.origin.comm == comm && ProbeOwn(env, o)) continue;  // it left the list
    ++i;
  }
}

bool ProbeOnce(napi_env env, Slot& s) {
  ServeOlder(env, s.origin.comm, IdOf(env, s));
  return ProbeOwn(env, s);
}

// One nonblocking step on a slot; true once it is done. An inactive persistent
// request is done, as MPI_Test says of it.
bool Poll(napi_env env, Slot& s) {
  if (s.done || (s.persistent && !s.active)) return true;
  if (s.probing && !ProbeOnce(env, s)) return false;
  if (s.done) return true;
  int flag = 0;
  int rc = MPI_Test(&s.req, &flag, &s.status);
  if (rc != MPI_SUCCESS) Fail(env, s, rc, "MPI_Test");
  else if (flag) s.done = true;
  return s.done;
}

// Blocks until the slot completes, or the deadline passes (then false).
bool Complete(napi_env env, Slot& s, const Deadline& deadline) {
  if (s.done || (s.persistent && !s.active)) return true;
  const Origin& o = s.origin;
  watchdog::Scope scope(o.call, o.comm, o.source, o.tag, o.root);
  if (!deadline.Unbounded()) {
    return deadline.Until([&] {
      Serve(env);
      return Poll(env, s);
    });
  }
  // Other object receives may be what this operation's peer is blocked on:
  // serve them while waiting, until this slot is the only one left probing.
  const std::vector<int32_t>& probing = T(env).probing;
  while (!s.done && probing.size() > (s.probing ? 1u : 0u)) {
    Serve(env);
    if (Poll(env, s)) return true;
    sched_yield();
  }
  if (s.probing && probing.front() != IdOf(env, s)) {
    // Older receives may need the messages first: poll rather than block.
    Deadline(-1).Until([&] { return ProbeOnce(env, s); });
  }
  while (s.probing) {
    MPI_Message msg;
    MPI_Status st;
    int rc = MPI_Mprobe(o.source, o.tag, o.comm, &msg, &st);
    if (rc != MPI_SUCCESS) {
      Fail(env, s, rc, "MPI_Mprobe");
      return true;
    }
    Deliver(env, o.comm, msg, &st, false);
  }
  if (s.done) return true;
  int rc = MPI_Wait(&s.req, &s.status);
  if (rc != MPI_SUCCESS) Fail(env, s, rc, "MPI_Wait");
  s.done = true;
  return true;
}

// Hands a completed slot's outcome to JS: fills status, returns the received
// Buffer (object receives) or undefined, and frees the slot. Throws its error.
Napi::Value Take(Napi::Env env, int32_t id, const Napi::Value& status_arg) {
  Slot& s = At(env, id);
  MPI_Status* st = status::Read(env, status_arg);
  if (st != MPI_STATUS_IGNORE) *st = s.status;
  int error = s.error;
  const char* call = s.failed_call;
  Napi::Value result = env.Undefined();
  if (s.result) {
    napi_value v;
    napi_get_reference_value(env, s.result, &v);
    result = Napi::Value(env, v);
  }
  // What a user op's function threw is this request's error, before MPI's.
  napi_value thrown = s.user_op >= 0 ? op::TakeError(env, s.user_op) : nullptr;
  if (s.persistent) {
    // One round is over: the request is inactive, and keeps its handle and
    // buffers for the next Start (MPI left s.req the inactive handle).
    s.done = false;
    s.active = false;
    s.error = MPI_SUCCESS;
    s.failed_call = "";
    progress::Unwatch(env, id);
  } else {
    Release(env, id);
  }
  if (thrown) throw Napi::Error(env, thrown);
  if (error != MPI_SUCCESS) errors::Throw(env, error, call);
  return result;
}

// wait(id, status?) -> Buffer | undefined. Also take(id, status?): the outcome
// of a slot that done() or waitFor() reported complete (it does not block then).
Napi::Value Wait(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdArg(env, info[0]);
  Complete(env, At(env, id), Deadline(-1));
  return Take(env, id, info[1]);
}

// waitFor(id, ms) -> whether the slot completed within ms; take() its outcome then.
Napi::Value WaitFor(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdArg(env, info[0]);
  return Napi::Boolean::New(env, Complete(env, At(env, id), Deadline(info[1].As<Napi::Number>().DoubleValue())));
}

// done(id) -> whether the slot has completed, without taking its outcome.
Napi::Value Done(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdArg(env, info[0]);
  Serve(env);  // a test loop on a send may wait for one of this rank's object receives
  return Napi::Boolean::New(env, Poll(env, At(env, id)));
}

// waitsome(ids: Int32Array, block, call) -> Int32Array of the indices of the slots
// that have completed: at least one when block is true (unless ids is empty),
// possibly none when false (testsome). All slots are polled on every pass, so
// object receives (probes until they match) progress alongside the rest.
Napi::Value WaitSome(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto ids = info[0].As<Napi::Int32Array>();
  bool block = info[1].ToBoolean();
  size_t n = ids.ElementLength();
  for (size_t i = 0; i < n; ++i) IdArg(env, Napi::Number::New(env, ids[i]));
  std::vector<int32_t> done;
  auto poll = [&] {
    Serve(env);  // object receives outside ids may be what these wait for
    for (size_t i = 0; i < n; ++i) {
      if (Poll(env, At(env, ids[i]))) done.push_back(static_cast<int32_t>(i));
    }
    return !done.empty();
  };
  if (!poll() && block && n > 0) {
    // The watchdog names the call the user made (a string with static lifetime).
    static const char* const kCalls[] = {"Request.waitall", "Request.waitany", "Request.waitsome"};
    std::string call = info[2].IsString() ? info[2].As<Napi::String>().Utf8Value() : "";
    const char* name = kCalls[2];
    for (const char* c : kCalls) {
      if (call == c) name = c;
    }
    const Origin& o = At(env, ids[size_t{0}]).origin;
    watchdog::Scope scope(name, o.comm, o.source, o.tag, o.root);
    while (!poll()) sched_yield();
  }
  auto out = Napi::Int32Array::New(env, done.size());
  std::copy(done.begin(), done.end(), out.Data());
  return out;
}

void Cancel(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Slot& s = At(env, IdArg(env, info[0]));
  if (s.done) return;
  if (s.probing) {
    // Nothing was posted: the receive ends cancelled, and its message stays queued.
    StopProbing(env, IdOf(env, s));
    s.done = true;
    EmptyStatus(s, MPI_ANY_SOURCE, true);
    return;
  }
  errors::Check(env, MPI_Cancel(&s.req), "MPI_Cancel");
}

// free(id): the owner lets go. An incomplete slot stays until MPI is done with
// its buffers, completed by the progress engine.
void Free(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdArg(env, info[0]);
  // An incomplete generalized request completes only through its owner's
  // Complete: freed now (MPI_Request_free), never left for the engine to poll.
  if (Poll(env, At(env, id)) || At(env, id).generalized) return Release(env, id);
  At(env, id).orphan = true;
  progress::Watch(env, id);
}

// drop(id) -> whether the slot was still active (2: an incomplete generalized
// request, freed now, never to complete). Its Request was garbage
// collected (lib/request.ts): a completed slot is freed now; an active one keeps
// what it holds alive and is freed by the progress engine once MPI completes it.
// Called from a FinalizationRegistry callback, so it never throws: a slot that is
// no longer live (taken, or MPI finalized) is left alone.
Napi::Value Drop(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdValue(env, info[0], "request");
  size_t slot = static_cast<size_t>(SlotOf(id));
  const std::vector<Slot>& slots = T(env).slots;
  if (!environment::Active() || id < 0 || slot >= slots.size() || !slots[slot].in_use || slots[slot].gen != GenerationOf(id) ||
      slots[slot].orphan) {
    return Napi::Boolean::New(env, false);
  }
  if (Poll(env, At(env, id))) {
    Release(env, id);
    return Napi::Boolean::New(env, false);
  }
  if (At(env, id).generalized) {
    // Nobody can Complete it any more: polling it would keep the loop alive forever.
    Release(env, id);
    return Napi::Number::New(env, 2);
  }
  At(env, id).orphan = true;
  progress::Watch(env, id);
  return Napi::Boolean::New(env, true);
}

// live() -> how many slots are in use (for the tests of leaks; not public API).
Napi::Value Live(const Napi::CallbackInfo& info) {
  const Table& t = T(info.Env());
  return Napi::Number::New(info.Env(), static_cast<double>(t.slots.size() - t.free_slots.size()));
}

// --- persistent requests and Get_status

// A persistent slot of ids, inactive (checked before any is started).
Slot& Startable(Napi::Env env, const Napi::Value& v, const char* call) {
  Slot& s = At(env, IdArg(env, v));
  if (!s.persistent) throw Napi::TypeError::New(env, std::string(call) + ": not a persistent request");
  if (s.active) errors::Throw(env, MPI_ERR_REQUEST, call);  // MPI calls it erroneous: refused before MPI
  return s;
}

void Started(Slot& s) {
  s.active = true;
  s.done = false;
  s.error = MPI_SUCCESS;
  s.status = MPI_Status{};
}

// start(id): a new round of an inactive persistent request.
void Start(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Slot& s = Startable(env, info[0], "MPI_Start");
  errors::Check(env, MPI_Start(&s.req), "MPI_Start");
  Started(s);
}

// startall(ids: Int32Array): MPI_Startall, every request checked inactive (and
// listed once) first.
void StartAll(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto ids = info[0].As<Napi::Int32Array>();
  size_t n = ids.ElementLength();
  std::vector<MPI_Request> reqs(n);
  std::vector<Slot*> slots(n);
  for (size_t i = 0; i < n; ++i) {
    slots[i] = &Startable(env, Napi::Number::New(env, ids[i]), "MPI_Startall");
    reqs[i] = slots[i]->req;
  }
  // A request listed twice would be started while active.
  std::vector<Slot*> sorted(slots);
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) errors::Throw(env, MPI_ERR_REQUEST, "MPI_Startall");
  errors::Check(env, MPI_Startall(static_cast<int>(n), reqs.data()), "MPI_Startall");
  for (size_t i = 0; i < n; ++i) {
    slots[i]->req = reqs[i];
    Started(*slots[i]);
  }
}

// status(id, status?) -> whether the request has completed, its status filled
// then; the outcome stays in the slot for wait/test (mpi4py's Get_status).
Napi::Value GetStatus(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  int32_t id = IdArg(env, info[0]);
  MPI_Status* st = status::Read(env, info[1]);
  Serve(env);  // a test loop on a send may wait for one of this rank's object receives
  Slot& s = At(env, id);
  if (!Poll(env, s)) return Napi::Boolean::New(env, false);
  if (st != MPI_STATUS_IGNORE) {
    if (s.persistent && !s.active) {
      MPI_Status empty{};
      *st = empty;
      st->MPI_SOURCE = MPI_ANY_SOURCE;
      st->MPI_TAG = MPI_ANY_TAG;
      MPI_Status_set_elements(st, MPI_BYTE, 0);
      MPI_Status_set_cancelled(st, 0);
    } else {
      *st = s.status;
    }
  }
  return Napi::Boolean::New(env, true);
}

// watch(id): the progress engine reports the slot's completion to JS.
void Watch(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  progress::Watch(env, IdArg(env, info[0]));
}

}  // namespace

int32_t Add(Napi::Env env, MPI_Request req, const Origin& origin, std::initializer_list<napi_value> keep,
            napi_value result) {
  if (T(env).free_slots.empty() && T(env).slots.size() >= static_cast<size_t>(kMaxSlots)) {
    // No slot to keep its buffers alive in: MPI must be done with them before
    // the error reaches JavaScript (a receive is cancelled; a send that cannot
    // be completes first).
    Discard(1, &req);
  }
  int32_t id = NewSlot(env, true);
  Slot& s = At(env, id);
  s.req = req;
  s.origin = origin;
  if (result) napi_create_reference(env, result, 1, &s.result);
  size_t k = 0;
  for (napi_value v : keep) {
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t == napi_object && k < s.keep.size()) napi_create_reference(env, v, 1, &s.keep[k++]);
  }
  return id;
}

int32_t AddPersistent(Napi::Env env, MPI_Request req, const Origin& origin, std::initializer_list<napi_value> keep) {
  int32_t id = Add(env, req, origin, keep);
  At(env, id).persistent = true;
  return id;
}

Slot& Checked(Napi::Env env, const Napi::Value& id) { return At(env, IdArg(env, id)); }

int32_t AddObjectReceive(napi_env env, MPI_Comm comm, int source, int tag) {
  int32_t id = NewSlot(env, false);
  Slot& s = At(env, id);
  s.origin = Origin{"irecv", comm, source, tag};
  if (source == MPI_PROC_NULL) {
    // Like a receive from PROC_NULL: done at once, nothing received.
    s.done = true;
    EmptyStatus(s, MPI_PROC_NULL, false);
    return id;
  }
  s.probing = true;
  T(env).probing.push_back(id);
  return id;
}

void PollAll(napi_env env, const std::vector<int32_t>& ids, std::vector<int32_t>& done) {
  // Scratch space kept between calls: the engine calls this on every loop turn.
  Table& t = T(env);
  std::vector<int32_t>& pending = t.pending;
  std::vector<MPI_Request>& reqs = t.reqs;
  std::vector<int>& indices = t.indices;
  std::vector<MPI_Status>& statuses = t.statuses;
  pending.clear();
  reqs.clear();
  // Object receives probe first; their receives then join the others.
  for (int32_t id : ids) {
    Slot& s = At(env, id);
    if (s.probing) ProbeOnce(env, s);
    if (s.done) {
      done.push_back(id);
    } else if (!s.probing) {
      pending.push_back(id);
      reqs.push_back(s.req);
    }
  }
  if (reqs.empty()) return;
  indices.resize(reqs.size());
  statuses.resize(reqs.size());
  int count = 0;
  int rc = MPI_Testsome(static_cast<int>(reqs.size()), reqs.data(), &count, indices.data(), statuses.data());
  if (rc != MPI_SUCCESS && rc != MPI_ERR_IN_STATUS) {
    // Without per-request errors, find out request by request.
    for (int32_t id : pending) {
      if (Poll(env, At(env, id))) done.push_back(id);
    }
    return;
  }
  for (int i = 0; i < count && count != MPI_UNDEFINED; ++i) {
    int32_t id = pending[indices[i]];
    Slot& s = At(env, id);
    s.req = reqs[indices[i]];  // MPI_REQUEST_NULL now
    s.status = statuses[i];
    if (rc == MPI_ERR_IN_STATUS && statuses[i].MPI_ERROR != MPI_SUCCESS) Fail(env, s, statuses[i].MPI_ERROR, "MPI_Testsome");
    s.done = true;
    done.push_back(id);
  }
}

bool Pending(napi_env env) { return !T(env).probing.empty(); }

void Serve(napi_env env) {
  const std::vector<int32_t>& probing = T(env).probing;
  for (size_t i = 0; i < probing.size();) {
    if (ProbeOwn(env, At(env, probing[i]))) continue;  // it left the list
    ++i;
  }
}

int WaitServing(napi_env env, int n, MPI_Request* reqs, MPI_Status* statuses) {
  int rc = MPI_SUCCESS;
  for (;;) {
    if (!Pending(env)) {
      rc = MPI_Waitall(n, reqs, statuses);
      break;
    }
    int flag = 0;
    rc = MPI_Testall(n, reqs, &flag, statuses);
    if (rc != MPI_SUCCESS || flag) break;
    Serve(env);
    sched_yield();  // ranks may outnumber cores
  }
  if (rc != MPI_SUCCESS) Discard(n, reqs);
  return rc;
}

bool Divert(napi_env env, MPI_Comm comm, MPI_Message msg, MPI_Status* st) {
  return Pending(env) && Deliver(env, comm, msg, st, false) >= 0;
}

bool Claimed(napi_env env, MPI_Comm comm, const MPI_Status& st) {
  const std::vector<int32_t>& probing = T(env).probing;
  return std::any_of(probing.begin(), probing.end(), [&](int32_t id) { return Matches(At(env, id).origin, comm, st); });
}

bool OlderReceivesOn(napi_env env, MPI_Comm comm) {
  ServeOlder(env, comm, -1);
  const std::vector<int32_t>& probing = T(env).probing;
  return std::any_of(probing.begin(), probing.end(), [env, comm](int32_t id) { return At(env, id).origin.comm == comm; });
}

void FailReceivesOn(napi_env env, MPI_Comm comm) {
  const std::vector<int32_t>& probing = T(env).probing;
  for (size_t i = 0; i < probing.size();) {
    Slot& s = At(env, probing[i]);
    if (s.origin.comm == comm) Fail(env, s, MPI_ERR_COMM, "MPI_Comm_free");  // leaves the list
    else ++i;
  }
  // Requests MPI still completes on it keep their slots, but the handle is no
  // longer theirs to use: the watchdog must not name or probe a freed communicator.
  for (Slot& s : T(env).slots) {
    if (s.in_use && s.origin.comm == comm) s.origin.comm = MPI_COMM_NULL;
  }
}

// ---- serving from a helper thread during blocking collectives ----------------

namespace {

// A message the helper matched for a slot, with the receive it started.
struct Matched {
  int32_t id;
  void* data = nullptr;
  int64_t bytes = 0;
  MPI_Request req = MPI_REQUEST_NULL;
  MPI_Status status{};
  int rc = MPI_SUCCESS;
};

void FreeData(napi_env, void* data, void*) { std::free(data); }

}  // namespace

struct ServedCollective::State {
  // The pending receives, oldest first, copied before the thread starts: the
  // helper touches no slot (nor anything of Node's), only these and matched.
  std::vector<std::pair<int32_t, Origin>> waiting;
  std::vector<Matched> matched;
  napi_env env;
  std::atomic<bool> stop{false};
  std::thread thread;

  // The helper: each pending receive probes with its own pattern, oldest first;
  // a message goes to the oldest receive that matches it (MPI's posted order),
  // which starts receiving it. Ends when told, or when nothing is left to serve.
  void Run() {
    while (!stop.load(std::memory_order_acquire) && !waiting.empty()) {
      if (!ServeOne()) usleep(20);  // ranks may outnumber cores
    }
  }

  bool ServeOne() {
    for (const auto& [id, o] : waiting) {
      int flag = 0;
      MPI_Message msg;
      MPI_Status st;
      int rc = MPI_Improbe(o.source, o.tag, o.comm, &flag, &msg, &st);
      if (rc != MPI_SUCCESS) return Take(id, Matched{id, nullptr, 0, MPI_REQUEST_NULL, {}, rc});
      if (!flag) continue;
      auto oldest = std::find_if(waiting.begin(), waiting.end(), [&](const auto& w) { return Matches(w.second, o.comm, st); });
      Matched m{oldest->first};
      m.status = st;
      m.bytes = bytes::Of(st);
      m.data = m.bytes > 0 ? std::malloc(static_cast<size_t>(m.bytes)) : nullptr;
      if (m.bytes > 0 && !m.data) {
        MPI_Mrecv(nullptr, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);  // so no one else can match it
        m.rc = MPI_ERR_NO_MEM;
      } else {
        bytes::Span span(m.bytes);
        m.rc = MPI_Imrecv(m.data, span.count, span.type, &msg, &m.req);
      }
      return Take(oldest->first, m);
    }
    return false;
  }

  bool Take(int32_t id, const Matched& m) {
    matched.push_back(m);
    waiting.erase(std::find_if(waiting.begin(), waiting.end(), [id](const auto& w) { return w.first == id; }));
    return true;
  }
};

ServedCollective::ServedCollective(napi_env env) {
  const std::vector<int32_t>& probing = T(env).probing;
  if (probing.empty()) return;
  // MPI could run a user op from the helper's probes, off the main thread: no helper then (op.h).
  if (op::Busy(env)) return;
  // MPI's thread level is the process's, fixed once MPI is initialised.
  static const bool multiple = [] {
    int level = MPI_THREAD_SINGLE;
    MPI_Query_thread(&level);
    return level == MPI_THREAD_MULTIPLE;
  }();
  if (!multiple) return;  // no thread may call MPI meanwhile: the irecvs wait (README)
  state_ = std::make_unique<State>();
  state_->env = env;
  for (int32_t id : probing) state_->waiting.emplace_back(id, At(env, id).origin);
  state_->thread = std::thread([s = state_.get()] { s->Run(); });
}

ServedCollective::~ServedCollective() {
  if (!state_) return;
  state_->stop.store(true, std::memory_order_release);
  state_->thread.join();
  // Back on the main thread: each matched receive becomes its slot's, which
  // completes like any started object receive (its Buffer owns the memory).
  napi_env env = state_->env;
  for (Matched& m : state_->matched) {
    Slot& s = At(env, m.id);
    StopProbing(env, m.id);
    if (m.rc != MPI_SUCCESS) {
      std::free(m.data);
      Fail(env, s, m.rc, "MPI_Imrecv");
      continue;
    }
    s.status = m.status;
    napi_value buf;
    void* data = nullptr;
    if (m.bytes == 0) {
      napi_create_buffer(env, 0, &data, &buf);
    } else if (napi_create_external_buffer(env, static_cast<size_t>(m.bytes), m.data, FreeData, nullptr, &buf) != napi_ok) {
      // A runtime without external buffers: wait for the bytes, then copy them.
      MPI_Wait(&m.req, &s.status);
      napi_create_buffer_copy(env, static_cast<size_t>(m.bytes), m.data, &data, &buf);
      std::free(m.data);
    }
    napi_create_reference(env, buf, 1, &s.result);
    s.req = m.req;
    if (s.req == MPI_REQUEST_NULL) s.done = true;
  }
}

bool Orphaned(napi_env env, int32_t id) { return At(env, id).orphan; }

const Origin& OriginOf(napi_env env, int32_t id) { return At(env, id).origin; }

void MarkUserOp(napi_env env, int32_t id, int slot) { At(env, id).user_op = slot; }

void Release(napi_env env, int32_t id) {
  Slot& s = At(env, id);
  if (s.user_op >= 0) op::RequestEnded(env, s.user_op);
  progress::Unwatch(env, id);
  if (s.probing) StopProbing(env, id);
  // A request that failed may still hold its MPI handle (MPI_Test or MPI_Wait
  // reported the error without freeing it): free it with the slot.
  if (s.req != MPI_REQUEST_NULL && environment::Active()) MPI_Request_free(&s.req);
  for (napi_ref& r : s.keep) {
    if (r) napi_delete_reference(env, r);
  }
  if (s.result) napi_delete_reference(env, s.result);
  int32_t gen = (s.gen + 1) % kGenerations;
  s = Slot{};
  s.gen = gen;
  T(env).free_slots.push_back(SlotOf(id));
}

void Init(Napi::Env env, Napi::Object exports) {
  auto request = Napi::Object::New(env);
  request["wait"] = Napi::Function::New(env, Wait);
  request["waitFor"] = Napi::Function::New(env, WaitFor);
  request["done"] = Napi::Function::New(env, Done);
  request["take"] = Napi::Function::New(env, Wait);
  request["waitsome"] = Napi::Function::New(env, WaitSome);
  request["cancel"] = Napi::Function::New(env, Cancel);
  request["free"] = Napi::Function::New(env, Free);
  request["watch"] = Napi::Function::New(env, Watch);
  request["drop"] = Napi::Function::New(env, Drop);
  request["live"] = Napi::Function::New(env, Live);
  request["start"] = Napi::Function::New(env, Start);
  request["startall"] = Napi::Function::New(env, StartAll);
  request["status"] = Napi::Function::New(env, GetStatus);
  exports["request"] = request;
}

}  // namespace mpi4js::request
