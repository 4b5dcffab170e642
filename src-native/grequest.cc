// Generalized requests (mpi4py: MPI.Grequest.Start): MPI_Grequest_start with
// three C callbacks that call one JavaScript dispatcher (lib/grequest.ts),
// which runs the user's query_fn, free_fn and cancel_fn. MPI calls them from
// the completion calls (wait, test, Testsome, cancel, Request_free), which
// mpi4js makes on the main thread only: the dispatcher is called directly.
//
// The callbacks have user data (extra_state), so each request carries what it
// needs, {env, dispatcher, state id}: no process-wide state.
#include <mpi.h>
#include <napi.h>

#include <cstring>

#include "environment.h"
#include "errors.h"
#include "register.h"
#include "request.h"

namespace mpi4js::grequest {

namespace {

// What MPI hands back to the callbacks: freed by free_fn, the last one MPI calls.
struct State {
  napi_env env;
  napi_ref dispatcher;
  int32_t id;  // the JS side's state (its callbacks and arguments)
};

enum Kind { kQuery = 0, kFree = 1, kCancel = 2 };

// Calls dispatcher(kind, id, extra): the MPI error code it returns (it catches
// the user's exceptions and keeps them for the request's wait; lib/grequest.ts).
int Dispatch(State* s, Kind kind, napi_value extra) {
  napi_env env = s->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_ERR_OTHER;
  int code = MPI_ERR_OTHER;
  napi_value fn, global, args[3], result;
  napi_get_reference_value(env, s->dispatcher, &fn);
  napi_get_global(env, &global);
  napi_create_int32(env, kind, &args[0]);
  napi_create_int32(env, s->id, &args[1]);
  if (extra) args[2] = extra;
  else napi_get_undefined(env, &args[2]);
  if (fn && napi_call_function(env, global, fn, 3, args, &result) == napi_ok) {
    if (napi_get_value_int32(env, result, &code) != napi_ok) code = MPI_ERR_OTHER;
  } else {
    // Not expected (the dispatcher catches): leave nothing pending for the next call.
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      napi_value ignored;
      napi_get_and_clear_last_exception(env, &ignored);
    }
  }
  napi_close_handle_scope(env, scope);
  return code;
}

// The status goes to JS as a copy of its bytes (a Status over them there), and back.
int Query(void* extra_state, MPI_Status* status) {
  auto* s = static_cast<State*>(extra_state);
  // mpi4py's reset before query_fn: no source or tag, no error, nothing received, not cancelled.
  status->MPI_SOURCE = MPI_ANY_SOURCE;
  status->MPI_TAG = MPI_ANY_TAG;
  status->MPI_ERROR = MPI_SUCCESS;
  MPI_Status_set_elements(status, MPI_BYTE, 0);
  MPI_Status_set_cancelled(status, 0);
  napi_env env = s->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return MPI_ERR_OTHER;
  void* data = nullptr;
  napi_value ab, bytes;
  int code = MPI_ERR_OTHER;
  if (napi_create_arraybuffer(env, sizeof(MPI_Status), &data, &ab) == napi_ok &&
      napi_create_typedarray(env, napi_uint8_array, sizeof(MPI_Status), ab, 0, &bytes) == napi_ok) {
    std::memcpy(data, status, sizeof(MPI_Status));
    code = Dispatch(s, kQuery, bytes);
    std::memcpy(status, data, sizeof(MPI_Status));
  }
  napi_close_handle_scope(env, scope);
  return code;
}

int Free(void* extra_state) {
  auto* s = static_cast<State*>(extra_state);
  int code = Dispatch(s, kFree, nullptr);
  napi_delete_reference(s->env, s->dispatcher);
  delete s;
  return code;
}

int Cancel(void* extra_state, int complete) {
  auto* s = static_cast<State*>(extra_state);
  napi_value flag;
  napi_get_boolean(s->env, complete != 0, &flag);
  return Dispatch(s, kCancel, flag);
}

// start(dispatcher, stateId) -> request id.
Napi::Value Start(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  environment::EnsureActive(env);
  auto* s = new State{env, nullptr, info[1].As<Napi::Number>().Int32Value()};
  napi_create_reference(env, info[0], 1, &s->dispatcher);
  MPI_Request req;
  int rc = MPI_Grequest_start(Query, Free, Cancel, s, &req);
  if (rc != MPI_SUCCESS) {
    napi_delete_reference(env, s->dispatcher);
    delete s;
    errors::Throw(env, rc, "MPI_Grequest_start");
  }
  int32_t id = request::Add(env, req, request::Origin{"Grequest"}, {});
  request::Checked(env, Napi::Number::New(env, id)).generalized = true;
  return Napi::Number::New(env, id);
}

// complete(id): MPI_Grequest_complete; wait, test and the engine then see it done.
Napi::Value Complete(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  request::Slot& s = request::Checked(env, info[0]);
  if (!s.generalized) throw Napi::TypeError::New(env, "Grequest.Complete: not a generalized request");
  errors::Check(env, MPI_Grequest_complete(s.req), "MPI_Grequest_complete");
  return env.Undefined();
}

}  // namespace

void Init(Napi::Env env, Napi::Object exports) {
  auto grequest = Napi::Object::New(env);
  Register(env, grequest, "start", Start);
  Register(env, grequest, "complete", Complete);
  exports["grequest"] = grequest;
}

}  // namespace mpi4js::grequest
