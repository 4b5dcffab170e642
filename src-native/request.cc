#include "request.h"

#include <vector>

#include "environment.h"
#include "errors.h"
#include "progress.h"
#include "status.h"

namespace mpi4js::request {

namespace {

struct Slot {
  bool in_use = false;
  bool done = false;
  bool orphan = false;
  MPI_Request req = MPI_REQUEST_NULL;
  napi_ref keep[2] = {nullptr, nullptr};
  // Object receive that has not matched its message yet.
  bool probing = false;
  MPI_Comm comm = MPI_COMM_NULL;
  int source = 0;
  int tag = 0;
  napi_ref result = nullptr;  // the Buffer an object receive fills
  MPI_Status status{};
  int error = MPI_SUCCESS;
  const char* call = "";
};

std::vector<Slot> slots;
std::vector<int32_t> free_ids;

int32_t NewSlot() {
  int32_t id;
  if (!free_ids.empty()) {
    id = free_ids.back();
    free_ids.pop_back();
  } else {
    slots.emplace_back();
    id = static_cast<int32_t>(slots.size() - 1);
  }
  slots[id] = Slot{};
  slots[id].in_use = true;
  return id;
}

Slot& At(Napi::Env env, const Napi::Value& v) {
  environment::EnsureActive(env);
  int32_t id = v.As<Napi::Number>().Int32Value();
  if (id < 0 || static_cast<size_t>(id) >= slots.size() || !slots[id].in_use) {
    throw Napi::TypeError::New(env, "request is no longer active");
  }
  return slots[id];
}

void Fail(Slot& s, int rc, const char* call) {
  s.error = rc;
  s.call = call;
  s.done = true;
  s.probing = false;
}

// The message an object receive matched: receive it into a Buffer of its size.
void StartObjectReceive(napi_env env, Slot& s, MPI_Message msg, MPI_Status* st, bool blocking) {
  int count = 0;
  MPI_Get_count(st, MPI_BYTE, &count);
  void* data = nullptr;
  napi_value buf;
  if (napi_create_buffer(env, count, &data, &buf) != napi_ok) {
    // Still receive the message so that it cannot be matched again.
    MPI_Mrecv(nullptr, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE);
    return Fail(s, MPI_ERR_NO_MEM, "MPI_Mrecv");
  }
  napi_create_reference(env, buf, 1, &s.result);
  s.probing = false;
  if (blocking) {
    int rc = MPI_Mrecv(data, count, MPI_BYTE, &msg, &s.status);
    if (rc != MPI_SUCCESS) return Fail(s, rc, "MPI_Mrecv");
    s.done = true;
  } else {
    int rc = MPI_Imrecv(data, count, MPI_BYTE, &msg, &s.req);
    if (rc != MPI_SUCCESS) Fail(s, rc, "MPI_Imrecv");
  }
}

// Blocks until the slot completes.
void Complete(napi_env env, Slot& s) {
  if (s.done) return;
  if (s.probing) {
    MPI_Message msg;
    MPI_Status st;
    int rc = MPI_Mprobe(s.source, s.tag, s.comm, &msg, &st);
    if (rc != MPI_SUCCESS) return Fail(s, rc, "MPI_Mprobe");
    StartObjectReceive(env, s, msg, &st, true);
    return;
  }
  int rc = MPI_Wait(&s.req, &s.status);
  if (rc != MPI_SUCCESS) return Fail(s, rc, "MPI_Wait");
  s.done = true;
}

// Hands a completed slot's outcome to JS: fills status, returns the received
// Buffer (object receives) or undefined, and frees the slot. Throws its error.
Napi::Value Take(Napi::Env env, int32_t id, const Napi::Value& status_arg) {
  Slot& s = slots[id];
  MPI_Status* st = status::Read(env, status_arg);
  if (st != MPI_STATUS_IGNORE) *st = s.status;
  int error = s.error;
  const char* call = s.call;
  Napi::Value result = env.Undefined();
  if (s.result) {
    napi_value v;
    napi_get_reference_value(env, s.result, &v);
    result = Napi::Value(env, v);
  }
  Release(env, id);
  if (error != MPI_SUCCESS) errors::Throw(env, error, call);
  return result;
}

// wait(id, status?) -> Buffer | undefined
Napi::Value Wait(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Slot& s = At(env, info[0]);
  Complete(env, s);
  return Take(env, info[0].As<Napi::Number>().Int32Value(), info[1]);
}

// test(id, status?) -> false while pending; then true, or the received Buffer.
Napi::Value Test(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  At(env, info[0]);
  int32_t id = info[0].As<Napi::Number>().Int32Value();
  if (!Poll(env, id)) return Napi::Boolean::New(env, false);
  Napi::Value result = Take(env, id, info[1]);
  return result.IsUndefined() ? Napi::Boolean::New(env, true) : result;
}

// done(id) -> whether the slot has completed, without taking its outcome.
Napi::Value Done(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  At(env, info[0]);
  return Napi::Boolean::New(env, Poll(env, info[0].As<Napi::Number>().Int32Value()));
}

// take(id, status?) -> the outcome of a slot that done() reported complete.
Napi::Value TakeDone(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Slot& s = At(env, info[0]);
  Complete(env, s);
  return Take(env, info[0].As<Napi::Number>().Int32Value(), info[1]);
}

// waitany(ids: Int32Array) -> index of the first slot to complete (-1 for none).
Napi::Value WaitAny(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto ids = info[0].As<Napi::Int32Array>();
  size_t n = ids.ElementLength();
  for (size_t i = 0; i < n; ++i) At(env, Napi::Number::New(env, ids[i]));
  if (n == 0) return Napi::Number::New(env, -1);
  for (;;) {
    for (size_t i = 0; i < n; ++i) {
      if (Poll(env, ids[i])) return Napi::Number::New(env, static_cast<double>(i));
    }
  }
}

void Cancel(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Slot& s = At(env, info[0]);
  if (s.done) return;
  if (s.probing) {
    // Nothing was posted: the receive simply ends, cancelled, and its message stays queued.
    s.probing = false;
    s.done = true;
    s.status.MPI_SOURCE = MPI_ANY_SOURCE;
    s.status.MPI_TAG = MPI_ANY_TAG;
    s.status.MPI_ERROR = MPI_SUCCESS;
    MPI_Status_set_elements(&s.status, MPI_BYTE, 0);
    MPI_Status_set_cancelled(&s.status, 1);
    return;
  }
  errors::Check(env, MPI_Cancel(&s.req), "MPI_Cancel");
}

// free(id): the owner lets go. An incomplete slot stays until MPI is done with
// its buffers, completed by the progress engine.
void Free(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  At(env, info[0]);
  int32_t id = info[0].As<Napi::Number>().Int32Value();
  if (Poll(env, id)) return Release(env, id);
  slots[id].orphan = true;
  progress::Watch(env, id);
}

// watch(id): the progress engine reports the slot's completion to JS.
void Watch(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  At(env, info[0]);
  progress::Watch(env, info[0].As<Napi::Number>().Int32Value());
}

}  // namespace

int32_t Add(Napi::Env env, MPI_Request req, std::initializer_list<napi_value> keep, napi_value result) {
  int32_t id = NewSlot();
  Slot& s = slots[id];
  s.req = req;
  if (result) napi_create_reference(env, result, 1, &s.result);
  int k = 0;
  for (napi_value v : keep) {
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t == napi_object && k < 2) napi_create_reference(env, v, 1, &s.keep[k++]);
  }
  return id;
}

