#include "progress.h"

#include <uv.h>

#include <algorithm>
#include <vector>

#include "request.h"

namespace mpi4js::progress {

namespace {

struct Engine {
  napi_env env = nullptr;
  uv_loop_t* loop = nullptr;
  uv_check_t* check = nullptr;
  uv_idle_t* idle = nullptr;
  uv_timer_t* timer = nullptr;
  std::vector<int32_t> watched;
  bool running = false;
  bool spinning = false;
  uint64_t last_activity = 0;   // uv_hrtime() of the last completion or new request
  uint64_t spin_ns = 1000000;   // how long to spin after activity
  Napi::FunctionReference on_complete;
  napi_async_context context = nullptr;
};

Engine* engine = nullptr;

void Spin() {
  if (engine->spinning) return;
  uv_timer_stop(engine->timer);
  uv_idle_start(engine->idle, [](uv_idle_t*) {});
  engine->spinning = true;
}

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

void Report(const std::vector<int32_t>& done) {
  napi_env env = engine->env;
  Napi::HandleScope scope(env);
  auto ids = Napi::Int32Array::New(env, done.size());
  std::copy(done.begin(), done.end(), ids.Data());
  try {
    engine->on_complete.MakeCallback(Napi::Env(env).Global(), {ids}, engine->context);
  } catch (const Napi::Error& e) {
    napi_fatal_exception(env, e.Value());
  }
}

void OnCheck(uv_check_t*) {
  Engine& e = *engine;
  // Polling may create the Buffer an object receive fills.
  Napi::HandleScope scope(e.env);
  std::vector<int32_t> done;
  for (size_t i = 0; i < e.watched.size();) {
    int32_t id = e.watched[i];
    if (request::Poll(e.env, id)) {
      e.watched[i] = e.watched.back();
      e.watched.pop_back();
      if (request::Orphaned(id)) {
        request::Release(e.env, id);
      } else {
        done.push_back(id);
      }
    } else {
      ++i;
    }
  }
  uint64_t now = uv_hrtime();
  if (!done.empty()) e.last_activity = now;
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

void Configure(const Napi::CallbackInfo& info) {
  engine->spin_ns = static_cast<uint64_t>(info[0].As<Napi::Number>().DoubleValue() * 1000);
}

void Cleanup(void*) {
  Halt();
  // The loop may never run again: the handles are leaked rather than closed.
}

}  // namespace

void Watch(napi_env env, int32_t id) {
  Engine& e = *engine;
  e.watched.push_back(id);
  e.last_activity = uv_hrtime();
  if (!e.running) {
    uv_check_start(e.check, OnCheck);
    e.running = true;
  }
  Spin();
}

void Unwatch(int32_t id) {
  if (!engine) return;
  auto& w = engine->watched;
  auto it = std::find(w.begin(), w.end(), id);
  if (it != w.end()) {
    *it = w.back();
    w.pop_back();
  }
}

void Stop() { Halt(); }

void Init(Napi::Env env, Napi::Object exports) {
  engine = new Engine();
  engine->env = env;
  napi_get_uv_event_loop(env, &engine->loop);
  engine->check = new uv_check_t;
  engine->idle = new uv_idle_t;
  engine->timer = new uv_timer_t;
  uv_check_init(engine->loop, engine->check);
  uv_idle_init(engine->loop, engine->idle);
  uv_timer_init(engine->loop, engine->timer);
  // The check handle only polls; it is the idle handle or the timer that keeps the loop alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(engine->check));
  napi_async_init(env, nullptr, Napi::String::New(env, "mpi4js:progress"), &engine->context);
  napi_add_env_cleanup_hook(env, Cleanup, nullptr);

  auto progress = Napi::Object::New(env);
  progress["setCallback"] = Napi::Function::New(env, SetCallback);
  progress["configure"] = Napi::Function::New(env, Configure);
  exports["progress"] = progress;
}

}  // namespace mpi4js::progress
