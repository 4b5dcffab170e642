#include "progress.h"

#include <uv.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

#include "addon.h"
#include "request.h"
#include "watchdog.h"

namespace mpi4js::progress {

namespace {

// After a completion found just too late, how many spin spells the engine spins for.
constexpr double kLateSpins = 4;

// How long a spinning engine polls in one loop turn while nothing completes.
constexpr uint64_t kBurstNs = 10'000;

// Past the spin, the longest pause between two polls while backing off.
constexpr uint64_t kPauseCapNs = 200'000;

// The engine of the environment that calls (addon.h).
Engine& Of(napi_env env) { return Addon::Of(env).progress; }

// Keeps the loop from sleeping: every iteration polls (lowest latency, one core busy).
void Spin(Engine& e) {
  if (e.spinning) return;
  uv_timer_stop(e.timer.get());
  uv_idle_start(e.idle.get(), [](uv_idle_t*) {});
  e.spinning = true;
}

void Poll(Engine& e);

// Lets the loop sleep, waking every millisecond to poll (a few % of a core).
// The timer polls itself: the check handle would run only after the next
// poll phase, which sleeps until the following tick, doubling the delay.
void Sleep(Engine& e) {
  if (!e.spinning) return;
  uv_idle_stop(e.idle.get());
  e.slept_at = uv_hrtime();
  uv_timer_start(e.timer.get(), [](uv_timer_t* t) { Poll(*static_cast<Engine*>(t->data)); }, 1, 1);
  e.spinning = false;
}

// Backing off: past the spin, the engine still polls every loop turn, but
// sleeps a little first, the pause doubling from 1 µs up to kPauseCapNs. A
// process asleep leaves its core to one with work (more ranks than cores, a
// loaded machine: a hot spinner there delays the very peer it waits for), and
// the scheduler runs a process woken from a short sleep promptly, where a
// spinner waits for its next timeslice; timers and I/O wait at most a pause.
// mpi4py.futures' client and workers back off so (time.sleep, doubling).
void Pause(Engine& e) {
  e.pause_ns = std::min<uint64_t>(kPauseCapNs, std::max<uint64_t>(1000, e.pause_ns * 2));
  struct timespec ts = {0, static_cast<long>(e.pause_ns)};
  nanosleep(&ts, nullptr);
}

void Halt(Engine& e) {
  if (!e.running) return;
  uv_check_stop(e.check.get());
  uv_idle_stop(e.idle.get());
  uv_timer_stop(e.timer.get());
  e.running = false;
  e.spinning = false;
}

// Hands the completed ids to JavaScript through one reused Int32Array.
void Report(Engine& e, const std::vector<int32_t>& done) {
  napi_env env = e.env;
  if (e.ids.IsEmpty() || e.ids.Value().ElementLength() < done.size()) {
    e.ids = Napi::Persistent(Napi::Int32Array::New(env, std::max<size_t>(64, done.size() * 2)));
  }
  auto ids = e.ids.Value();
  std::copy(done.begin(), done.end(), ids.Data());
  try {
    e.on_complete.MakeCallback(Napi::Env(env).Global(), {ids, Napi::Number::New(env, done.size())}, e.context);
  } catch (const Napi::Error& err) {
    napi_fatal_exception(env, err.Value());
  }
}

// Awaited requests that have waited too long, for MPI4JS_WATCHDOG.
void CheckAges(Engine& e, uint64_t now) {
  double threshold_ns = watchdog::Threshold() * 1e9;
  for (Watched& w : e.watched) {
    if (w.reported || request::Orphaned(e.env, w.id) || now - w.since < threshold_ns) continue;
    w.reported = true;
    const request::Origin& o = request::OriginOf(e.env, w.id);
    watchdog::Report(o.call, o.comm, o.source, o.tag, o.root, (now - w.since) / 1e9, true);
  }
}

// One pass over the watched requests: report what completed, then choose
// how the loop waits for the rest (spin, sleep on the timer, or stop).
void Poll(Engine& e) {
  // Polling may create the Buffer an object receive fills.
  Napi::HandleScope scope(e.env);
  std::vector<int32_t>& ids = e.polled;
  std::vector<int32_t>& completed = e.completed;
  std::vector<int32_t>& done = e.done;
  ids.clear();
  completed.clear();
  done.clear();
  for (const Watched& w : e.watched) ids.push_back(w.id);
  // While spinning, poll for a short burst before giving the loop its turn: a
  // loop turn costs several µs (timers, an epoll_wait), so a message that
  // arrives just after a poll would otherwise wait that long to be seen. The
  // burst ends at the first completion; timers and I/O wait at most kBurstNs.
  // Backing off (past the spin), one poll a turn: the pause is what leaves the core.
  uint64_t start = uv_hrtime();
  uint64_t until = e.spinning && start - e.last_activity <= e.spin_ns ? start + kBurstNs : 0;
  do {
    // An awaited send may need an object receive nobody awaits (irecv then await isend).
    if (request::Pending(e.env)) request::Serve(e.env);
    request::PollAll(e.env, ids, completed);
  } while (completed.empty() && until && uv_hrtime() < until);
  for (int32_t id : completed) {
    Unwatch(e.env, id);
    if (request::Orphaned(e.env, id)) request::Release(e.env, id);
    else done.push_back(id);
  }
  uint64_t now = uv_hrtime();
  if (!done.empty()) {
    e.last_activity = now;
    e.pause_ns = 0;
    // Found on a timer tick soon after the engine stopped spinning, the
    // completion came just too late: two ranks exchanging messages could fall
    // asleep in step, each replying just after the other stopped spinning, and
    // every message would then wait for a tick. Spinning several spells after
    // such a one breaks that rhythm; one found long after (a slow peer) does
    // not make the engine spin longer, which would only burn CPU.
    e.late = !e.spinning && now - e.slept_at <= e.spin_ns;
    (e.spinning ? e.found_spinning : e.found_late) += done.size();
  }
  if (watchdog::enabled.load(std::memory_order_relaxed)) CheckAges(e, now);
  if (e.watched.empty()) {
    Halt(e);
  } else if (now - e.last_activity > (e.late ? kLateSpins : 1) * (e.spin_ns + e.backoff_ns)) {
    Sleep(e);
  } else {
    Spin(e);
    if (done.empty() && now - e.last_activity > e.spin_ns) Pause(e);
  }
  if (!done.empty()) Report(e, done);
}

// stats() -> [completions found while spinning, completions found on a timer tick].
Napi::Value Stats(const Napi::CallbackInfo& info) {
  const Engine& e = Of(info.Env());
  auto out = Napi::Array::New(info.Env(), 2);
  out.Set(0u, static_cast<double>(e.found_spinning));
  out.Set(1u, static_cast<double>(e.found_late));
  return out;
}

void OnCheck(uv_check_t* check) { Poll(*static_cast<Engine*>(check->data)); }

void SetCallback(const Napi::CallbackInfo& info) {
  Of(info.Env()).on_complete = Napi::Persistent(info[0].As<Napi::Function>());
}

// configure(spinMicroseconds, backoffMicroseconds): a spin of Infinity spins whenever anything is awaited.
void Configure(const Napi::CallbackInfo& info) {
  Engine& e = Of(info.Env());
  e.spin_ns = info[0].As<Napi::Number>().DoubleValue() * 1000;
  e.backoff_ns = info[1].As<Napi::Number>().DoubleValue() * 1000;
}

}  // namespace

void Watch(napi_env env, int32_t id) {
  Engine& e = Of(env);
  uint64_t now = uv_hrtime();
  // Once per slot: MPI_Testsome must never see one request twice (it would free it twice).
  auto already = std::find_if(e.watched.begin(), e.watched.end(), [id](const Watched& w) { return w.id == id; });
  if (already == e.watched.end()) e.watched.push_back(Watched{id, now, false});
  e.last_activity = now;
  e.pause_ns = 0;
  if (!e.running) {
    uv_check_start(e.check.get(), OnCheck);
    e.running = true;
  }
  Spin(e);
}

void Unwatch(napi_env env, int32_t id) {
  auto& w = Of(env).watched;
  auto it = std::find_if(w.begin(), w.end(), [id](const Watched& x) { return x.id == id; });
  if (it != w.end()) {
    *it = w.back();
    w.pop_back();
  }
}

void Stop(napi_env env) { Halt(Of(env)); }

void Init(Napi::Env env, Napi::Object exports) {
  Engine& e = Of(env);
  e.env = env;
  uv_loop_t* loop = nullptr;
  napi_get_uv_event_loop(env, &loop);
  e.check.Open(loop, uv_check_init, &e);
  e.idle.Open(loop, uv_idle_init, &e);
  e.timer.Open(loop, uv_timer_init, &e);
  // The check handle only polls; the idle handle or the timer keeps the loop alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(e.check.get()));
  napi_async_init(env, nullptr, Napi::String::New(env, "mpi4js:progress"), &e.context);

  auto progress = Napi::Object::New(env);
  progress["setCallback"] = Napi::Function::New(env, SetCallback);
  progress["configure"] = Napi::Function::New(env, Configure);
  progress["stats"] = Napi::Function::New(env, Stats);
  exports["progress"] = progress;
}

}  // namespace mpi4js::progress