int32_t AddObjectReceive(MPI_Comm comm, int source, int tag) {
  int32_t id = NewSlot();
  Slot& s = slots[id];
  s.probing = true;
  s.comm = comm;
  s.source = source;
  s.tag = tag;
  if (source == MPI_PROC_NULL) {
    // Like a receive from PROC_NULL: done at once, nothing received.
    s.probing = false;
    s.done = true;
    s.status.MPI_SOURCE = MPI_PROC_NULL;
    s.status.MPI_TAG = MPI_ANY_TAG;
    s.status.MPI_ERROR = MPI_SUCCESS;
    MPI_Status_set_elements(&s.status, MPI_BYTE, 0);
  }
  return id;
}

bool Poll(napi_env env, int32_t id) {
  Slot& s = slots[id];
  if (s.done) return true;
  if (s.probing) {
    int flag = 0;
    MPI_Message msg;
    MPI_Status st;
    int rc = MPI_Improbe(s.source, s.tag, s.comm, &flag, &msg, &st);
    if (rc != MPI_SUCCESS) {
      Fail(s, rc, "MPI_Improbe");
      return true;
    }
    if (!flag) return false;
    StartObjectReceive(env, s, msg, &st, false);
    if (s.done) return true;
  }
  int flag = 0;
  int rc = MPI_Test(&s.req, &flag, &s.status);
  if (rc != MPI_SUCCESS) {
    Fail(s, rc, "MPI_Test");
    return true;
  }
  if (flag) s.done = true;
  return s.done;
}

bool Orphaned(int32_t id) { return slots[id].orphan; }

void Release(napi_env env, int32_t id) {
  Slot& s = slots[id];
  progress::Unwatch(id);
  for (napi_ref& r : s.keep) {
    if (r) napi_delete_reference(env, r);
    r = nullptr;
  }
  if (s.result) napi_delete_reference(env, s.result);
  s = Slot{};
  free_ids.push_back(id);
}

void Init(Napi::Env env, Napi::Object exports) {
  auto request = Napi::Object::New(env);
  request["wait"] = Napi::Function::New(env, Wait);
  request["test"] = Napi::Function::New(env, Test);
  request["done"] = Napi::Function::New(env, Done);
  request["take"] = Napi::Function::New(env, TakeDone);
  request["waitany"] = Napi::Function::New(env, WaitAny);
  request["cancel"] = Napi::Function::New(env, Cancel);
  request["free"] = Napi::Function::New(env, Free);
  request["watch"] = Napi::Function::New(env, Watch);
  exports["request"] = request;
}

}  // namespace mpi4js::request
