// The progress engine: completes awaited requests from libuv's loop, so that
// awaiting MPI leaves timers and I/O running.
//
// Every loop iteration a check handle polls the watched requests. Right after
// activity an idle handle keeps the loop from sleeping (lowest latency: the
// loop spins); past the spin it backs off, pausing briefly before each poll
// (a loaded or oversubscribed node runs the processes that have work); after a
// quiet spell the engine falls back to a 1 ms timer so an idle rank costs
// almost no CPU. While anything is watched a handle stays
// referenced, so a pending request keeps the process alive like a socket.
#pragma once
#include <napi.h>
#include <uv.h>

#include <cstdint>
#include <vector>

namespace mpi4js::progress {

// A libuv handle owned by one object, closed when that object goes (RAII).
// libuv frees it only in the close callback, on a later loop turn, when the
// owner may be gone: that callback frees the handle's memory and nothing else.
template <typename Handle>
class UvHandle {
 public:
  UvHandle() = default;
  UvHandle(const UvHandle&) = delete;
  UvHandle& operator=(const UvHandle&) = delete;
  ~UvHandle() { Close(); }

  // init: uv_check_init, uv_idle_init, ...; data: what the handle's callbacks get.
  void Open(uv_loop_t* loop, int (*init)(uv_loop_t*, Handle*), void* data) {
    handle_ = new Handle;
    init(loop, handle_);
    handle_->data = data;
  }

  Handle* get() const { return handle_; }

  void Close() {
    if (!handle_) return;
    uv_close(reinterpret_cast<uv_handle_t*>(handle_), [](uv_handle_t* h) { delete reinterpret_cast<Handle*>(h); });
    handle_ = nullptr;
  }

 private:
  Handle* handle_ = nullptr;
};

struct Watched {
  int32_t id;
  uint64_t since;  // uv_hrtime() when the engine took it
  bool reported;   // by the watchdog
};

// The progress engine of one environment, on its loop (owned by its Addon,
// addon.h): the environment's teardown destroys it, which closes its handles
// and drops its references.
struct Engine {
  napi_env env = nullptr;
  UvHandle<uv_check_t> check;
  UvHandle<uv_idle_t> idle;
  UvHandle<uv_timer_t> timer;
  std::vector<Watched> watched;
  bool running = false;
  bool spinning = false;
  bool late = false;          // the last completion was found on a tick soon after the engine slept
  uint64_t slept_at = 0;      // uv_hrtime() when the engine last stopped spinning
  uint64_t found_spinning = 0, found_late = 0;  // completions by how they were found, for tests
  uint64_t last_activity = 0;  // uv_hrtime() of the last completion or new request
  uint64_t pause_ns = 0;        // the spin's pause between loop turns, once cooling down
  double spin_ns = 1e6;        // how long to spin after activity; infinite: always
  double backoff_ns = 2e7;     // then how long to poll with pauses before the timer
  Napi::FunctionReference on_complete;
  Napi::Reference<Napi::Int32Array> ids;  // reused to hand completions over
  std::vector<int32_t> polled, completed, done;  // scratch, reused every turn
  // Not destroyed at teardown: napi_async_destroy emits an async-hooks event,
  // which needs the environment that is going away.
  napi_async_context context = nullptr;
};

void Watch(napi_env env, int32_t id);
void Unwatch(napi_env env, int32_t id);

// Stops the engine (before MPI_Finalize).
void Stop(napi_env env);

void Init(Napi::Env env, Napi::Object exports);

}  // namespace mpi4js::progress
