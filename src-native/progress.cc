#include "progress.h"

#include <uv.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "request.h"
#include "watchdog.h"

namespace mpi4js::progress {

namespace {

struct Watched {
  int32_t id;
  uint64_t since;  // uv_hrtime() when the engine took it
  bool reported;   // by the watchdog
};

struct Engine {
  napi_env env = nullptr;
  uv_check_t* check = nullptr;
  uv_idle_t* idle = nullptr;
  uv_timer_t* timer = nullptr;
  std::vector<Watched> watched;
  bool running = false;
  bool spinning = false;
  uint64_t last_activity = 0;  // uv_hrtime() of the last completion or new request
  double spin_ns = 1e6;        // how long to spin after activity; infinite: always
  Napi::FunctionReference on_complete;
  Napi::Reference<Napi::Int32Array> ids;  // reused to hand completions over
  std::vector<int32_t> polled, completed, done;  // scratch, reused every turn
  napi_async_context context = nullptr;
};

Engine* engine = nullptr;

// Keeps the loop from sleeping: every iteration polls (lowest latency, one core busy).
void Spin() {
  if (engine->spinning) return;
  uv_timer_stop(engine->timer);
  uv_idle_start(engine->idle, [](uv_idle_t*) {});
  engine->spinning = true;
}

// Lets the loop sleep, waking every millisecond to poll (a few % of a core).
void Sleep() {
  if (!engine->spinning) return;
  uv_idle_stop(engine->idle);
  uv_timer_start(engine->timer, [](uv_timer_t*) {}, 1, 1);
  engine->spinning = false;
}

void Halt() {
  if (!engine || !engine->running) return;
  uv_check_stop(engine->check);
  uv_idle_stop(engine->idle);
  uv_timer_stop(engine->timer);
  engine->running = false;
  engine->spinning = false;
}

// Hands the completed ids to JavaScript through one reused Int32Array.
void Report(const std::vector<int32_t>& done) {
  napi_env env = engine->env;
  if (engine->ids.IsEmpty() || engine->ids.Value().ElementLength() < done.size()) {
    engine->ids = Napi::Persistent(Napi::Int32Array::New(env, std::max<size_t>(64, done.size() * 2)));
    engine->ids.SuppressDestruct();
  }
  auto ids = engine->ids.Value();
  std::copy(done.begin(), done.end(), ids.Data());
  try {
    engine->on_complete.MakeCallback(Napi::Env(env).Global(), {ids, Napi::Number::New(env, done.size())}, engine->context);
  } catch (const Napi::Error& e) {
    napi_fatal_exception(env, e.Value());
  }
}

// Awaited requests that have waited too long, for MPI4JS_WATCHDOG.
void CheckAges(uint64_t now) {
  double threshold_ns = watchdog::Threshold() * 1e9;
  for (Watched& w : engine->watched) {
    if (w.reported || request::Orphaned(w.id) || now - w.since < threshold_ns) continue;
    w.reported = true;
    const request::Origin& o = request::OriginOf(w.id);
    watchdog::Report(o.call, o.comm, o.source, o.tag, o.root, (now - w.since) / 1e9, true);
  }
}

void OnCheck(uv_check_t*) {
  Engine& e = *engine;
  // Polling may create the Buffer an object receive fills.
  Napi::HandleScope scope(e.env);
  std::vector<int32_t>& ids = e.polled;
  std::vector<int32_t>& completed = e.completed;
  std::vector<int32_t>& done = e.done;
  ids.clear();
  completed.clear();
  done.clear();
  for (const Watched& w : e.watched) ids.push_back(w.id);
  // An awaited send may need an object receive nobody awaits (irecv then await isend).
  if (request::Pending()) request::Serve(e.env);
  request::PollAll(e.env, ids, completed);
  for (int32_t id : completed) {
    Unwatch(id);
    if (request::Orphaned(id)) request::Release(e.env, id);
    else done.push_back(id);
  }
  uint64_t now = uv_hrtime();
  if (!done.empty()) e.last_activity = now;
  if (watchdog::enabled.load(std::memory_order_relaxed)) CheckAges(now);
  if (e.watched.empty()) {
    Halt();
  } else if (now - e.last_activity > e.spin_ns) {
    Sleep();
  } else {
    Spin();
  }
  if (!done.empty()) Report(done);
}

void SetCallback(const Napi::CallbackInfo& info) {
  engine->on_complete = Napi::Persistent(info[0].As<Napi::Function>());
  engine->on_complete.SuppressDestruct();
}

// configure(spinMicroseconds): Infinity spins whenever anything is awaited.
void Configure(const Napi::CallbackInfo& info) {
  engine->spin_ns = info[0].As<Napi::Number>().DoubleValue() * 1000;
}

template <typename Handle>
void Close(Handle*& handle) {
  if (!handle) return;
  uv_close(reinterpret_cast<uv_handle_t*>(handle), [](uv_handle_t* h) { delete reinterpret_cast<Handle*>(h); });
  handle = nullptr;
}

// The environment is going away: its loop must not keep our handles open
// (a worker's loop would refuse to close: uv_loop_close() with open handles).
void Cleanup(void*) {
  Halt();
  Close(engine->check);
  Close(engine->idle);
  Close(engine->timer);
}

}  // namespace

void Watch(napi_env, int32_t id) {
  Engine& e = *engine;
  uint64_t now = uv_hrtime();
  // Once per slot: MPI_Testsome must never see one request twice (it would free it twice).
  auto already = std::find_if(e.watched.begin(), e.watched.end(), [id](const Watched& w) { return w.id == id; });
  if (already == e.watched.end()) e.watched.push_back(Watched{id, now, false});
  e.last_activity = now;
  if (!e.running) {
    uv_check_start(e.check, OnCheck);
    e.running = true;
  }
  Spin();
}

void Unwatch(int32_t id) {
  if (!engine) return;
  auto& w = engine->watched;
  auto it = std::find_if(w.begin(), w.end(), [id](const Watched& x) { return x.id == id; });
  if (it != w.end()) {
    *it = w.back();
    w.pop_back();
  }
}

void Stop() { Halt(); }

void Init(Napi::Env env, Napi::Object exports) {
  engine = new Engine();
  engine->env = env;
  uv_loop_t* loop = nullptr;
  napi_get_uv_event_loop(env, &loop);
  engine->check = new uv_check_t;
  engine->idle = new uv_idle_t;
  engine->timer = new uv_timer_t;
  uv_check_init(loop, engine->check);
  uv_idle_init(loop, engine->idle);
  uv_timer_init(loop, engine->timer);
  // The check handle only polls; the idle handle or the timer keeps the loop alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(engine->check));
  napi_async_init(env, nullptr, Napi::String::New(env, "mpi4js:progress"), &engine->context);
  napi_add_env_cleanup_hook(env, Cleanup, nullptr);

  auto progress = Napi::Object::New(env);
  progress["setCallback"] = Napi::Function::New(env, SetCallback);
  progress["configure"] = Napi::Function::New(env, Configure);
  exports["progress"] = progress;
}

}  // namespace mpi4js::progress
