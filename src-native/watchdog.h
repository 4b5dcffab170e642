// Hang diagnosis (MPI4JS_WATCHDOG=<seconds>): a rank blocked in one call for
// longer than that prints one line naming the call and its arguments, and what
// is actually waiting to be received, so a wrong source or tag is plain to see.
//
// Blocking calls mark themselves with a Scope; a thread of the addon's own
// notices a Scope that has lasted too long (the JavaScript thread is stuck in
// MPI then, so it cannot). Awaited requests leave the JavaScript thread free,
// and the progress engine (progress.cc) reports them through the same Report.
#pragma once
#include <mpi.h>
#include <napi.h>

#include <atomic>

namespace mpi4js::watchdog {

constexpr int kNone = MPI_UNDEFINED;  // an argument the call does not have

extern std::atomic<bool> enabled;

// User-op reductions under way or in flight (op.cc): MPI may then run a user
// op inside any MPI call, so the watchdog's thread does not probe.
extern std::atomic<int> user_ops;

// Marks a blocking call for its lifetime. Costs one relaxed load when the watchdog is off.
class Scope {
 public:
  Scope(const char* call, MPI_Comm comm, int source, int tag, int root = kNone) {
    if (enabled.load(std::memory_order_relaxed)) Enter(call, comm, source, tag, root);
  }
  ~Scope() {
    if (entered_) Leave();
  }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  void Enter(const char* call, MPI_Comm comm, int source, int tag, int root);
  void Leave();
  bool entered_ = false;
};

// The watchdog's line for a call that has waited `waited` seconds. On the
// JavaScript thread (awaited requests) it may always probe for what is waiting.
void Report(const char* call, MPI_Comm comm, int source, int tag, int root, double waited, bool on_main_thread);

// Seconds a call may wait before it is reported.
double Threshold();

// Starts the thread when MPI4JS_WATCHDOG is set; MPI must be initialised.
void Start(int thread_level);
void Stop();

}  // namespace mpi4js::watchdog
